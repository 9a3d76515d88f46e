//! Runs `tests/cases/allocation.toml` (format documented in the file).

use std::collections::{BTreeMap, BTreeSet};

use pba_allocation::allocate_with;
use pba_scorecard::{
    Envelope, FacilityType, Method, MissingRule, PenaltyRule, Policy, PolicyId, Priority,
    ScorecardDefinition, ScorecardId, Tier, WeightBasis,
};
use serde::Deserialize;

use crate::fixture::{DistrictCase, FacilityCase, cases, dataset, dec, penalties, scope, scores};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyCase {
    #[serde(default = "default_year")]
    pub pba_year: i32,
    #[serde(default = "proportional")]
    pub method: String,
    #[serde(default)]
    pub tiers: Vec<(String, String)>,
    #[serde(default = "zero")]
    pub min_score: String,
    #[serde(default = "weight_none")]
    pub weight: String,
    #[serde(default = "centavo")]
    pub unit: String,
    pub cap_share: Option<String>,
    #[serde(default)]
    pub uplift: BTreeMap<Priority, String>,
    pub district_priority: Option<BTreeSet<Priority>>,
    pub applies_to: Option<Vec<FacilityType>>,
    pub envelopes: Vec<(String, String)>,
}

fn default_year() -> i32 {
    2020
}
fn proportional() -> String {
    "proportional".to_owned()
}
fn zero() -> String {
    "0".to_owned()
}
fn weight_none() -> String {
    "none".to_owned()
}
fn centavo() -> String {
    "0.01".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    policy: PolicyCase,
    #[serde(default)]
    districts: Vec<DistrictCase>,
    #[serde(default)]
    facilities: Vec<FacilityCase>,
    rows: Option<Vec<RowCase>>,
    #[serde(default)]
    unallocated: Vec<UnallocatedCase>,
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowCase {
    facility: String,
    envelope: Option<String>,
    amount: String,
    reason: Option<String>,
    share: Option<String>,
    basis: Option<String>,
    weight: Option<String>,
    uplift: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnallocatedCase {
    envelope: String,
    amount: String,
    reason: String,
}

/// The policy and the scorecard it pays, from a case.
pub fn policy(case: &PolicyCase) -> (Policy, ScorecardDefinition) {
    let method = match case.method.as_str() {
        "proportional" => Method::Proportional,
        "above_threshold" => Method::AboveThreshold,
        "tiered" => Method::Tiered {
            tiers: case
                .tiers
                .iter()
                .map(|(from, factor)| Tier {
                    from: dec(from),
                    factor: dec(factor),
                })
                .collect(),
        },
        other => panic!("unknown method `{other}`"),
    };
    let policy = Policy {
        id: PolicyId::new("test"),
        pba_year: case.pba_year,
        scorecard: ScorecardId::new("hospital"),
        currency: "MZN".to_owned(),
        unit: dec(&case.unit),
        method,
        min_score: dec(&case.min_score),
        weight: match case.weight.as_str() {
            "none" => WeightBasis::None,
            "beds" => WeightBasis::Beds,
            "catchment_population" => WeightBasis::CatchmentPopulation,
            other => panic!("unknown weight `{other}`"),
        },
        cap_share: case.cap_share.as_deref().map(dec),
        uplift: case
            .uplift
            .iter()
            .map(|(priority, value)| (*priority, dec(value)))
            .collect(),
        district_priority: case.district_priority.clone(),
        envelopes: case
            .envelopes
            .iter()
            .map(|(text, amount)| Envelope {
                scope: scope(text),
                amount: dec(amount),
            })
            .collect(),
        // The factors come with the facilities (`penalty`): the rule that
        // computed them is not used by the allocation itself.
        verification_penalty: PenaltyRule::None,
    };
    let scorecard = ScorecardDefinition {
        id: ScorecardId::new("hospital"),
        version: "1".to_owned(),
        title: "Hospital".to_owned(),
        applies_to: case
            .applies_to
            .clone()
            .unwrap_or_else(|| vec![FacilityType::DistrictHospital, FacilityType::RuralHospital]),
        dli: Some(8),
        missing: MissingRule::Error,
        critical_cap: None,
        domains: Vec::new(),
        indicators: Vec::new(),
        combine: None,
    };
    (policy, scorecard)
}

#[test]
fn allocation_cases() {
    let file: File = cases("allocation.toml");
    assert!(!file.case.is_empty());
    for case in file.case {
        let name = &case.name;
        let (policy, scorecard) = policy(&case.policy);
        let dataset = dataset(&case.districts, &case.facilities, &[]);
        let scores = scores(&case.facilities, policy.pba_year - 1);
        let penalties = penalties(&case.facilities);
        let list = match (
            &case.error,
            allocate_with(&policy, &scorecard, &dataset, &scores, &penalties),
        ) {
            (None, Ok(list)) => list,
            (Some(expected), Err(error)) => {
                let message = error.to_string();
                assert!(
                    message.contains(expected.as_str()),
                    "case `{name}`: `{message}`"
                );
                continue;
            }
            (_, result) => panic!("case `{name}`: unexpected {result:?}"),
        };
        let expected = case.rows.as_ref().expect("`rows` or `error`");
        let found: Vec<&str> = list
            .rows
            .iter()
            .map(|row| row.facility_id.as_str())
            .collect();
        let wanted: Vec<&str> = expected.iter().map(|row| row.facility.as_str()).collect();
        assert_eq!(found, wanted, "case `{name}`: rows and their order");
        for (row, want) in list.rows.iter().zip(expected) {
            let at = format!("case `{name}`, facility `{}`", want.facility);
            assert_eq!(row.amount.to_string(), want.amount, "{at}: amount");
            assert_eq!(
                row.reason.map(|reason| reason.to_string()),
                want.reason,
                "{at}: reason"
            );
            if let Some(envelope) = &want.envelope {
                assert_eq!(row.envelope.to_string(), *envelope, "{at}: envelope");
            }
            if let Some(share) = &want.share {
                assert_eq!(row.share.to_string(), *share, "{at}: share");
            }
            if let Some(basis) = &want.basis {
                let found = row
                    .basis
                    .map_or("none".to_owned(), |basis| basis.to_string());
                assert_eq!(found, *basis, "{at}: basis");
            }
            if let Some(weight) = &want.weight {
                let found = row
                    .weight
                    .map_or("none".to_owned(), |weight| weight.to_string());
                assert_eq!(found, *weight, "{at}: weight");
            }
            if let Some(uplift) = &want.uplift {
                assert_eq!(row.uplift, dec(uplift), "{at}: uplift");
            }
            assert_eq!(row.pba_year, policy.pba_year, "{at}: pba_year");
        }
        let unallocated: Vec<(String, String, String)> = list
            .unallocated
            .iter()
            .map(|row| {
                (
                    row.envelope.to_string(),
                    row.amount.to_string(),
                    row.reason.to_string(),
                )
            })
            .collect();
        let wanted: Vec<(String, String, String)> = case
            .unallocated
            .iter()
            .map(|row| (row.envelope.clone(), row.amount.clone(), row.reason.clone()))
            .collect();
        assert_eq!(unallocated, wanted, "case `{name}`: unallocated");
        // Every envelope adds up: allocated + unallocated = amount.
        for summary in &list.envelopes {
            assert_eq!(
                summary.allocated + summary.unallocated,
                summary.amount,
                "case `{name}`: envelope `{}`",
                summary.scope
            );
        }
    }
}
