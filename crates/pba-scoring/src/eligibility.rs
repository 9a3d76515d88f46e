//! Eligibility (SPEC section 4): each facility's annual score and whether it
//! qualifies for PBA in the year after the fiscal year.
//!
//! A facility is eligible when it is active and has at least
//! `min_assessments` valid ISC assessments dated in the fiscal year. Its score
//! is the mean of those assessments' reported (already rounded) scores,
//! rounded again to 2 decimals half away from zero (62.67 and 60.00 give
//! 61.34); it is given whenever there is at least one valid ISC assessment,
//! eligible or not. IVA assessments are scored and listed but never count.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, MutexGuard};

use foldhash::fast::RandomState;
use pba_scorecard::{
    AssessmentKind, FacilityId, FacilityType, FiscalCalendar, ScorecardId, ScorecardSet,
};
use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};
use rust_decimal::Decimal;

use crate::assessment::{AssessmentScore, Scorer};
use crate::composite::{Keep, reported_score};
use crate::dataset::{Assessment, Dataset, Facility};
use crate::eligibility_types::{FacilityScore, IneligibleReason};
use crate::validity::AssessmentReason;

/// Every assessment and every facility of a dataset scored for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearScores {
    /// The fiscal year scored.
    pub fiscal_year: i32,
    /// Every assessment of the dataset, ISC and IVA, sorted by assessment id;
    /// those dated in other years carry `out_of_period`.
    pub assessments: Vec<AssessmentScore>,
    /// Every facility of the registry, sorted by facility id.
    pub facilities: Vec<FacilityScore>,
}

/// How much of each assessment's computation [`score_year_with`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything, per-indicator results included (what `explain` and the
    /// IVA comparison read).
    Full,
    /// Everything but the per-indicator results (their `indicators` are
    /// empty): for national runs, where 400,000 assessments of 50 indicators
    /// would hold 20 million results. Rescore one assessment with
    /// [`crate::score_assessment`] to explain it.
    Summary,
    /// Composites, flags and reasons only: the per-domain results and the
    /// per-value issues of the facility and consultation parts are dropped
    /// too (`domains()` is empty; the issues stay in the reasons), once
    /// [`score_year_each`] has handed each score over. For commands that
    /// write no domain column: at 100,000 facilities domain results take
    /// about 400 MB.
    Composites,
}

/// Scores every assessment and decides every facility's eligibility for
/// `fiscal_year` (PBA paid in `fiscal_year + 1`), keeping every detail.
#[must_use]
pub fn score_year(
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    calendar: FiscalCalendar,
    min_assessments: u32,
    fiscal_year: i32,
) -> YearScores {
    score_year_with(
        dataset,
        scorecards,
        calendar,
        min_assessments,
        fiscal_year,
        Detail::Full,
    )
}

/// [`score_year`], keeping the given [`Detail`].
#[must_use]
pub fn score_year_with(
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    calendar: FiscalCalendar,
    min_assessments: u32,
    fiscal_year: i32,
    detail: Detail,
) -> YearScores {
    // No score is handed over before `detail` drops what it does not keep:
    // under `Composites` domain results are not even made.
    let keep = if detail == Detail::Composites {
        Keep::Composite
    } else {
        kept(detail)
    };
    let (scores, _) = score_year_kept(
        dataset,
        scorecards,
        (calendar, min_assessments, fiscal_year),
        detail,
        keep,
        |_| (),
    );
    scores
}

/// What the scores of `detail` keep while handed over.
fn kept(detail: Detail) -> Keep {
    match detail {
        Detail::Full => Keep::Indicators,
        Detail::Summary | Detail::Composites => Keep::Domains,
    }
}

/// [`score_year_with`], handing each assessment's score to `each` as soon as
/// it is made, every detail still in it, before [`Detail`] drops what is not
/// kept: `each`'s results come back in assessment id order. `each` runs on
/// every core.
pub fn score_year_each<T: Send>(
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    calendar: FiscalCalendar,
    min_assessments: u32,
    fiscal_year: i32,
    detail: Detail,
    each: impl Fn(&AssessmentScore) -> T + Sync,
) -> (YearScores, Vec<T>) {
    score_year_kept(
        dataset,
        scorecards,
        (calendar, min_assessments, fiscal_year),
        detail,
        kept(detail),
        each,
    )
}

/// [`score_year_each`], the scores keeping `keep` until handed over.
fn score_year_kept<T: Send>(
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    (calendar, min_assessments, fiscal_year): (FiscalCalendar, u32, i32),
    detail: Detail,
    keep: Keep,
    each: impl Fn(&AssessmentScore) -> T + Sync,
) -> (YearScores, Vec<T>) {
    let scorer = Scorer::new(dataset, scorecards, calendar, fiscal_year).keeping(keep);
    // Assessments are scored independently, on every core, each thread with
    // its own copy of the scorer's ids; the results keep the id order, so
    // they do not depend on the thread count. The pieces of work are small,
    // so that the cores finish together: a core left with a large piece
    // scored alone for up to 40 ms of a national run.
    let thread_scorers: Vec<Mutex<Scorer<'_>>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new(scorer.for_thread()))
        .collect();
    let all: Vec<&Assessment> = dataset.assessments.values().collect();
    let score_all = || -> (Vec<AssessmentScore>, Vec<T>) {
        all.par_iter()
            .with_max_len(ASSESSMENTS_PER_PIECE)
            .map_init(
                || ThreadScorer::take(&thread_scorers, &scorer),
                |scorer, assessment| {
                    let mut score = scorer.score(assessment);
                    let handed = each(&score);
                    if detail == Detail::Composites {
                        score.drop_part_results();
                    }
                    (score, handed)
                },
            )
            .unzip()
    };
    // A national year has hundreds of thousands of ISC assessments: their
    // positions are grouped by facility (with foldhash, in a map sized once)
    // on one core while the others score, and facilities are decided on
    // every core (in facility id order).
    let group_isc = || {
        let mut isc_by_facility: HashMap<&FacilityId, Vec<usize>, RandomState> =
            HashMap::with_capacity_and_hasher(dataset.facilities.len(), RandomState::default());
        for (position, assessment) in all.iter().enumerate() {
            if assessment.kind == AssessmentKind::Isc {
                isc_by_facility
                    .entry(&assessment.facility_id)
                    .or_default()
                    .push(position);
            }
        }
        isc_by_facility
    };
    let ((assessments, handed), isc_by_facility) = rayon::join(score_all, group_isc);
    let by_type = scorecard_by_type(scorecards);
    let registry: Vec<&Facility> = dataset.facilities.values().collect();
    let facilities = registry
        .par_iter()
        .map(|facility| {
            let isc: Vec<&AssessmentScore> = isc_by_facility
                .get(&facility.id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|position| assessments.get(*position))
                .collect();
            let fallback = by_type.get(&facility.facility_type).cloned().flatten();
            facility_score(facility, &isc, min_assessments, fiscal_year, fallback)
        })
        .collect();
    let scores = YearScores {
        fiscal_year,
        assessments,
        facilities,
    };
    (scores, handed)
}

/// The most assessments one piece of scoring work holds.
const ASSESSMENTS_PER_PIECE: usize = 1024;

/// The scorer a piece of work uses: its thread's own, or a copy when that
/// one is taken (a thread outside the pool).
enum ThreadScorer<'m, 'a> {
    Own(MutexGuard<'m, Scorer<'a>>),
    Copy(Box<Scorer<'a>>),
}

impl<'m, 'a> ThreadScorer<'m, 'a> {
    fn take(scorers: &'m [Mutex<Scorer<'a>>], scorer: &Scorer<'a>) -> Self {
        rayon::current_thread_index()
            .and_then(|index| scorers.get(index))
            .and_then(|own| own.try_lock().ok())
            .map_or_else(|| Self::Copy(Box::new(scorer.for_thread())), Self::Own)
    }
}

impl<'a> Deref for ThreadScorer<'_, 'a> {
    type Target = Scorer<'a>;

    fn deref(&self) -> &Scorer<'a> {
        match self {
            Self::Own(own) => own,
            Self::Copy(copy) => copy,
        }
    }
}

impl DerefMut for ThreadScorer<'_, '_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Self::Own(own) => own,
            Self::Copy(copy) => copy,
        }
    }
}

/// One facility's row, from its ISC assessments (of every year).
fn facility_score(
    facility: &Facility,
    isc: &[&AssessmentScore],
    min_assessments: u32,
    fiscal_year: i32,
    fallback_scorecard: Option<ScorecardId>,
) -> FacilityScore {
    let in_year: Vec<&AssessmentScore> = isc
        .iter()
        .copied()
        .filter(|score| score.fiscal_year == fiscal_year)
        .collect();
    let valid: Vec<&AssessmentScore> = in_year
        .iter()
        .copied()
        .filter(|score| score.valid)
        .collect();
    let valid_count = u32::try_from(valid.len()).unwrap_or(u32::MAX);
    let eligible = facility.active && valid_count >= min_assessments;
    let reason = (!eligible).then(|| ineligible_reason(facility, isc, &in_year, min_assessments));
    FacilityScore {
        facility_id: facility.id.clone(),
        fiscal_year,
        score: annual_score(&valid),
        eligible,
        reason,
        valid_assessments: valid_count,
        assessments: Some(u32::try_from(in_year.len()).unwrap_or(u32::MAX)),
        scorecard_id: most_used_scorecard(&valid).or(fallback_scorecard),
    }
}

/// Mean of the reported scores, rounded to 2 decimals half away from zero.
fn annual_score(valid: &[&AssessmentScore]) -> Option<Decimal> {
    let reported: Vec<Decimal> = valid.iter().filter_map(|score| score.composite).collect();
    if reported.is_empty() {
        return None;
    }
    let total = reported
        .iter()
        .try_fold(Decimal::ZERO, |total, score| total.checked_add(*score))?;
    total
        .checked_div(Decimal::from(reported.len()))
        .map(reported_score)
}

/// Why a facility is not eligible. The lead's rule, first that applies:
/// 1. `inactive` when the facility is not active;
/// 2. when it has no ISC assessment dated in the year: `out_of_period` if it
///    has ISC assessments in other years, else `no_assessments`;
/// 3. when its ISC assessments dated in the year (valid and invalid) number at
///    least `min_assessments`, so that fixing the invalid ones would have made
///    it eligible: the most frequent reason among its invalid ones, each
///    assessment counting each mapped reason once (`inactive_facility` →
///    `inactive`, `unknown_scorecard` and `scorecard_not_applicable` →
///    `unknown_scorecard`, `incomplete_values` → `incomplete_values`,
///    `invalid_committee` → `invalid_committee`, `missing_consultation` and
///    `consultation_not_attended` → `missing_consultation`), ties broken by
///    the order of [`IneligibleReason`];
/// 4. otherwise `too_few_valid_assessments`.
fn ineligible_reason(
    facility: &Facility,
    isc: &[&AssessmentScore],
    in_year: &[&AssessmentScore],
    min_assessments: u32,
) -> IneligibleReason {
    if !facility.active {
        return IneligibleReason::Inactive;
    }
    if in_year.is_empty() {
        return if isc.is_empty() {
            IneligibleReason::NoAssessments
        } else {
            IneligibleReason::OutOfPeriod
        };
    }
    if u32::try_from(in_year.len()).unwrap_or(u32::MAX) < min_assessments {
        return IneligibleReason::TooFewValidAssessments;
    }
    let mut counts: BTreeMap<IneligibleReason, usize> = BTreeMap::new();
    for score in in_year.iter().filter(|score| !score.valid) {
        let mut mapped: Vec<IneligibleReason> = score.reasons.iter().map(mapped_reason).collect();
        mapped.sort_unstable();
        mapped.dedup();
        for reason in mapped {
            *counts.entry(reason).or_default() += 1;
        }
    }
    // Iterating in reason order and keeping only a strictly greater count
    // breaks ties by that order.
    let mut best: Option<(IneligibleReason, usize)> = None;
    for (reason, count) in counts {
        if best.is_none_or(|(_, best_count)| count > best_count) {
            best = Some((reason, count));
        }
    }
    best.map_or(IneligibleReason::TooFewValidAssessments, |(reason, _)| {
        reason
    })
}

/// An assessment's reason as a facility's reason.
fn mapped_reason(reason: &AssessmentReason) -> IneligibleReason {
    match reason {
        AssessmentReason::InactiveFacility => IneligibleReason::Inactive,
        AssessmentReason::UnknownScorecard { .. }
        | AssessmentReason::ScorecardNotApplicable { .. } => IneligibleReason::UnknownScorecard,
        AssessmentReason::OutOfPeriod { .. } => IneligibleReason::OutOfPeriod,
        AssessmentReason::IncompleteValues(_) => IneligibleReason::IncompleteValues,
        AssessmentReason::InvalidCommittee(_) => IneligibleReason::InvalidCommittee,
        AssessmentReason::MissingConsultation(_) | AssessmentReason::ConsultationNotAttended => {
            IneligibleReason::MissingConsultation
        }
    }
}

/// The scorecard most of the valid assessments used (ties: smallest id).
fn most_used_scorecard(valid: &[&AssessmentScore]) -> Option<ScorecardId> {
    let mut counts: BTreeMap<&ScorecardId, usize> = BTreeMap::new();
    for score in valid {
        *counts.entry(&score.scorecard_id).or_default() += 1;
    }
    let mut best: Option<(&ScorecardId, usize)> = None;
    for (id, count) in counts {
        if best.is_none_or(|(_, best_count)| count > best_count) {
            best = Some((id, count));
        }
    }
    best.map(|(id, _)| id.clone())
}

/// For each facility type, the single scorecard id that applies to it
/// (`None` when none or several do).
fn scorecard_by_type(scorecards: &ScorecardSet) -> HashMap<FacilityType, Option<ScorecardId>> {
    let mut by_type: HashMap<FacilityType, Option<ScorecardId>> = HashMap::new();
    for ((id, _), definition) in &scorecards.scorecards {
        for facility_type in &definition.applies_to {
            by_type
                .entry(*facility_type)
                .and_modify(|found| {
                    if found.as_ref() != Some(id) {
                        *found = None;
                    }
                })
                .or_insert_with(|| Some(id.clone()));
        }
    }
    by_type
}
