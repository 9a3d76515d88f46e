//! Runs `tests/cases/comparison.toml`.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentId, AssessmentKind, FacilityId, FacilityType, IndicatorId};
use pba_verification::{
    FacilityVerification, IscAnnual, ScoredAssessment, SummaryRow, Verification, compare,
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
pub struct Case {
    pub name: String,
    #[serde(default = "default_tolerance")]
    pub tolerance: Decimal,
    #[serde(default)]
    pub sample: Option<Vec<String>>,
    pub facilities: Vec<RegistryCase>,
    pub annual: Vec<AnnualCase>,
    pub assessments: Vec<AssessmentCase>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub expected: Option<Expected>,
}

fn default_tolerance() -> Decimal {
    Decimal::TEN
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryCase {
    pub id: String,
    pub province: String,
    #[serde(default = "default_type", rename = "type")]
    pub facility_type: String,
}

fn default_type() -> String {
    "district_hospital".to_owned()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualCase {
    pub facility: String,
    #[serde(default)]
    pub score: Option<Decimal>,
    #[serde(default = "yes")]
    pub eligible: bool,
}

fn yes() -> bool {
    true
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentCase {
    pub id: String,
    pub facility: String,
    pub kind: String,
    pub date: String,
    #[serde(default = "yes")]
    pub valid: bool,
    #[serde(default)]
    pub composite: Option<Decimal>,
    #[serde(default)]
    pub indicators: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    rows: Vec<String>,
    overall: String,
    provinces: Vec<String>,
    largest: Vec<String>,
}

pub type Inputs = (
    Vec<ScoredAssessment>,
    BTreeMap<FacilityId, IscAnnual>,
    Option<BTreeSet<FacilityId>>,
    BTreeMap<FacilityId, (String, FacilityType)>,
);

/// The inputs of [`compare`] described by a case.
pub fn inputs(case: &Case) -> Inputs {
    let assessments = case
        .assessments
        .iter()
        .map(|assessment| ScoredAssessment {
            assessment_id: AssessmentId::from(assessment.id.as_str()),
            facility_id: FacilityId::from(assessment.facility.as_str()),
            kind: assessment.kind.parse::<AssessmentKind>().unwrap(),
            date: date(&assessment.date),
            valid: assessment.valid,
            composite: assessment.composite,
            indicators: assessment
                .indicators
                .iter()
                .map(|(id, value)| {
                    let fraction = (value != "na").then(|| value.parse::<Decimal>().unwrap());
                    (IndicatorId::from(id.as_str()), fraction)
                })
                .collect(),
        })
        .collect();
    let annual = case
        .annual
        .iter()
        .map(|annual| {
            let facility_id = FacilityId::from(annual.facility.as_str());
            let score = IscAnnual {
                facility_id: facility_id.clone(),
                score: annual.score,
                eligible: annual.eligible,
            };
            (facility_id, score)
        })
        .collect();
    let sample = case
        .sample
        .as_ref()
        .map(|ids| ids.iter().map(|id| FacilityId::from(id.as_str())).collect());
    let registry = case
        .facilities
        .iter()
        .map(|facility| {
            let facility_type = facility.facility_type.parse::<FacilityType>().unwrap();
            (
                FacilityId::from(facility.id.as_str()),
                (facility.province.clone(), facility_type),
            )
        })
        .collect();
    (assessments, annual, sample, registry)
}

pub fn run(case: &Case) -> Result<Verification, pba_verification::VerificationError> {
    let (assessments, annual, sample, registry) = inputs(case);
    compare(
        &assessments,
        &annual,
        sample.as_ref(),
        &registry,
        case.tolerance,
    )
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |value| value.to_string())
}

fn render_row(row: &FacilityVerification) -> String {
    let closest = row.closest.as_ref().map(|closest| {
        let disagree: Vec<&str> = closest
            .disagreeing_indicators
            .iter()
            .map(IndicatorId::as_str)
            .collect();
        let disagree = if disagree.is_empty() {
            "-".to_owned()
        } else {
            disagree.join(",")
        };
        format!(
            "{}@{}:{}/{} iva={} days={} disagree={disagree}",
            closest.assessment_id,
            closest.date,
            closest.composite,
            closest.difference,
            closest.iva_assessment_id,
            closest.days_apart,
        )
    });
    format!(
        "{} {} sampled={} eligible={} visits={} isc={} iva={} diff={} within={} excess={} closest={}",
        row.facility_id,
        row.status.as_str(),
        row.sampled,
        row.isc_eligible,
        row.iva_visits,
        text(row.isc_score),
        text(row.iva_score),
        text(row.difference),
        text(row.within_tolerance),
        row.excess,
        text(closest),
    )
}

fn render_summary(row: &SummaryRow) -> String {
    let counts = format!(
        "sampled={} not_verified={} verified={} within={} share={} mean={}",
        text(row.sampled),
        row.not_verified,
        row.verified,
        row.within_tolerance,
        text(row.share_within),
        text(row.mean_absolute_difference),
    );
    match &row.province {
        Some(province) => format!("{province} {counts}"),
        None => counts,
    }
}

#[test]
fn comparison_cases() {
    let file: File = cases("comparison.toml");
    assert!(file.case.len() >= 12, "the case file lost cases");
    for case in &file.case {
        match (&case.error, &case.expected, run(case)) {
            (Some(error), None, Err(found)) => {
                assert_eq!(&found.to_string(), error, "case `{}`", case.name);
            }
            (None, Some(expected), Ok(verification)) => {
                let rows: Vec<String> = verification.rows.iter().map(render_row).collect();
                assert_eq!(rows, expected.rows, "case `{}`: rows", case.name);
                let summary = &verification.summary;
                assert_eq!(
                    render_summary(&summary.overall),
                    expected.overall,
                    "case `{}`: overall",
                    case.name
                );
                let provinces: Vec<String> = summary.provinces.iter().map(render_summary).collect();
                assert_eq!(
                    provinces, expected.provinces,
                    "case `{}`: provinces",
                    case.name
                );
                let largest: Vec<String> = summary
                    .largest_discrepancies
                    .iter()
                    .map(|row| format!("{} {}", row.facility_id, row.difference))
                    .collect();
                assert_eq!(largest, expected.largest, "case `{}`: largest", case.name);
                assert_eq!(verification.tolerance, case.tolerance);
            }
            (_, _, result) => panic!("case `{}`: unexpected outcome {result:?}", case.name),
        }
    }
}
