#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::str::FromStr;

use pba_scorecard::{Domain, Indicator, IndicatorKind, ScorecardId};

use super::*;

fn number(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn domain(id: &str, weight: &str) -> Domain {
    Domain {
        id: DomainId::new(id),
        title: id.to_owned(),
        weight: number(weight),
    }
}

fn indicator(id: &str, domain: &str, kind: IndicatorKind, points: &str) -> Indicator {
    Indicator {
        id: IndicatorId::new(id),
        domain: DomainId::new(domain),
        title: id.to_owned(),
        kind,
        points: number(points),
        critical: false,
        allow_na: true,
        source: "test".to_owned(),
        note: None,
    }
}

/// Domains `a` (60) and `b` (40); `a` has a binary `A1` (2 points) and a
/// scale `A2` (max 3, 3 points); `b` has a binary `B1` (1 point, critical).
fn definition() -> ScorecardDefinition {
    let mut critical = indicator("B1", "b", IndicatorKind::Binary, "1");
    critical.critical = true;
    ScorecardDefinition {
        id: ScorecardId::new("test"),
        version: "1".to_owned(),
        title: "test".to_owned(),
        applies_to: Vec::new(),
        dli: None,
        missing: MissingRule::Error,
        critical_cap: Some(number("40")),
        domains: vec![domain("a", "60"), domain("b", "40")],
        indicators: vec![
            indicator("A1", "a", IndicatorKind::Binary, "2"),
            indicator("A2", "a", IndicatorKind::Scale { max: 3 }, "3"),
            critical,
        ],
        combine: None,
    }
}

fn entry(id: &str, value: Option<IndicatorValue>) -> ValueEntry {
    ValueEntry::new(IndicatorId::new(id), value)
}

fn values(a1: IndicatorValue, a2: &str, b1: IndicatorValue) -> Vec<ValueEntry> {
    let a2 = if a2 == "na" {
        IndicatorValue::NotApplicable
    } else {
        IndicatorValue::Number(number(a2))
    };
    vec![
        entry("A1", Some(a1)),
        entry("A2", Some(a2)),
        entry("B1", Some(b1)),
    ]
}

#[test]
fn domains_sum_earned_over_applicable_points_and_weigh_them() {
    let score = score_values(
        &definition(),
        &values(IndicatorValue::Yes, "1", IndicatorValue::Yes),
    );
    assert!(score.issues.is_empty());
    // a: (2 + 1) / 5 = 0.6 → 60 × 0.6 = 36; b: 1 → 40; composite 76.
    assert_eq!(
        score.indicators[1].earned,
        Some(Decimal::ONE),
        "1/3 of 3 points is exactly 1"
    );
    assert_eq!(score.domains[0].fraction, Some(number("0.6")));
    assert_eq!(score.domains[0].percent(), Some(number("60")));
    assert_eq!(score.domains[0].weighted, Some(number("36")));
    assert_eq!(score.composite, Some(number("76")));
    assert!(score.redistributed.is_empty());
}

#[test]
fn not_applicable_leaves_the_denominator() {
    let score = score_values(
        &definition(),
        &values(IndicatorValue::No, "na", IndicatorValue::Yes),
    );
    // a: 0 / 2 = 0; b: 1; composite 40.
    assert_eq!(score.domains[0].applicable_points, number("2"));
    assert_eq!(score.domains[0].fraction, Some(Decimal::ZERO));
    assert_eq!(score.indicators[1].fraction, None);
    assert_eq!(score.composite, Some(number("40")));
}

#[test]
fn an_empty_domain_passes_its_weight_to_the_others() {
    let mut definition = definition();
    definition.indicators[0].allow_na = true;
    let score = score_values(
        &definition,
        &values(IndicatorValue::NotApplicable, "na", IndicatorValue::Yes),
    );
    assert_eq!(score.redistributed, vec![DomainId::new("a")]);
    assert_eq!(score.domains[0].fraction, None);
    assert_eq!(score.domains[1].effective_weight, Some(number("100")));
    assert_eq!(score.composite, Some(number("100")));
}

#[test]
fn every_domain_empty_leaves_the_composite_undefined() {
    let mut definition = definition();
    definition.indicators[2].allow_na = true;
    let na = IndicatorValue::NotApplicable;
    let score = score_values(&definition, &values(na, "na", na));
    assert_eq!(score.composite, None);
    assert_eq!(score.issues, vec![ValueIssue::Undefined]);
    assert!(score.redistributed.is_empty());
}

#[test]
fn a_failed_critical_indicator_caps_the_composite() {
    let score = score_values(
        &definition(),
        &values(IndicatorValue::Yes, "3", IndicatorValue::No),
    );
    // a: 1 → 60; b: 0; uncapped 60, capped at 40.
    assert_eq!(score.uncapped, Some(number("60")));
    assert_eq!(score.composite, Some(number("40")));
    assert!(score.critical_cap_applied);
    assert_eq!(score.critical_failed, vec![IndicatorId::new("B1")]);
}

#[test]
fn the_cap_does_not_raise_a_lower_composite() {
    let score = score_values(
        &definition(),
        &values(IndicatorValue::No, "0", IndicatorValue::No),
    );
    assert_eq!(score.composite, Some(Decimal::ZERO));
    assert!(!score.critical_cap_applied);
    assert_eq!(score.critical_failed.len(), 1);
}

#[test]
fn a_missing_value_is_an_issue_or_zero_by_the_missing_rule() {
    let mut values = values(IndicatorValue::Yes, "3", IndicatorValue::Yes);
    values[1].set_value(None);
    let score = score_values(&definition(), &values);
    assert_eq!(score.composite, None);
    assert_eq!(
        score.issues[0].to_string(),
        "indicator `A2` has no value, expected an integer from `0` to `3`, or `na`"
    );
    assert!(score.domains[0].incomplete);

    let mut zero = definition();
    zero.missing = MissingRule::Zero;
    values.remove(1);
    let score = score_values(&zero, &values);
    // a: 2 / 5 = 0.4 → 24; b: 40; composite 64.
    assert_eq!(score.indicators[1].earned, Some(Decimal::ZERO));
    assert_eq!(score.composite, Some(number("64")));
}

#[test]
fn unknown_and_duplicate_indicators_are_issues() {
    let mut values = values(IndicatorValue::Yes, "3", IndicatorValue::Yes);
    values.push(entry("Z9", Some(IndicatorValue::Yes)));
    values.push(entry("A1", Some(IndicatorValue::No)));
    let score = score_values(&definition(), &values);
    let messages: Vec<String> = score.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "unknown indicator `Z9`, not in scorecard `test 1`",
            "indicator `A1` has more than one value, expected one",
        ]
    );
    assert_eq!(score.composite, None);
}

#[test]
fn thirds_of_weights_snap_back_to_exact_values() {
    let mut definition = definition();
    definition.domains = vec![domain("a", "15"), domain("b", "85")];
    definition.indicators[1].kind = IndicatorKind::Scale { max: 7 };
    definition.indicators[1].points = number("7");
    // a: (0 + 1) / 9 → 15 / 9 = 1.666…; b: 85; composite 86.666…
    let score = score_values(
        &definition,
        &values(IndicatorValue::No, "1", IndicatorValue::Yes),
    );
    assert_eq!(score.composite, Some(number("86.66666666666666666667")));
    assert_eq!(reported_score(score.composite.unwrap()), number("86.67"));
}

#[test]
fn reported_scores_round_half_away_from_zero_to_two_places() {
    assert_eq!(reported_score(number("12.345")).to_string(), "12.35");
    assert_eq!(reported_score(number("12.3449999")).to_string(), "12.34");
    assert_eq!(reported_score(number("60")).to_string(), "60.00");
}

#[test]
fn combined_scores_weigh_unrounded_parts() {
    let combine = Combine {
        facility: number("75"),
        community: number("25"),
        consultation_scorecard: ScorecardId::new("community"),
    };
    let combined = combined_score(&combine, number("66.666"), number("80.002")).unwrap();
    assert_eq!(combined, number("70.00000"));
    assert_eq!(reported_score(combined).to_string(), "70.00");
}

#[test]
fn a_copy_with_its_own_ids_scores_the_same_with_other_allocations() {
    let definition = definition();
    let prepared = PreparedScorecard::new(&definition);
    let copy = prepared.with_own_ids();
    let mut values = values(IndicatorValue::Yes, "3", IndicatorValue::NotApplicable);
    values.push(entry("Z9", Some(IndicatorValue::Yes)));
    let (original, copied) = (prepared.score(&values), copy.score(&values));
    assert_eq!(original, copied);
    assert_eq!(prepared.scorecard_id(), copy.scorecard_id());
    for (left, right) in original.domains.iter().zip(&copied.domains) {
        assert!(!std::ptr::eq(
            left.domain_id.as_str(),
            right.domain_id.as_str()
        ));
    }
    assert!(!std::ptr::eq(
        prepared.scorecard_id().as_str(),
        copy.scorecard_id().as_str()
    ));
}
