//! `pba disburse`: DLI disbursements from achieved values (SPEC section 6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use pba_allocation::disburse;
use pba_data::{AchievementRow, DataError, DataErrors, OutputSet, read_achievements};
use pba_scorecard::{DliUnit, ProgramDefinition};
use rust_decimal::Decimal;

use crate::definitions;
use crate::failure::{Failure, Outcome};
use crate::tables;

/// Arguments of `pba disburse`.
#[derive(Debug, Args)]
pub struct DisburseArguments {
    /// Program definition (default: the shipped Mozambique program).
    #[arg(long, value_name = "FILE")]
    program: Option<PathBuf>,
    /// Achieved values: a CSV with columns `dli, year, value`.
    #[arg(long, value_name = "FILE")]
    achievements: PathBuf,
    /// Output directory for `disbursements.csv` and `disbursement-summary.csv`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Computes and writes the disbursement.
pub fn run(arguments: &DisburseArguments) -> Outcome {
    let program = definitions::program(arguments.program.as_deref())?;
    let rows = read_achievements(&arguments.achievements).map_err(Failure::user)?;
    check_achievements(&arguments.achievements, &rows, &program)?;
    let mut achievements = BTreeMap::new();
    for row in rows {
        achievements.insert((row.dli, row.year), row.value);
    }
    let disbursement = disburse(&program, &achievements).map_err(Failure::user)?;
    let mut outputs = OutputSet::default();
    outputs.add_table("disbursements.csv", &tables::disbursements(&disbursement));
    outputs.add_table(
        "disbursement-summary.csv",
        &tables::disbursement_summary(&disbursement),
    );
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::disbursement_text(&disbursement));
    Ok(())
}

/// Checks each achievement against the program, naming its row: a DLI
/// series the program defines, a program year from 1 to the last, and a
/// value its unit allows (a percent from 0 to 100; a number or an amount
/// of 0 or more).
fn check_achievements(
    path: &Path,
    rows: &[AchievementRow],
    program: &ProgramDefinition,
) -> Outcome {
    let file = path.display().to_string();
    let last = program.last_year();
    let mut errors = Vec::new();
    for row in rows {
        let Some(series) = program.dlis.iter().find(|series| series.id == row.dli) else {
            let known: Vec<String> = program
                .dlis
                .iter()
                .map(|series| format!("`{}`", series.id))
                .collect();
            errors.push(DataError::cell(
                &file,
                row.row,
                "dli",
                format!(
                    "unknown DLI `{}`, expected a series of program `{}`: {}",
                    row.dli,
                    program.id,
                    known.join(", ")
                ),
            ));
            continue;
        };
        if row.year > last {
            errors.push(DataError::cell(
                &file,
                row.row,
                "year",
                format!(
                    "program year `{}` is after the last year of program `{}`, expected `1` to `{last}`",
                    row.year, program.id
                ),
            ));
        }
        let in_range = match series.unit {
            DliUnit::Percent => row.value >= Decimal::ZERO && row.value <= Decimal::ONE_HUNDRED,
            DliUnit::Number | DliUnit::Usd => row.value >= Decimal::ZERO,
        };
        if !in_range {
            let expected = match series.unit {
                DliUnit::Percent => "a percent from `0` to `100`",
                DliUnit::Number => "a number of `0` or more",
                DliUnit::Usd => "an amount of `0` or more",
            };
            errors.push(DataError::cell(
                &file,
                row.row,
                "value",
                format!(
                    "`{}` is out of range for DLI `{}`, expected {expected}",
                    row.value, row.dli
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::user(DataErrors::new(errors)))
    }
}
