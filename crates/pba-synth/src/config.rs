//! [`SynthConfig`]: what to generate, and [`FlawRates`]: how often each flaw
//! real data has appears. Rates are fractions (`0.03` = 3 %); draws use them in
//! parts per million.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::SynthError;
use crate::random::MILLION;

/// How many facilities the registry has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacilityCount {
    /// Exactly this many, the national mix of types scaled to the count.
    Count(usize),
    /// Mozambique's whole registry (about 1,650 facilities).
    National,
}

/// What [`crate::generate`] produces. `Default` gives a national registry,
/// fiscal years 2018-2020, 2 to 4 visits a year, 10 % IVA sample, seed 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthConfig {
    /// Every draw follows from it: the same seed gives the same dataset.
    pub seed: u64,
    /// Registry size.
    pub facilities: FacilityCount,
    /// First fiscal year with assessments.
    pub first_year: i32,
    /// Last fiscal year with assessments; transfers are made for PBA years
    /// `first_year + 1 ..= last_year`.
    pub last_year: i32,
    /// ISC visits per facility and year, (min, max), drawn uniformly.
    pub assessments_per_year: (u32, u32),
    /// Share of assessed facilities the IVA re-assesses each year, drawn
    /// facility by facility. `0` turns this built-in draw off: then
    /// [`crate::add_iva_visits`] adds the visits of a real IVA sample.
    pub iva_fraction: Decimal,
    /// How often each flaw appears.
    pub flaws: FlawRates,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            seed: 1,
            facilities: FacilityCount::National,
            first_year: 2018,
            last_year: 2020,
            assessments_per_year: (2, 4),
            iva_fraction: Decimal::new(1, 1),
            flaws: FlawRates::default(),
        }
    }
}

/// How often each flaw appears, as a fraction of the items it can affect.
/// The defaults are a few percent each, the order seen in supervision data of
/// programs like this one; set a rate to `0` for clean data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlawRates {
    /// Per ISC visit: the committee has no `peer_facility` member
    /// (default 0.03, gives `invalid_committee`).
    pub committee_without_peer: Decimal,
    /// Per ISC visit: the peer's `home_facility_id` is the assessed facility
    /// (default 0.02, `invalid_committee`).
    pub peer_from_assessed_facility: Decimal,
    /// Per health-center ISC visit: no member has `attended_consultation =
    /// true` (default 0.01, `invalid_committee`).
    pub committee_without_attendee: Decimal,
    /// Per facility and year: only one ISC visit (default 0.05,
    /// `too_few_valid_assessments`).
    pub single_visit: Decimal,
    /// Per health-center ISC visit: no linked consultation (default 0.04,
    /// `missing_consultation`).
    pub missing_consultation: Decimal,
    /// Per health-center ISC visit: the linked consultation is dated in the
    /// previous year (default 0.02, `missing_consultation`).
    pub consultation_previous_year: Decimal,
    /// Per ISC visit: dated 2 January of the next year (default 0.01,
    /// `out_of_period`).
    pub visit_wrong_year: Decimal,
    /// Per ISC visit: one indicator value left empty (default 0.02,
    /// `incomplete_values`).
    pub incomplete_form: Decimal,
    /// Per ISC visit: a scorecard version that does not exist (default 0.01,
    /// `unknown_scorecard`).
    pub unknown_version: Decimal,
    /// Per facility: closed mid-program, `active = false`, no visits after
    /// mid-year of its closing year (default 0.01, `inactive`).
    pub closed_facility: Decimal,
    /// Per facility: ISC scores inflated by about 15 points, which the IVA
    /// re-assessment catches (default 0.05).
    pub inflated_isc: Decimal,
    /// Per transfer: dated January to March of the year after its PBA year
    /// (default 0.08).
    pub transfer_late: Decimal,
    /// Per transfer: 60 % to 90 % of the amount (default 0.05).
    pub transfer_partial: Decimal,
    /// Per transfer: never made (default 0.05).
    pub transfer_missing: Decimal,
}

impl Default for FlawRates {
    fn default() -> Self {
        let percent = |value: i64| Decimal::new(value, 2);
        Self {
            committee_without_peer: percent(3),
            peer_from_assessed_facility: percent(2),
            committee_without_attendee: percent(1),
            single_visit: percent(5),
            missing_consultation: percent(4),
            consultation_previous_year: percent(2),
            visit_wrong_year: percent(1),
            incomplete_form: percent(2),
            unknown_version: percent(1),
            closed_facility: percent(1),
            inflated_isc: percent(5),
            transfer_late: percent(8),
            transfer_partial: percent(5),
            transfer_missing: percent(5),
        }
    }
}

impl FlawRates {
    /// No flaw at all: every visit valid, every transfer full and on time.
    #[must_use]
    pub fn none() -> Self {
        let zero = Decimal::ZERO;
        Self {
            committee_without_peer: zero,
            peer_from_assessed_facility: zero,
            committee_without_attendee: zero,
            single_visit: zero,
            missing_consultation: zero,
            consultation_previous_year: zero,
            visit_wrong_year: zero,
            incomplete_form: zero,
            unknown_version: zero,
            closed_facility: zero,
            inflated_isc: zero,
            transfer_late: zero,
            transfer_partial: zero,
            transfer_missing: zero,
        }
    }

    /// Each rate with its field name, in declaration order.
    fn named(&self) -> [(&'static str, Decimal); 14] {
        [
            ("committee_without_peer", self.committee_without_peer),
            (
                "peer_from_assessed_facility",
                self.peer_from_assessed_facility,
            ),
            (
                "committee_without_attendee",
                self.committee_without_attendee,
            ),
            ("single_visit", self.single_visit),
            ("missing_consultation", self.missing_consultation),
            (
                "consultation_previous_year",
                self.consultation_previous_year,
            ),
            ("visit_wrong_year", self.visit_wrong_year),
            ("incomplete_form", self.incomplete_form),
            ("unknown_version", self.unknown_version),
            ("closed_facility", self.closed_facility),
            ("inflated_isc", self.inflated_isc),
            ("transfer_late", self.transfer_late),
            ("transfer_partial", self.transfer_partial),
            ("transfer_missing", self.transfer_missing),
        ]
    }
}

/// Flaw rates in parts per million, checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rates {
    pub committee_without_peer: u32,
    pub peer_from_assessed_facility: u32,
    pub committee_without_attendee: u32,
    pub single_visit: u32,
    pub missing_consultation: u32,
    pub consultation_previous_year: u32,
    pub visit_wrong_year: u32,
    pub incomplete_form: u32,
    pub unknown_version: u32,
    pub closed_facility: u32,
    pub inflated_isc: u32,
    pub transfer_late: u32,
    pub transfer_partial: u32,
    pub transfer_missing: u32,
}

/// A fraction in [0, 1] as parts per million.
pub(crate) fn parts_per_million(name: &'static str, value: Decimal) -> Result<u32, SynthError> {
    if value < Decimal::ZERO || value > Decimal::ONE {
        return Err(SynthError::Rate { name, value });
    }
    (value * Decimal::from(MILLION))
        .round()
        .to_u32()
        .ok_or(SynthError::Rate { name, value })
}

impl Rates {
    pub(crate) fn from_flaws(flaws: &FlawRates) -> Result<Self, SynthError> {
        let mut checked = [0u32; 14];
        for (slot, (name, value)) in checked.iter_mut().zip(flaws.named()) {
            *slot = parts_per_million(name, value)?;
        }
        let [
            committee_without_peer,
            peer_from_assessed_facility,
            committee_without_attendee,
            single_visit,
            missing_consultation,
            consultation_previous_year,
            visit_wrong_year,
            incomplete_form,
            unknown_version,
            closed_facility,
            inflated_isc,
            transfer_late,
            transfer_partial,
            transfer_missing,
        ] = checked;
        Ok(Self {
            committee_without_peer,
            peer_from_assessed_facility,
            committee_without_attendee,
            single_visit,
            missing_consultation,
            consultation_previous_year,
            visit_wrong_year,
            incomplete_form,
            unknown_version,
            closed_facility,
            inflated_isc,
            transfer_late,
            transfer_partial,
            transfer_missing,
        })
    }
}

/// Most fiscal years one dataset spans.
const MAX_YEARS: i64 = 50;

/// A configuration checked, with rates in parts per million.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checked {
    pub rates: Rates,
    pub iva: u32,
}

impl SynthConfig {
    /// Checks years, visit counts and rates.
    pub(crate) fn check(&self) -> Result<Checked, SynthError> {
        for year in [self.first_year, self.last_year] {
            if !(1000..=9998).contains(&year) {
                return Err(SynthError::YearOutOfRange { year });
            }
        }
        if self.first_year > self.last_year {
            return Err(SynthError::YearRange {
                first: self.first_year,
                last: self.last_year,
            });
        }
        let count = i64::from(self.last_year) - i64::from(self.first_year) + 1;
        if count > MAX_YEARS {
            return Err(SynthError::TooManyYears {
                count,
                limit: MAX_YEARS,
            });
        }
        let (min, max) = self.assessments_per_year;
        if min == 0 || min > max || max > 12 {
            return Err(SynthError::AssessmentsPerYear { min, max });
        }
        if self.facilities == FacilityCount::Count(0) {
            return Err(SynthError::NoFacilities);
        }
        Ok(Checked {
            rates: Rates::from_flaws(&self.flaws)?,
            iva: parts_per_million("iva_fraction", self.iva_fraction)?,
        })
    }
}
