//! The verification report's counts (SPEC section 7: "the share within
//! tolerance overall and per province, and ... the largest discrepancies").
//!
//! # What it does
//!
//! Counts, overall and per province: facilities sampled, sampled but not
//! verified, verified (IVA score and ISC score compared), within tolerance;
//! then the share within tolerance and the mean absolute difference of the
//! verified; and lists the largest discrepancies.
//!
//! # Formula
//!
//! `share_within = 100 × within_tolerance / verified`;
//! `mean_absolute_difference = Σ |difference| / verified`. Both are empty
//! when nothing was verified. Largest discrepancies: the verified facilities
//! by `|difference|` descending, then `facility_id`, at most
//! [`LARGEST_DISCREPANCIES`].
//!
//! # Rounding
//!
//! Share (a percent) and mean to 2 decimals, half away from zero, once.
//!
//! # Example
//!
//! 3 verified, 2 within tolerance, differences 4, −6 and 13.5: share 66.67,
//! mean absolute difference 7.83.

use std::collections::BTreeMap;

use pba_scorecard::FacilityId;
use rust_decimal::Decimal;

use crate::comparison::{FacilityVerification, VerificationStatus, round_two_decimals};
use crate::error::VerificationError;

/// How many facilities the largest-discrepancy list holds at most.
pub const LARGEST_DISCREPANCIES: usize = 10;

/// Counts for one scope: all facilities, or one province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// `None` overall, else the province.
    pub province: Option<String>,
    /// Facilities in the sample; `None` when no sample was given.
    pub sampled: Option<u64>,
    /// Sampled facilities with status `not_verified`.
    pub not_verified: u64,
    /// Facilities with status `verified`.
    pub verified: u64,
    /// Verified facilities within tolerance.
    pub within_tolerance: u64,
    /// Percent of verified within tolerance, 2 decimals.
    pub share_within: Option<Decimal>,
    /// Mean of `|difference|` over the verified, 2 decimals.
    pub mean_absolute_difference: Option<Decimal>,
}

/// One of the largest discrepancies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// Province.
    pub province: String,
    /// `isc_score − iva_score`.
    pub difference: Decimal,
}

/// The report's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// All facilities.
    pub overall: SummaryRow,
    /// One row per province with a row, by province name.
    pub provinces: Vec<SummaryRow>,
    /// The verified facilities with the largest `|difference|`.
    pub largest_discrepancies: Vec<Discrepancy>,
}

/// Running totals of one scope.
#[derive(Default)]
struct Tally {
    sampled: u64,
    not_verified: u64,
    verified: u64,
    within_tolerance: u64,
    absolute_sum: Decimal,
}

impl Tally {
    fn add(&mut self, row: &FacilityVerification) -> Result<(), VerificationError> {
        self.sampled += u64::from(row.sampled);
        if row.sampled && row.status == VerificationStatus::NotVerified {
            self.not_verified += 1;
        }
        if row.status == VerificationStatus::Verified {
            self.verified += 1;
            self.within_tolerance += u64::from(row.within_tolerance == Some(true));
            let absolute = row.absolute_difference.unwrap_or_default();
            self.absolute_sum =
                self.absolute_sum
                    .checked_add(absolute)
                    .ok_or(VerificationError::Overflow {
                        what: "adding absolute differences",
                    })?;
        }
        Ok(())
    }

    fn finish(self, province: Option<String>, with_sample: bool) -> SummaryRow {
        let verified = Decimal::from(self.verified);
        let share_within = Decimal::from(self.within_tolerance)
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|hundreds| hundreds.checked_div(verified))
            .map(round_two_decimals);
        let mean_absolute_difference = self
            .absolute_sum
            .checked_div(verified)
            .map(round_two_decimals);
        SummaryRow {
            province,
            sampled: with_sample.then_some(self.sampled),
            not_verified: self.not_verified,
            verified: self.verified,
            within_tolerance: self.within_tolerance,
            share_within,
            mean_absolute_difference,
        }
    }
}

/// Summarises the rows (see the module documentation).
pub fn summarize(
    rows: &[FacilityVerification],
    with_sample: bool,
) -> Result<Summary, VerificationError> {
    let mut overall = Tally::default();
    let mut provinces: BTreeMap<&str, Tally> = BTreeMap::new();
    for row in rows {
        overall.add(row)?;
        provinces
            .entry(row.province.as_str())
            .or_default()
            .add(row)?;
    }
    let mut largest: Vec<Discrepancy> = rows
        .iter()
        .filter(|row| row.status == VerificationStatus::Verified)
        .filter_map(|row| {
            row.difference.map(|difference| Discrepancy {
                facility_id: row.facility_id.clone(),
                province: row.province.clone(),
                difference,
            })
        })
        .collect();
    largest.sort_by(|left, right| {
        right
            .difference
            .abs()
            .cmp(&left.difference.abs())
            .then_with(|| left.facility_id.cmp(&right.facility_id))
    });
    largest.truncate(LARGEST_DISCREPANCIES);
    Ok(Summary {
        overall: overall.finish(None, with_sample),
        provinces: provinces
            .into_iter()
            .map(|(province, tally)| tally.finish(Some(province.to_owned()), with_sample))
            .collect(),
        largest_discrepancies: largest,
    })
}
