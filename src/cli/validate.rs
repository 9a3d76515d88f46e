//! `pba validate`: check definitions and a dataset, reporting every error.

use std::path::PathBuf;

use clap::Args;
use pba_scorecard::{DefinitionErrors, ScorecardSet, parse_policy, parse_program, parse_scorecard};

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
    let mut report = |source: &Source, outcome: Result<String, DefinitionErrors>| match outcome {
        Ok(summary) => eprintln!("ok      {}: {summary}", source.name),
        Err(errors) => {
            failed += 1;
            eprintln!("invalid {}:\n{errors}", source.name);
        }
    };

    let mut parsed = Vec::new();
    for source in sources(arguments.scorecards.as_deref(), defaults::SCORECARDS)? {
        let outcome = parse_scorecard(&source.name, &source.text).map(|definition| {
            let summary = format!(
                "scorecard `{}` version `{}`: {} domains, {} indicators",
                definition.id,
                definition.version,
                definition.domains.len(),
                definition.indicators.len()
            );
            parsed.push((source.name.clone(), definition));
            summary
        });
        report(&source, outcome);
    }
    let scorecards = match ScorecardSet::new(parsed) {
        Ok(set) => Some(set),
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
        report(&source, outcome);
    }

    for source in sources(arguments.policies.as_deref(), defaults::POLICIES)? {
        let outcome = parse_policy(&source.name, &source.text).and_then(|policy| {
            if let Some(set) = &scorecards {
                pba_scorecard::check_policy_scorecard(&source.name, &policy, set)?;
            }
            Ok(format!(
                "policy `{}`: PBA year {}, scorecard `{}`, {} envelope(s)",
                policy.id,
                policy.pba_year,
                policy.scorecard,
                policy.envelopes.len()
            ))
        });
        report(&source, outcome);
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
