//! `pba disburse`: DLI disbursements from achieved values (SPEC section 6).

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use pba_allocation::disburse;
use pba_data::{OutputSet, read_achievements};

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
