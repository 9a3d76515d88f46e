//! `dli-values.csv` and `dli-facilities.csv` (SPEC section 6).

use std::fmt::Write as _;

use pba_allocation::DliResult;
use pba_data::Table;
use pba_scorecard::ProgramDefinition;

use super::{fixed, flag};

/// The target of a DLI series for a program year, if any.
fn target(program: &ProgramDefinition, result: &DliResult) -> Option<rust_decimal::Decimal> {
    let year = program.program_year(result.pba_year);
    program
        .dlis
        .iter()
        .find(|series| series.id == result.dli)?
        .targets
        .iter()
        .find(|target| i64::from(target.year) == year)
        .map(|target| target.value)
}

/// `dli-values.csv`: `year` is the program year, `fiscal_year` the PBA year
/// measured, `scores_fiscal_year` the year whose scores decided eligibility.
pub fn dli_values(results: &[DliResult], program: &ProgramDefinition) -> Table {
    let mut table = Table::new([
        "dli",
        "year",
        "fiscal_year",
        "numerator",
        "denominator",
        "value",
        "target",
        "scores_fiscal_year",
    ]);
    for result in results {
        table.push_row([
            result.dli.to_string(),
            program.program_year(result.pba_year).to_string(),
            result.pba_year.to_string(),
            result.numerator.to_string(),
            result.denominator.to_string(),
            result
                .value
                .map(|value| fixed(value, 2))
                .unwrap_or_default(),
            target(program, result)
                .map(|value| value.to_string())
                .unwrap_or_default(),
            (result.pba_year - 1).to_string(),
        ]);
    }
    table
}

/// `dli-facilities.csv`: every facility of each denominator, counted or why not.
pub fn dli_facilities(results: &[DliResult]) -> Table {
    let mut table = Table::new([
        "dli",
        "facility_id",
        "district_id",
        "type",
        "eligible",
        "listed_amount",
        "received_amount",
        "counted",
        "reason",
    ]);
    for result in results {
        for row in &result.rows {
            table.push_row([
                row.dli.to_string(),
                row.facility_id.to_string(),
                row.district_id.to_string(),
                row.facility_type.to_string(),
                flag(row.eligible),
                row.listed_amount
                    .map(|amount| fixed(amount, 2))
                    .unwrap_or_default(),
                fixed(row.received_amount, 2),
                flag(row.counted),
                row.reason
                    .map(|reason| reason.to_string())
                    .unwrap_or_default(),
            ]);
        }
    }
    table
}

/// The stderr summary: each value against its target.
pub fn dli_text(results: &[DliResult], program: &ProgramDefinition) -> String {
    let mut text = String::new();
    for result in results {
        let value = result.value.map_or_else(
            || "no value (empty denominator)".to_owned(),
            |value| format!("{}%", fixed(value, 2)),
        );
        let target = target(program, result).map_or_else(
            || "no target this year".to_owned(),
            |value| format!("target {value}%"),
        );
        let _ = writeln!(
            text,
            "dli: DLI {} for PBA year {} (program year {}): {value} = {} of {} facilities ({target})",
            result.dli,
            result.pba_year,
            program.program_year(result.pba_year),
            result.numerator,
            result.denominator
        );
    }
    text
}
