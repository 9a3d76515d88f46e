//! `pba allocate`: a policy turned into a PBA list (SPEC section 5).
//!
//! With `--verification FILE` (a `verification.csv` written by `pba verify`
//! for fiscal year `pba_year - 1`), the policy's `verification_penalty` rule
//! turns each verified facility's excess into a factor that multiplies its
//! claim (issue 7, item 3); the factor shows in the `reason` column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use pba_allocation::{PbaList, PbaReason};
use pba_data::{DataError, DataErrors, OutputSet, read_facility_score_rows, read_verification};
use pba_scorecard::{FacilityId, PenaltyRule, Policy};
use pba_scoring::{Detail, FacilityScore};
use rust_decimal::Decimal;

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
    /// IVA verification of fiscal year `pba_year - 1` (`verification.csv` as
    /// `pba verify` writes it): the policy's `verification_penalty` reduces
    /// the claims of facilities whose ISC score exceeded the IVA score beyond
    /// tolerance. Not used when the policy's rule is `none`.
    #[arg(long, value_name = "FILE")]
    verification: Option<PathBuf>,
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
        Some(path) => scores_file(path, &dataset, policy.pba_year)?,
        None => {
            let program = definitions::program(arguments.definitions.program.as_deref())?;
            pipeline::facility_scores(pipeline::score(
                &dataset,
                &scorecards,
                &program,
                policy.pba_year - 1,
                Detail::Composites,
            ))
        }
    };
    let scores = pipeline::by_facility(scores);
    let penalties = match &arguments.verification {
        Some(path) => penalties(path, &policy, &scores)?,
        None => BTreeMap::new(),
    };
    let list = pipeline::allocate_policy_with(&policy, &scorecards, &dataset, &scores, &penalties)?;
    let mut outputs = OutputSet::default();
    tables::add_pba_list(&mut outputs, "", &list, &policy, &dataset)?;
    outputs.commit(&arguments.out).map_err(Failure::user)?;
    eprint!("{}", tables::pba_list_text(&list));
    if let Some(path) = &arguments.verification {
        eprint!("{}", verification_note(path, &policy, &list));
    }
    Ok(())
}

/// The summary line of `--verification`: how many listed facilities the
/// penalty reduced, or that the file was not used.
fn verification_note(path: &Path, policy: &Policy, list: &PbaList) -> String {
    let rule = policy.verification_penalty;
    if rule == PenaltyRule::None {
        return format!(
            "note: `{}` was not used: policy `{}` has verification_penalty `none`; set `verification_penalty = \"zero\"` or `\"proportional\"` in `[policy]` to apply it\n",
            path.display(),
            policy.id
        );
    }
    let factors: Vec<Decimal> = list
        .rows
        .iter()
        .filter_map(|row| match row.reason {
            Some(PbaReason::VerificationPenalty { factor }) => Some(factor),
            _ => None,
        })
        .collect();
    let unpaid = factors.iter().filter(|factor| factor.is_zero()).count();
    format!(
        "verification: `{}`, penalty `{rule}`: {} listed facilities penalised, {unpaid} of them not paid\n",
        path.display(),
        factors.len()
    )
}

/// The penalty factors below 1 that the policy's rule gives the facilities
/// of a `verification.csv` (none when the rule is `none`; the file is still
/// read, so a bad file is reported).
///
/// A verified facility whose ISC score in the file is not the score being
/// allocated is an error: the file is of another fiscal year or dataset.
fn penalties(
    path: &Path,
    policy: &Policy,
    scores: &BTreeMap<FacilityId, FacilityScore>,
) -> Outcome<BTreeMap<FacilityId, Decimal>> {
    let rows = read_verification(path).map_err(Failure::user)?;
    let rule = policy.verification_penalty;
    if rule == PenaltyRule::None {
        return Ok(BTreeMap::new());
    }
    let file = path.display().to_string();
    let mut errors = Vec::new();
    let mut penalties = BTreeMap::new();
    for row in &rows {
        if row.status != pba_verification::VerificationStatus::Verified {
            continue;
        }
        let allocated = scores.get(&row.facility_id).and_then(|score| score.score);
        if let (Some(allocated), Some(isc)) = (allocated, row.isc_score)
            && allocated != isc
        {
            errors.push(DataError::cell(
                &file,
                row.row,
                "isc_score",
                format!(
                    "facility `{}` has ISC score `{isc}` here, but fiscal year {} scores it `{allocated}`; hint: give the `verification.csv` of fiscal year {} of the same data",
                    row.facility_id,
                    policy.pba_year - 1,
                    policy.pba_year - 1
                ),
            ));
            continue;
        }
        let (factor, _) = pba_verification::factor_of(rule, row.status, row.isc_score, row.excess);
        if factor < Decimal::ONE {
            penalties.insert(row.facility_id.clone(), factor);
        }
    }
    if !errors.is_empty() {
        return Err(Failure::user(DataErrors::new(errors)));
    }
    Ok(penalties)
}

/// Reads `--scores` and checks it belongs to this dataset and PBA year:
/// every facility is in the dataset and every score is of fiscal year
/// `pba_year - 1`, each error naming its row.
fn scores_file(
    path: &Path,
    dataset: &pba_scoring::Dataset,
    pba_year: i32,
) -> Outcome<Vec<FacilityScore>> {
    let rows = read_facility_score_rows(path).map_err(Failure::user)?;
    let file = path.display().to_string();
    let fiscal_year = pba_year - 1;
    let mut errors = Vec::new();
    for (row, score) in &rows {
        let row = *row;
        if !dataset.facilities.contains_key(&score.facility_id) {
            errors.push(DataError::cell(
                &file,
                row,
                "facility_id",
                format!(
                    "unknown facility `{}`, expected an id of the dataset's `facilities.csv`; hint: give the scores of the same `--data`",
                    score.facility_id
                ),
            ));
        }
        if score.fiscal_year != fiscal_year {
            errors.push(DataError::cell(
                &file,
                row,
                "fiscal_year",
                format!(
                    "score of fiscal year `{}`, expected `{fiscal_year}`: the policy pays in PBA year `{pba_year}` on the scores of the year before",
                    score.fiscal_year
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Failure::user(DataErrors::new(errors)));
    }
    Ok(rows.into_iter().map(|(_, score)| score).collect())
}
