//! Builds domain values from small test descriptions, and reads case files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pba_scorecard::{
    BudgetUnit, Date, DistrictId, FacilityId, FacilityType, PaymentChannel, Priority, Scope,
    ScorecardId, TransferId,
};
use pba_scoring::{Dataset, District, Facility, FacilityScore, IneligibleReason, Transfer};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Reads and parses `tests/cases/<name>`.
pub fn cases<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

pub fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|error| panic!("`{text}` is not a decimal: {error}"))
}

pub fn scope(text: &str) -> Scope {
    match text.split_once(':') {
        None if text == "national" => Scope::National,
        Some(("province", name)) => Scope::Province(name.to_owned()),
        Some(("district", id)) => Scope::District(DistrictId::new(id)),
        _ => panic!("unknown scope `{text}`"),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictCase {
    pub id: String,
    #[serde(default = "default_province")]
    pub province: String,
    #[serde(default = "default_priority")]
    pub priority: Priority,
}

fn default_province() -> String {
    "North".to_owned()
}

fn default_priority() -> Priority {
    Priority::None
}

fn default_district() -> String {
    "D1".to_owned()
}

fn default_type() -> FacilityType {
    FacilityType::DistrictHospital
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityCase {
    pub id: String,
    #[serde(default = "default_district")]
    pub district: String,
    #[serde(default = "default_type", rename = "type")]
    pub facility_type: FacilityType,
    pub beds: Option<u64>,
    pub population: Option<u64>,
    #[serde(default = "yes")]
    pub active: bool,
    /// Annual score (allocation cases).
    pub score: Option<String>,
    /// Ineligible reason code; eligible when absent.
    pub reason: Option<String>,
    /// `false`: no facility score is given at all.
    #[serde(default = "yes")]
    pub scored: bool,
    /// Fiscal year of the score, when not `pba_year - 1`.
    pub score_year: Option<i32>,
    /// Verification penalty factor (allocation cases); none when absent.
    pub penalty: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferCase {
    pub facility: String,
    pub year: i32,
    pub amount: String,
}

/// One district `D1` in `North` when the case gives none.
pub fn dataset(
    districts: &[DistrictCase],
    facilities: &[FacilityCase],
    transfers: &[TransferCase],
) -> Dataset {
    let mut dataset = Dataset::default();
    let default = [DistrictCase {
        id: default_district(),
        province: default_province(),
        priority: default_priority(),
    }];
    let districts = if districts.is_empty() {
        &default[..]
    } else {
        districts
    };
    for district in districts {
        let id = DistrictId::new(district.id.as_str());
        dataset.districts.insert(
            id.clone(),
            District {
                id,
                name: format!("District {}", district.id),
                province: district.province.clone(),
                priority: district.priority,
            },
        );
    }
    for facility in facilities {
        let id = FacilityId::new(facility.id.as_str());
        let previous = dataset.facilities.insert(
            id.clone(),
            Facility {
                id,
                name: format!("Facility {}", facility.id),
                facility_type: facility.facility_type,
                district_id: DistrictId::new(facility.district.as_str()),
                budget_unit: BudgetUnit::Ugb,
                payment_channel: PaymentChannel::ESistafe,
                beds: facility.beds,
                catchment_population: facility.population,
                active: facility.active,
            },
        );
        assert!(previous.is_none(), "facility `{}` twice", facility.id);
    }
    for (number, transfer) in transfers.iter().enumerate() {
        let id = TransferId::new(format!("T{number:03}"));
        dataset.transfers.insert(
            id.clone(),
            Transfer {
                id,
                facility_id: FacilityId::new(transfer.facility.as_str()),
                pba_year: transfer.year,
                amount: dec(&transfer.amount),
                date: Date::new(transfer.year, 3, 1).unwrap(),
                channel: PaymentChannel::ESistafe,
                reference: String::new(),
            },
        );
    }
    dataset
}

/// Facility scores of fiscal year `fiscal_year` for facilities with `scored`.
/// The verification penalty factors of the facilities that give one.
pub fn penalties(facilities: &[FacilityCase]) -> BTreeMap<FacilityId, Decimal> {
    facilities
        .iter()
        .filter_map(|facility| {
            let factor = dec(facility.penalty.as_deref()?);
            Some((FacilityId::new(facility.id.as_str()), factor))
        })
        .collect()
}

pub fn scores(
    facilities: &[FacilityCase],
    fiscal_year: i32,
) -> BTreeMap<FacilityId, FacilityScore> {
    facilities
        .iter()
        .filter(|facility| facility.scored)
        .map(|facility| {
            let id = FacilityId::new(facility.id.as_str());
            let reason = facility
                .reason
                .as_deref()
                .map(|code| code.parse::<IneligibleReason>().unwrap());
            let score = FacilityScore {
                facility_id: id.clone(),
                fiscal_year: facility.score_year.unwrap_or(fiscal_year),
                score: facility.score.as_deref().map(dec),
                eligible: reason.is_none(),
                reason,
                valid_assessments: if reason.is_none() { 2 } else { 1 },
                assessments: None,
                scorecard_id: Some(ScorecardId::new("hospital")),
            };
            (id, score)
        })
        .collect()
}
