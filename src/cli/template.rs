//! `pba template`: a blank entry sheet for one ISC visit.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pba_data::{OutputSet, template_table, template_xlsx};
use pba_scorecard::ScorecardId;

use crate::definitions;
use crate::failure::{Failure, Outcome};

/// Sheet format.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// CSV: one row per indicator (to stdout unless `--out`).
    Csv,
    /// XLSX with data validation and the committee block (needs `--out`).
    Xlsx,
}

/// Arguments of `pba template`.
#[derive(Debug, Args)]
pub struct TemplateArguments {
    /// Scorecard id, e.g. `hospital`.
    #[arg(long)]
    scorecard: String,
    /// Scorecard version (default: the greatest).
    #[arg(long)]
    version: Option<String>,
    /// Sheet format.
    #[arg(long, value_enum, default_value = "csv")]
    format: Format,
    /// Output directory (the file is `template-<id>-<version>.<format>`).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Directory of scorecard definitions (default: the shipped scorecards).
    #[arg(long, value_name = "DIR")]
    scorecards: Option<PathBuf>,
}

/// Writes the template.
pub fn run(arguments: &TemplateArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.scorecards.as_deref())?;
    let id = ScorecardId::new(arguments.scorecard.as_str());
    let definition = match &arguments.version {
        Some(version) => scorecards.get(&id, version),
        None => scorecards.versions(&id).last(),
    }
    .ok_or_else(|| {
        let known = scorecards
            .scorecards
            .keys()
            .map(|(id, version)| format!("`{id}` `{version}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Failure::user(format!(
            "no scorecard `{}`{}, expected one of {known}",
            arguments.scorecard,
            arguments
                .version
                .as_ref()
                .map(|version| format!(" version `{version}`"))
                .unwrap_or_default()
        ))
    })?;
    let name = format!("template-{}-{}", definition.id, definition.version);
    match (arguments.format, &arguments.out) {
        (Format::Csv, None) => print!("{}", template_table(definition).to_csv()),
        (Format::Csv, Some(out)) => {
            let mut outputs = OutputSet::default();
            outputs.add_table(format!("{name}.csv"), &template_table(definition));
            outputs.commit(out).map_err(Failure::user)?;
        }
        (Format::Xlsx, None) => {
            return Err(Failure::user(
                "`--format xlsx` writes a file: give `--out DIR`",
            ));
        }
        (Format::Xlsx, Some(out)) => {
            let mut outputs = OutputSet::default();
            outputs.add_bytes(
                format!("{name}.xlsx"),
                template_xlsx(definition).map_err(Failure::internal)?,
            );
            outputs.commit(out).map_err(Failure::user)?;
        }
    }
    eprintln!(
        "template: scorecard `{}` version `{}`, {} indicators",
        definition.id,
        definition.version,
        definition.indicators.len()
    );
    Ok(())
}
