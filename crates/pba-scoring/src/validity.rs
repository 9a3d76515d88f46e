//! Assessment validity (SPEC section 4): the reasons an assessment does not
//! count, every one that applies, in the order of [`AssessmentReason`].
//!
//! An ISC assessment is valid when none applies:
//! 1. `inactive_facility`: its facility is not active (or not in the registry);
//! 2. `unknown_scorecard`: its scorecard id and version are not in the set;
//! 3. `scorecard_not_applicable`: the scorecard does not apply to the facility type;
//! 4. `out_of_period`: its date is not in the fiscal year scored;
//! 5. `incomplete_values`: a value is missing (under `missing = "error"`), out of
//!    range, `na` where not allowed, for an unknown indicator, or every
//!    indicator is `na`; for a health center, the same for the consultation's values;
//! 6. `invalid_committee`: no `government` member, no `peer_facility` member
//!    whose `home_facility_id` is set and is not the assessed facility, or no
//!    `independent` member (footnote 36);
//! 7. `missing_consultation`: a health-center scorecard (one with `[combine]`)
//!    and no linked consultation of the same facility in the same fiscal year
//!    as the assessment;
//! 8. `consultation_not_attended`: a health-center scorecard and no committee
//!    member with `attended_consultation = true` (checked whether or not a
//!    consultation is linked: both must be fixed).
//!
//! IVA assessments follow the same rules except 6 and 8: the IVA is itself
//! the independent party. Rule 7 still applies, since a health-center score
//! cannot be combined without its consultation.

use std::fmt;

use pba_scorecard::{AssessmentKind, FacilityId, FacilityType, MemberRole, ScorecardId};

use crate::dataset::{Assessment, CommitteeMember};
use crate::error::{CommitteeIssue, ConsultationIssue, ValueIssue};

/// Why an assessment is not valid. Declared in the order reasons are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssessmentReason {
    /// `inactive_facility`.
    InactiveFacility,
    /// `unknown_scorecard`: no scorecard with this id and version.
    UnknownScorecard {
        /// `assessments.scorecard_id`.
        scorecard_id: ScorecardId,
        /// `assessments.scorecard_version`.
        version: String,
    },
    /// `scorecard_not_applicable`.
    ScorecardNotApplicable {
        /// The facility's type.
        facility_type: FacilityType,
    },
    /// `out_of_period`.
    OutOfPeriod {
        /// The fiscal year of the assessment's date.
        found: i32,
        /// The fiscal year scored.
        expected: i32,
    },
    /// `incomplete_values`, with every problem found.
    IncompleteValues(Vec<ValueIssue>),
    /// `invalid_committee`, with every rule not met.
    InvalidCommittee(Vec<CommitteeIssue>),
    /// `missing_consultation`.
    MissingConsultation(ConsultationIssue),
    /// `consultation_not_attended`.
    ConsultationNotAttended,
}

impl AssessmentReason {
    /// Every code, in the order reasons are listed.
    pub const CODES: &'static [&'static str] = &[
        "inactive_facility",
        "unknown_scorecard",
        "scorecard_not_applicable",
        "out_of_period",
        "incomplete_values",
        "invalid_committee",
        "missing_consultation",
        "consultation_not_attended",
    ];

    /// The reason code written to files.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::InactiveFacility => "inactive_facility",
            Self::UnknownScorecard { .. } => "unknown_scorecard",
            Self::ScorecardNotApplicable { .. } => "scorecard_not_applicable",
            Self::OutOfPeriod { .. } => "out_of_period",
            Self::IncompleteValues(_) => "incomplete_values",
            Self::InvalidCommittee(_) => "invalid_committee",
            Self::MissingConsultation(_) => "missing_consultation",
            Self::ConsultationNotAttended => "consultation_not_attended",
        }
    }

    /// What exactly is wrong, in words (problems joined by `; `).
    #[must_use]
    pub fn detail(&self) -> String {
        fn joined<T: ToString>(items: &[T]) -> String {
            items
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        }
        match self {
            Self::InactiveFacility => "the facility is not active".to_owned(),
            Self::UnknownScorecard {
                scorecard_id,
                version,
            } => format!("scorecard `{scorecard_id}` version `{version}` is not defined"),
            Self::ScorecardNotApplicable { facility_type } => {
                format!("the scorecard does not apply to `{facility_type}` facilities")
            }
            Self::OutOfPeriod { found, expected } => {
                format!("dated in fiscal year `{found}`, expected `{expected}`")
            }
            Self::IncompleteValues(issues) => joined(issues),
            Self::InvalidCommittee(issues) => joined(issues),
            Self::MissingConsultation(issue) => issue.to_string(),
            Self::ConsultationNotAttended => {
                "no committee member with `attended_consultation = true`".to_owned()
            }
        }
    }
}

impl fmt::Display for AssessmentReason {
    /// `code: detail`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.code(), self.detail())
    }
}

/// The committee rules of footnote 36 an ISC assessment does not meet (empty
/// when it meets them all, and always empty for an IVA assessment).
#[must_use]
pub fn committee_issues(assessment: &Assessment) -> Vec<CommitteeIssue> {
    if assessment.kind == AssessmentKind::Iva {
        return Vec::new();
    }
    let has = |rule: &dyn Fn(&CommitteeMember) -> bool| assessment.committee.iter().any(rule);
    let mut issues = Vec::new();
    if !has(&|member| member.role == MemberRole::Government) {
        issues.push(CommitteeIssue::NoGovernment);
    }
    if !has(&|member| is_outside_peer(member, &assessment.facility_id)) {
        issues.push(CommitteeIssue::NoPeerFacility);
    }
    if !has(&|member| member.role == MemberRole::Independent) {
        issues.push(CommitteeIssue::NoIndependent);
    }
    issues
}

fn is_outside_peer(member: &CommitteeMember, assessed: &FacilityId) -> bool {
    member.role == MemberRole::PeerFacility
        && member
            .home_facility_id
            .as_ref()
            .is_some_and(|home| home != assessed)
}

/// A health-center ISC assessment whose committee has no member who attended
/// the consultation (always false for an IVA assessment).
#[must_use]
pub fn consultation_not_attended(assessment: &Assessment) -> bool {
    assessment.kind == AssessmentKind::Isc
        && !assessment
            .committee
            .iter()
            .any(|member| member.attended_consultation == Some(true))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;
    use pba_scorecard::{AssessmentId, Date};

    fn member(role: MemberRole, home: Option<&str>, attended: bool) -> CommitteeMember {
        CommitteeMember {
            name: "someone".to_owned(),
            role,
            organization: "org".to_owned(),
            home_facility_id: home.map(FacilityId::new),
            attended_consultation: Some(attended),
        }
    }

    fn assessment(kind: AssessmentKind, committee: Vec<CommitteeMember>) -> Assessment {
        Assessment {
            id: AssessmentId::new("A1"),
            facility_id: FacilityId::new("F1"),
            scorecard_id: ScorecardId::new("hospital"),
            scorecard_version: "1".to_owned(),
            date: Date::new(2019, 6, 1).unwrap(),
            kind,
            consultation_id: None,
            values: Vec::new(),
            committee,
        }
    }

    #[test]
    fn a_full_committee_meets_footnote_36() {
        let committee = vec![
            member(MemberRole::Government, None, false),
            member(MemberRole::PeerFacility, Some("F2"), false),
            member(MemberRole::Independent, None, true),
        ];
        let assessment = assessment(AssessmentKind::Isc, committee);
        assert!(committee_issues(&assessment).is_empty());
        assert!(!consultation_not_attended(&assessment));
    }

    #[test]
    fn a_peer_from_the_assessed_facility_or_without_home_does_not_count() {
        let committee = vec![
            member(MemberRole::Government, None, false),
            member(MemberRole::PeerFacility, Some("F1"), false),
            member(MemberRole::PeerFacility, None, false),
        ];
        let assessment = assessment(AssessmentKind::Isc, committee);
        assert_eq!(
            committee_issues(&assessment),
            [
                CommitteeIssue::NoPeerFacility,
                CommitteeIssue::NoIndependent
            ]
        );
        assert!(consultation_not_attended(&assessment));
    }

    #[test]
    fn iva_assessments_skip_the_committee_rules() {
        let assessment = assessment(AssessmentKind::Iva, Vec::new());
        assert!(committee_issues(&assessment).is_empty());
        assert!(!consultation_not_attended(&assessment));
    }

    #[test]
    fn reasons_print_code_and_detail() {
        let reason = AssessmentReason::InvalidCommittee(vec![
            CommitteeIssue::NoGovernment,
            CommitteeIssue::NoIndependent,
        ]);
        assert_eq!(
            reason.to_string(),
            "invalid_committee: no `government` member; no `independent` member"
        );
        assert_eq!(AssessmentReason::CODES.len(), 8);
    }
}
