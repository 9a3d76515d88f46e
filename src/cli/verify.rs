//! `pba verify`: IVA re-assessments compared with ISC scores (SPEC section 7).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::Args;
use pba_data::OutputSet;
use pba_scorecard::{FacilityId, ProgramDefinition};
use pba_scoring::{Dataset, Detail, YearScores};
use pba_verification::{IscAnnual, ScoredAssessment, Stratum, Verification, compare, draw_sample};
use rust_decimal::Decimal;

use crate::cli::DefinitionArguments;
use crate::failure::{Failure, Outcome};
use crate::{definitions, pipeline, tables};

/// Arguments of `pba verify`.
#[derive(Debug, Args)]
pub struct VerifyArguments {
    /// Dataset directory (with `kind = iva` assessments).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Fiscal year verified.
    #[arg(long)]
    year: i32,
    /// Largest absolute difference, in points, still within tolerance.
    #[arg(long, default_value = "10")]
    tolerance: Decimal,
    /// Seed of the IVA sample (with `--fraction`): sampled facilities without
    /// IVA visits are listed as `not_verified`.
    #[arg(long, requires = "fraction")]
    seed: Option<String>,
    /// Fraction of the IVA sample (with `--seed`).
    #[arg(long, requires = "seed")]
    fraction: Option<Decimal>,
    /// Stratum attributes of the sample.
    #[arg(long, default_value = "province,type")]
    strata: String,
    /// Output directory for `verification.csv` and `verification-summary.csv`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    definitions: DefinitionArguments,
}

/// The sample to check against, when a seed and fraction are given.
pub struct SampleRequest<'a> {
    /// Seed text.
    pub seed: &'a str,
    /// Fraction per stratum.
    pub fraction: Decimal,
    /// Stratum attributes.
    pub strata: &'a [Stratum],
}

/// Scores the year in full detail and compares IVA with ISC.
pub fn verification(
    dataset: &Dataset,
    scores: &YearScores,
    program: &ProgramDefinition,
    sample: Option<SampleRequest<'_>>,
    tolerance: Decimal,
) -> Outcome<Verification> {
    let assessments: Vec<ScoredAssessment> = scores
        .assessments
        .iter()
        .filter(|assessment| assessment.fiscal_year == scores.fiscal_year)
        .map(|assessment| ScoredAssessment {
            assessment_id: assessment.assessment_id.clone(),
            facility_id: assessment.facility_id.clone(),
            kind: assessment.kind,
            date: assessment.date,
            valid: assessment.valid,
            composite: assessment.composite,
            indicators: assessment
                .indicators()
                .iter()
                .map(|indicator| (indicator.indicator_id.clone(), indicator.fraction))
                .collect(),
        })
        .collect();
    let annual: BTreeMap<FacilityId, IscAnnual> = scores
        .facilities
        .iter()
        .map(|facility| {
            let annual = IscAnnual {
                facility_id: facility.facility_id.clone(),
                score: facility.score,
                eligible: facility.eligible,
            };
            (facility.facility_id.clone(), annual)
        })
        .collect();
    let registry: BTreeMap<FacilityId, (String, pba_scorecard::FacilityType)> = dataset
        .facilities
        .values()
        .map(|facility| {
            let province = dataset
                .districts
                .get(&facility.district_id)
                .map(|district| district.province.clone())
                .unwrap_or_default();
            (facility.id.clone(), (province, facility.facility_type))
        })
        .collect();
    let selected: Option<BTreeSet<FacilityId>> = match sample {
        Some(request) => Some(
            draw_sample(
                dataset,
                program.calendar,
                scores.fiscal_year,
                request.fraction,
                request.seed,
                request.strata,
            )
            .map_err(Failure::user)?
            .selected_ids(),
        ),
        None => None,
    };
    compare(
        &assessments,
        &annual,
        selected.as_ref(),
        &registry,
        tolerance,
    )
    .map_err(Failure::user)
}

/// Compares and writes both files.
pub fn run(arguments: &VerifyArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.definitions.scorecards.as_deref())?;
    let program = definitions::program(arguments.definitions.program.as_deref())?;
    let strata = Stratum::parse_list(&arguments.strata).map_err(Failure::user)?;
    let dataset = pipeline::dataset(&arguments.data)?;
    let scores = pipeline::score(
        &dataset,
        &scorecards,
        &program,
        arguments.year,
        Detail::Full,
    );
    let sample = match (&arguments.seed, arguments.fraction) {
        (Some(seed), Some(fraction)) => Some(SampleRequest {
            seed,
            fraction,
            strata: &strata,
        }),
        _ => None,
    };
    let result = verification(&dataset, &scores, &program, sample, arguments.tolerance)?;
    let mut outputs = OutputSet::default();
    outputs.add_table("verification.csv", &tables::verification(&result));
    outputs.add_table(
        "verification-summary.csv",
        &tables::verification_summary(&result),
    );
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::verification_text(&result, arguments.year));
    Ok(())
}
