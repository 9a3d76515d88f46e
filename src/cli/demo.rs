//! `pba demo`: the whole pipeline on the shipped sample dataset, narrated.
//!
//! Every output is written under `--out` in one atomic commit: for each PBA
//! year of the shipped policies, the scores of the fiscal year before, the
//! PBA lists, the DLI 8/9 values; then their disbursement with the shipped
//! program, and the IVA sample and verification of the last fiscal year.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use pba_allocation::disburse;
use pba_data::{OutputSet, Table};
use pba_scorecard::{DliId, FacilityId, Policy, Priority};
use pba_scoring::Detail;
use pba_verification::{Stratum, draw_sample};
use rust_decimal::Decimal;

use crate::cli::dli;
use crate::cli::sample::{SAMPLE_IVA_FRACTION, SAMPLE_IVA_SEED};
use crate::cli::verify::{SampleRequest, verification};
use crate::failure::{Failure, Outcome};
use crate::{defaults, definitions, pipeline, tables};

/// Seed of the demo's IVA sample: the one `pba synth` drew the sample
/// dataset's IVA visits for.
const IVA_SEED: &str = SAMPLE_IVA_SEED;

/// Arguments of `pba demo`.
#[derive(Debug, Args)]
pub struct DemoArguments {
    /// Output directory.
    #[arg(long, value_name = "DIR", default_value = "out/demo")]
    out: PathBuf,
    /// Dataset (default: `data/sample`, from the current directory or else
    /// from the source tree pba was built from).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

fn sample_directory(given: Option<&Path>) -> PathBuf {
    if let Some(given) = given {
        return given.to_path_buf();
    }
    let local = PathBuf::from("data/sample");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// Indents every line of a summary under a numbered step.
fn indented(story: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(story, "   {line}");
    }
}

/// Runs the pipeline and prints the story of it on stderr.
pub fn run(arguments: &DemoArguments) -> Outcome {
    let data = sample_directory(arguments.data.as_deref());
    let scorecards = definitions::scorecards(None)?;
    let program = definitions::program(None)?;
    let policies: Vec<Policy> = definitions::sources(None, defaults::POLICIES)?
        .iter()
        .map(|source| definitions::parse_checked_policy(source, &scorecards))
        .collect::<Outcome<_>>()?;
    let mut story = String::new();
    let _ = writeln!(
        story,
        "pba demo on {} (synthetic data)\n1. definitions: {} scorecards, program `{}` ({} DLI series), {} policies, all valid",
        data.display(),
        scorecards.scorecards.len(),
        program.id,
        program.dlis.len(),
        policies.len()
    );

    let dataset = pipeline::dataset(&data)?;
    let provinces: BTreeSet<&str> = dataset
        .districts
        .values()
        .map(|district| district.province.as_str())
        .collect();
    let priority = dataset
        .districts
        .values()
        .filter(|district| district.priority != Priority::None)
        .count();
    let _ = writeln!(
        story,
        "2. dataset: {} provinces, {} districts ({priority} priority), {} facilities, {} assessments, {} consultations, {} transfers",
        provinces.len(),
        dataset.districts.len(),
        dataset.facilities.len(),
        dataset.assessments.len(),
        dataset.consultations.len(),
        dataset.transfers.len()
    );

    let mut outputs = OutputSet::default();
    let mut achievements: BTreeMap<(DliId, u32), Decimal> = BTreeMap::new();
    let pba_years: BTreeSet<i32> = policies.iter().map(|policy| policy.pba_year).collect();
    let last_pba_year = pba_years.last().copied().unwrap_or_default();
    let mut verification_text = String::new();
    let mut step = 3;
    for pba_year in pba_years {
        let fiscal_year = pba_year - 1;
        let _ = writeln!(
            story,
            "{step}. PBA year {pba_year}, on the scores of fiscal year {fiscal_year}"
        );
        step += 1;
        let scores = pipeline::score(&dataset, &scorecards, &program, fiscal_year, Detail::Full);
        outputs.add_bytes(
            format!("fy{fiscal_year}-assessment-scores.csv"),
            tables::assessment_scores(&scores, &scorecards).into_bytes(),
        );
        outputs.add_bytes(
            format!("fy{fiscal_year}-facility-scores.csv"),
            tables::facility_scores(&scores, &dataset).into_bytes(),
        );
        indented(&mut story, &tables::scores_text(&scores));

        if pba_year == last_pba_year {
            let fraction = SAMPLE_IVA_FRACTION;
            let sample = draw_sample(
                &dataset,
                program.calendar,
                fiscal_year,
                fraction,
                IVA_SEED,
                Stratum::DEFAULT,
            )
            .map_err(Failure::user)?;
            outputs.add_table(
                format!("fy{fiscal_year}-iva-sample.csv"),
                &tables::iva_sample(&sample, &dataset),
            );
            let request = SampleRequest {
                seed: IVA_SEED,
                fraction,
                strata: Stratum::DEFAULT,
            };
            let verified = verification(&dataset, &scores, &program, Some(request), Decimal::TEN)?;
            outputs.add_table(
                format!("fy{fiscal_year}-verification.csv"),
                &tables::verification(&verified),
            );
            outputs.add_table(
                format!("fy{fiscal_year}-verification-summary.csv"),
                &tables::verification_summary(&verified),
            );
            verification_text = tables::iva_sample_summary(&sample)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            verification_text.push('\n');
            verification_text.push_str(&tables::verification_text(&verified, fiscal_year));
        }

        let facility_scores = pipeline::by_facility(scores.facilities);
        let mut listed: BTreeMap<FacilityId, Decimal> = BTreeMap::new();
        for policy in policies.iter().filter(|policy| policy.pba_year == pba_year) {
            let list = pipeline::allocate_policy(policy, &scorecards, &dataset, &facility_scores)?;
            tables::add_pba_list(
                &mut outputs,
                &format!("{}-", policy.id),
                &list,
                policy,
                &dataset,
            )?;
            indented(&mut story, &tables::pba_list_text(&list));
            for row in list.rows {
                *listed.entry(row.facility_id).or_default() += row.amount;
            }
        }
        let results = dli::compute(&program, &dataset, &facility_scores, &listed, pba_year)?;
        outputs.add_table(
            format!("pba{pba_year}-dli-values.csv"),
            &tables::dli_values(&results, &program),
        );
        outputs.add_table(
            format!("pba{pba_year}-dli-facilities.csv"),
            &tables::dli_facilities(&results),
        );
        indented(&mut story, &tables::dli_text(&results, &program));
        for result in results {
            let year = u32::try_from(program.program_year(result.pba_year))
                .ok()
                .filter(|year| *year >= 1);
            if let (Some(year), Some(value)) = (year, result.value) {
                achievements.insert((result.dli, year), value);
            }
        }
    }

    let mut achieved = Table::new(["dli", "year", "value"]);
    for ((dli, year), value) in &achievements {
        achieved.push_row([dli.to_string(), year.to_string(), value.to_string()]);
    }
    outputs.add_table("achievements.csv", &achieved);
    let disbursement = disburse(&program, &achievements).map_err(Failure::user)?;
    outputs.add_table("disbursements.csv", &tables::disbursements(&disbursement));
    outputs.add_table(
        "disbursement-summary.csv",
        &tables::disbursement_summary(&disbursement),
    );
    let _ = writeln!(
        story,
        "{step}. disbursement of the DLIs measured here, with the shipped program"
    );
    step += 1;
    indented(&mut story, &tables::disbursement_text(&disbursement));
    let _ = writeln!(story, "{step}. independent verification");
    indented(&mut story, &verification_text);

    let written = outputs.commit(&arguments.out).map_err(Failure::user)?;
    let _ = writeln!(
        story,
        "outputs: {} files in {}",
        written.len(),
        arguments.out.display()
    );
    eprint!("{story}");
    Ok(())
}
