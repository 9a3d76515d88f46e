#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::*;
use pba_scorecard::{Band, DomainId, IndicatorId};
use std::str::FromStr;

fn number(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn value(text: &str) -> IndicatorValue {
    IndicatorValue::Number(number(text))
}

fn indicator(kind: IndicatorKind, allow_na: bool) -> Indicator {
    Indicator {
        id: IndicatorId::new("I1"),
        domain: DomainId::new("d"),
        title: "test".to_owned(),
        kind,
        points: Decimal::TWO,
        critical: false,
        allow_na,
        source: "test".to_owned(),
        note: None,
    }
}

fn fraction(indicator: &Indicator, value: IndicatorValue) -> Option<Decimal> {
    indicator_fraction(indicator, value).unwrap()
}

fn numeric(zero_at: &str, full_at: &str, min: Option<&str>, max: Option<&str>) -> Indicator {
    indicator(
        IndicatorKind::Numeric {
            zero_at: number(zero_at),
            full_at: number(full_at),
            min: min.map(number),
            max: max.map(number),
        },
        false,
    )
}

fn bands() -> Indicator {
    let band = |from: &str, fraction: &str| Band {
        from: number(from),
        fraction: number(fraction),
    };
    indicator(
        IndicatorKind::Bands {
            bands: vec![band("80", "1"), band("50", "0.5"), band("0", "0")],
            min: None,
            max: None,
        },
        false,
    )
}

#[test]
fn binary_maps_yes_and_no_and_rejects_numbers() {
    let binary = indicator(IndicatorKind::Binary, false);
    assert_eq!(fraction(&binary, IndicatorValue::Yes), Some(Decimal::ONE));
    assert_eq!(fraction(&binary, IndicatorValue::No), Some(Decimal::ZERO));
    let problem = indicator_fraction(&binary, value("1")).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "`1` is not accepted, expected `yes` or `no`"
    );
}

#[test]
fn scale_divides_by_max_at_both_ends() {
    let scale = indicator(IndicatorKind::Scale { max: 2 }, false);
    assert_eq!(fraction(&scale, value("0")), Some(Decimal::ZERO));
    assert_eq!(fraction(&scale, value("1")), Some(number("0.5")));
    assert_eq!(fraction(&scale, value("2")), Some(Decimal::ONE));
    let thirds = indicator(IndicatorKind::Scale { max: 3 }, false);
    assert_eq!(
        fraction(&thirds, value("1")).unwrap() * number("3"),
        number("0.9999999999999999999999999999")
    );
    let ratio = fraction_ratio(&thirds, value("1")).unwrap().unwrap();
    assert_eq!(
        ratio.of(number("3")),
        Some(Decimal::ONE),
        "points are multiplied before dividing"
    );
}

#[test]
fn scale_rejects_fractions_negatives_and_values_above_max() {
    let scale = indicator(IndicatorKind::Scale { max: 2 }, false);
    for entered in ["1.5", "-1", "3"] {
        let problem = indicator_fraction(&scale, value(entered)).unwrap_err();
        assert_eq!(
            problem.to_string(),
            format!("`{entered}` is out of range, expected an integer from `0` to `2`")
        );
    }
    assert!(indicator_fraction(&scale, IndicatorValue::Yes).is_err());
    assert_eq!(fraction(&scale, value("2.0")), Some(Decimal::ONE));
}

#[test]
fn numeric_ramp_is_exact_at_its_ends_and_clamped() {
    let ramp = numeric("50", "90", None, None);
    assert_eq!(fraction(&ramp, value("50")), Some(Decimal::ZERO));
    assert_eq!(fraction(&ramp, value("90")), Some(Decimal::ONE));
    assert_eq!(fraction(&ramp, value("60")), Some(number("0.25")));
    assert_eq!(fraction(&ramp, value("10")), Some(Decimal::ZERO));
    assert_eq!(fraction(&ramp, value("120")), Some(Decimal::ONE));
}

#[test]
fn numeric_lower_is_better_when_zero_at_is_above_full_at() {
    let days = numeric("30", "0", Some("0"), Some("365"));
    assert_eq!(fraction(&days, value("30")), Some(Decimal::ZERO));
    assert_eq!(fraction(&days, value("0")), Some(Decimal::ONE));
    assert_eq!(fraction(&days, value("6")), Some(number("0.8")));
    assert_eq!(fraction(&days, value("45")), Some(Decimal::ZERO));
}

#[test]
fn numeric_rejects_values_outside_min_and_max() {
    let days = numeric("30", "0", Some("0"), Some("365"));
    let problem = indicator_fraction(&days, value("-1")).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "`-1` is out of range, expected a number from `0` to `365`"
    );
    assert!(indicator_fraction(&days, value("365.5")).is_err());
    assert_eq!(fraction(&days, value("365")), Some(Decimal::ZERO));
    assert!(indicator_fraction(&days, IndicatorValue::No).is_err());
}

#[test]
fn numeric_overflow_is_a_problem_not_a_panic() {
    let ramp = numeric("-1", "1", None, None);
    let problem = indicator_fraction(&ramp, IndicatorValue::Number(Decimal::MAX)).unwrap_err();
    assert!(matches!(problem, ValueProblem::Overflow { .. }));
}

#[test]
fn bands_take_the_greatest_from_not_above_the_value() {
    let graded = bands();
    assert_eq!(fraction(&graded, value("80")), Some(Decimal::ONE));
    assert_eq!(fraction(&graded, value("79.99")), Some(number("0.5")));
    assert_eq!(fraction(&graded, value("50")), Some(number("0.5")));
    assert_eq!(fraction(&graded, value("0")), Some(Decimal::ZERO));
    assert_eq!(fraction(&graded, value("1000")), Some(Decimal::ONE));
    let problem = indicator_fraction(&graded, value("-0.5")).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "`-0.5` is out of range, expected a number of at least `0`"
    );
}

#[test]
fn bands_reject_values_outside_min_and_max_and_accept_the_bounds() {
    let mut bounded = bands();
    bounded.kind = match bounded.kind {
        IndicatorKind::Bands { bands, .. } => IndicatorKind::Bands {
            bands,
            min: Some(number("10")),
            max: Some(number("100")),
        },
        other => other,
    };
    assert_eq!(fraction(&bounded, value("10")), Some(Decimal::ZERO));
    assert_eq!(fraction(&bounded, value("100")), Some(Decimal::ONE));
    for entered in ["5", "100.5"] {
        let problem = indicator_fraction(&bounded, value(entered)).unwrap_err();
        assert_eq!(
            problem.to_string(),
            format!("`{entered}` is out of range, expected a number from `10` to `100`")
        );
    }
    assert_eq!(
        rule_text(&bounded),
        "bands: >=80 → 1, >=50 → 0.5, >=0 → 0, min 10, max 100"
    );
}

#[test]
fn not_applicable_only_where_allowed() {
    let strict = indicator(IndicatorKind::Binary, false);
    let problem = indicator_fraction(&strict, IndicatorValue::NotApplicable).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "`na` is not allowed here, expected `yes` or `no`"
    );
    let lenient = indicator(IndicatorKind::Scale { max: 4 }, true);
    assert_eq!(
        indicator_fraction(&lenient, IndicatorValue::NotApplicable),
        Ok(None)
    );
    assert_eq!(expected(&lenient), "an integer from `0` to `4`, or `na`");
}

#[test]
fn rules_read_as_words() {
    assert_eq!(
        rule_text(&numeric("30", "0", None, None)),
        "numeric: 0 at 30, full at 0, clamped"
    );
    assert_eq!(rule_text(&bands()), "bands: >=80 → 1, >=50 → 0.5, >=0 → 0");
    assert_eq!(
        rule_text(&indicator(IndicatorKind::Scale { max: 2 }, true)),
        "scale: value / 2, integers 0 to 2; na allowed"
    );
}
