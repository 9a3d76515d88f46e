//! The parsers' accepted forms, defaults and the set's lookups; the refusals
//! are covered one rule per file by `bad_definitions.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use pba_scorecard::{
    FacilityType, IndicatorKind, Method, MissingRule, ReceivedRule, Scope, ScorecardId,
    ScorecardSet, WeightBasis, check_policy_scorecard, parse_policy, parse_program,
    parse_scorecard,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fixture(directory: &str, name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(directory)
            .join(name),
    )
    .unwrap()
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn fixture_set() -> ScorecardSet {
    let sources = [
        "community-consultation.toml",
        "health-center.toml",
        "hospital.toml",
    ]
    .map(|name| (name.to_owned(), fixture("scorecards", name)));
    ScorecardSet::parse(&sources).unwrap()
}

#[test]
fn scorecard_defaults_and_kinds() {
    let hospital =
        parse_scorecard("hospital.toml", &fixture("scorecards", "hospital.toml")).unwrap();
    assert_eq!(hospital.missing, MissingRule::Error);
    assert_eq!(hospital.dli, Some(8));
    assert_eq!(hospital.critical_cap, Some(decimal("60")));
    assert!(!hospital.indicators[1].critical && !hospital.indicators[1].allow_na);
    assert_eq!(hospital.indicators[1].kind, IndicatorKind::Scale { max: 2 });
    assert_eq!(hospital.combine, None);

    let center = parse_scorecard(
        "health-center.toml",
        &fixture("scorecards", "health-center.toml"),
    )
    .unwrap();
    assert_eq!(center.missing, MissingRule::Zero);
    assert_eq!(
        center.indicators[1].kind,
        IndicatorKind::Numeric {
            zero_at: decimal("30"),
            full_at: decimal("0"),
            min: Some(decimal("0")),
            max: Some(decimal("92")),
        }
    );
    let combine = center.combine.unwrap();
    assert_eq!(
        (combine.facility, combine.community),
        (decimal("75"), decimal("25"))
    );
}

#[test]
fn integers_are_accepted_as_decimals() {
    let text = fixture("scorecards", "hospital.toml")
        .replace(r#"weight = "60""#, "weight = 60")
        .replace(r#"weight = "40""#, "weight = 40");
    let hospital = parse_scorecard("hospital.toml", &text).unwrap();
    assert_eq!(hospital.domains[0].weight, decimal("60"));
}

#[test]
fn every_semantic_error_of_a_file_is_reported() {
    let text = fixture("scorecards", "hospital.toml")
        .replace(r#"weight = "40""#, r#"weight = "35""#)
        .replace(
            r#"points = "2"
critical"#,
            r#"points = "0"
critical"#,
        )
        .replace(r#"version = "2019.1""#, r#"version = """#);
    let errors = parse_scorecard("hospital.toml", &text).unwrap_err();
    let lines: Vec<String> = errors.to_string().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{errors}");
    // Sorted by place in the file.
    assert!(lines[0].starts_with("hospital.toml:4:11:"), "{errors}");
    assert!(lines[1].contains("sum to `95`"), "{errors}");
    assert!(lines[2].contains("points of indicator `H01`"), "{errors}");
}

#[test]
fn program_defaults() {
    let text = fixture("programs", "program.toml")
        .replace("fiscal_year_start = \"07-01\"\n", "")
        .replace("min_assessments = 2\n", "");
    let program = parse_program("program.toml", &text).unwrap();
    assert_eq!(program.title, "test-program");
    assert_eq!(
        (program.calendar.start_month, program.calendar.start_day),
        (1, 1)
    );
    assert_eq!(program.min_assessments, 2);
    assert!(program.rollover);
    assert_eq!(program.dlis[0].received, ReceivedRule::Full);
    assert_eq!(program.dlis[1].received, ReceivedRule::Any);
    assert!(!program.dlis[0].targets[0].scalable && program.dlis[0].targets[1].scalable);
    assert_eq!(program.last_year(), 2);
    let shifted = parse_program("program.toml", &fixture("programs", "program.toml")).unwrap();
    assert_eq!(
        (shifted.calendar.start_month, shifted.calendar.start_day),
        (7, 1)
    );
}

#[test]
fn policy_defaults_and_forms() {
    let policy = parse_policy("policy.toml", &fixture("policies", "policy.toml")).unwrap();
    assert_eq!(policy.weight, WeightBasis::CatchmentPopulation);
    assert!(matches!(&policy.method, Method::Tiered { tiers } if tiers.len() == 2));
    assert_eq!(
        policy.envelopes[0].scope,
        Scope::Province("Niassa".to_owned())
    );
    assert_eq!(policy.envelopes[1].scope, Scope::District("D01".into()));
    let minimal = fixture("policies", "policy.toml")
        .replace("min_score = \"50\"\n", "")
        .replace("weight = \"catchment_population\"\n", "")
        .replace("method = \"tiered\"", "method = \"above_threshold\"");
    let minimal = minimal.split("[[policy.tier]]").next().unwrap().to_owned()
        + "[[envelope]]\nscope = \"national\"\namount = \"5\"\n";
    let policy = parse_policy("policy.toml", &minimal).unwrap();
    assert_eq!(policy.min_score, Decimal::ZERO);
    assert_eq!(policy.weight, WeightBasis::None);
    assert_eq!(policy.method, Method::AboveThreshold);
    assert_eq!(policy.envelopes[0].scope, Scope::National);
}

#[test]
fn set_lookups() {
    let set = fixture_set();
    let hospital = ScorecardId::from("hospital");
    assert!(set.get(&hospital, "2019.1").is_some());
    assert!(set.get(&hospital, "2020.1").is_none());
    assert_eq!(set.versions(&hospital).count(), 1);
    let for_rural_hospital: Vec<&str> = set
        .for_facility_type(FacilityType::RuralHospital)
        .map(|definition| definition.id.as_str())
        .collect();
    assert_eq!(for_rural_hospital, ["hospital"]);
    assert_eq!(
        set.for_facility_type(FacilityType::CentralHospital).count(),
        0
    );
}

#[test]
fn a_second_version_is_a_separate_scorecard() {
    let hospital = fixture("scorecards", "hospital.toml");
    let sources = [
        ("a.toml".to_owned(), hospital.clone()),
        ("b.toml".to_owned(), hospital.replace("2019.1", "2021.1")),
    ];
    let set = ScorecardSet::parse(&sources).unwrap();
    let versions: Vec<&str> = set
        .versions(&"hospital".into())
        .map(|definition| definition.version.as_str())
        .collect();
    assert_eq!(versions, ["2019.1", "2021.1"]);
}

#[test]
fn set_new_without_places_points_at_the_start_of_the_file() {
    let hospital = parse_scorecard("a.toml", &fixture("scorecards", "hospital.toml")).unwrap();
    let errors = ScorecardSet::new(vec![
        ("a.toml".to_owned(), hospital.clone()),
        ("b.toml".to_owned(), hospital),
    ])
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "b.toml:1:1: scorecard `hospital` version `2019.1` is defined twice (first in `a.toml`); give one of them another version"
    );
    let center = parse_scorecard("c.toml", &fixture("scorecards", "health-center.toml")).unwrap();
    let errors = ScorecardSet::new(vec![("c.toml".to_owned(), center)]).unwrap_err();
    assert!(
        errors
            .to_string()
            .starts_with("c.toml:1:1: `consultation_scorecard` `community-consultation`"),
        "{errors}"
    );
}

#[test]
fn policy_scorecard_check() {
    let set = fixture_set();
    let policy = parse_policy("policy.toml", &fixture("policies", "policy.toml")).unwrap();
    assert!(check_policy_scorecard("policy.toml", &policy, &set).is_ok());
    let mut orphan = policy;
    orphan.scorecard = "nowhere".into();
    let errors = check_policy_scorecard("policy.toml", &orphan, &set).unwrap_err();
    assert!(
        errors.to_string().starts_with(
            "policy.toml:1:1: policy `dli9-health-centers-2020` pays scorecard `nowhere`"
        ),
        "{errors}"
    );
}

proptest! {
    /// No input makes a parser panic: every text is either accepted or refused.
    #[test]
    fn parsers_never_panic(text in "\\PC{0,200}") {
        let _ = parse_scorecard("x.toml", &text);
        let _ = parse_program("x.toml", &text);
        let _ = parse_policy("x.toml", &text);
    }

    /// Cutting a valid file anywhere gives a result or located errors, never a panic,
    /// and every error's line exists in the text.
    #[test]
    fn truncated_files_are_refused_in_place(cut in 0usize..2000) {
        for (directory, name) in [("scorecards", "health-center.toml"), ("programs", "program.toml"), ("policies", "policy.toml")] {
            let full = fixture(directory, name);
            let mut end = cut.min(full.len());
            while !full.is_char_boundary(end) {
                end -= 1;
            }
            let text = &full[..end];
            let outcome = match directory {
                "scorecards" => parse_scorecard(name, text).map(drop),
                "programs" => parse_program(name, text).map(drop),
                _ => parse_policy(name, text).map(drop),
            };
            if let Err(errors) = outcome {
                for error in errors.0 {
                    prop_assert!(error.line >= 1 && error.line <= text.lines().count().max(1) + 1, "{error}");
                    prop_assert!(error.column >= 1, "{error}");
                }
            }
        }
    }
}
