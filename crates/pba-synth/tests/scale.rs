//! 100,000 facilities × 1 fiscal year, the benchmark size: generated, ids
//! still sort naturally, and the time is printed (`cargo test --release -p
//! pba-synth --test scale -- --nocapture`); the time is reported, not asserted.
//! Debug builds (plain `cargo test`) run 20,000 facilities to stay quick.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use std::time::Instant;

use pba_scorecard::FacilityType;
use pba_synth::{FacilityCount, SynthConfig, generate};

#[test]
fn one_hundred_thousand_facilities_for_one_year() {
    let scorecards = common::shipped();
    let count = if cfg!(debug_assertions) {
        20_000
    } else {
        100_000
    };
    let config = SynthConfig {
        facilities: FacilityCount::Count(count),
        first_year: 2019,
        last_year: 2019,
        ..SynthConfig::default()
    };
    let started = Instant::now();
    let dataset = generate(&config, &scorecards).unwrap();
    let elapsed = started.elapsed();
    let values: usize = dataset
        .assessments
        .values()
        .map(|assessment| assessment.values.len())
        .sum();
    println!(
        "generated {} facilities, {} assessments ({values} values), {} consultations in {elapsed:?}",
        dataset.facilities.len(),
        dataset.assessments.len(),
        dataset.consultations.len(),
    );
    assert_eq!(dataset.facilities.len(), count);
    let (first, last) = if count == 100_000 {
        ("F000001", "F100000")
    } else {
        ("F00001", "F20000")
    };
    assert_eq!(dataset.facilities.keys().next().unwrap().as_str(), first);
    assert_eq!(dataset.facilities.keys().last().unwrap().as_str(), last);
    // The national mix is kept: about 3.4 % district/rural hospitals.
    let hospitals = dataset
        .facilities
        .values()
        .filter(|facility| facility.facility_type.is_district_or_rural_hospital())
        .count();
    assert!(
        hospitals * 1000 > count * 30 && hospitals * 1000 < count * 38,
        "{hospitals}"
    );
    let urban_a = dataset
        .facilities
        .values()
        .filter(|facility| facility.facility_type == FacilityType::HealthCenterUrbanA)
        .count();
    assert!(urban_a > 0);
    // No transfers: the PBA year 2020 is outside 2019-2019.
    assert!(dataset.transfers.is_empty());
    assert!(dataset.assessments.len() > count * 3 / 2);
}
