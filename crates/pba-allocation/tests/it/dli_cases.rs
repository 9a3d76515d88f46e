//! Runs `tests/cases/dli.toml` (format documented in the file).

use std::collections::BTreeMap;

use pba_allocation::{DliPopulation, dli_value};
use pba_scorecard::{DliId, FacilityId, ReceivedRule, ScorecardId};
use pba_scoring::{FacilityScore, IneligibleReason};
use serde::Deserialize;

use crate::fixture::{DistrictCase, FacilityCase, TransferCase, cases, dataset, dec};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    population: String,
    received: String,
    #[serde(default = "default_year")]
    pba_year: i32,
    #[serde(default)]
    districts: Vec<DistrictCase>,
    #[serde(default)]
    facilities: Vec<FacilityCase>,
    #[serde(default)]
    eligibility: Vec<EligibilityCase>,
    #[serde(default)]
    listed: Vec<(String, String)>,
    #[serde(default)]
    transfers: Vec<TransferCase>,
    value: String,
    numerator: u64,
    denominator: u64,
    rows: Vec<RowCase>,
}

fn default_year() -> i32 {
    2020
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityCase {
    facility: String,
    reason: Option<String>,
    fiscal_year: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowCase {
    facility: String,
    counted: bool,
    reason: Option<String>,
    received: Option<String>,
    listed: Option<String>,
}

#[test]
fn dli_cases() {
    let file: File = cases("dli.toml");
    assert!(!file.case.is_empty());
    for case in file.case {
        let name = &case.name;
        let population = match case.population.as_str() {
            "hospitals" => DliPopulation::Hospitals,
            "priority_rural_health_centers" => DliPopulation::PriorityRuralHealthCenters,
            other => panic!("unknown population `{other}`"),
        };
        let received = match case.received.as_str() {
            "full" => ReceivedRule::Full,
            "any" => ReceivedRule::Any,
            other => panic!("unknown received rule `{other}`"),
        };
        let dataset = dataset(&case.districts, &case.facilities, &case.transfers);
        let eligibility: BTreeMap<FacilityId, FacilityScore> = case
            .eligibility
            .iter()
            .map(|row| {
                let id = FacilityId::new(row.facility.as_str());
                let reason = row
                    .reason
                    .as_deref()
                    .map(|code| code.parse::<IneligibleReason>().unwrap());
                let score = FacilityScore {
                    facility_id: id.clone(),
                    fiscal_year: row.fiscal_year.unwrap_or(case.pba_year - 1),
                    score: Some(dec("70")),
                    eligible: reason.is_none(),
                    reason,
                    valid_assessments: 2,
                    assessments: None,
                    scorecard_id: Some(ScorecardId::new("hospital")),
                };
                (id, score)
            })
            .collect();
        let listed: BTreeMap<FacilityId, _> = case
            .listed
            .iter()
            .map(|(facility, amount)| (FacilityId::new(facility.as_str()), dec(amount)))
            .collect();
        let result = dli_value(
            &DliId::new("8"),
            population,
            received,
            case.pba_year,
            &dataset,
            &eligibility,
            &listed,
        )
        .unwrap();
        let value = result
            .value
            .map_or("none".to_owned(), |value| value.to_string());
        assert_eq!(value, case.value, "case `{name}`: value");
        assert_eq!(result.numerator, case.numerator, "case `{name}`: numerator");
        assert_eq!(
            result.denominator, case.denominator,
            "case `{name}`: denominator"
        );
        let found: Vec<&str> = result
            .rows
            .iter()
            .map(|row| row.facility_id.as_str())
            .collect();
        let wanted: Vec<&str> = case.rows.iter().map(|row| row.facility.as_str()).collect();
        assert_eq!(found, wanted, "case `{name}`: rows");
        for (row, want) in result.rows.iter().zip(&case.rows) {
            let at = format!("case `{name}`, facility `{}`", want.facility);
            assert_eq!(row.counted, want.counted, "{at}: counted");
            assert_eq!(
                row.reason.map(|reason| reason.to_string()),
                want.reason,
                "{at}: reason"
            );
            if let Some(received) = &want.received {
                assert_eq!(row.received_amount, dec(received), "{at}: received");
            }
            if let Some(listed) = &want.listed {
                let found = row
                    .listed_amount
                    .map_or("none".to_owned(), |amount| amount.to_string());
                assert_eq!(found, *listed, "{at}: listed");
            }
        }
    }
}
