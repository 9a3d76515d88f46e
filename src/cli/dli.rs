//! `pba dli`: DLI 8 and 9 values for a PBA year (SPEC section 6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use pba_allocation::{DliPopulation, DliResult, dli_value};
use pba_data::{DataError, DataErrors, OutputSet, read_achievements, read_pba_list};
use pba_scorecard::{DliId, FacilityId, ProgramDefinition, ScorecardSet};
use pba_scoring::{Dataset, Detail};
use rust_decimal::Decimal;

use crate::cli::DefinitionArguments;
use crate::failure::{Failure, Outcome};
use crate::{definitions, pipeline, tables};

/// Arguments of `pba dli`.
#[derive(Debug, Args)]
pub struct DliArguments {
    /// Dataset directory: registry, assessments of fiscal year N-1, transfers of N.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// PBA year N.
    #[arg(long)]
    year: i32,
    /// A `pba-list.csv` of year N (repeatable). Without it, the lists are
    /// recomputed from the policies whose `pba_year` is N.
    #[arg(long = "pba-list", value_name = "FILE")]
    pba_lists: Vec<PathBuf>,
    /// Directory of policies to recompute lists from (default: the shipped ones).
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Output directory for `dli-values.csv` and `dli-facilities.csv`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also merge the values into this achievements file (`dli, year, value`),
    /// the input of `pba disburse`.
    #[arg(long = "achievements-out", value_name = "FILE")]
    achievements_out: Option<PathBuf>,
    #[command(flatten)]
    definitions: DefinitionArguments,
}

/// The DLI series whose value `pba dli` computes, and their populations:
/// series `8` counts district/rural hospitals, series `9` rural health
/// centers of priority districts (SPEC section 6).
pub fn populations(program: &ProgramDefinition) -> Vec<(&pba_scorecard::DliSeries, DliPopulation)> {
    program
        .dlis
        .iter()
        .filter_map(|series| match series.id.as_str() {
            "8" => Some((series, DliPopulation::Hospitals)),
            "9" => Some((series, DliPopulation::PriorityRuralHealthCenters)),
            _ => None,
        })
        .collect()
}

/// Amounts listed for PBA year `year`, per facility, from `pba-list.csv`
/// files; a facility the dataset does not have is an error (the list is of
/// another dataset).
fn listed_from_files(
    files: &[PathBuf],
    year: i32,
    dataset: &Dataset,
) -> Outcome<BTreeMap<FacilityId, Decimal>> {
    let mut listed: BTreeMap<FacilityId, Decimal> = BTreeMap::new();
    for file in files {
        let rows = read_pba_list(file).map_err(Failure::user)?;
        let unknown: Vec<DataError> = rows
            .iter()
            .filter_map(|row| {
                let facility = row.facility_id.as_ref()?;
                (!dataset.facilities.contains_key(facility)).then(|| {
                    DataError::cell(
                        file.display().to_string(),
                        row.row,
                        "facility_id",
                        format!("unknown facility `{facility}`, expected an id of the dataset's `facilities.csv`; hint: give the list made from the same `--data`"),
                    )
                })
            })
            .collect();
        if !unknown.is_empty() {
            return Err(Failure::user(DataErrors::new(unknown)));
        }
        for row in rows {
            if row.pba_year != year {
                return Err(Failure::user(format!(
                    "{}:{}: column `pba_year`: the list is for PBA year `{}`, expected `{year}` (the `--year` given)",
                    file.display(),
                    row.row,
                    row.pba_year
                )));
            }
            if let Some(facility) = row.facility_id {
                *listed.entry(facility).or_default() += row.amount;
            }
        }
    }
    Ok(listed)
}

/// Amounts listed for PBA year `year`, recomputed from the policies of that year.
pub fn listed_from_policies(
    directory: Option<&Path>,
    scorecards: &ScorecardSet,
    dataset: &Dataset,
    scores: &BTreeMap<FacilityId, pba_scoring::FacilityScore>,
    year: i32,
) -> Outcome<BTreeMap<FacilityId, Decimal>> {
    let policies = definitions::policies_for_year(directory, scorecards, year)?;
    if policies.is_empty() {
        return Err(Failure::user(format!(
            "no policy pays in PBA year `{year}`: give the lists with `--pba-list FILE` or policies with `--policies DIR`"
        )));
    }
    let mut listed: BTreeMap<FacilityId, Decimal> = BTreeMap::new();
    for (_, policy) in policies {
        let list = pipeline::allocate_policy(&policy, scorecards, dataset, scores)?;
        for row in list.rows {
            *listed.entry(row.facility_id).or_default() += row.amount;
        }
    }
    Ok(listed)
}

/// Computes the DLI values of one PBA year.
pub fn compute(
    program: &ProgramDefinition,
    dataset: &Dataset,
    eligibility: &BTreeMap<FacilityId, pba_scoring::FacilityScore>,
    listed: &BTreeMap<FacilityId, Decimal>,
    year: i32,
) -> Outcome<Vec<DliResult>> {
    populations(program)
        .into_iter()
        .map(|(series, population)| {
            dli_value(
                &series.id,
                population,
                series.received,
                year,
                dataset,
                eligibility,
                listed,
            )
            .map_err(Failure::user)
        })
        .collect()
}

/// Merges values into an achievements file (`dli, year, value`), replacing
/// the rows of the same DLI and program year.
fn merge_achievements(
    path: &Path,
    program: &ProgramDefinition,
    results: &[DliResult],
) -> Outcome<Vec<String>> {
    let mut rows: BTreeMap<(DliId, u32), Decimal> = BTreeMap::new();
    if path.exists() {
        for row in read_achievements(path).map_err(Failure::user)? {
            rows.insert((row.dli, row.year), row.value);
        }
    }
    let mut notes = Vec::new();
    for result in results {
        let program_year = u32::try_from(program.program_year(result.pba_year))
            .ok()
            .filter(|year| *year >= 1);
        match (program_year, result.value) {
            (Some(program_year), Some(value)) => {
                rows.insert((result.dli.clone(), program_year), value);
            }
            (None, _) => notes.push(format!(
                "DLI {}: PBA year {} is before program year 1, not written to achievements",
                result.dli, result.pba_year
            )),
            (_, None) => notes.push(format!(
                "DLI {}: no facility in the denominator, no value written to achievements",
                result.dli
            )),
        }
    }
    let mut table = pba_data::Table::new(["dli", "year", "value"]);
    for ((dli, year), value) in rows {
        table.push_row([dli.to_string(), year.to_string(), value.to_string()]);
    }
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Failure::user(format!("`{}` is not a file path", path.display())))?;
    let mut outputs = OutputSet::default();
    outputs.add_table(name.to_string_lossy().into_owned(), &table);
    outputs.commit(directory).map_err(Failure::user)?;
    Ok(notes)
}

/// Computes and writes the DLI values.
pub fn run(arguments: &DliArguments) -> Outcome {
    let scorecards = definitions::scorecards(arguments.definitions.scorecards.as_deref())?;
    let program = definitions::program(arguments.definitions.program.as_deref())?;
    let dataset = pipeline::dataset(&arguments.data)?;
    let scores = pipeline::score(
        &dataset,
        &scorecards,
        &program,
        arguments.year - 1,
        Detail::Composites,
    );
    let eligibility = pipeline::by_facility(pipeline::facility_scores(scores));
    let listed = if arguments.pba_lists.is_empty() {
        listed_from_policies(
            arguments.policies.as_deref(),
            &scorecards,
            &dataset,
            &eligibility,
            arguments.year,
        )?
    } else {
        listed_from_files(&arguments.pba_lists, arguments.year, &dataset)?
    };
    let results = compute(&program, &dataset, &eligibility, &listed, arguments.year)?;
    let mut outputs = OutputSet::default();
    outputs.add_table("dli-values.csv", &tables::dli_values(&results, &program));
    outputs.add_table("dli-facilities.csv", &tables::dli_facilities(&results));
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::dli_text(&results, &program));
    if let Some(path) = &arguments.achievements_out {
        for note in merge_achievements(path, &program, &results)? {
            eprintln!("  {note}");
        }
        eprintln!("  achievements merged into {}", path.display());
    }
    Ok(())
}
