//! `pba allocate`: a policy turned into a PBA list (SPEC section 5).

use std::path::PathBuf;

use clap::Args;
use pba_data::{OutputSet, read_facility_scores};
use pba_scoring::Detail;

use crate::cli::DefinitionArguments;
use crate::failure::{Failure, Outcome};
use crate::{definitions, pipeline, tables};

/// Arguments of `pba allocate`.
#[derive(Debug, Args)]
pub struct AllocateArguments {
    /// Dataset directory (the registry; and the assessments unless `--scores`).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Allocation policy (TOML).
    #[arg(long, value_name = "FILE")]
    policy: PathBuf,
    /// Precomputed scores (`facility-scores.csv` as `pba score` writes it)
    /// instead of scoring the dataset's fiscal year `pba_year - 1`.
    #[arg(long, value_name = "FILE")]
    scores: Option<PathBuf>,
    /// Output directory for `pba-list.csv` and `pba-list.xlsx`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    definitions: DefinitionArguments,
}

/// Allocates and writes the PBA list.
pub fn run(arguments: &AllocateArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.definitions.scorecards.as_deref())?;
    let policy = definitions::policy(&arguments.policy, &scorecards)?;
    let dataset = pipeline::dataset(&arguments.data)?;
    let scores = match &arguments.scores {
        Some(path) => read_facility_scores(path).map_err(Failure::user)?,
        None => {
            let program = definitions::program(arguments.definitions.program.as_deref())?;
            pipeline::score(
                &dataset,
                &scorecards,
                &program,
                policy.pba_year - 1,
                Detail::Summary,
            )
            .facilities
        }
    };
    let list = pipeline::allocate_policy(
        &policy,
        &scorecards,
        &dataset,
        &pipeline::by_facility(scores),
    )?;
    let mut outputs = OutputSet::default();
    tables::add_pba_list(&mut outputs, "", &list, &policy, &dataset)?;
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::pba_list_text(&list));
    Ok(())
}
