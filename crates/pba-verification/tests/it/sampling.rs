//! Runs `tests/cases/sampling.toml`.

use pba_scorecard::FiscalCalendar;
use pba_verification::{Sample, Stratum, draw_sample};
use rust_decimal::Decimal;

use crate::support::{FacilityCase, cases, dataset};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    year: i32,
    #[serde(default)]
    fiscal_year_start: Option<String>,
    fraction: Decimal,
    seed: String,
    strata: Vec<String>,
    facilities: Vec<FacilityCase>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    expected: Option<Expected>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    strata: Vec<String>,
    selected: Vec<String>,
}

fn calendar(start: Option<&str>) -> FiscalCalendar {
    let Some(start) = start else {
        return FiscalCalendar::default();
    };
    let (month, day) = start.split_once('-').unwrap();
    FiscalCalendar {
        start_month: month.parse().unwrap(),
        start_day: day.parse().unwrap(),
    }
}

fn render(sample: &Sample) -> (Vec<String>, Vec<String>) {
    let strata = sample
        .summary
        .iter()
        .map(|stratum| format!("{} {} {}", stratum.stratum, stratum.size, stratum.selected))
        .collect();
    let selected = sample
        .rows
        .iter()
        .map(|row| {
            let checks: Vec<&str> = row
                .assessments
                .iter()
                .map(|assessment| assessment.assessment_id.as_str())
                .collect();
            format!(
                "{} {} {} {}",
                row.stratum,
                row.rank,
                row.facility_id,
                checks.join(",")
            )
        })
        .collect();
    (strata, selected)
}

#[test]
fn sampling_cases() {
    let file: File = cases("sampling.toml");
    assert!(file.case.len() >= 10, "the case file lost cases");
    for case in &file.case {
        let strata: Vec<Stratum> = case
            .strata
            .iter()
            .map(|name| name.parse().unwrap())
            .collect();
        let result = draw_sample(
            &dataset(&case.facilities),
            calendar(case.fiscal_year_start.as_deref()),
            case.year,
            case.fraction,
            &case.seed,
            &strata,
        );
        match (&case.error, &case.expected, result) {
            (Some(error), None, Err(found)) => {
                assert_eq!(&found.to_string(), error, "case `{}`", case.name);
            }
            (None, Some(expected), Ok(sample)) => {
                let (found_strata, found_selected) = render(&sample);
                assert_eq!(
                    found_strata, expected.strata,
                    "case `{}`: strata",
                    case.name
                );
                assert_eq!(
                    found_selected, expected.selected,
                    "case `{}`: selected",
                    case.name
                );
                for row in &sample.rows {
                    assert_eq!(
                        row.hash,
                        pba_verification::rank_hash(&case.seed, &row.facility_id)
                    );
                }
            }
            (_, _, result) => panic!("case `{}`: unexpected outcome {result:?}", case.name),
        }
    }
}

#[test]
fn committee_of_each_assessment_to_check_is_listed() {
    let file: File = cases("sampling.toml");
    let case = file.case.first().unwrap();
    let sample = draw_sample(
        &dataset(&case.facilities),
        FiscalCalendar::default(),
        2019,
        Decimal::ONE,
        "42",
        Stratum::DEFAULT,
    )
    .unwrap();
    let row = sample
        .rows
        .iter()
        .find(|row| row.facility_id.as_str() == "F00001")
        .unwrap();
    assert_eq!(row.province, "Gaza");
    assert_eq!(row.district_id.as_str(), "D01");
    let check = row.assessments.first().unwrap();
    assert_eq!(check.date.to_string(), "2019-02-10");
    assert_eq!(check.scorecard_id.as_str(), "hospital");
    assert_eq!(
        check.committee,
        vec![(
            "member of F00001-I1".to_owned(),
            pba_scorecard::MemberRole::Government
        )]
    );
}
