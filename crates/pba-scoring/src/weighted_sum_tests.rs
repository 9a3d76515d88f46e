use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::composite::{snap, weighted_part};
use pba_scorecard::DomainId;

fn domain(weight: Decimal, earned: Decimal, applicable: Decimal) -> DomainScore {
    DomainScore {
        domain_id: DomainId::from("D"),
        weight,
        effective_weight: None,
        earned,
        applicable_points: applicable,
        incomplete: false,
    }
}

/// The decimal way: each part divided, the parts added, the sum snapped.
fn divided(domains: &[DomainScore], applicable_weight: Decimal) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for domain in domains {
        total = total.checked_add(weighted_part(domain, applicable_weight)?)?;
    }
    Some(snap(total))
}

fn number(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

#[test]
fn common_scores_are_summed_in_whole_numbers() {
    // Weights of 100 in all; earned points in thirds and sevenths, as
    // fractions of points make them.
    let third = Decimal::ONE / Decimal::from(3);
    let seventh = Decimal::TWO / Decimal::from(7);
    let domains = [
        domain(number("30"), number("12") + third, number("20")),
        domain(number("25"), number("7"), number("9")),
        domain(number("20"), number("3") + seventh, number("11.5")),
        domain(number("25"), Decimal::ZERO, number("4")),
    ];
    let found = snapped(domains.iter(), number("100"));
    assert!(found.is_some(), "the whole-number way");
    assert_eq!(found, divided(&domains, number("100")));
}

#[test]
fn negative_and_near_midpoint_sums_are_left_to_division() {
    let negative = [domain(number("50"), number("-1"), number("2"))];
    assert_eq!(snapped(negative.iter(), number("50")), None);
    // 100 × earned / 1 = 1.5 × 10⁻²⁰ plus 10⁻²⁵: within the margin.
    let near = [domain(
        number("1"),
        number("0.000000000000000000000150001"),
        Decimal::ONE,
    )];
    assert_eq!(snapped(near.iter(), Decimal::ONE), None);
}

/// Cases an independent review found the first version wrong on: tiny
/// divisors with many decimals (the decimal way rounds its products), a
/// divisor that rounds to 0, and a weight whose × 100 overflows.
#[test]
fn rounded_and_overflowing_products_are_left_to_division() {
    let cases = [
        (
            "0.145",
            "0.0000000488833333333333333333",
            "0.0000000838",
            "4.945",
        ),
        (
            "0.00000000000001",
            "0.0000000000000333333333333333",
            "0.0000000000001",
            "0.00000000000001",
        ),
        (
            "0.000000000000001",
            "0.000000000000001",
            "0.000000000000001",
            "0.000000000000001",
        ),
        ("1000000000000000000000000000", "0", "1", "1"),
    ];
    for (weight, earned, applicable, weights) in cases {
        let domains = [domain(number(weight), number(earned), number(applicable))];
        let found = snapped(domains.iter(), number(weights));
        assert!(
            found.is_none() || found == divided(&domains, number(weights)),
            "{weight} {earned} {applicable} {weights}: {found:?}"
        );
    }
}

/// A decimal made as scoring makes earned points: whole points, or a
/// fraction (a quotient to 28 digits) of them.
fn earned() -> impl Strategy<Value = (Decimal, Decimal)> {
    (1_u32..200, 0_u32..3, 0_u32..13, 1_u32..13).prop_map(|(points, scale, top, bottom)| {
        let applicable = Decimal::new(i64::from(points), scale);
        let fraction = Decimal::from(top.min(bottom)) / Decimal::from(bottom);
        let earned = (applicable * fraction).min(applicable);
        (earned, applicable)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn agrees_with_dividing_part_by_part(
        parts in prop::collection::vec((1_u32..60, 0_u32..2, earned()), 1..10),
        other_weights in 0_u32..50,
    ) {
        let domains: Vec<DomainScore> = parts
            .iter()
            .map(|(weight, scale, (earned, applicable))| {
                domain(Decimal::new(i64::from(*weight), *scale), *earned, *applicable)
            })
            .collect();
        let weights = domains.iter().map(|domain| domain.weight).sum::<Decimal>()
            + Decimal::from(other_weights);
        if let Some(found) = snapped(domains.iter(), weights) {
            prop_assert_eq!(Some(found), divided(&domains, weights));
        }
    }

    /// Weights and points with many decimals, tiny and huge: whenever the
    /// whole-number way answers, it is the decimal way's answer.
    #[test]
    fn agrees_on_any_scales(
        parts in prop::collection::vec(
            (1_u64..1_000_000, 0_u32..=12, 0_u64..1_000_000_000, 0_u32..=28, 1_u64..1_000_000, 0_u32..=14),
            1..5,
        ),
        weights in 1_u64..1_000_000,
        weights_scale in 0_u32..=14,
    ) {
        let domains: Vec<DomainScore> = parts
            .iter()
            .map(|(weight, weight_scale, earned, earned_scale, applicable, applicable_scale)| {
                domain(
                    Decimal::new(i64::try_from(*weight).unwrap_or(1), *weight_scale),
                    Decimal::new(i64::try_from(*earned).unwrap_or(0), *earned_scale),
                    Decimal::new(i64::try_from(*applicable).unwrap_or(1), *applicable_scale),
                )
            })
            .collect();
        let weights = Decimal::new(i64::try_from(weights).unwrap_or(1), weights_scale);
        if let Some(found) = snapped(domains.iter(), weights) {
            prop_assert_eq!(Some(found), divided(&domains, weights));
        }
    }

    /// Parts of 80-100 (whose quotient's last digit is a unit of 10⁻²⁶)
    /// a third of a unit either side of a midpoint of the 20th decimal,
    /// where the decimal quotient rounds onto the midpoint.
    #[test]
    fn agrees_where_division_rounds_onto_a_midpoint(
        whole in 8_000_000_000_000_000_000_000_u128..9_900_000_000_000_000_000_000,
        thirds in -3_i128..=3,
    ) {
        // earned = 3 × (whole + ½) × 10⁻²² + thirds × 10⁻²⁸; applicable 3:
        // the part is (whole + ½) × 10⁻²⁰ + thirds / 3 units of 10⁻²⁶.
        let mantissa = i128::try_from(3 * (2 * whole + 1) * 500_000).unwrap_or(0) + thirds;
        let earned = Decimal::from_i128_with_scale(mantissa, 28);
        let domains = [domain(Decimal::ONE, earned, Decimal::from(3))];
        if let Some(found) = snapped(domains.iter(), Decimal::ONE) {
            prop_assert_eq!(Some(found), divided(&domains, Decimal::ONE));
        }
    }

    /// Sums a hair either side of a midpoint of the 20th decimal.
    #[test]
    fn agrees_near_midpoints(
        whole in 0_u64..1_000_000,
        nudge in -50_000_i64..=50_000,
        nudge_place in 22_u32..=26,
    ) {
        // 100 × earned = (whole + ½) × 10⁻²⁰ + nudge × 10^-nudge_place.
        let midpoint = Decimal::from_i128_with_scale(i128::from(whole) * 10 + 5, 23);
        let nudge = Decimal::from_i128_with_scale(i128::from(nudge), nudge_place + 2);
        let earned = midpoint + nudge;
        prop_assume!(!earned.is_sign_negative());
        let domains = [domain(Decimal::ONE, earned, Decimal::ONE)];
        if let Some(found) = snapped(domains.iter(), Decimal::ONE) {
            prop_assert_eq!(Some(found), divided(&domains, Decimal::ONE));
        }
    }
}
