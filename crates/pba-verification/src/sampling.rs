//! The Independent Verification Agent's sample (SPEC section 7, `pba sample`).
//!
//! Annex 3 of the appraisal document (DLI Verification Protocol Table) has an
//! "independent agency ... competitively selected for the validation of parts
//! of all of DLIs 1, 2, 3, 4, 8, 9, 10 and 11"; for DLIs 8 and 9 that
//! Independent Verification Agent is "to validate compiled scorecards filled
//! out by Integrated Supervision Committees, and financial transfers of PBA".
//! The same table has the agent validate other DLIs "on a sample basis"; this
//! module draws that sample for the scorecards, so that anyone holding the
//! dataset and the published seed can redraw it and see it was not chosen by
//! hand.
//!
//! # What it does
//!
//! The population is every facility with at least one `isc` assessment dated
//! in the fiscal year (active or not, valid or not: the agent checks what the
//! committees filed). Facilities are grouped into strata by the chosen
//! attributes ([`Stratum`]); in each stratum they are ranked by
//! [`rank_hash`] ascending (ties, which SHA-256 makes practically impossible,
//! by `facility_id`) and the first ⌈F × size⌉ are selected.
//!
//! # Formula
//!
//! `selected = ceil(fraction × stratum size)`, exactly, in decimal arithmetic.
//!
//! # Rounding
//!
//! Always up, so every non-empty stratum gives at least one facility when the
//! fraction is above 0; fraction 0 selects no one, fraction 1 everyone.
//!
//! # Example
//!
//! A stratum of 7 facilities with fraction `0.2`: ⌈1.4⌉ = 2 facilities, the
//! two with the smallest `sha256("{seed}:{facility_id}")`.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentId, Date, DistrictId, FacilityId, FacilityType, FiscalCalendar};
use pba_scorecard::{AssessmentKind, MemberRole, ScorecardId};
use pba_scoring::Dataset;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sha2::{Digest, Sha256};

use crate::error::VerificationError;
use crate::stratum::{Stratum, stratum_key};

/// A drawn sample: the selected facilities and a summary per stratum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The fiscal year whose ISC assessments are re-checked.
    pub fiscal_year: i32,
    /// The fraction of each stratum taken, 0..=1.
    pub fraction: Decimal,
    /// The seed, published with the sample.
    pub seed: String,
    /// The attributes the strata were built from, in the order given.
    pub strata: Vec<Stratum>,
    /// The selected facilities only, sorted by stratum key, then rank.
    pub rows: Vec<SampledFacility>,
    /// One entry per non-empty stratum, sorted by stratum key.
    pub summary: Vec<StratumSummary>,
}

impl Sample {
    /// The selected facility ids (what [`crate::compare`] takes as `sample`).
    #[must_use]
    pub fn selected_ids(&self) -> BTreeSet<FacilityId> {
        self.rows
            .iter()
            .map(|row| row.facility_id.clone())
            .collect()
    }
}

/// A selected facility and the ISC assessments the agent is to re-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampledFacility {
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// Its stratum key, e.g. `Gaza|district_hospital`.
    pub stratum: String,
    /// 1-based rank within the stratum.
    pub rank: u64,
    /// [`rank_hash`] of the facility: lowercase hex SHA-256 of `seed:facility_id`.
    pub hash: String,
    /// Province of the facility's district.
    pub province: String,
    /// `district_id`.
    pub district_id: DistrictId,
    /// Facility type.
    pub facility_type: FacilityType,
    /// Its `isc` assessments dated in the fiscal year, by date then id.
    pub assessments: Vec<AssessmentToCheck>,
}

/// An ISC assessment to re-check: when, with which scorecard, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentToCheck {
    /// `assessment_id`.
    pub assessment_id: AssessmentId,
    /// `date`.
    pub date: Date,
    /// `scorecard_id`.
    pub scorecard_id: ScorecardId,
    /// The committee present, in file order: name and role.
    pub committee: Vec<(String, MemberRole)>,
}

/// How many facilities a stratum holds and how many were selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StratumSummary {
    /// Stratum key.
    pub stratum: String,
    /// Facilities of the population in the stratum.
    pub size: u64,
    /// Facilities selected: ⌈fraction × size⌉.
    pub selected: u64,
}

/// The ranking hash of a facility: lowercase hex SHA-256 of the UTF-8 text
/// `"{seed}:{facility_id}"`. It depends on nothing but the two texts, so the
/// same seed gives the same ranking on every machine and version.
///
/// ```
/// use pba_scorecard::FacilityId;
/// let hash = pba_verification::rank_hash("42", &FacilityId::from("F00001"));
/// assert_eq!(hash, "b275f55df80435ed2e5b653a9064741ca1e3c2e001b4c8139cb730465452928e");
/// ```
#[must_use]
pub fn rank_hash(seed: &str, facility_id: &FacilityId) -> String {
    let digest = Sha256::digest(format!("{seed}:{facility_id}").as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// How many of a stratum of `size` facilities are selected: ⌈fraction × size⌉.
pub fn selected_count(fraction: Decimal, size: u64) -> Result<u64, VerificationError> {
    check_fraction(fraction)?;
    let overflow = VerificationError::Overflow {
        what: "computing a stratum's sample size",
    };
    let count = fraction
        .checked_mul(Decimal::from(size))
        .ok_or(overflow.clone())?
        .ceil()
        .to_u64()
        .ok_or(overflow)?;
    Ok(count.min(size))
}

fn check_fraction(fraction: Decimal) -> Result<(), VerificationError> {
    if fraction < Decimal::ZERO || fraction > Decimal::ONE {
        return Err(VerificationError::FractionOutOfRange { fraction });
    }
    Ok(())
}

/// A population member before selection.
struct Candidate {
    hash: String,
    facility_id: FacilityId,
}

/// Draws the stratified sample of facilities with ISC assessments in
/// `fiscal_year` (see the module documentation for the rule).
pub fn draw_sample(
    dataset: &Dataset,
    calendar: FiscalCalendar,
    fiscal_year: i32,
    fraction: Decimal,
    seed: &str,
    strata: &[Stratum],
) -> Result<Sample, VerificationError> {
    check_fraction(fraction)?;
    if seed.is_empty() {
        return Err(VerificationError::EmptySeed);
    }
    let mut to_check: BTreeMap<&FacilityId, Vec<AssessmentToCheck>> = BTreeMap::new();
    for assessment in dataset.assessments.values() {
        if assessment.kind == AssessmentKind::Isc
            && calendar.fiscal_year(assessment.date) == fiscal_year
        {
            to_check
                .entry(&assessment.facility_id)
                .or_default()
                .push(AssessmentToCheck {
                    assessment_id: assessment.id.clone(),
                    date: assessment.date,
                    scorecard_id: assessment.scorecard_id.clone(),
                    committee: assessment
                        .committee
                        .iter()
                        .map(|member| (member.name.clone(), member.role))
                        .collect(),
                });
        }
    }

    let mut by_stratum: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    for facility_id in to_check.keys() {
        let facility = dataset.facilities.get(*facility_id).ok_or_else(|| {
            VerificationError::UnknownFacility {
                facility: (*facility_id).clone(),
            }
        })?;
        by_stratum
            .entry(stratum_key(dataset, facility, strata)?)
            .or_default()
            .push(Candidate {
                hash: rank_hash(seed, &facility.id),
                facility_id: facility.id.clone(),
            });
    }

    let mut rows = Vec::new();
    let mut summary = Vec::with_capacity(by_stratum.len());
    for (stratum, mut candidates) in by_stratum {
        candidates.sort_by(|left, right| {
            (&left.hash, &left.facility_id).cmp(&(&right.hash, &right.facility_id))
        });
        let size = u64::try_from(candidates.len()).unwrap_or(u64::MAX);
        let selected = selected_count(fraction, size)?;
        for (rank, candidate) in (1..=selected).zip(candidates) {
            rows.push(sampled_facility(
                dataset,
                &stratum,
                rank,
                candidate,
                &mut to_check,
            )?);
        }
        summary.push(StratumSummary {
            stratum,
            size,
            selected,
        });
    }

    Ok(Sample {
        fiscal_year,
        fraction,
        seed: seed.to_owned(),
        strata: strata.to_vec(),
        rows,
        summary,
    })
}

fn sampled_facility(
    dataset: &Dataset,
    stratum: &str,
    rank: u64,
    candidate: Candidate,
    to_check: &mut BTreeMap<&FacilityId, Vec<AssessmentToCheck>>,
) -> Result<SampledFacility, VerificationError> {
    let unknown = || VerificationError::UnknownFacility {
        facility: candidate.facility_id.clone(),
    };
    let facility = dataset
        .facilities
        .get(&candidate.facility_id)
        .ok_or_else(unknown)?;
    let province = dataset
        .districts
        .get(&facility.district_id)
        .map(|district| district.province.clone())
        .ok_or_else(|| VerificationError::UnknownDistrict {
            facility: facility.id.clone(),
            district: facility.district_id.clone(),
        })?;
    let mut assessments = to_check.remove(&candidate.facility_id).unwrap_or_default();
    assessments.sort_by(|left, right| {
        (left.date, &left.assessment_id).cmp(&(right.date, &right.assessment_id))
    });
    Ok(SampledFacility {
        facility_id: candidate.facility_id,
        stratum: stratum.to_owned(),
        rank,
        hash: candidate.hash,
        province,
        district_id: facility.district_id.clone(),
        facility_type: facility.facility_type,
        assessments,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    /// Pinned against `python3 -c 'import hashlib; print(hashlib.sha256(b"42:F00001").hexdigest())'`:
    /// if one of these changes, every published sample changes with it.
    #[test]
    fn rank_hashes_are_pinned() {
        let cases = [
            (
                "42",
                "F00001",
                "b275f55df80435ed2e5b653a9064741ca1e3c2e001b4c8139cb730465452928e",
            ),
            (
                "42",
                "F00002",
                "c7b39cea8f943aa76c1ca60cb75bd63eae4db010493ca3fefa59921d6f8fc81f",
            ),
            (
                "2020-iva",
                "F00001",
                "a29c4b789bcb43a33d184bb5ebaf87bd37d63cc86e2027a78ece1363fad8dbf8",
            ),
            (
                "seed",
                "HOSP-01",
                "c7ce57a3b5447ccbd3ffa9f56bcde4be8d661394f24414f4861c67b67a90ca06",
            ),
        ];
        for (seed, facility, expected) in cases {
            assert_eq!(
                rank_hash(seed, &FacilityId::from(facility)),
                expected,
                "{seed}:{facility}"
            );
        }
    }

    #[test]
    fn selected_count_rounds_up_exactly() {
        let count = |fraction: &str, size| selected_count(fraction.parse().unwrap(), size).unwrap();
        assert_eq!(count("0", 9), 0);
        assert_eq!(count("1", 9), 9);
        assert_eq!(count("0.1", 10), 1);
        assert_eq!(count("0.1", 11), 2);
        assert_eq!(count("0.3", 10), 3);
        assert_eq!(count("0.0001", 1), 1);
        assert_eq!(count("0.5", 0), 0);
        assert!(selected_count("1.01".parse().unwrap(), 3).is_err());
        assert!(selected_count("-0.1".parse().unwrap(), 3).is_err());
    }
}
