//! Invariants of sampling and comparison, on generated inputs.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::IndicatorId;
use pba_scorecard::{AssessmentId, AssessmentKind, FacilityId, FacilityType, FiscalCalendar};
use pba_scoring::Dataset;
use pba_verification::{
    IscAnnual, Sample, ScoredAssessment, Stratum, compare, draw_sample, selected_count,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::support::{FacilityCase, add_facility, date};

const PROVINCES: [&str; 3] = ["Gaza", "Niassa", "Tete"];
const TYPES: [&str; 3] = [
    "district_hospital",
    "rural_hospital",
    "health_center_rural_1",
];

fn facilities() -> impl Strategy<Value = Vec<FacilityCase>> {
    let visit = (2018..=2020_i32, 1..=12_u8, 1..=28_u8)
        .prop_map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}"));
    let facility = (
        0..3_usize,
        0..3_usize,
        0..2_usize,
        prop::collection::vec(visit, 0..4),
    );
    prop::collection::vec(facility, 0..30).prop_map(|facilities| {
        facilities
            .into_iter()
            .enumerate()
            .map(|(index, (province, kind, district, isc))| FacilityCase {
                id: format!("F{index:03}"),
                province: PROVINCES[province].to_owned(),
                district: format!("{}-{district}", PROVINCES[province]),
                facility_type: TYPES[kind].to_owned(),
                isc,
                iva: Vec::new(),
            })
            .collect()
    })
}

fn sample(dataset: &Dataset, fraction: Decimal, seed: &str) -> Sample {
    draw_sample(
        dataset,
        FiscalCalendar::default(),
        2019,
        fraction,
        seed,
        Stratum::DEFAULT,
    )
    .unwrap()
}

/// What a sample says, without assessment ids (which the reordering renames).
fn selection(sample: &Sample) -> Vec<(String, u64, FacilityId, String, Vec<String>)> {
    sample
        .rows
        .iter()
        .map(|row| {
            let dates = row
                .assessments
                .iter()
                .map(|check| check.date.to_string())
                .collect();
            (
                row.stratum.clone(),
                row.rank,
                row.facility_id.clone(),
                row.hash.clone(),
                dates,
            )
        })
        .collect()
}

proptest! {
    #[test]
    fn same_seed_same_sample_whatever_the_input_order(
        facilities in facilities(),
        fraction in 0..=100_i64,
        seed in "[a-z0-9-]{1,12}",
    ) {
        let fraction = Decimal::new(fraction, 2);
        let mut forward = Dataset::default();
        for facility in &facilities {
            add_facility(&mut forward, facility);
        }
        // Reversed insertion, and every assessment renamed so that the
        // assessment-id order is reversed too.
        let mut reversed = Dataset::default();
        for facility in facilities.iter().rev() {
            let mut renamed = facility.clone();
            renamed.isc.reverse();
            add_facility(&mut reversed, &renamed);
        }
        reversed.assessments = reversed
            .assessments
            .into_values()
            .map(|mut assessment| {
                assessment.id = AssessmentId::new(format!("Z-{}", assessment.id));
                (assessment.id.clone(), assessment)
            })
            .collect();
        let first = sample(&forward, fraction, &seed);
        let second = sample(&reversed, fraction, &seed);
        prop_assert_eq!(selection(&first), selection(&second));
        prop_assert_eq!(&first.summary, &second.summary);
    }

    #[test]
    fn fraction_one_selects_everyone_with_an_isc_visit_in_the_year(
        facilities in facilities(),
        seed in "[a-z0-9]{1,8}",
    ) {
        let dataset = crate::support::dataset(&facilities);
        let drawn = sample(&dataset, Decimal::ONE, &seed);
        let population: BTreeSet<FacilityId> = facilities
            .iter()
            .filter(|facility| facility.isc.iter().any(|visit| visit.starts_with("2019-")))
            .map(|facility| FacilityId::from(facility.id.as_str()))
            .collect();
        prop_assert_eq!(drawn.selected_ids(), population);
    }

    #[test]
    fn each_stratum_gives_the_ceiling_of_fraction_times_size_and_grows_with_the_fraction(
        facilities in facilities(),
        smaller in 0..=100_i64,
        larger in 0..=100_i64,
        seed in "[a-z0-9]{1,8}",
    ) {
        let (smaller, larger) = (smaller.min(larger), smaller.max(larger));
        let dataset = crate::support::dataset(&facilities);
        let small = sample(&dataset, Decimal::new(smaller, 2), &seed);
        let large = sample(&dataset, Decimal::new(larger, 2), &seed);
        for drawn in [&small, &large] {
            for stratum in &drawn.summary {
                let rows = drawn.rows.iter().filter(|row| row.stratum == stratum.stratum).count();
                prop_assert_eq!(u64::try_from(rows).unwrap(), stratum.selected);
                prop_assert_eq!(stratum.selected, selected_count(drawn.fraction, stratum.size).unwrap());
                // ceil(F × size) by integer arithmetic: F = p/100.
                let percent = u64::try_from(drawn.fraction.mantissa()).unwrap()
                    * 10_u64.pow(2 - drawn.fraction.scale());
                prop_assert_eq!(stratum.selected, (percent * stratum.size).div_ceil(100));
            }
        }
        prop_assert!(small.selected_ids().is_subset(&large.selected_ids()));
    }

    #[test]
    fn comparison_does_not_depend_on_the_order_of_assessments(
        visits in prop::collection::vec(
            (0..4_usize, any::<bool>(), 1..=60_u8, any::<bool>(), prop::option::of(0..=10_000_i64), 0..=2_i64),
            0..20,
        ),
        tolerance in 0..=2_000_i64,
    ) {
        let facility = |index: usize| FacilityId::new(format!("F{index}"));
        let assessments: Vec<ScoredAssessment> = visits
            .iter()
            .enumerate()
            .map(|(index, (owner, iva, day, valid, composite, h01))| ScoredAssessment {
                assessment_id: AssessmentId::new(format!("A{index:02}")),
                facility_id: facility(*owner),
                kind: if *iva { AssessmentKind::Iva } else { AssessmentKind::Isc },
                date: date(&format!("2019-{:02}-{:02}", 1 + day / 28, 1 + day % 28)),
                valid: *valid,
                composite: composite.map(|value| Decimal::new(value, 2)),
                indicators: BTreeMap::from([(IndicatorId::from("H01"), Some(Decimal::new(*h01, 1)))]),
            })
            .collect();
        let annual: BTreeMap<FacilityId, IscAnnual> = (0..4)
            .map(|index| {
                let score = (index != 3).then(|| Decimal::new(5_000 + 1_000 * i64::try_from(index).unwrap(), 2));
                (facility(index), IscAnnual { facility_id: facility(index), score, eligible: true })
            })
            .collect();
        let registry: BTreeMap<FacilityId, (String, FacilityType)> = (0..4)
            .map(|index| (facility(index), (PROVINCES[index % 3].to_owned(), FacilityType::RuralHospital)))
            .collect();
        let sample = BTreeSet::from([facility(0), facility(1)]);
        let tolerance = Decimal::new(tolerance, 2);
        let forward = compare(&assessments, &annual, Some(&sample), &registry, tolerance).unwrap();
        let mut reversed_input = assessments.clone();
        reversed_input.reverse();
        let reversed = compare(&reversed_input, &annual, Some(&sample), &registry, tolerance).unwrap();
        prop_assert_eq!(&forward, &reversed);
        for row in &forward.rows {
            if let Some(difference) = row.difference {
                prop_assert_eq!(row.within_tolerance, Some(difference.abs() <= tolerance));
                prop_assert!(row.excess >= Decimal::ZERO);
            }
        }
    }
}
