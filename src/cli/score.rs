//! `pba score`: every assessment of a fiscal year scored, every facility's
//! eligibility decided (SPEC sections 3 and 4).

use std::path::PathBuf;

use clap::Args;
use pba_data::OutputSet;
use pba_scorecard::AssessmentId;
use pba_scoring::{Detail, explain, score_assessment, score_year_each};

use crate::cli::DefinitionArguments;
use crate::failure::{Failure, Outcome};
use crate::{definitions, pipeline, tables};

/// Arguments of `pba score`.
#[derive(Debug, Args)]
pub struct ScoreArguments {
    /// Dataset directory.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Fiscal year N whose assessments decide PBA in N+1.
    #[arg(long)]
    year: i32,
    /// Output directory for `assessment-scores.csv` and `facility-scores.csv`.
    #[arg(long, value_name = "DIR", required_unless_present = "explain")]
    out: Option<PathBuf>,
    /// Print how one assessment was scored, indicator by indicator, on stdout
    /// (writes no file).
    #[arg(long, value_name = "ASSESSMENT_ID")]
    explain: Option<String>,
    #[command(flatten)]
    definitions: DefinitionArguments,
}

/// Scores the year and writes both files (or explains one assessment).
pub fn run(arguments: &ScoreArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.definitions.scorecards.as_deref())?;
    let program = definitions::program(arguments.definitions.program.as_deref())?;
    let dataset = pipeline::dataset(&arguments.data)?;

    if let Some(id) = &arguments.explain {
        let assessment = dataset
            .assessments
            .get(&AssessmentId::new(id.as_str()))
            .ok_or_else(|| {
                Failure::user(format!(
                    "assessment `{id}` is not in `{}`",
                    arguments.data.join("assessments.csv").display()
                ))
            })?;
        let scored = score_assessment(
            assessment,
            &dataset,
            &scorecards,
            program.calendar,
            arguments.year,
        );
        print!("{}", explain(&scored, &dataset, &scorecards));
        return Ok(());
    }

    let out = arguments
        .out
        .as_ref()
        .ok_or_else(|| Failure::user("`--out DIR` is required unless `--explain` is given"))?;
    // Each assessment's line is written as it is scored, and its domain
    // results dropped.
    let rows = tables::AssessmentScoreRows::new(&scorecards);
    let (scores, lines) = score_year_each(
        &dataset,
        &scorecards,
        program.calendar,
        program.min_assessments,
        arguments.year,
        Detail::Composites,
        |assessment| rows.row(assessment),
    );
    // Never freed, as the dataset is not: the process exits right after, and
    // dropping 335,000 scores one by one took about 40 ms on one core.
    let scores = std::mem::ManuallyDrop::new(scores);
    // The lines are not freed either (400,000 strings, about 15 ms).
    let mut outputs = std::mem::ManuallyDrop::new(OutputSet::default());
    outputs.add_lines("assessment-scores.csv", rows.header_line(), lines);
    // facility-scores.csv and the summary are made while the 50 MB of
    // assessment-scores.csv go to disk.
    let mut summary = String::new();
    outputs
        .commit_with(out, || {
            let (facility_scores, text) = rayon::join(
                || tables::facility_scores(&scores, &dataset),
                || tables::scores_text(&scores),
            );
            summary = text;
            let mut later = OutputSet::default();
            later.add_bytes("facility-scores.csv", facility_scores.into_bytes());
            later
        })
        .map_err(Failure::user)?;
    eprint!("{summary}");
    Ok(())
}
