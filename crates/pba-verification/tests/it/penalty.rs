//! Runs `tests/cases/penalty.toml`.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentId, AssessmentKind, FacilityId, FacilityType};
use pba_verification::{
    IscAnnual, PenaltyRule, ScoredAssessment, VerificationStatus, compare, factor_of,
    penalty_factor,
};
use rust_decimal::Decimal;

use crate::support::{cases, date};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    penalty: String,
    tolerance: Decimal,
    #[serde(default)]
    isc: Option<Decimal>,
    #[serde(default)]
    iva: Option<Decimal>,
    factor: Decimal,
    #[serde(default)]
    reason: Option<String>,
}

#[test]
fn penalty_cases() {
    let file: File = cases("penalty.toml");
    assert!(file.case.len() >= 10, "the case file lost cases");
    let facility = FacilityId::from("F1");
    for case in &file.case {
        let penalty: PenaltyRule = case.penalty.parse().unwrap();
        let annual = BTreeMap::from([(
            facility.clone(),
            IscAnnual {
                facility_id: facility.clone(),
                score: case.isc,
                eligible: true,
            },
        )]);
        let assessments: Vec<ScoredAssessment> = case
            .iva
            .map(|composite| ScoredAssessment {
                assessment_id: AssessmentId::from("V1"),
                facility_id: facility.clone(),
                kind: AssessmentKind::Iva,
                date: date("2019-05-01"),
                valid: true,
                composite: Some(composite),
                indicators: BTreeMap::new(),
            })
            .into_iter()
            .collect();
        let sample = BTreeSet::from([facility.clone()]);
        let registry = BTreeMap::from([(
            facility.clone(),
            ("Gaza".to_owned(), FacilityType::RuralHospital),
        )]);
        let verification = compare(
            &assessments,
            &annual,
            Some(&sample),
            &registry,
            case.tolerance,
        )
        .unwrap();
        let row = verification.rows.first().unwrap();
        let (factor, reason) = penalty_factor(penalty, row);
        assert_eq!(
            factor_of(penalty, row.status, row.isc_score, row.excess),
            (factor, reason),
            "case `{}`: the factor from a row's parts is the same",
            case.name
        );
        assert_eq!(factor, case.factor, "case `{}`: factor", case.name);
        assert_eq!(
            reason.map(str::to_owned),
            case.reason,
            "case `{}`: reason",
            case.name
        );
    }
}

#[test]
fn statuses_round_trip_and_unknown_statuses_are_explained() {
    for status in VerificationStatus::ALL {
        assert_eq!(status.as_str().parse::<VerificationStatus>(), Ok(*status));
    }
    assert_eq!(
        "checked".parse::<VerificationStatus>(),
        Err(
            "unknown status `checked`, expected one of `verified`, `no_isc_score`, `iva_not_scored`, `not_verified`"
                .to_owned()
        )
    );
}
