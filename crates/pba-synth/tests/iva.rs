//! `add_iva_visits`: the IVA's re-assessments follow the sample given, continue
//! the numbering, come after the ISC visit they re-check, are deterministic,
//! and agree with honest committees while catching inflated ones.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentKind, FacilityId, FiscalCalendar};
use pba_scoring::{Dataset, score_year};
use pba_synth::{FacilityCount, SynthConfig, SynthError, add_iva_visits, generate};
use rust_decimal::Decimal;

const YEAR: i32 = 2019;

fn config(count: usize) -> SynthConfig {
    SynthConfig {
        seed: 11,
        facilities: FacilityCount::Count(count),
        first_year: 2018,
        last_year: 2020,
        iva_fraction: Decimal::ZERO,
        ..SynthConfig::default()
    }
}

fn iva_visits(dataset: &Dataset) -> Vec<&pba_scoring::Assessment> {
    dataset
        .assessments
        .values()
        .filter(|assessment| assessment.kind == AssessmentKind::Iva)
        .collect()
}

/// Facilities with an ISC visit dated in `YEAR`.
fn assessed(dataset: &Dataset) -> BTreeSet<FacilityId> {
    dataset
        .assessments
        .values()
        .filter(|assessment| {
            assessment.kind == AssessmentKind::Isc && assessment.date.year() == YEAR
        })
        .map(|assessment| assessment.facility_id.clone())
        .collect()
}

#[test]
fn iva_fraction_zero_turns_the_built_in_draw_off() {
    let dataset = generate(&config(200), &common::shipped()).unwrap();
    assert!(iva_visits(&dataset).is_empty());
}

#[test]
fn visits_follow_the_sample_continue_the_numbering_and_come_after_the_isc_visit() {
    let scorecards = common::shipped();
    let config = config(300);
    let generated = generate(&config, &scorecards).unwrap();
    let last_before = generated.assessments.keys().last().unwrap().clone();
    let selected: BTreeSet<FacilityId> = assessed(&generated).into_iter().step_by(4).collect();
    let mut dataset = generated.clone();
    add_iva_visits(
        &mut dataset,
        &config,
        &scorecards,
        YEAR,
        &selected,
        Decimal::ONE,
    )
    .unwrap();

    let visits = iva_visits(&dataset);
    let visited: BTreeSet<FacilityId> = visits
        .iter()
        .map(|visit| visit.facility_id.clone())
        .collect();
    assert_eq!(
        visited, selected,
        "visit_share 1: every selected facility, no other"
    );
    assert_eq!(visits.len(), selected.len(), "one visit each");
    for visit in &visits {
        assert!(
            visit.id > last_before,
            "`{}` does not continue after `{last_before}`",
            visit.id
        );
        assert_eq!(visit.id.as_str().len(), last_before.as_str().len());
        assert_eq!(visit.date.year(), YEAR);
        let latest = generated
            .assessments
            .values()
            .filter(|isc| isc.facility_id == visit.facility_id && isc.date.year() == YEAR)
            .map(|isc| isc.date)
            .max()
            .unwrap();
        assert!(
            visit.date >= latest,
            "{} before the ISC visit of {latest}",
            visit.date
        );
        if let Some(consultation) = &visit.consultation_id {
            assert_eq!(
                dataset.consultations[consultation].facility_id,
                visit.facility_id
            );
        }
    }
    // Everything that was there is unchanged.
    for (id, assessment) in &generated.assessments {
        assert_eq!(&dataset.assessments[id], assessment);
    }
    assert_eq!(dataset.facilities, generated.facilities);

    let mut again = generated.clone();
    add_iva_visits(
        &mut again,
        &config,
        &scorecards,
        YEAR,
        &selected,
        Decimal::ONE,
    )
    .unwrap();
    assert_eq!(again, dataset, "the same inputs give the same visits");
}

#[test]
fn visit_share_leaves_some_sampled_facilities_unvisited() {
    let scorecards = common::shipped();
    let config = config(400);
    let generated = generate(&config, &scorecards).unwrap();
    let selected = assessed(&generated);
    let mut none = generated.clone();
    add_iva_visits(
        &mut none,
        &config,
        &scorecards,
        YEAR,
        &selected,
        Decimal::ZERO,
    )
    .unwrap();
    assert_eq!(none, generated);
    let mut most = generated.clone();
    add_iva_visits(
        &mut most,
        &config,
        &scorecards,
        YEAR,
        &selected,
        Decimal::new(9, 1),
    )
    .unwrap();
    let visited = iva_visits(&most).len();
    assert!(
        visited * 100 >= selected.len() * 85 && visited < selected.len(),
        "{visited} of {}",
        selected.len()
    );
}

#[test]
fn a_facility_outside_the_registry_or_a_bad_share_is_an_error() {
    let scorecards = common::shipped();
    let config = config(50);
    let mut dataset = generate(&config, &scorecards).unwrap();
    let stranger = BTreeSet::from([FacilityId::from("F999999")]);
    assert_eq!(
        add_iva_visits(
            &mut dataset,
            &config,
            &scorecards,
            YEAR,
            &stranger,
            Decimal::ONE
        ),
        Err(SynthError::NotInRegistry {
            facility_id: FacilityId::from("F999999")
        })
    );
    let error = add_iva_visits(
        &mut dataset,
        &config,
        &scorecards,
        YEAR,
        &BTreeSet::new(),
        Decimal::TWO,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "rate `visit_share` is `2`, expected a fraction between `0` and `1` such as `0.05`"
    );
}

#[test]
fn the_agent_agrees_with_honest_committees_and_catches_inflated_ones() {
    let scorecards = common::shipped();
    let config = SynthConfig {
        facilities: FacilityCount::National,
        ..config(0)
    };
    let mut dataset = generate(&config, &scorecards).unwrap();
    let selected = assessed(&dataset);
    add_iva_visits(
        &mut dataset,
        &config,
        &scorecards,
        YEAR,
        &selected,
        Decimal::ONE,
    )
    .unwrap();
    let scores = score_year(&dataset, &scorecards, FiscalCalendar::default(), 2, YEAR);
    let iva: BTreeMap<&FacilityId, Decimal> = scores
        .assessments
        .iter()
        .filter(|score| score.kind == AssessmentKind::Iva)
        .filter_map(|score| Some((&score.facility_id, score.composite?)))
        .collect();
    let differences: Vec<Decimal> = scores
        .facilities
        .iter()
        .filter(|facility| facility.eligible)
        .filter_map(|facility| Some(facility.score? - *iva.get(&facility.facility_id)?))
        .collect();
    let within = differences
        .iter()
        .filter(|difference| difference.abs() <= Decimal::TEN)
        .count();
    let inflated = differences
        .iter()
        .filter(|difference| **difference > Decimal::TEN)
        .count();
    let deflated = differences
        .iter()
        .filter(|difference| **difference < -Decimal::TEN)
        .count();
    println!(
        "{} compared: {within} within 10 points, {inflated} above, {deflated} below",
        differences.len()
    );
    assert!(differences.len() > 1000, "{}", differences.len());
    assert!(
        within * 100 >= differences.len() * 85,
        "{within} of {}",
        differences.len()
    );
    // About 5 % of facilities inflate their ISC scores by about 15 points.
    assert!(
        inflated * 100 >= differences.len() * 3,
        "{inflated} inflated"
    );
    // Honest committees are off both ways (the latest visit is not the annual
    // mean); inflation only one way.
    assert!(inflated > deflated, "{inflated} above, {deflated} below");
}
