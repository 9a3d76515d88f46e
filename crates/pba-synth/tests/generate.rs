//! `generate`: determinism, national proportions, referential integrity,
//! flaw rates, and scores that spread and rise.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{FacilityType, FiscalCalendar, MemberRole};
use pba_scoring::{Dataset, score_year};
use pba_synth::{FacilityCount, SynthConfig, generate};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn config(seed: u64, facilities: FacilityCount, first_year: i32, last_year: i32) -> SynthConfig {
    SynthConfig {
        seed,
        facilities,
        first_year,
        last_year,
        ..SynthConfig::default()
    }
}

#[test]
fn same_seed_same_dataset_other_seed_other_dataset() {
    let scorecards = common::shipped();
    let one = generate(
        &config(7, FacilityCount::Count(300), 2018, 2019),
        &scorecards,
    )
    .unwrap();
    let again = generate(
        &config(7, FacilityCount::Count(300), 2018, 2019),
        &scorecards,
    )
    .unwrap();
    assert_eq!(one, again);
    let other = generate(
        &config(8, FacilityCount::Count(300), 2018, 2019),
        &scorecards,
    )
    .unwrap();
    assert_ne!(one.assessments, other.assessments);
    assert_ne!(one.facilities, other.facilities);
    // The geography does not depend on the seed.
    assert_eq!(one.districts, other.districts);
}

#[test]
fn national_registry_has_the_national_proportions() {
    let dataset = generate(
        &config(1, FacilityCount::National, 2018, 2020),
        &common::shipped(),
    )
    .unwrap();
    let provinces: BTreeSet<&str> = dataset
        .districts
        .values()
        .map(|district| district.province.as_str())
        .collect();
    assert_eq!(provinces.len(), 11);
    assert_eq!(dataset.districts.len(), 161);
    let priority = dataset
        .districts
        .values()
        .filter(|district| district.priority.is_priority())
        .count();
    assert_eq!(priority, 97);
    let count = |kinds: &[FacilityType]| {
        dataset
            .facilities
            .values()
            .filter(|facility| kinds.contains(&facility.facility_type))
            .count()
    };
    use FacilityType::*;
    assert_eq!(count(&[DistrictHospital, RuralHospital]), 53);
    assert_eq!(count(&[CentralHospital]), 3);
    assert_eq!(count(&[ProvincialHospital]), 8);
    assert_eq!(count(&[GeneralHospital]), 7);
    let rural_centers = count(&[HealthCenterRural1, HealthCenterRural2]);
    let urban_centers = count(&[HealthCenterUrbanA, HealthCenterUrbanB, HealthCenterUrbanC]);
    assert!((1_200..1_600).contains(&rural_centers), "{rural_centers}");
    assert!((120..260).contains(&urban_centers), "{urban_centers}");
    assert!(count(&[HealthCenterRural2]) > 2 * count(&[HealthCenterRural1]));
    for facility in dataset.facilities.values() {
        assert!(facility.catchment_population.is_some());
        if facility.facility_type.is_district_or_rural_hospital() {
            assert!(facility.beds.is_some());
        }
    }
    insta::assert_yaml_snapshot!("national_registry_summary", summary(&dataset));
}

/// Counts by type, budget unit and channel, and by district priority.
fn summary(dataset: &Dataset) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for facility in dataset.facilities.values() {
        let key = format!(
            "facilities/{}/{}/{}",
            facility.facility_type, facility.budget_unit, facility.payment_channel
        );
        *counts.entry(key).or_insert(0) += 1;
        if !facility.active {
            *counts.entry("facilities inactive".to_owned()).or_insert(0) += 1;
        }
    }
    for district in dataset.districts.values() {
        *counts
            .entry(format!("districts/{}", district.priority))
            .or_insert(0) += 1;
    }
    counts.insert("facilities".to_owned(), dataset.facilities.len());
    counts
}

#[test]
fn every_reference_resolves() {
    let dataset = generate(
        &config(3, FacilityCount::National, 2018, 2020),
        &common::shipped(),
    )
    .unwrap();
    for facility in dataset.facilities.values() {
        assert!(
            dataset.districts.contains_key(&facility.district_id),
            "{}",
            facility.id
        );
    }
    for assessment in dataset.assessments.values() {
        assert!(dataset.facilities.contains_key(&assessment.facility_id));
        for member in &assessment.committee {
            if let Some(home) = &member.home_facility_id {
                assert!(dataset.facilities.contains_key(home), "{}", assessment.id);
            }
            if member.role == MemberRole::PeerFacility {
                assert!(member.home_facility_id.is_some());
            }
        }
        if let Some(consultation) = &assessment.consultation_id {
            let consultation = &dataset.consultations[consultation];
            assert_eq!(consultation.facility_id, assessment.facility_id);
        }
        let ids: Vec<_> = assessment
            .values
            .iter()
            .map(|entry| &entry.indicator_id)
            .collect();
        assert!(ids.is_sorted(), "{}", assessment.id);
        assert!((2..=5).contains(&assessment.committee.len()));
    }
    for consultation in dataset.consultations.values() {
        assert!(dataset.facilities.contains_key(&consultation.facility_id));
        assert!(consultation.participants_women <= consultation.participants);
        assert!(consultation.participants_youth <= consultation.participants);
    }
    for transfer in dataset.transfers.values() {
        let facility = &dataset.facilities[&transfer.facility_id];
        assert_eq!(transfer.channel, facility.payment_channel);
        assert!((2019..=2020).contains(&transfer.pba_year));
        assert!(transfer.amount > Decimal::ZERO && transfer.amount.scale() <= 2);
    }
    // Ids sort naturally: zero-padded, and numbered in that order.
    let first = dataset.assessments.keys().next().unwrap().as_str();
    assert_eq!(first, "A000001");
    assert_eq!(dataset.facilities.keys().next().unwrap().as_str(), "F00001");
    assert_eq!(dataset.transfers.keys().next().unwrap().as_str(), "T000001");
    assert_eq!(
        dataset.consultations.keys().next().unwrap().as_str(),
        "C000001"
    );
}

#[test]
fn scores_spread_and_rise_year_to_year() {
    let scorecards = common::shipped();
    let dataset = generate(&config(1, FacilityCount::National, 2018, 2020), &scorecards).unwrap();
    let mut means = Vec::new();
    for year in 2018..=2020 {
        let scores = score_year(&dataset, &scorecards, FiscalCalendar::default(), 2, year);
        let mut annual: Vec<Decimal> = scores
            .facilities
            .iter()
            .filter(|f| f.eligible)
            .filter_map(|f| f.score)
            .collect();
        annual.sort();
        let eligible = annual.len();
        let assessed = scores
            .facilities
            .iter()
            .filter(|f| f.scorecard_id.is_some())
            .count();
        assert!(
            eligible * 100 > assessed * 75,
            "{year}: {eligible} of {assessed} eligible"
        );
        let tenth = annual[eligible / 10];
        let ninetieth = annual[eligible * 9 / 10];
        assert!(
            tenth >= Decimal::from(30) && ninetieth <= Decimal::from(95),
            "{year}: {tenth} {ninetieth}"
        );
        assert!(
            ninetieth - tenth >= Decimal::from(20),
            "{year}: {tenth} {ninetieth}"
        );
        let mean = annual.iter().sum::<Decimal>() / Decimal::from(eligible);
        means.push(mean.round_dp(2));
        println!(
            "{year}: {eligible} eligible of {assessed}, p10 {tenth}, p50 {}, p90 {ninetieth}, max {}",
            annual[eligible / 2],
            annual[eligible - 1]
        );
    }
    assert!(means.windows(2).all(|pair| pair[0] < pair[1]), "{means:?}");
    println!("mean eligible annual score 2018-2020: {means:?}");
}

/// Every reference of `dataset` resolves (what `pba-data` checks on reading).
fn assert_references_resolve(dataset: &Dataset) {
    for facility in dataset.facilities.values() {
        assert!(dataset.districts.contains_key(&facility.district_id));
    }
    for assessment in dataset.assessments.values() {
        assert!(dataset.facilities.contains_key(&assessment.facility_id));
        let homes = assessment
            .committee
            .iter()
            .filter_map(|member| member.home_facility_id.as_ref());
        for home in homes {
            assert!(dataset.facilities.contains_key(home));
        }
        if let Some(consultation) = &assessment.consultation_id {
            assert_eq!(
                dataset.consultations[consultation].facility_id,
                assessment.facility_id
            );
        }
    }
    for transfer in dataset.transfers.values() {
        assert!(dataset.facilities.contains_key(&transfer.facility_id));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any seed and size: the same dataset twice, every reference resolving.
    #[test]
    fn any_seed_is_deterministic_and_consistent(seed in any::<u64>(), count in 1usize..400, years in 0i32..3) {
        let scorecards = common::shipped();
        let config = config(seed, FacilityCount::Count(count), 2018, 2018 + years);
        let dataset = generate(&config, &scorecards).unwrap();
        prop_assert_eq!(dataset.facilities.len(), count);
        assert_references_resolve(&dataset);
        prop_assert_eq!(&dataset, &generate(&config, &scorecards).unwrap());
    }
}
