//! Property tests of the invariants: exact sums, no negative amount, caps
//! respected, fairness between equal and higher claims, order independence,
//! a facility that does not qualify changing no other amount,
//! and disbursement bounds and monotonicity.

use std::collections::BTreeMap;

use pba_allocation::{PbaReason, allocate, allocate_with, apportion, apportion_with_cap, disburse};
use pba_scorecard::{DliId, FacilityId};
use pba_scoring::FacilityScore;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::allocation_cases::{PolicyCase, policy};
use crate::disbursement_cases::{SeriesCase, program};
use crate::fixture::{FacilityCase, dataset};

fn unit() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::new(1, 2)),
        Just(Decimal::new(5, 2)),
        Just(Decimal::ONE),
        Just(Decimal::new(1000, 0)),
    ]
}

fn claim() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        6 => (0_i64..1_000_000, 0_u32..4).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
    ]
}

/// Claims keyed `k00`, `k01`, ... (distinct keys).
fn claims(max: usize) -> impl Strategy<Value = Vec<(String, Decimal)>> {
    prop::collection::vec(claim(), 0..max).prop_map(|claims| {
        claims
            .into_iter()
            .enumerate()
            .map(|(index, claim)| (format!("k{index:02}"), claim))
            .collect()
    })
}

/// Active district hospital `F<index>` in `D1` scored `hundredths / 100` for
/// fiscal year 2019; an ineligible one has `too_few_valid_assessments`.
fn hospital(index: usize, hundredths: i64, beds: Option<u64>, eligible: bool) -> FacilityCase {
    FacilityCase {
        id: format!("F{index:02}"),
        district: "D1".to_owned(),
        facility_type: pba_scorecard::FacilityType::DistrictHospital,
        beds,
        population: None,
        active: true,
        score: Some(Decimal::new(hundredths, 2).to_string()),
        reason: (!eligible).then(|| "too_few_valid_assessments".to_owned()),
        scored: true,
        score_year: None,
        penalty: None,
    }
}

/// What the allocation properties vary in a one-envelope national policy.
struct NationalCase {
    method: String,
    tiers: Vec<(String, String)>,
    min_score: String,
    weight: String,
    /// Cap share in hundredths.
    cap: Option<i64>,
    envelope: Decimal,
}

/// A national policy of PBA year 2020, unit 0.01, no uplift.
fn national(case: NationalCase) -> PolicyCase {
    PolicyCase {
        pba_year: 2020,
        method: case.method,
        tiers: case.tiers,
        min_score: case.min_score,
        weight: case.weight,
        unit: "0.01".to_owned(),
        cap_share: case.cap.map(|cap| Decimal::new(cap, 2).to_string()),
        uplift: BTreeMap::new(),
        district_priority: None,
        applies_to: None,
        envelopes: vec![("national".to_owned(), case.envelope.to_string())],
    }
}

fn sum(amounts: &[(String, Decimal)]) -> Decimal {
    amounts.iter().map(|(_, amount)| *amount).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn apportionment_adds_up_exactly_and_stays_within_a_unit_of_the_quota(
        units in 0_i64..10_000_000,
        unit in unit(),
        claims in claims(12),
    ) {
        let total = Decimal::from(units) * unit;
        let amounts = apportion(total, unit, &claims).unwrap();
        prop_assert_eq!(amounts.len(), claims.len());
        let weights: Decimal = claims.iter().map(|(_, claim)| *claim).sum();
        for ((key, amount), (claim_key, claim)) in amounts.iter().zip(&claims) {
            prop_assert_eq!(key, claim_key);
            prop_assert!(*amount >= Decimal::ZERO);
            prop_assert!((*amount % unit).is_zero(), "{} is not a multiple of {}", amount, unit);
            prop_assert_eq!(amount.scale(), unit.scale());
            if !weights.is_zero() {
                let quota = total * *claim / weights;
                prop_assert!((*amount - quota).abs() < unit, "{} is a unit or more from {}", amount, quota);
            }
        }
        if weights.is_zero() {
            prop_assert_eq!(sum(&amounts), Decimal::ZERO);
        } else {
            prop_assert_eq!(sum(&amounts), total);
        }
    }

    #[test]
    fn apportionment_ignores_input_order(
        units in 0_i64..1_000_000,
        claims in claims(10),
        rotation in 0_usize..10,
        cap in prop::option::of(1_i64..=100),
    ) {
        let unit = Decimal::new(1, 2);
        let total = Decimal::from(units) * unit;
        let mut reordered = claims.clone();
        reordered.reverse();
        if !reordered.is_empty() {
            let rotation = rotation % reordered.len();
            reordered.rotate_left(rotation);
        }
        prop_assert_eq!(apportion(total, unit, &claims).unwrap(), apportion(total, unit, &reordered).unwrap());
        let cap = cap.map(|percent| Decimal::new(percent, 2));
        prop_assert_eq!(
            apportion_with_cap(total, unit, cap, &claims).unwrap(),
            apportion_with_cap(total, unit, cap, &reordered).unwrap()
        );
    }

    #[test]
    fn equal_claims_differ_by_at_most_one_unit(
        units in 0_i64..1_000_000,
        count in 1_usize..20,
        unit in unit(),
    ) {
        let total = Decimal::from(units) * unit;
        let claims: Vec<(String, Decimal)> =
            (0..count).map(|index| (format!("k{index:02}"), Decimal::new(6134, 2))).collect();
        let amounts = apportion(total, unit, &claims).unwrap();
        let smallest = amounts.iter().map(|(_, amount)| *amount).min().unwrap();
        let largest = amounts.iter().map(|(_, amount)| *amount).max().unwrap();
        prop_assert!(largest - smallest <= unit);
        // The extra units go to the smallest keys.
        let mut sorted = amounts.iter().map(|(_, amount)| *amount).collect::<Vec<_>>();
        sorted.sort_by(|left, right| right.cmp(left));
        prop_assert_eq!(sorted, amounts.iter().map(|(_, amount)| *amount).collect::<Vec<_>>());
    }

    #[test]
    fn caps_are_respected_and_nothing_is_lost(
        units in 1_i64..10_000_000,
        unit in unit(),
        claims in claims(12),
        cap in 1_i64..=100,
    ) {
        let total = Decimal::from(units) * unit;
        let cap = Decimal::new(cap, 2);
        let outcome = apportion_with_cap(total, unit, Some(cap), &claims).unwrap();
        let cap_amount = outcome.cap_amount.unwrap();
        prop_assert!(cap_amount <= cap * total);
        prop_assert!(cap * total - cap_amount < unit);
        for (key, amount) in &outcome.amounts {
            prop_assert!(*amount >= Decimal::ZERO);
            prop_assert!(*amount <= cap_amount, "{} above the cap {}", amount, cap_amount);
            if outcome.capped.contains(key) {
                prop_assert_eq!(*amount, cap_amount);
            }
        }
        prop_assert!(outcome.unallocated >= Decimal::ZERO);
        prop_assert_eq!(sum(&outcome.amounts) + outcome.unallocated, total);
        let positive = claims.iter().filter(|(_, claim)| *claim > Decimal::ZERO).count();
        if positive > 0 && !outcome.all_capped {
            prop_assert_eq!(outcome.unallocated, Decimal::ZERO);
        }
    }

    #[test]
    fn allocation_adds_up_and_a_higher_score_never_gets_less(
        facilities in prop::collection::vec((0_i64..=10_000, prop::bool::weighted(0.8), prop::bool::weighted(0.9)), 0..12),
        envelope_units in 1_i64..10_000_000,
        cap in prop::option::of(5_i64..=100),
        min_score in 0_i64..60,
    ) {
        let cases: Vec<FacilityCase> = facilities
            .iter()
            .enumerate()
            .map(|(index, (score, eligible, active))| FacilityCase {
                active: *active,
                ..hospital(index, *score, None, *eligible)
            })
            .collect();
        let envelope = Decimal::new(envelope_units, 2);
        let (policy, scorecard) = policy(&national(NationalCase { method: "proportional".to_owned(), tiers: Vec::new(), min_score: min_score.to_string(), weight: "none".to_owned(), cap, envelope }));
        let dataset = dataset(&[], &cases, &[]);
        let scores: BTreeMap<FacilityId, FacilityScore> = crate::fixture::scores(&cases, 2019);
        let list = allocate(&policy, &scorecard, &dataset, &scores).unwrap();
        prop_assert_eq!(list.rows.len(), cases.len());
        let allocated: Decimal = list.rows.iter().map(|row| row.amount).sum();
        let unallocated: Decimal = list.unallocated.iter().map(|row| row.amount).sum();
        prop_assert_eq!(allocated + unallocated, envelope);
        for row in &list.rows {
            prop_assert!(row.amount >= Decimal::ZERO);
            if let Some(cap) = cap {
                prop_assert!(row.amount <= Decimal::new(cap, 2) * envelope);
            }
            if row.amount > Decimal::ZERO {
                prop_assert!(row.eligible && row.reason.is_none() || row.reason == Some(pba_allocation::PbaReason::Capped));
            }
        }
        let qualifying: Vec<_> = list.rows.iter().filter(|row| row.basis.is_some()).collect();
        for left in &qualifying {
            for right in &qualifying {
                if left.score > right.score {
                    prop_assert!(left.amount >= right.amount, "{:?} gets less than {:?}", left, right);
                }
            }
        }
    }

    #[test]
    fn a_verification_penalty_never_increases_the_facilitys_amount(
        facilities in prop::collection::vec((0_i64..=10_000, prop::bool::weighted(0.9), 1_u64..500), 1..12),
        envelope_units in 1_i64..10_000_000,
        cap in prop::option::of(5_i64..=100),
        weight in prop_oneof![Just("none"), Just("beds")],
        penalised in 0_usize..12,
        factor in 0_i64..=1_000_000,
    ) {
        let cases: Vec<FacilityCase> = facilities
            .iter()
            .enumerate()
            .map(|(index, (score, eligible, beds))| hospital(index, *score, Some(*beds), *eligible))
            .collect();
        let envelope = Decimal::new(envelope_units, 2);
        let (policy, scorecard) = policy(&national(NationalCase { method: "proportional".to_owned(), tiers: Vec::new(), min_score: "0".to_owned(), weight: weight.to_owned(), cap, envelope }));
        let dataset = dataset(&[], &cases, &[]);
        let scores: BTreeMap<FacilityId, FacilityScore> = crate::fixture::scores(&cases, 2019);
        let facility = FacilityId::new(format!("F{:02}", penalised % cases.len()));
        let factor = Decimal::new(factor, 6);
        let penalties = BTreeMap::from([(facility.clone(), factor)]);
        let without = allocate(&policy, &scorecard, &dataset, &scores).unwrap();
        let with = allocate_with(&policy, &scorecard, &dataset, &scores, &penalties).unwrap();
        let amount = |list: &pba_allocation::PbaList| {
            list.rows.iter().find(|row| row.facility_id == facility).map(|row| row.amount)
        };
        prop_assert!(amount(&with) <= amount(&without), "{:?} > {:?}", amount(&with), amount(&without));
        let allocated: Decimal = with.rows.iter().map(|row| row.amount).sum();
        let unallocated: Decimal = with.unallocated.iter().map(|row| row.amount).sum();
        prop_assert_eq!(allocated + unallocated, envelope);
        let row = with.rows.iter().find(|row| row.facility_id == facility).unwrap();
        if row.basis.is_some_and(|basis| !basis.is_zero()) && factor < Decimal::ONE {
            prop_assert_eq!(row.reason, Some(PbaReason::VerificationPenalty { factor }));
        }
        if factor.is_zero() {
            prop_assert_eq!(row.amount, Decimal::ZERO);
        }
    }

    #[test]
    fn adding_a_facility_that_does_not_qualify_changes_no_amount(
        facilities in prop::collection::vec((0_i64..=10_000, 1_u64..500), 1..12),
        envelope_units in 1_i64..10_000_000,
        cap in prop::option::of(5_i64..=100),
        method in prop_oneof![Just("proportional"), Just("tiered")],
        weight in prop_oneof![Just("none"), Just("beds")],
        min_score in 0_i64..60,
        why in 0_u8..5,
        added_score in 0_i64..=10_000,
        position in 0_usize..12,
    ) {
        let case = |index: usize, score: i64, beds: u64| hospital(index, score, Some(beds), true);
        let mut cases: Vec<FacilityCase> = facilities
            .iter()
            .enumerate()
            .map(|(index, (score, beds))| case(index, *score, *beds))
            .collect();
        let envelope = Decimal::new(envelope_units, 2);
        let tiers = if method == "tiered" {
            vec![("80".to_owned(), "1".to_owned()), ("50".to_owned(), "0.5".to_owned()), ("0".to_owned(), "0".to_owned())]
        } else {
            Vec::new()
        };
        let (policy, scorecard) = policy(&national(NationalCase { method: method.to_owned(), tiers, min_score: min_score.to_string(), weight: weight.to_owned(), cap, envelope }));
        let before_dataset = dataset(&[], &cases, &[]);
        let before_scores = crate::fixture::scores(&cases, 2019);
        let before = allocate(&policy, &scorecard, &before_dataset, &before_scores).unwrap();

        // One more facility, with a good score, kept out for one reason;
        // its id sorts anywhere among the others.
        let mut added = case(99, added_score.max(min_score * 100), 100);
        added.id = format!("F{position:02}x");
        match why {
            0 => added.active = false,
            1 => added.reason = Some("too_few_valid_assessments".to_owned()),
            2 => added.score = Some(Decimal::new(min_score * 100 - 1, 2).to_string()),
            3 => added.scored = false,
            _ => added.score_year = Some(2018),
        }
        cases.push(added);
        let after_dataset = dataset(&[], &cases, &[]);
        let after_scores = crate::fixture::scores(&cases, 2019);
        let after = allocate(&policy, &scorecard, &after_dataset, &after_scores);
        // A score of another year is an error, never a silent zero.
        if why == 4 {
            prop_assert!(after.is_err());
            return Ok(());
        }
        let after = after.unwrap();
        prop_assert_eq!(after.rows.len(), before.rows.len() + 1);
        for row in &after.rows {
            match before.rows.iter().find(|old| old.facility_id == row.facility_id) {
                Some(old) => prop_assert_eq!(old, row),
                None => {
                    prop_assert_eq!(row.amount, Decimal::ZERO);
                    prop_assert!(row.reason.is_some(), "{:?} is unpaid without a reason", row);
                }
            }
        }
        prop_assert_eq!(&after.unallocated, &before.unallocated);
    }

    #[test]
    fn disbursement_is_bounded_monotone_and_never_takes_back(
        rollover in any::<bool>(),
        achieved in prop::collection::vec(prop::option::of(0_i64..12_000), 4),
        raise in prop::collection::vec(0_i64..5_000, 4),
    ) {
        let series = vec![
            SeriesCase {
                id: "8".to_owned(),
                baseline: "0".to_owned(),
                targets: vec![
                    (1, "12".to_owned(), "4000000".to_owned(), false),
                    (2, "30".to_owned(), "3500000".to_owned(), true),
                    (3, "70".to_owned(), "3500000.01".to_owned(), true),
                    (4, "100".to_owned(), "3000000".to_owned(), false),
                ],
            },
        ];
        let program = program(rollover, 2018, &series);
        let total_price = Decimal::new(1_400_000_001, 2);
        let achievements = |raised: bool| -> BTreeMap<(DliId, u32), Decimal> {
            achieved
                .iter()
                .zip(&raise)
                .enumerate()
                .filter_map(|(index, (value, raise))| {
                    value.map(|value| {
                        let value = if raised { value + raise } else { value };
                        ((DliId::new("8"), index as u32 + 1), Decimal::new(value, 2))
                    })
                })
                .collect()
        };
        let low = disburse(&program, &achievements(false)).unwrap();
        let high = disburse(&program, &achievements(true)).unwrap();
        for disbursement in [&low, &high] {
            let mut cumulative = Decimal::ZERO;
            for row in &disbursement.rows {
                prop_assert!(row.earned_this_year >= Decimal::ZERO);
                prop_assert!(row.released_from_previous >= Decimal::ZERO);
                prop_assert!(row.undisbursed_after >= Decimal::ZERO);
                prop_assert_eq!(row.disbursed, row.earned_this_year + row.released_from_previous);
                cumulative += row.disbursed;
                prop_assert!(cumulative <= total_price);
                prop_assert_eq!(row.disbursed.scale(), 2);
            }
            let summary = &disbursement.summaries[0];
            prop_assert_eq!(summary.disbursed, cumulative);
            prop_assert_eq!(summary.disbursed + summary.cancelled, total_price);
        }
        let mut low_cumulative = Decimal::ZERO;
        let mut high_cumulative = Decimal::ZERO;
        for (low, high) in low.rows.iter().zip(&high.rows) {
            low_cumulative += low.disbursed;
            high_cumulative += high.disbursed;
            prop_assert!(high_cumulative >= low_cumulative, "year {}: {} < {}", low.year, high_cumulative, low_cumulative);
        }
    }
}
