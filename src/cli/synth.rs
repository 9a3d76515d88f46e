//! `pba synth`: a deterministic synthetic dataset (SPEC section 2 shape).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pba_data::{OutputSet, ValuesShape, write_dataset};
use pba_scoring::Detail;
use pba_synth::{FacilityCount, SynthConfig, add_iva_visits, generate, transfers_for};
use pba_verification::{Stratum, draw_sample};
use rust_decimal::Decimal;

use crate::cli::sample::{SAMPLE_IVA_FRACTION, SAMPLE_IVA_SEED};
use crate::failure::{Failure, Outcome};
use crate::{definitions, pipeline};

/// How many facilities to generate.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Scale {
    /// Mozambique's whole registry: every district and rural hospital, health
    /// centers of every district.
    National,
}

/// Shape of `assessment_values.csv` and `consultation_values.csv`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Shape {
    /// One row per value.
    Long,
    /// One row per assessment, one column per indicator.
    Wide,
}

/// Arguments of `pba synth`.
#[derive(Debug, Args)]
pub struct SynthArguments {
    /// Output directory of the dataset.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed: the same seed gives the same bytes on every machine.
    #[arg(long)]
    seed: u64,
    /// Number of facilities (the national mix scaled to this count).
    #[arg(long, conflicts_with = "scale")]
    facilities: Option<usize>,
    /// A named scale instead of a count.
    #[arg(long, value_enum)]
    scale: Option<Scale>,
    /// Fiscal years, `FIRST-LAST`.
    #[arg(long, default_value = "2018-2020")]
    years: String,
    /// Directory of the scorecards whose indicators values are drawn for.
    #[arg(long = "indicators-from", value_name = "DIR")]
    indicators_from: Option<PathBuf>,
    /// Shape of the value files.
    #[arg(long, value_enum, default_value = "long")]
    values: Shape,
    /// Directory of policies: transfers are drawn from the PBA lists these
    /// policies give on the generated scores (late, partial and missing ones
    /// included). Default: the shipped policies.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Draw plausible transfers without computing PBA lists (faster, for
    /// benchmarks): their amounts do not match any list.
    #[arg(long)]
    unlisted_transfers: bool,
    /// Program definition (fiscal calendar, minimum assessments).
    #[arg(long, value_name = "FILE")]
    program: Option<PathBuf>,
    /// ISC visits per facility and year, `MIN-MAX` (or one number), drawn
    /// uniformly.
    #[arg(
        long = "assessments-per-year",
        value_name = "MIN-MAX",
        default_value = "2-4"
    )]
    assessments_per_year: String,
    /// Seed text of the IVA sample drawn each fiscal year (as `pba sample
    /// --seed`); the IVA visits about 90 % of the sampled facilities.
    #[arg(long = "iva-seed", value_name = "TEXT", default_value = SAMPLE_IVA_SEED)]
    iva_seed: String,
    /// Fraction of each stratum in the IVA sample (as `pba sample
    /// --fraction`); `0` for no IVA visit at all.
    #[arg(long = "iva-fraction", value_name = "FRACTION", default_value_t = SAMPLE_IVA_FRACTION)]
    iva_fraction: Decimal,
}

/// Share of the sampled facilities the IVA actually visits: some are never
/// reached, and `pba verify` reports them `not_verified`.
const IVA_VISIT_SHARE: Decimal = Decimal::from_parts(9, 0, 0, false, 1);

/// Parses `2018-2020` (or a single year).
pub fn parse_years(text: &str) -> Outcome<(i32, i32)> {
    let invalid = || {
        Failure::user(format!(
            "`--years {text}` is not a range of years, expected `FIRST-LAST` such as `2018-2020`"
        ))
    };
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let first: i32 = first.trim().parse().map_err(|_| invalid())?;
    let last: i32 = last.trim().parse().map_err(|_| invalid())?;
    if first > last {
        return Err(invalid());
    }
    Ok((first, last))
}

/// Parses `2-4` (or a single count) for `--assessments-per-year`; the range
/// itself is checked by the generator.
fn parse_visits(text: &str) -> Outcome<(u32, u32)> {
    let invalid = || {
        Failure::user(format!(
            "`--assessments-per-year {text}` is not a range of counts, expected `MIN-MAX` such as `2-4`"
        ))
    };
    let (min, max) = text.split_once('-').unwrap_or((text, text));
    let min: u32 = min.trim().parse().map_err(|_| invalid())?;
    let max: u32 = max.trim().parse().map_err(|_| invalid())?;
    Ok((min, max))
}

/// Transfers drawn from the PBA lists the policies give for every PBA year
/// whose scores fall in the generated years.
fn listed_transfers(
    arguments: &SynthArguments,
    config: &SynthConfig,
    scorecards: &pba_scorecard::ScorecardSet,
    dataset: &pba_scoring::Dataset,
) -> Outcome<std::collections::BTreeMap<pba_scorecard::TransferId, pba_scoring::Transfer>> {
    let program = definitions::program(arguments.program.as_deref())?;
    let mut transfers = std::collections::BTreeMap::new();
    for pba_year in (config.first_year + 1)..=(config.last_year + 1) {
        let policies =
            definitions::policies_for_year(arguments.policies.as_deref(), scorecards, pba_year)?;
        if policies.is_empty() {
            continue;
        }
        let scores = pipeline::score(
            dataset,
            scorecards,
            &program,
            pba_year - 1,
            Detail::Composites,
        );
        let scores = pipeline::by_facility(scores.facilities);
        let mut listed = Vec::new();
        for (_, policy) in &policies {
            let list = pipeline::allocate_policy(policy, scorecards, dataset, &scores)?;
            listed.extend(
                list.rows
                    .into_iter()
                    .map(|row| (row.facility_id, row.amount)),
            );
        }
        let drawn = transfers_for(
            &dataset.facilities,
            pba_year,
            &listed,
            config.seed,
            &config.flaws,
            transfers.len() + 1,
        )
        .map_err(Failure::user)?;
        transfers.extend(
            drawn
                .into_iter()
                .map(|transfer| (transfer.id.clone(), transfer)),
        );
    }
    Ok(transfers)
}

/// For each generated fiscal year, draws the IVA sample (`--iva-seed`,
/// `--iva-fraction`, strata province and type) and adds the IVA's visits of
/// about [`IVA_VISIT_SHARE`] of the sampled facilities.
fn add_sampled_iva_visits(
    arguments: &SynthArguments,
    config: &SynthConfig,
    scorecards: &pba_scorecard::ScorecardSet,
    dataset: &mut pba_scoring::Dataset,
) -> Outcome {
    if arguments.iva_fraction.is_zero() {
        return Ok(());
    }
    let program = definitions::program(arguments.program.as_deref())?;
    for year in config.first_year..=config.last_year {
        let sample = draw_sample(
            dataset,
            program.calendar,
            year,
            arguments.iva_fraction,
            &arguments.iva_seed,
            Stratum::DEFAULT,
        )
        .map_err(Failure::user)?;
        add_iva_visits(
            dataset,
            config,
            scorecards,
            year,
            &sample.selected_ids(),
            IVA_VISIT_SHARE,
        )
        .map_err(Failure::user)?;
    }
    Ok(())
}

/// Generates and writes the dataset.
pub fn run(arguments: &SynthArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.indicators_from.as_deref())?;
    let (first_year, last_year) = parse_years(&arguments.years)?;
    let facilities = match (arguments.facilities, arguments.scale) {
        (Some(count), _) => FacilityCount::Count(count),
        (None, _) => FacilityCount::National,
    };
    let config = SynthConfig {
        seed: arguments.seed,
        facilities,
        first_year,
        last_year,
        assessments_per_year: parse_visits(&arguments.assessments_per_year)?,
        // The IVA visits follow the drawn sample instead (below).
        iva_fraction: Decimal::ZERO,
        ..SynthConfig::default()
    };
    let mut dataset = generate(&config, &scorecards).map_err(Failure::user)?;
    add_sampled_iva_visits(arguments, &config, &scorecards, &mut dataset)?;
    if !arguments.unlisted_transfers {
        dataset.transfers = listed_transfers(arguments, &config, &scorecards, &dataset)?;
    }
    let shape = match arguments.values {
        Shape::Long => ValuesShape::Long,
        Shape::Wide => ValuesShape::Wide,
    };
    let mut outputs = OutputSet::default();
    for (name, text) in write_dataset(&dataset, shape) {
        outputs.add_bytes(name, text.into_bytes());
    }
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprintln!(
        "synth: seed {}, fiscal years {first_year}-{last_year}: {} districts, {} facilities, {} assessments ({} IVA), {} consultations, {} transfers -> {}",
        arguments.seed,
        dataset.districts.len(),
        dataset.facilities.len(),
        dataset.assessments.len(),
        dataset
            .assessments
            .values()
            .filter(|assessment| assessment.kind == pba_scorecard::AssessmentKind::Iva)
            .count(),
        dataset.consultations.len(),
        dataset.transfers.len(),
        arguments.out.display()
    );
    Ok(())
}
