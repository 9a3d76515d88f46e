//! Table tests as data: runs every case of every `tests/cases/*.toml` file
//! (the format is documented at the top of each file and in `Case` below).
//! Adding a case needs no code. Every mismatch of every case is reported.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use pba_scorecard::{
    AssessmentId, AssessmentKind, BudgetUnit, ConsultationId, Date, DistrictId, FacilityId,
    FacilityType, FiscalCalendar, IndicatorId, IndicatorValue, MemberRole, PaymentChannel,
    Priority, ScorecardId, ScorecardSet,
};
use pba_scoring::{
    Assessment, AssessmentScore, CommitteeMember, Consultation, Dataset, District, Facility,
    FacilityScore, ValueEntry, score_year,
};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// Default `scorecard` of the assessments.
    scorecard: Option<String>,
    /// Label → scorecard TOML text; every case of the file uses all of them.
    scorecards: BTreeMap<String, String>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default = "default_year")]
    fiscal_year: i32,
    #[serde(default = "default_min")]
    min_assessments: u32,
    /// `MM-DD`, default `01-01`.
    fiscal_year_start: Option<String>,
    /// Default: one active `district_hospital` `F1`.
    #[serde(default)]
    facility: Vec<FacilityRow>,
    #[serde(default)]
    consultation: Vec<ConsultationRow>,
    #[serde(default)]
    assessment: Vec<AssessmentRow>,
    #[serde(default)]
    expect_facility: Vec<ExpectFacility>,
}

fn default_year() -> i32 {
    2019
}

fn default_min() -> u32 {
    2
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FacilityRow {
    id: String,
    #[serde(rename = "type", default = "default_type")]
    facility_type: String,
    #[serde(default = "yes")]
    active: bool,
}

fn default_type() -> String {
    "district_hospital".to_owned()
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsultationRow {
    id: String,
    #[serde(default = "default_facility")]
    facility: String,
    date: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
}

fn default_facility() -> String {
    "F1".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentRow {
    id: String,
    #[serde(default = "default_facility")]
    facility: String,
    scorecard: Option<String>,
    #[serde(default = "default_version")]
    version: String,
    #[serde(default = "default_date")]
    date: String,
    #[serde(default = "default_kind")]
    kind: String,
    consultation: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, String>,
    /// Default: a government, an outside peer (from `F-PEER`) and an
    /// independent member who attended the consultation.
    committee: Option<Vec<MemberRow>>,
    expect: Option<ExpectAssessment>,
}

fn default_version() -> String {
    "1".to_owned()
}

fn default_date() -> String {
    "2019-06-01".to_owned()
}

fn default_kind() -> String {
    "isc".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberRow {
    role: String,
    home: Option<String>,
    #[serde(default)]
    attended: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ExpectAssessment {
    valid: Option<bool>,
    reasons: Option<Vec<String>>,
    /// Substrings of the reasons' text (`code: detail`, one per line).
    details: Option<Vec<String>>,
    composite: Option<String>,
    unrounded: Option<String>,
    facility_composite: Option<String>,
    uncapped: Option<String>,
    consultation_composite: Option<String>,
    critical_cap_applied: Option<bool>,
    redistributed: Option<Vec<String>>,
    /// Indicator → fraction (`none` for no fraction).
    fractions: Option<BTreeMap<String, String>>,
    /// Indicator → points earned (`none` for none).
    earned: Option<BTreeMap<String, String>>,
    /// Domain → percent (`none` for no applicable item).
    domains: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFacility {
    #[serde(default = "default_facility")]
    facility: String,
    eligible: Option<bool>,
    score: Option<String>,
    reason: Option<String>,
    valid_assessments: Option<u32>,
    scorecard: Option<String>,
}

fn date(text: &str) -> Date {
    Date::from_str(text).unwrap_or_else(|error| panic!("{error}"))
}

fn value(text: &str) -> Option<IndicatorValue> {
    match text {
        "" => None,
        "yes" => Some(IndicatorValue::Yes),
        "no" => Some(IndicatorValue::No),
        "na" => Some(IndicatorValue::NotApplicable),
        number => Some(IndicatorValue::Number(
            Decimal::from_str(number)
                .unwrap_or_else(|_| panic!("value `{number}` is not yes/no/na/a number")),
        )),
    }
}

fn entries(values: &BTreeMap<String, String>) -> Vec<ValueEntry> {
    values
        .iter()
        .map(|(id, text)| ValueEntry::new(IndicatorId::new(id.as_str()), value(text)))
        .collect()
}

fn committee(rows: Option<&Vec<MemberRow>>) -> Vec<CommitteeMember> {
    let member = |role: MemberRole, home: Option<&str>, attended: bool| CommitteeMember {
        name: format!("{role} member"),
        role,
        organization: "test".to_owned(),
        home_facility_id: home.map(FacilityId::new),
        attended_consultation: Some(attended),
    };
    match rows {
        None => vec![
            member(MemberRole::Government, None, false),
            member(MemberRole::PeerFacility, Some("F-PEER"), false),
            member(MemberRole::Independent, None, true),
        ],
        Some(rows) => rows
            .iter()
            .map(|row| member(row.role.parse().unwrap(), row.home.as_deref(), row.attended))
            .collect(),
    }
}

fn dataset(file: &CaseFile, case: &Case) -> Dataset {
    let mut dataset = Dataset::default();
    let district = DistrictId::new("D1");
    dataset.districts.insert(
        district.clone(),
        District {
            id: district.clone(),
            name: "District".to_owned(),
            province: "Province".to_owned(),
            priority: Priority::Lagging,
        },
    );
    let default_facilities = [FacilityRow {
        id: "F1".to_owned(),
        facility_type: default_type(),
        active: true,
    }];
    let facilities = if case.facility.is_empty() {
        &default_facilities[..]
    } else {
        &case.facility
    };
    for row in facilities {
        let id = FacilityId::new(row.id.as_str());
        dataset.facilities.insert(
            id.clone(),
            Facility {
                id,
                name: format!("Facility {}", row.id),
                facility_type: FacilityType::from_str(&row.facility_type).unwrap(),
                district_id: district.clone(),
                budget_unit: BudgetUnit::None,
                payment_channel: PaymentChannel::ESistafe,
                beds: None,
                catchment_population: None,
                active: row.active,
            },
        );
    }
    for row in &case.consultation {
        let id = ConsultationId::new(row.id.as_str());
        dataset.consultations.insert(
            id.clone(),
            Consultation {
                id,
                facility_id: FacilityId::new(row.facility.as_str()),
                date: date(&row.date),
                participants: 30,
                participants_women: 15,
                participants_youth: 5,
                values: entries(&row.values),
            },
        );
    }
    for row in &case.assessment {
        let id = AssessmentId::new(row.id.as_str());
        let scorecard = row
            .scorecard
            .as_ref()
            .or(file.scorecard.as_ref())
            .unwrap_or_else(|| {
                panic!(
                    "assessment `{}` names no scorecard and the file has no default",
                    row.id
                )
            });
        dataset.assessments.insert(
            id.clone(),
            Assessment {
                id,
                facility_id: FacilityId::new(row.facility.as_str()),
                scorecard_id: ScorecardId::new(scorecard.as_str()),
                scorecard_version: row.version.clone(),
                date: date(&row.date),
                kind: AssessmentKind::from_str(&row.kind).unwrap(),
                consultation_id: row.consultation.as_deref().map(ConsultationId::new),
                values: entries(&row.values),
                committee: committee(row.committee.as_ref()),
            },
        );
    }
    dataset
}

fn calendar(case: &Case) -> FiscalCalendar {
    match &case.fiscal_year_start {
        None => FiscalCalendar::default(),
        Some(start) => {
            let (month, day) = start.split_once('-').unwrap();
            FiscalCalendar {
                start_month: month.parse().unwrap(),
                start_day: day.parse().unwrap(),
            }
        }
    }
}

fn decimal_text(value: Option<Decimal>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.normalize().to_string())
}

/// Compares expected and found decimals by value (`"72.50"` matches 72.5),
/// except that reported scores are also compared as text (2 decimals).
fn same(expected: &str, found: Option<Decimal>) -> bool {
    match (expected, found) {
        ("none", None) => true,
        (text, Some(found)) => Decimal::from_str(text).is_ok_and(|expected| expected == found),
        _ => false,
    }
}

fn check_assessment(
    expect: &ExpectAssessment,
    score: &AssessmentScore,
    failures: &mut Vec<String>,
) {
    let mut fail = |what: &str, expected: String, found: String| {
        if expected != found {
            failures.push(format!("{what}: expected `{expected}`, found `{found}`"));
        }
    };
    if let Some(valid) = expect.valid {
        fail("valid", valid.to_string(), score.valid.to_string());
    }
    if let Some(reasons) = &expect.reasons {
        fail(
            "reasons",
            reasons.join(", "),
            score.reason_codes().join(", "),
        );
    }
    let reasons_text: Vec<String> = score.reasons.iter().map(ToString::to_string).collect();
    for detail in expect.details.iter().flatten() {
        if !reasons_text
            .iter()
            .any(|reason| reason.contains(detail.as_str()))
        {
            fail("reason detail", detail.clone(), reasons_text.join(" | "));
        }
    }
    if let Some(composite) = &expect.composite {
        let found = score
            .composite
            .map_or_else(|| "none".to_owned(), |value| value.to_string());
        fail("reported composite (as text)", composite.clone(), found);
    }
    let decimals = [
        ("unrounded", &expect.unrounded, score.unrounded),
        (
            "facility_composite",
            &expect.facility_composite,
            score.facility_composite,
        ),
        (
            "uncapped",
            &expect.uncapped,
            score.facility.as_ref().and_then(|part| part.uncapped),
        ),
        (
            "consultation_composite",
            &expect.consultation_composite,
            score.consultation_composite,
        ),
    ];
    for (what, expected, found) in decimals {
        if let Some(expected) = expected
            && !same(expected, found)
        {
            fail(what, expected.clone(), decimal_text(found));
        }
    }
    if let Some(applied) = expect.critical_cap_applied {
        fail(
            "critical_cap_applied",
            applied.to_string(),
            score.critical_cap_applied().to_string(),
        );
    }
    if let Some(domains) = &expect.redistributed {
        let found: Vec<&str> = score.redistributed().iter().map(|id| id.as_str()).collect();
        fail("redistributed", domains.join(", "), found.join(", "));
    }
    let by_indicator =
        |expected: &BTreeMap<String, String>,
         pick: &dyn Fn(&pba_scoring::IndicatorResult) -> Option<Decimal>| {
            let mut mismatches = Vec::new();
            for (id, text) in expected {
                let found = score
                    .indicators()
                    .iter()
                    .find(|result| result.indicator_id.as_str() == id);
                match found {
                    Some(result) if same(text, pick(result)) => {}
                    Some(result) => mismatches.push(format!(
                        "{id} = {} (expected {text})",
                        decimal_text(pick(result))
                    )),
                    None => mismatches.push(format!("{id} not scored (expected {text})")),
                }
            }
            mismatches
        };
    for mismatch in expect
        .fractions
        .as_ref()
        .map(|map| by_indicator(map, &|result| result.fraction))
        .unwrap_or_default()
    {
        failures.push(format!("fraction: {mismatch}"));
    }
    for mismatch in expect
        .earned
        .as_ref()
        .map(|map| by_indicator(map, &|result| result.earned))
        .unwrap_or_default()
    {
        failures.push(format!("earned: {mismatch}"));
    }
    for (id, text) in expect.domains.iter().flatten() {
        let found = score
            .domains()
            .iter()
            .find(|domain| domain.domain_id.as_str() == id);
        let percent = found.and_then(pba_scoring::DomainScore::percent);
        if found.is_none() || !same(text, percent) {
            failures.push(format!(
                "domain {id}: expected `{text}` percent, found `{}`",
                decimal_text(percent)
            ));
        }
    }
}

fn check_facility(expect: &ExpectFacility, found: &FacilityScore, failures: &mut Vec<String>) {
    let mut fail = |what: &str, expected: String, found: String| {
        if expected != found {
            failures.push(format!(
                "facility {}: {what}: expected `{expected}`, found `{found}`",
                expect.facility
            ));
        }
    };
    if let Some(eligible) = expect.eligible {
        fail("eligible", eligible.to_string(), found.eligible.to_string());
    }
    if let Some(score) = &expect.score {
        let text = found
            .score
            .map_or_else(|| "none".to_owned(), |score| score.to_string());
        fail("score (as text)", score.clone(), text);
    }
    if let Some(reason) = &expect.reason {
        let text = found
            .reason
            .map_or_else(|| "none".to_owned(), |reason| reason.to_string());
        fail("reason", reason.clone(), text);
    }
    if let Some(count) = expect.valid_assessments {
        fail(
            "valid_assessments",
            count.to_string(),
            found.valid_assessments.to_string(),
        );
    }
    if let Some(scorecard) = &expect.scorecard {
        let text = found
            .scorecard_id
            .as_ref()
            .map_or_else(|| "none".to_owned(), ToString::to_string);
        fail("scorecard", scorecard.clone(), text);
    }
}

fn run_file(path: &Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.starts_with('#'),
        "{}: a case file starts with a comment documenting its format",
        path.display()
    );
    let file: CaseFile =
        toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let sources: Vec<(String, String)> = file
        .scorecards
        .iter()
        .map(|(label, text)| (format!("{}#{label}", path.display()), text.clone()))
        .collect();
    let scorecards = ScorecardSet::parse(&sources)
        .unwrap_or_else(|errors| panic!("{}: {errors}", path.display()));
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut failures = Vec::new();
    for case in &file.case {
        let mut problems = Vec::new();
        let expectations = case
            .assessment
            .iter()
            .filter(|row| row.expect.is_some())
            .count()
            + case.expect_facility.len();
        if expectations == 0 {
            problems.push("the case expects nothing, so it cannot fail".to_owned());
        }
        let dataset = dataset(&file, case);
        let scores = score_year(
            &dataset,
            &scorecards,
            calendar(case),
            case.min_assessments,
            case.fiscal_year,
        );
        assert_eq!(
            scores.assessments.len(),
            dataset.assessments.len(),
            "every assessment is listed"
        );
        assert_eq!(
            scores.facilities.len(),
            dataset.facilities.len(),
            "every facility is listed"
        );
        for row in &case.assessment {
            let Some(expect) = &row.expect else { continue };
            let score = scores
                .assessments
                .iter()
                .find(|score| score.assessment_id.as_str() == row.id)
                .unwrap();
            let mut found = Vec::new();
            check_assessment(expect, score, &mut found);
            problems.extend(
                found
                    .into_iter()
                    .map(|problem| format!("assessment {}: {problem}", row.id)),
            );
        }
        for expect in &case.expect_facility {
            match scores
                .facilities
                .iter()
                .find(|found| found.facility_id.as_str() == expect.facility)
            {
                Some(found) => check_facility(expect, found, &mut problems),
                None => problems.push(format!("facility {} not in the results", expect.facility)),
            }
        }
        failures.extend(
            problems
                .into_iter()
                .map(|problem| format!("{file_name} / {}: {problem}", case.name)),
        );
    }
    (file.case.len(), failures)
}

#[test]
fn every_case_file_passes() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 6,
        "expected the case files in {}",
        directory.display()
    );
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &paths {
        let (cases, found) = run_file(path);
        assert!(cases > 0, "{} has no case", path.display());
        total += cases;
        failures.extend(found);
    }
    assert!(
        failures.is_empty(),
        "{} of the cases' checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{total} cases in {} files passed", paths.len());
}
