//! Runs `tests/cases/disbursement.toml` (format documented in the file).

use std::collections::BTreeMap;

use pba_allocation::disburse;
use pba_scorecard::{
    DliId, DliSeries, DliTarget, DliUnit, FiscalCalendar, ProgramDefinition, ProgramId,
    ReceivedRule,
};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::fixture::{cases, dec};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesCase {
    pub id: String,
    #[serde(default = "zero")]
    pub baseline: String,
    pub targets: Vec<(u32, String, String, bool)>,
}

fn yes() -> bool {
    true
}
fn first_year() -> i32 {
    2018
}
fn zero() -> String {
    "0".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default = "yes")]
    rollover: bool,
    #[serde(default = "first_year")]
    first_fiscal_year: i32,
    series: Vec<SeriesCase>,
    #[serde(default)]
    achievements: Vec<(String, u32, String)>,
    #[serde(default)]
    rows: Vec<RowCase>,
    #[serde(default)]
    summary: Vec<SummaryCase>,
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowCase {
    dli: String,
    year: u32,
    earned: String,
    previous: String,
    disbursed: String,
    undisbursed: String,
    target: Option<String>,
    achieved: Option<String>,
    price: Option<String>,
    fiscal_year: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryCase {
    dli: String,
    total: String,
    disbursed: String,
    cancelled: String,
}

/// The program described by a case.
pub fn program(rollover: bool, first_fiscal_year: i32, series: &[SeriesCase]) -> ProgramDefinition {
    ProgramDefinition {
        id: ProgramId::new("test"),
        title: "Test".to_owned(),
        currency: "USD".to_owned(),
        calendar: FiscalCalendar::default(),
        first_fiscal_year,
        rollover,
        min_assessments: 2,
        dlis: series
            .iter()
            .map(|series| DliSeries {
                id: DliId::new(series.id.as_str()),
                title: format!("DLI {}", series.id),
                unit: DliUnit::Percent,
                baseline: dec(&series.baseline),
                received: ReceivedRule::Full,
                targets: series
                    .targets
                    .iter()
                    .map(|(year, value, price, scalable)| DliTarget {
                        year: *year,
                        value: dec(value),
                        price: dec(price),
                        scalable: *scalable,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn text(value: Option<Decimal>) -> String {
    value.map_or("none".to_owned(), |value| value.to_string())
}

#[test]
fn disbursement_cases() {
    let file: File = cases("disbursement.toml");
    assert!(!file.case.is_empty());
    for case in file.case {
        let name = &case.name;
        let program = program(case.rollover, case.first_fiscal_year, &case.series);
        let achievements: BTreeMap<(DliId, u32), Decimal> = case
            .achievements
            .iter()
            .map(|(dli, year, value)| ((DliId::new(dli.as_str()), *year), dec(value)))
            .collect();
        let disbursement = match (&case.error, disburse(&program, &achievements)) {
            (None, Ok(disbursement)) => disbursement,
            (Some(expected), Err(error)) => {
                let message = error.to_string();
                assert!(
                    message.contains(expected.as_str()),
                    "case `{name}`: `{message}`"
                );
                continue;
            }
            (_, result) => panic!("case `{name}`: unexpected {result:?}"),
        };
        let last = program.last_year() as usize;
        assert_eq!(
            disbursement.rows.len(),
            program.dlis.len() * last,
            "case `{name}`: row count"
        );
        assert!(
            !case.rows.is_empty() || !case.summary.is_empty(),
            "case `{name}` checks nothing"
        );
        for want in &case.rows {
            let at = format!("case `{name}`, DLI `{}` year {}", want.dli, want.year);
            let row = disbursement
                .rows
                .iter()
                .find(|row| row.dli.as_str() == want.dli && row.year == want.year)
                .unwrap_or_else(|| panic!("{at}: no row"));
            assert_eq!(
                row.earned_this_year.to_string(),
                want.earned,
                "{at}: earned_this_year"
            );
            assert_eq!(
                row.released_from_previous.to_string(),
                want.previous,
                "{at}: released_from_previous"
            );
            assert_eq!(row.disbursed.to_string(), want.disbursed, "{at}: disbursed");
            assert_eq!(
                row.undisbursed_after.to_string(),
                want.undisbursed,
                "{at}: undisbursed_after"
            );
            if let Some(target) = &want.target {
                assert_eq!(text(row.target), *target, "{at}: target");
            }
            if let Some(achieved) = &want.achieved {
                assert_eq!(text(row.achieved), *achieved, "{at}: achieved");
            }
            if let Some(price) = &want.price {
                assert_eq!(row.price.to_string(), *price, "{at}: price");
            }
            if let Some(fiscal_year) = want.fiscal_year {
                assert_eq!(row.fiscal_year, fiscal_year, "{at}: fiscal_year");
            }
        }
        for want in &case.summary {
            let summary = disbursement
                .summaries
                .iter()
                .find(|summary| summary.dli.as_str() == want.dli)
                .unwrap_or_else(|| panic!("case `{name}`: no summary for `{}`", want.dli));
            assert_eq!(
                summary.total_price.to_string(),
                want.total,
                "case `{name}`: total"
            );
            assert_eq!(
                summary.disbursed.to_string(),
                want.disbursed,
                "case `{name}`: disbursed"
            );
            assert_eq!(
                summary.cancelled.to_string(),
                want.cancelled,
                "case `{name}`: cancelled"
            );
        }
        // The rows add up to the summaries, whatever the case.
        for summary in &disbursement.summaries {
            let disbursed: Decimal = disbursement
                .rows
                .iter()
                .filter(|row| row.dli == summary.dli)
                .map(|row| row.disbursed)
                .sum();
            assert_eq!(
                disbursed, summary.disbursed,
                "case `{name}`: rows vs summary"
            );
        }
    }
}
