#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::str::FromStr;

use pba_scorecard::{Domain, Indicator, IndicatorKind, MissingRule, ScorecardId};

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
    assert_eq!(score.domains[0].fraction(), Some(number("0.6")));
    assert_eq!(score.domains[0].percent(), Some(number("60")));
    assert_eq!(score.weighted(&score.domains[0]), Some(number("36")));
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
    assert_eq!(score.domains[0].fraction(), Some(Decimal::ZERO));
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
    assert_eq!(score.domains[0].fraction(), None);
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

mod whole_sums {
    //! Domain sums added as whole numbers give the scores the decimal
    //! additions give, digit for digit (scales included).
    use pba_scorecard::{Band, IndicatorId};
    use proptest::prelude::*;

    use super::*;

    const POINTS: [&str; 10] = [
        "1",
        "2",
        "2.5",
        "0.25",
        "3.00",
        "0",
        "0.0",
        "10",
        "0.0000000000000000000000000003",
        "79228162514264337593543950335",
    ];
    const WEIGHTS: [&str; 7] = ["0", "0.0", "10", "25", "33.3", "40", "10.00"];

    fn kind() -> impl Strategy<Value = IndicatorKind> {
        prop_oneof![
            Just(IndicatorKind::Binary),
            (1_u32..6).prop_map(|max| IndicatorKind::Scale { max }),
            (0_usize..3).prop_map(|shape| IndicatorKind::Numeric {
                zero_at: number(["0", "30", "7.5"][shape]),
                full_at: number(["100", "0", "50"][shape]),
                min: Some(Decimal::ZERO),
                max: [None, Some(number("80")), Some(number("120"))][shape],
            }),
            Just(IndicatorKind::Bands {
                bands: vec![
                    Band {
                        from: Decimal::ZERO,
                        fraction: Decimal::ZERO,
                    },
                    Band {
                        from: number("50"),
                        fraction: number("0.5"),
                    },
                    Band {
                        from: number("80"),
                        fraction: number("1.00"),
                    },
                ],
                min: None,
                max: Some(number("100")),
            }),
        ]
    }

    /// Domains `d0`…; an indicator of domain 4 names an undeclared one.
    fn scorecard() -> impl Strategy<Value = ScorecardDefinition> {
        // Mostly the plain points listed first.
        let points = prop_oneof![8 => 0_usize..5, 1 => 5..POINTS.len()];
        let indicator_shape = (kind(), 0_usize..5, points, any::<bool>(), any::<bool>());
        (
            prop::collection::vec(0..WEIGHTS.len(), 1..4),
            prop::collection::vec(indicator_shape, 1..10),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(weights, indicators, zero, cap)| {
                let mut definition = definition();
                definition.missing = if zero {
                    MissingRule::Zero
                } else {
                    MissingRule::Error
                };
                definition.critical_cap = cap.then(|| number("40"));
                definition.domains = weights
                    .iter()
                    .enumerate()
                    .map(|(position, weight)| domain(&format!("d{position}"), WEIGHTS[*weight]))
                    .collect();
                definition.indicators = indicators
                    .into_iter()
                    .enumerate()
                    .map(|(position, (kind, domain, points, critical, allow_na))| {
                        let mut made = indicator(
                            &format!("I{position}"),
                            &format!("d{domain}"),
                            kind,
                            POINTS[points],
                        );
                        made.critical = critical;
                        made.allow_na = allow_na;
                        made
                    })
                    .collect();
                definition
            })
    }

    fn value() -> impl Strategy<Value = Option<IndicatorValue>> {
        prop_oneof![
            4 => crate::value_entry::strategies::tags(),
            1 => (0_i64..130).prop_map(|whole| Some(IndicatorValue::Number(Decimal::from(whole)))),
            1 => (-3_i64..300, 1_u32..3).prop_map(|(mantissa, scale)| Some(IndicatorValue::Number(
                Decimal::new(mantissa, scale)
            ))),
        ]
    }

    /// A value the indicator accepts, picked by `choice`, or the first
    /// whole number above what it accepts.
    fn fitting(indicator: &Indicator, choice: u8) -> IndicatorValue {
        match indicator.kind {
            IndicatorKind::Binary if choice.is_multiple_of(2) => IndicatorValue::Yes,
            IndicatorKind::Binary => IndicatorValue::No,
            IndicatorKind::Scale { max } => {
                IndicatorValue::Number(Decimal::from(u32::from(choice) % (max + 2)))
            }
            _ => IndicatorValue::Number(Decimal::from(u32::from(choice) % 102)),
        }
    }

    /// A scorecard with values of indicators `I0`… (`I10` is an unknown id):
    /// mostly every indicator once, in order (or reversed), mostly with
    /// values it accepts; else any values in any order.
    fn scored() -> impl Strategy<Value = (ScorecardDefinition, Vec<ValueEntry>)> {
        let in_order = prop::collection::vec((any::<u8>(), 0_u8..12, value()), 10);
        let any_order = prop::collection::vec((0_usize..11, value()), 0..14);
        (scorecard(), in_order, any_order, 0_u8..4).prop_map(
            |(definition, in_order, any_order, pick)| {
                let values = if pick == 0 {
                    any_order
                        .into_iter()
                        .filter(|(position, _)| {
                            *position < definition.indicators.len() || *position == 10
                        })
                        .map(|(position, value)| entry(&format!("I{position}"), value))
                        .collect()
                } else {
                    let mut values: Vec<ValueEntry> = definition
                        .indicators
                        .iter()
                        .zip(in_order)
                        .map(|(indicator, (choice, rare, value))| {
                            let value = if rare == 0 {
                                value
                            } else {
                                Some(fitting(indicator, choice))
                            };
                            entry(indicator.id.as_str(), value)
                        })
                        .collect();
                    if pick == 1 {
                        values.reverse();
                    }
                    values
                };
                (definition, values)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn whole_sums_score_as_decimal_sums((definition, values) in scored()) {
            let prepared = PreparedScorecard::new(&definition).with_domain_sums();
            let whole = prepared.score_summing(&values, Keep::Domains, true);
            let decimal = prepared.score_summing(&values, Keep::Domains, false);
            prop_assert_eq!(format!("{whole:?}"), format!("{decimal:?}"));
        }

        /// A score without domain results is the score with them, the
        /// domains aside (the same domains are weighed, without fractions),
        /// whatever was scored before with the same prepared scorecard (it
        /// works in one set of domain results, reset for each score).
        #[test]
        fn scores_without_domains_are_scores_with_them(
            (definition, values) in scored(),
            (_, before) in scored(),
        ) {
            let prepared = PreparedScorecard::new(&definition).with_domain_sums();
            for whole_sums in [true, false] {
                let _ = prepared.score_summing(&before, Keep::Composite, whole_sums);
                let mut with = prepared.score_summing(&values, Keep::Domains, whole_sums);
                let without = prepared.score_summing(&values, Keep::Composite, whole_sums);
                prop_assert!(without.domains.is_empty());
                with.domains = Vec::new();
                prop_assert_eq!(format!("{with:?}"), format!("{without:?}"));
            }
        }

        /// Values whose ids are shared (as readers intern them) score as
        /// values with ids of their own, whatever was scored before with
        /// the same prepared scorecard (it remembers the ids it placed).
        #[test]
        fn shared_ids_score_as_ids_of_their_own(
            (definition, first) in scored(),
            (_, second) in scored(),
        ) {
            let prepared = PreparedScorecard::new(&definition).with_domain_sums();
            let mut shared_ids: HashMap<String, IndicatorId> = HashMap::new();
            for values in [&first, &second, &first] {
                let shared: Vec<ValueEntry> = values
                    .iter()
                    .map(|entry| {
                        let id = shared_ids
                            .entry(entry.indicator_id.as_str().to_owned())
                            .or_insert_with(|| entry.indicator_id.clone());
                        ValueEntry::new(id.clone(), entry.value())
                    })
                    .collect();
                let own = PreparedScorecard::new(&definition).with_domain_sums();
                prop_assert_eq!(
                    format!("{:?}", prepared.score_summing(&shared, Keep::Domains, true)),
                    format!("{:?}", own.score_summing(values, Keep::Domains, true))
                );
            }
        }

        /// Effective weights worked out once per scorecard give the very
        /// scores dividing each time gives.
        #[test]
        fn known_effective_weights_score_as_divided_ones((definition, values) in scored()) {
            let prepared = PreparedScorecard::new(&definition);
            let mut dividing = prepared.clone();
            dividing.all_domains.applicable_weight = None;
            prop_assert_eq!(
                format!("{:?}", prepared.score(&values)),
                format!("{:?}", dividing.score(&values))
            );
        }
    }

    #[test]
    fn a_domain_has_a_fraction_when_earned_over_applicable_is_a_number() {
        let domain = |earned: Decimal, applicable: Decimal, incomplete: bool| DomainScore {
            domain_id: DomainId::from("D"),
            weight: Decimal::ONE,
            effective_weight: None,
            earned,
            applicable_points: applicable,
            incomplete,
        };
        let half = Decimal::new(5, 1);
        let cases = [
            (domain(half, Decimal::ONE, false), true),
            (domain(Decimal::from(-3), Decimal::TWO, false), true),
            (domain(Decimal::MAX, half, false), false),
            (domain(half, Decimal::ONE, true), false),
            (domain(Decimal::ZERO, Decimal::ZERO, false), false),
        ];
        for (domain, expected) in cases {
            assert_eq!(has_fraction(&domain), expected, "{domain:?}");
            assert_eq!(domain.fraction().is_some(), expected, "{domain:?}");
        }
    }

    #[test]
    fn common_values_are_summed_as_whole_numbers() {
        let definition = definition();
        let prepared = PreparedScorecard::new(&definition).with_domain_sums();
        let sums = prepared.sums.as_ref().unwrap();
        let position =
            |id: &IndicatorId, expected: usize| prepared.indicator_position(id, expected);
        let common = values(IndicatorValue::Yes, "2", IndicatorValue::No);
        let summed = sums.sum(&common, position).unwrap();
        assert_eq!(
            format!("{:?}", summed.totals),
            "[(4, 5), (0, 1)]",
            "a: 2 + 2 of 2 + 3 points; b: 0 of 1"
        );
        assert_eq!(summed.critical_failed.iter().collect::<Vec<_>>(), vec![2]);
        let refused = values(IndicatorValue::Yes, "2.5", IndicatorValue::No);
        assert!(sums.sum(&refused, position).is_none());
    }

    #[test]
    fn zeros_of_two_scales_in_a_domain_are_left_to_decimals() {
        // A sum of zeros is its last zero: which one depends on the values.
        let summed = |definition: &ScorecardDefinition| {
            PreparedScorecard::new(definition)
                .with_domain_sums()
                .sums
                .is_some()
        };
        let mut definition = definition();
        definition.indicators[0].points = number("0");
        definition.indicators[1].points = number("0.0");
        assert!(!summed(&definition));
        definition.indicators[1].points = number("0");
        assert!(summed(&definition));
    }
}
