//! One assessment scored and checked: its composite (combined with its
//! consultation for a health-center scorecard) and its validity reasons.
//! The rules live in `composite.rs` and `validity.rs`; this file wires them.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use pba_scorecard::{
    AssessmentId, AssessmentKind, ConsultationId, Date, FacilityId, FiscalCalendar, ScorecardId,
    ScorecardSet,
};
use rust_decimal::Decimal;

use crate::composite::{
    CompositeScore, DomainScore, IndicatorResult, Keep, PreparedScorecard, combined_score,
    reported_score,
};
use crate::dataset::{Assessment, Consultation, Dataset, Facility};
use crate::error::{ConsultationIssue, ValueIssue};
use crate::in_order::InOrder;
use crate::validity::{AssessmentReason, committee_issues, consultation_not_attended};

/// The linked consultation of a health-center assessment, scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationPart {
    /// `consultation_id`.
    pub consultation_id: ConsultationId,
    /// The `[combine]` consultation scorecard.
    pub scorecard_id: ScorecardId,
    /// Its version (the greatest defined, by text).
    pub scorecard_version: String,
    /// Its values scored.
    pub score: CompositeScore,
}

/// One assessment scored and checked: a row of `assessment-scores.csv` and
/// everything `explain` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentScore {
    /// `assessment_id`.
    pub assessment_id: AssessmentId,
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// `scorecard_id`.
    pub scorecard_id: ScorecardId,
    /// `scorecard_version`.
    pub scorecard_version: String,
    /// `date`.
    pub date: Date,
    /// The fiscal year of `date`.
    pub fiscal_year: i32,
    /// `kind`.
    pub kind: AssessmentKind,
    /// No reason applies.
    pub valid: bool,
    /// Every reason that applies, in the order of [`AssessmentReason`].
    pub reasons: Vec<AssessmentReason>,
    /// The assessment's own values scored; `None` when its scorecard is unknown.
    pub facility: Option<CompositeScore>,
    /// The linked consultation scored (health-center scorecards).
    pub consultation: Option<ConsultationPart>,
    /// The facility composite after the cap, unrounded.
    pub facility_composite: Option<Decimal>,
    /// The consultation composite, unrounded.
    pub consultation_composite: Option<Decimal>,
    /// The final unrounded score: the facility composite, or for a
    /// health-center scorecard the combined score.
    pub unrounded: Option<Decimal>,
    /// The reported score: `unrounded` to 2 decimals, half away from zero.
    pub composite: Option<Decimal>,
}

impl AssessmentScore {
    /// Per-domain scores of the facility part, in scorecard order.
    #[must_use]
    pub fn domains(&self) -> &[DomainScore] {
        self.facility
            .as_ref()
            .map_or(&[], |score| score.domains.as_slice())
    }

    /// Per-indicator results of the facility part, in scorecard order.
    #[must_use]
    pub fn indicators(&self) -> &[IndicatorResult] {
        self.facility
            .as_ref()
            .map_or(&[], |score| score.indicators.as_slice())
    }

    /// The facility composite was capped by a failed critical indicator.
    #[must_use]
    pub fn critical_cap_applied(&self) -> bool {
        self.facility
            .as_ref()
            .is_some_and(|score| score.critical_cap_applied)
    }

    /// Domains of the facility part whose weight was redistributed.
    #[must_use]
    pub fn redistributed(&self) -> &[pba_scorecard::DomainId] {
        self.facility
            .as_ref()
            .map_or(&[], |score| score.redistributed.as_slice())
    }

    /// Empties the per-indicator results (of the facility and consultation
    /// parts) to save memory; everything else is kept.
    pub fn drop_indicator_results(&mut self) {
        if let Some(score) = &mut self.facility {
            score.indicators = Vec::new();
        }
        if let Some(part) = &mut self.consultation {
            part.score.indicators = Vec::new();
        }
    }

    /// Empties the per-domain results and per-value issues of the facility
    /// and consultation parts (the issues are in the reasons too), and their
    /// per-indicator results; composites, flags and reasons are kept.
    pub fn drop_part_results(&mut self) {
        self.drop_indicator_results();
        if let Some(score) = &mut self.facility {
            score.domains = Vec::new();
            score.issues = Vec::new();
        }
        if let Some(part) = &mut self.consultation {
            part.score.domains = Vec::new();
            part.score.issues = Vec::new();
        }
    }

    /// The reason codes, in order.
    #[must_use]
    pub fn reason_codes(&self) -> Vec<&'static str> {
        self.reasons.iter().map(AssessmentReason::code).collect()
    }
}

/// Scores and checks one assessment against the fiscal year `fiscal_year`.
/// To score many, [`crate::score_year`] indexes the scorecards once.
#[must_use]
pub fn score_assessment(
    assessment: &Assessment,
    dataset: &Dataset,
    scorecards: &ScorecardSet,
    calendar: FiscalCalendar,
    fiscal_year: i32,
) -> AssessmentScore {
    Scorer::new(dataset, scorecards, calendar, fiscal_year).score(assessment)
}

/// The scorecards indexed once, and what every assessment is checked against.
pub(crate) struct Scorer<'a> {
    dataset: &'a Dataset,
    calendar: FiscalCalendar,
    fiscal_year: i32,
    prepared: HashMap<(&'a str, &'a str), PreparedScorecard<'a>, RandomState>,
    /// Scorecard id → the greatest version defined (by text).
    latest: HashMap<&'a str, (&'a str, &'a str), RandomState>,
    /// What scores keep beside their composites.
    keep: Keep,
    /// Facilities and consultations, looked up in their order: a facility's
    /// assessments usually follow each other in id order, and a thread
    /// scores neighbouring ones.
    facilities: InOrder<'a, FacilityId, Facility>,
    consultations: InOrder<'a, ConsultationId, Consultation>,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(
        dataset: &'a Dataset,
        scorecards: &'a ScorecardSet,
        calendar: FiscalCalendar,
        fiscal_year: i32,
    ) -> Self {
        let mut prepared = HashMap::default();
        let mut latest = HashMap::default();
        for ((id, version), definition) in &scorecards.scorecards {
            let key = (id.as_str(), version.as_str());
            prepared.insert(key, PreparedScorecard::new(definition));
            latest.insert(id.as_str(), key);
        }
        Self {
            dataset,
            calendar,
            fiscal_year,
            prepared,
            latest,
            keep: Keep::Indicators,
            facilities: InOrder::new(&dataset.facilities),
            consultations: InOrder::new(&dataset.consultations),
        }
    }

    /// The same scorer for one thread: its scores carry ids of their own
    /// (see [`PreparedScorecard::with_own_ids`]).
    pub(crate) fn for_thread(&self) -> Self {
        Self {
            dataset: self.dataset,
            calendar: self.calendar,
            fiscal_year: self.fiscal_year,
            prepared: self
                .prepared
                .iter()
                .map(|(key, prepared)| (*key, prepared.with_own_ids()))
                .collect(),
            latest: self.latest.clone(),
            keep: self.keep,
            facilities: InOrder::new(&self.dataset.facilities),
            consultations: InOrder::new(&self.dataset.consultations),
        }
    }

    /// What scores keep beside their composites (default: everything).
    pub(crate) fn keeping(mut self, keep: Keep) -> Self {
        self.keep = keep;
        if keep != Keep::Indicators {
            // Without per-indicator results, domains are summed as whole
            // numbers (a year's many assessments pay for the tables).
            self.prepared = self
                .prepared
                .into_iter()
                .map(|(key, prepared)| (key, prepared.with_domain_sums()))
                .collect();
        }
        self
    }

    /// The facility of an assessment, when in the registry.
    fn facility(&mut self, id: &FacilityId) -> Option<&'a Facility> {
        self.facilities.get(id.as_str())
    }

    pub(crate) fn score(&mut self, assessment: &Assessment) -> AssessmentScore {
        let facility = self.facility(&assessment.facility_id);
        let key = (
            assessment.scorecard_id.as_str(),
            assessment.scorecard_version.as_str(),
        );
        let prepared = self.prepared.get(&key);
        let assessment_year = self.calendar.fiscal_year(assessment.date);
        let mut reasons = Vec::new();

        if !facility.is_some_and(|facility| facility.active) {
            reasons.push(AssessmentReason::InactiveFacility);
        }
        match (prepared, facility) {
            (None, _) => reasons.push(AssessmentReason::UnknownScorecard {
                scorecard_id: assessment.scorecard_id.clone(),
                version: assessment.scorecard_version.clone(),
            }),
            (Some(prepared), Some(facility))
                if !prepared
                    .definition
                    .applies_to
                    .contains(&facility.facility_type) =>
            {
                reasons.push(AssessmentReason::ScorecardNotApplicable {
                    facility_type: facility.facility_type,
                });
            }
            _ => {}
        }
        if assessment_year != self.fiscal_year {
            reasons.push(AssessmentReason::OutOfPeriod {
                found: assessment_year,
                expected: self.fiscal_year,
            });
        }

        let facility_score =
            prepared.map(|prepared| prepared.score_detailed(&assessment.values, self.keep));
        let mut issues: Vec<ValueIssue> = facility_score
            .as_ref()
            .map(|score| score.issues.clone())
            .unwrap_or_default();
        let facility_composite = facility_score.as_ref().and_then(|score| score.composite);
        let combine = prepared.and_then(|prepared| prepared.definition.combine.as_ref());

        let mut consultation = None;
        let mut missing_consultation = None;
        let mut unrounded = facility_composite;
        if let Some(combine) = combine {
            match self.consultation_part(
                assessment,
                assessment_year,
                &combine.consultation_scorecard,
            ) {
                Ok(part) => {
                    issues.extend(
                        part.score
                            .issues
                            .iter()
                            .map(|issue| ValueIssue::Consultation {
                                consultation_id: part.consultation_id.clone(),
                                issue: Box::new(issue.clone()),
                            }),
                    );
                    consultation = Some(part);
                }
                Err(issue) => missing_consultation = Some(issue),
            }
            let consultation_composite =
                consultation.as_ref().and_then(|part| part.score.composite);
            unrounded = match (facility_composite, consultation_composite) {
                (Some(facility), Some(community)) => {
                    let combined = combined_score(combine, facility, community);
                    if combined.is_none() {
                        issues.push(ValueIssue::Overflow);
                    }
                    combined
                }
                _ => None,
            };
        }

        if !issues.is_empty() {
            reasons.push(AssessmentReason::IncompleteValues(issues));
        }
        let committee = committee_issues(assessment);
        if !committee.is_empty() {
            reasons.push(AssessmentReason::InvalidCommittee(committee));
        }
        if let Some(issue) = missing_consultation {
            reasons.push(AssessmentReason::MissingConsultation(issue));
        }
        if combine.is_some() && consultation_not_attended(assessment) {
            reasons.push(AssessmentReason::ConsultationNotAttended);
        }

        AssessmentScore {
            assessment_id: assessment.id.clone(),
            facility_id: assessment.facility_id.clone(),
            scorecard_id: assessment.scorecard_id.clone(),
            scorecard_version: assessment.scorecard_version.clone(),
            date: assessment.date,
            fiscal_year: assessment_year,
            kind: assessment.kind,
            valid: reasons.is_empty(),
            reasons,
            facility: facility_score,
            consultation_composite: consultation.as_ref().and_then(|part| part.score.composite),
            consultation,
            facility_composite,
            unrounded,
            composite: unrounded.map(reported_score),
        }
    }

    /// The linked consultation, checked and scored.
    fn consultation_part(
        &mut self,
        assessment: &Assessment,
        assessment_year: i32,
        scorecard_id: &ScorecardId,
    ) -> Result<ConsultationPart, ConsultationIssue> {
        let consultation = self.linked_consultation(assessment, assessment_year)?;
        let prepared = self
            .latest
            .get(scorecard_id.as_str())
            .and_then(|key| self.prepared.get(key))
            .ok_or_else(|| ConsultationIssue::UnknownScorecard(scorecard_id.clone()))?;
        Ok(ConsultationPart {
            consultation_id: consultation.id.clone(),
            scorecard_id: prepared.scorecard_id().clone(),
            scorecard_version: prepared.definition.version.clone(),
            score: prepared.score_detailed(&consultation.values, self.keep),
        })
    }

    fn linked_consultation(
        &mut self,
        assessment: &Assessment,
        assessment_year: i32,
    ) -> Result<&'a Consultation, ConsultationIssue> {
        let id = assessment
            .consultation_id
            .as_ref()
            .ok_or(ConsultationIssue::NotLinked)?;
        let consultation = self
            .consultations
            .get(id.as_str())
            .ok_or_else(|| ConsultationIssue::Unknown(id.clone()))?;
        if consultation.facility_id != assessment.facility_id {
            return Err(ConsultationIssue::OtherFacility {
                consultation_id: id.clone(),
                found: consultation.facility_id.clone(),
                expected: assessment.facility_id.clone(),
            });
        }
        let consultation_year = self.calendar.fiscal_year(consultation.date);
        if consultation_year != assessment_year {
            return Err(ConsultationIssue::OtherYear {
                consultation_id: id.clone(),
                found: consultation_year,
                expected: assessment_year,
            });
        }
        Ok(consultation)
    }
}
