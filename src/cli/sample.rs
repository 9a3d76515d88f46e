//! `pba sample`: the IVA's reproducible stratified sample (SPEC section 7).

use std::path::PathBuf;

use clap::Args;
use pba_data::{OutputSet, read_dataset};
use pba_verification::{Stratum, draw_sample};
use rust_decimal::Decimal;

use crate::cli::DefinitionArguments;
use crate::definitions;
use crate::failure::{Failure, Outcome};
use crate::tables;

/// Seed text of the IVA sample of the shipped sample dataset: `pba synth`
/// draws its IVA visits for the sample of this seed (`--iva-seed`), and `pba
/// demo` samples and verifies with it, so the demo finds the sampled
/// facilities visited.
pub const SAMPLE_IVA_SEED: &str = "iva";

/// Fraction of each stratum in the IVA sample of the shipped sample dataset
/// (`pba synth --iva-fraction`, `pba demo`): 10 %.
pub const SAMPLE_IVA_FRACTION: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Arguments of `pba sample`.
#[derive(Debug, Args)]
pub struct SampleArguments {
    /// Dataset directory.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Fiscal year whose ISC-assessed facilities are sampled.
    #[arg(long)]
    year: i32,
    /// Fraction of each stratum to take, 0 to 1 (rounded up per stratum).
    #[arg(long)]
    fraction: Decimal,
    /// Seed text: the same seed gives the same sample everywhere.
    #[arg(long)]
    seed: String,
    /// Stratum attributes, comma-separated: `province`, `type`, `district`.
    #[arg(long, default_value = "province,type")]
    strata: String,
    /// Output directory for `iva-sample.csv`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    definitions: DefinitionArguments,
}

/// Draws and writes the sample.
pub fn run(arguments: &SampleArguments) -> Outcome {
    let program = definitions::program(arguments.definitions.program.as_deref())?;
    let strata = Stratum::parse_list(&arguments.strata).map_err(Failure::user)?;
    let dataset = read_dataset(&arguments.data).map_err(Failure::user)?;
    let sample = draw_sample(
        &dataset,
        program.calendar,
        arguments.year,
        arguments.fraction,
        &arguments.seed,
        &strata,
    )
    .map_err(Failure::user)?;
    let mut outputs = OutputSet::default();
    outputs.add_table("iva-sample.csv", &tables::iva_sample(&sample, &dataset));
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::iva_sample_summary(&sample));
    Ok(())
}
