//! Builds datasets and reads case files for the tests.

use std::path::Path;

use pba_scorecard::{
    AssessmentId, AssessmentKind, BudgetUnit, Date, DistrictId, FacilityId, FacilityType,
    MemberRole, PaymentChannel, Priority, ScorecardId,
};
use pba_scoring::{Assessment, CommitteeMember, Dataset, District, Facility};

/// Reads `tests/cases/<name>` and deserialises it.
pub fn cases<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

pub fn date(text: &str) -> Date {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

/// A facility of a test dataset: its assessments are `<id>-I<n>` (ISC) and
/// `<id>-V<n>` (IVA), n from 1 in list order.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityCase {
    pub id: String,
    pub province: String,
    pub district: String,
    #[serde(rename = "type")]
    pub facility_type: String,
    #[serde(default)]
    pub isc: Vec<String>,
    #[serde(default)]
    pub iva: Vec<String>,
}

/// Adds a facility, its district and its assessments to a dataset. Every
/// assessment has a one-member committee named after it.
pub fn add_facility(dataset: &mut Dataset, case: &FacilityCase) {
    let district_id = DistrictId::from(case.district.as_str());
    dataset
        .districts
        .entry(district_id.clone())
        .or_insert_with(|| District {
            id: district_id.clone(),
            name: case.district.clone(),
            province: case.province.clone(),
            priority: Priority::None,
        });
    let facility_id = FacilityId::from(case.id.as_str());
    dataset.facilities.insert(
        facility_id.clone(),
        Facility {
            id: facility_id.clone(),
            name: case.id.clone(),
            facility_type: case.facility_type.parse::<FacilityType>().unwrap(),
            district_id,
            budget_unit: BudgetUnit::None,
            payment_channel: PaymentChannel::ESistafe,
            beds: None,
            catchment_population: None,
            active: true,
        },
    );
    let visits = [
        ("I", AssessmentKind::Isc, &case.isc),
        ("V", AssessmentKind::Iva, &case.iva),
    ];
    for (letter, kind, dates) in visits {
        for (number, text) in dates.iter().enumerate() {
            let id = AssessmentId::new(format!("{}-{letter}{}", case.id, number + 1));
            dataset.assessments.insert(
                id.clone(),
                Assessment {
                    id: id.clone(),
                    facility_id: facility_id.clone(),
                    scorecard_id: ScorecardId::from("hospital"),
                    scorecard_version: "2019.1".to_owned(),
                    date: date(text),
                    kind,
                    consultation_id: None,
                    values: Vec::new(),
                    committee: vec![CommitteeMember {
                        name: format!("member of {id}"),
                        role: MemberRole::Government,
                        organization: "DPS".to_owned(),
                        home_facility_id: None,
                        attended_consultation: None,
                    }],
                },
            );
        }
    }
}

pub fn dataset(facilities: &[FacilityCase]) -> Dataset {
    let mut dataset = Dataset::default();
    for facility in facilities {
        add_facility(&mut dataset, facility);
    }
    dataset
}
