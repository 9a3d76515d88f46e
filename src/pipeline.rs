//! Steps several commands share: reading a dataset, scoring a fiscal year,
//! allocating a policy. Each returns domain values; commands write them.

use std::collections::BTreeMap;
use std::mem::ManuallyDrop;
use std::path::Path;

use pba_allocation::{PbaList, allocate_with};
use pba_scorecard::{FacilityId, Policy, ProgramDefinition, ScorecardSet};
use pba_scoring::{Dataset, Detail, FacilityScore, YearScores, score_year_with};

use crate::failure::{Failure, Outcome};

/// Reads a dataset directory. The dataset is never freed: a command reads
/// one and exits when done, and the kernel takes a process's memory back at
/// once, where freeing a national dataset value by value (20 million values
/// at 100,000 facilities, each holding a shared indicator id) took about half
/// a second.
pub fn dataset(directory: &Path) -> Outcome<ManuallyDrop<Dataset>> {
    pba_data::read_dataset(directory)
        .map(ManuallyDrop::new)
        .map_err(Failure::user)
}

/// Scores every assessment and facility for a fiscal year.
pub fn score(
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    program: &ProgramDefinition,
    fiscal_year: i32,
    detail: Detail,
) -> YearScores {
    score_year_with(
        dataset,
        scorecards,
        program.calendar,
        program.min_assessments,
        fiscal_year,
        detail,
    )
}

/// The facility scores of a year, the assessment scores never freed, as the
/// dataset is not: freeing 331,000 assessment scores one by one took about
/// 30 ms of a national run, on one core, for a process about to exit.
pub fn facility_scores(scores: YearScores) -> Vec<FacilityScore> {
    let mut scores = ManuallyDrop::new(scores);
    std::mem::take(&mut scores.facilities)
}

/// Facility scores keyed by facility.
pub fn by_facility(scores: Vec<FacilityScore>) -> BTreeMap<FacilityId, FacilityScore> {
    scores
        .into_iter()
        .map(|score| (score.facility_id.clone(), score))
        .collect()
}

/// Allocates one policy on facility scores of fiscal year `pba_year - 1`.
pub fn allocate_policy(
    policy: &Policy,
    scorecards: &ScorecardSet,
    dataset: &Dataset,
    scores: &BTreeMap<FacilityId, FacilityScore>,
) -> Outcome<PbaList> {
    allocate_policy_with(policy, scorecards, dataset, scores, &BTreeMap::new())
}

/// [`allocate_policy`] with verification penalty factors in [0, 1] by
/// facility (absent = 1).
pub fn allocate_policy_with(
    policy: &Policy,
    scorecards: &ScorecardSet,
    dataset: &Dataset,
    scores: &BTreeMap<FacilityId, FacilityScore>,
    penalties: &BTreeMap<FacilityId, rust_decimal::Decimal>,
) -> Outcome<PbaList> {
    let scorecard = scorecards
        .versions(&policy.scorecard)
        .last()
        .ok_or_else(|| {
            Failure::user(format!(
                "policy `{}` names scorecard `{}`, which is not among the scorecards given",
                policy.id, policy.scorecard
            ))
        })?;
    allocate_with(policy, scorecard, dataset, scores, penalties).map_err(Failure::user)
}
