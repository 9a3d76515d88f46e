//! `pba validate`: check definitions and a dataset, reporting every error.

use std::path::PathBuf;

use clap::Args;
use pba_scorecard::{
    DefinitionErrors, ScorecardSet, parse_policy, parse_policy_for, parse_program, parse_scorecard,
};

use crate::defaults;
use crate::definitions::{Source, sources};
use crate::failure::{Failure, Outcome};

/// Arguments of `pba validate`.
#[derive(Debug, Args)]
pub struct ValidateArguments {
    /// Directory of scorecard definitions (default: the shipped scorecards).
    #[arg(long, value_name = "DIR")]
    scorecards: Option<PathBuf>,
    /// Directory of program definitions (default: the shipped program).
    #[arg(long, value_name = "DIR")]
    programs: Option<PathBuf>,
    /// Directory of allocation policies (default: the shipped policies).
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// A dataset directory to check (SPEC section 2).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

/// Checks everything given, prints one line per file, fails after reporting all errors.
pub fn run(arguments: &ValidateArguments) -> Outcome {
    let mut failed = 0_usize;
    let report = |source: &Source, outcome: Result<String, DefinitionErrors>| match outcome {
        Ok(summary) => {
            eprintln!("ok      {}: {summary}", source.name);
            0
        }
        Err(errors) => {
            eprintln!("invalid {}:\n{errors}", source.name);
            1
        }
    };

    let mut parsed = 0_usize;
    for source in sources(arguments.scorecards.as_deref(), defaults::SCORECARDS)? {
        let outcome = parse_scorecard(&source.name, &source.text).map(|definition| {
            let summary = format!(
                "scorecard `{}` version `{}`: {} domains, {} indicators",
                definition.id,
                definition.version,
                definition.domains.len(),
                definition.indicators.len()
            );
            parsed += 1;
            summary
        });
        failed += report(&source, outcome);
    }
    let texts: Vec<(String, String)> =
        sources(arguments.scorecards.as_deref(), defaults::SCORECARDS)?
            .into_iter()
            .map(|source| (source.name, source.text))
            .collect();
    let scorecards = match ScorecardSet::parse(&texts) {
        Ok(set) => Some(set),
        // Per-file errors were reported above; report only the set's own.
        Err(_) if parsed < texts.len() => None,
        Err(errors) => {
            failed += 1;
            eprintln!("invalid scorecard set:\n{errors}");
            None
        }
    };

    for source in sources(arguments.programs.as_deref(), defaults::PROGRAMS)? {
        let outcome = parse_program(&source.name, &source.text).map(|program| {
            format!(
                "program `{}`: {} DLI series, fiscal year {} is program year 1",
                program.id,
                program.dlis.len(),
                program.first_fiscal_year
            )
        });
        failed += report(&source, outcome);
    }

    for source in sources(arguments.policies.as_deref(), defaults::POLICIES)? {
        let parsed = match &scorecards {
            Some(set) => parse_policy_for(&source.name, &source.text, set),
            None => parse_policy(&source.name, &source.text),
        };
        let outcome = parsed.map(|policy| {
            format!(
                "policy `{}`: PBA year {}, scorecard `{}`, {} envelope(s)",
                policy.id,
                policy.pba_year,
                policy.scorecard,
                policy.envelopes.len()
            )
        });
        failed += report(&source, outcome);
    }

    if let Some(directory) = &arguments.data {
        match pba_data::read_dataset(directory) {
            Ok(dataset) => eprintln!(
                "ok      {}: {} districts, {} facilities, {} assessments, {} consultations, {} transfers",
                directory.display(),
                dataset.districts.len(),
                dataset.facilities.len(),
                dataset.assessments.len(),
                dataset.consultations.len(),
                dataset.transfers.len()
            ),
            Err(errors) => {
                failed += 1;
                eprintln!("invalid {}:\n{errors}", directory.display());
            }
        }
    }

    if failed > 0 {
        return Err(Failure::user(format!(
            "{failed} definition file(s) or dataset(s) are invalid"
        )));
    }
    Ok(())
}
