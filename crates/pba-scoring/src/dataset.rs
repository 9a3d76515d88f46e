//! A dataset (SPEC section 2) as domain values. `pba-data` builds it from CSV
//! or XLSX; by then every reference resolves (a facility's district exists,
//! a value's assessment exists) and ids are unique, so scoring never meets a
//! dangling id. Rows keep their source row number so outputs can point back.

use std::collections::BTreeMap;

use pba_scorecard::{
    AssessmentId, AssessmentKind, BudgetUnit, ConsultationId, Date, DistrictId, FacilityId,
    FacilityType, IndicatorId, MemberRole, PaymentChannel, Priority, ScorecardId, TransferId,
};
use rust_decimal::Decimal;

/// `districts.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// `district_id`.
    pub id: DistrictId,
    /// `name`.
    pub name: String,
    /// `province`.
    pub province: String,
    /// `priority`.
    pub priority: Priority,
}

/// `facilities.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facility {
    /// `facility_id`.
    pub id: FacilityId,
    /// `name`.
    pub name: String,
    /// `type`.
    pub facility_type: FacilityType,
    /// `district_id` (exists in the districts).
    pub district_id: DistrictId,
    /// `budget_unit`.
    pub budget_unit: BudgetUnit,
    /// `payment_channel`.
    pub payment_channel: PaymentChannel,
    /// `beds` (optional).
    pub beds: Option<u64>,
    /// `catchment_population` (optional).
    pub catchment_population: Option<u64>,
    /// `active`.
    pub active: bool,
}

/// `assessments.csv` with its values and committee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// `assessment_id`.
    pub id: AssessmentId,
    /// `facility_id` (exists in the facilities).
    pub facility_id: FacilityId,
    /// `scorecard_id` (may name no known scorecard: the assessment is then invalid).
    pub scorecard_id: ScorecardId,
    /// `scorecard_version`.
    pub scorecard_version: String,
    /// `date`.
    pub date: Date,
    /// `kind`.
    pub kind: AssessmentKind,
    /// `consultation_id` (exists in the consultations when given).
    pub consultation_id: Option<ConsultationId>,
    /// Its rows of `assessment_values.csv`, sorted by indicator id.
    pub values: Vec<ValueEntry>,
    /// Its rows of `committee_members.csv`, in file order.
    pub committee: Vec<CommitteeMember>,
}

pub use crate::value_entry::ValueEntry;

/// `committee_members.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeMember {
    /// `name`.
    pub name: String,
    /// `role`.
    pub role: MemberRole,
    /// `organization`.
    pub organization: String,
    /// `home_facility_id` (required for `peer_facility`).
    pub home_facility_id: Option<FacilityId>,
    /// `attended_consultation`.
    pub attended_consultation: Option<bool>,
}

/// `consultations.csv` with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    /// `consultation_id`.
    pub id: ConsultationId,
    /// `facility_id` (exists in the facilities).
    pub facility_id: FacilityId,
    /// `date`.
    pub date: Date,
    /// `participants`.
    pub participants: u64,
    /// `participants_women`.
    pub participants_women: u64,
    /// `participants_youth`.
    pub participants_youth: u64,
    /// Its rows of `consultation_values.csv`, sorted by indicator id.
    pub values: Vec<ValueEntry>,
}

/// `transfers.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// `transfer_id`.
    pub id: TransferId,
    /// `facility_id` (exists in the facilities).
    pub facility_id: FacilityId,
    /// `pba_year`.
    pub pba_year: i32,
    /// `amount`, >= 0.
    pub amount: Decimal,
    /// `date`.
    pub date: Date,
    /// `channel`.
    pub channel: PaymentChannel,
    /// `reference`.
    pub reference: String,
}

/// A whole dataset, keyed by id so iteration order is the id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// By `district_id`.
    pub districts: BTreeMap<DistrictId, District>,
    /// By `facility_id`.
    pub facilities: BTreeMap<FacilityId, Facility>,
    /// By `assessment_id`.
    pub assessments: BTreeMap<AssessmentId, Assessment>,
    /// By `consultation_id`.
    pub consultations: BTreeMap<ConsultationId, Consultation>,
    /// By `transfer_id`.
    pub transfers: BTreeMap<TransferId, Transfer>,
    /// The `comment` cells of `assessment_values.csv`, by assessment and
    /// indicator. Notes for people: never scored, kept apart from the values
    /// so that a national dataset's tens of millions of values stay small.
    pub assessment_comments: BTreeMap<(AssessmentId, IndicatorId), String>,
    /// The `comment` cells of `consultation_values.csv`.
    pub consultation_comments: BTreeMap<(ConsultationId, IndicatorId), String>,
}
