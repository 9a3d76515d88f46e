//! Validated definitions. Values of these types only come out of the parsers
//! in this crate, so their invariants hold everywhere else:
//! domain weights sum to 100, ids are unique, every indicator's domain exists,
//! numeric ramps are not flat, bands cover their range, DLI targets increase,
//! policy envelopes are positive multiples of the payable unit.
//!
//! Fields are public for reading; build them through `parse_*` only.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::date::Date;
use crate::ids::{DistrictId, DliId, DomainId, IndicatorId, PolicyId, ProgramId, ScorecardId};
use crate::vocabulary::{FacilityType, Priority};

/// A scorecard: weighted domains of indicators (SPEC section 3).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScorecardDefinition {
    /// `scorecard.id`.
    pub id: ScorecardId,
    /// `scorecard.version`.
    pub version: String,
    /// `scorecard.title`.
    pub title: String,
    /// Facility types it scores; empty for the community consultation scorecard.
    pub applies_to: Vec<FacilityType>,
    /// The DLI it serves (8, 9) if any.
    pub dli: Option<u8>,
    /// What a missing value does.
    pub missing: MissingRule,
    /// A failed critical indicator caps the composite here (0-100).
    pub critical_cap: Option<Decimal>,
    /// Domains in file order; weights sum to exactly 100.
    pub domains: Vec<Domain>,
    /// Indicators in file order; ids unique; each in a declared domain.
    pub indicators: Vec<Indicator>,
    /// How a health-center composite combines with its consultation.
    pub combine: Option<Combine>,
}

/// What a missing indicator value does to an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRule {
    /// The assessment is invalid (`incomplete_values`).
    Error,
    /// The indicator scores 0.
    Zero,
}

/// A weighted group of indicators.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Domain {
    /// `domain.id`.
    pub id: DomainId,
    /// `domain.title`.
    pub title: String,
    /// Weight on the 0-100 composite.
    pub weight: Decimal,
}

/// One scored item of a scorecard.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicator {
    /// `indicator.id`.
    pub id: IndicatorId,
    /// The domain it belongs to.
    pub domain: DomainId,
    /// `indicator.title`.
    pub title: String,
    /// How a value maps to a fraction of `points`.
    pub kind: IndicatorKind,
    /// Maximum points, > 0.
    pub points: Decimal,
    /// Earning 0 here caps the composite at `critical_cap`.
    pub critical: bool,
    /// `na` is accepted (and leaves the domain's denominator).
    pub allow_na: bool,
    /// Where the value comes from, with the appraisal-document section it serves.
    pub source: String,
    /// Free-text guidance for the committee.
    pub note: Option<String>,
}

/// How an indicator's value maps to a fraction in [0, 1] of its points.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorKind {
    /// `yes` -> 1, `no` -> 0.
    Binary,
    /// An integer 0..=max -> value / max.
    Scale {
        /// Top of the scale, >= 1.
        max: u32,
    },
    /// A number on a linear ramp from `zero_at` (0) to `full_at` (1), clamped;
    /// lower is better when `zero_at > full_at`.
    Numeric {
        /// Value earning 0.
        zero_at: Decimal,
        /// Value earning full points.
        full_at: Decimal,
        /// Smallest value that may be entered.
        min: Option<Decimal>,
        /// Largest value that may be entered.
        max: Option<Decimal>,
    },
    /// A value takes the band with the greatest `from` not above it.
    Bands {
        /// Sorted by `from` descending.
        bands: Vec<Band>,
        /// Smallest value that may be entered (the lowest band covers it).
        min: Option<Decimal>,
        /// Largest value that may be entered.
        max: Option<Decimal>,
    },
}

impl IndicatorKind {
    /// The values that may be entered, `(lowest, highest)`, `None` where
    /// unbounded: `0..=max` for `scale`, `min`/`max` for `numeric`, and for
    /// `bands` `min` (else the lowest band's `from`) and `max`.
    #[must_use]
    pub fn entry_bounds(&self) -> (Option<Decimal>, Option<Decimal>) {
        match self {
            Self::Binary => (None, None),
            Self::Scale { max } => (Some(Decimal::ZERO), Some(Decimal::from(*max))),
            Self::Numeric { min, max, .. } => (*min, *max),
            Self::Bands { bands, min, max } => (
                min.or_else(|| bands.iter().map(|band| band.from).min()),
                *max,
            ),
        }
    }
}

/// One band of a `bands` indicator.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Band {
    /// Lower bound (inclusive).
    pub from: Decimal,
    /// Fraction of points earned, in [0, 1].
    pub fraction: Decimal,
}

/// `[combine]`: weight of a health-center composite and of its consultation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Combine {
    /// Weight of this scorecard's composite; `facility + community = 100`.
    pub facility: Decimal,
    /// Weight of the linked consultation's composite.
    pub community: Decimal,
    /// The scorecard that scores `consultation_values.csv`.
    pub consultation_scorecard: ScorecardId,
}

/// An indicator value as entered: `yes`, `no`, `na` or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorValue {
    /// `yes`.
    Yes,
    /// `no`.
    No,
    /// `na`: not applicable.
    NotApplicable,
    /// A decimal number.
    Number(Decimal),
}

/// A set of scorecards, looked up by id and version.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ScorecardSet {
    /// Keyed by (id, version).
    pub scorecards: BTreeMap<(ScorecardId, String), ScorecardDefinition>,
}

/// A program: its fiscal calendar and DLI matrix (SPEC section 6).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProgramDefinition {
    /// `program.id`.
    pub id: ProgramId,
    /// `program.title`.
    pub title: String,
    /// Currency of DLI prices, e.g. `USD`.
    pub currency: String,
    /// Where fiscal years begin.
    pub calendar: FiscalCalendar,
    /// Fiscal year of program year 1.
    pub first_fiscal_year: i32,
    /// Undisbursed amounts of earlier years can be earned later.
    pub rollover: bool,
    /// Valid assessments a facility needs in a fiscal year
    /// (`min_assessments`, optional, default 2).
    pub min_assessments: u32,
    /// DLI series in file order.
    pub dlis: Vec<DliSeries>,
}

impl ProgramDefinition {
    /// The program year of a fiscal year (`first_fiscal_year` is year 1).
    #[must_use]
    pub fn program_year(&self, fiscal_year: i32) -> i64 {
        i64::from(fiscal_year) - i64::from(self.first_fiscal_year) + 1
    }

    /// The fiscal year of a program year.
    #[must_use]
    pub fn fiscal_year_of(&self, program_year: u32) -> i64 {
        i64::from(self.first_fiscal_year) + i64::from(program_year) - 1
    }

    /// The last program year: the largest target year of any DLI series.
    #[must_use]
    pub fn last_year(&self) -> u32 {
        self.dlis
            .iter()
            .flat_map(|dli| dli.targets.iter().map(|target| target.year))
            .max()
            .unwrap_or(0)
    }
}

/// Fiscal year N starts on (`month`, `day`) of calendar year N and ends the
/// day before the same date of year N+1. With the default `01-01` a fiscal year
/// is the calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FiscalCalendar {
    /// Month the fiscal year starts, 1-12.
    pub start_month: u8,
    /// Day the fiscal year starts.
    pub start_day: u8,
}

impl Default for FiscalCalendar {
    fn default() -> Self {
        Self {
            start_month: 1,
            start_day: 1,
        }
    }
}

impl FiscalCalendar {
    /// The fiscal year a date falls in.
    #[must_use]
    pub fn fiscal_year(self, date: Date) -> i32 {
        if (date.month(), date.day()) >= (self.start_month, self.start_day) {
            date.year()
        } else {
            date.year() - 1
        }
    }
}

/// One DLI series (a scalable sub-series such as `6.1` is its own series).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DliSeries {
    /// `dli.id`.
    pub id: DliId,
    /// `dli.title`.
    pub title: String,
    /// What the values measure.
    pub unit: DliUnit,
    /// `T0`.
    pub baseline: Decimal,
    /// When a listed facility counts as having received its PBA (DLI 8/9).
    pub received: ReceivedRule,
    /// `T1..Tn` with prices, by program year ascending, years 1..=n contiguous.
    pub targets: Vec<DliTarget>,
}

/// Unit of a DLI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DliUnit {
    /// 0-100.
    Percent,
    /// A count.
    Number,
    /// An amount in US dollars.
    Usd,
}

/// When a facility listed for PBA counts as having received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceivedRule {
    /// Transfers cover the listed amount.
    Full,
    /// Transfers are > 0.
    Any,
}

/// A year's target and price.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DliTarget {
    /// Program year, from 1.
    pub year: u32,
    /// `Tj`.
    pub value: Decimal,
    /// `Pj`, in the program currency, >= 0.
    pub price: Decimal,
    /// Whether partial achievement earns a pro-rata share.
    pub scalable: bool,
}

/// An allocation policy (SPEC section 5).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Policy {
    /// `policy.id`.
    pub id: PolicyId,
    /// Year paid; scores come from fiscal year `pba_year - 1`.
    pub pba_year: i32,
    /// Scorecard whose facility types the policy pays.
    pub scorecard: ScorecardId,
    /// Currency of the envelopes.
    pub currency: String,
    /// Smallest payable amount, > 0.
    pub unit: Decimal,
    /// How shares are computed.
    pub method: Method,
    /// Below it: eligible, scored, paid 0 (`below_min_score`).
    pub min_score: Decimal,
    /// Size weighting.
    pub weight: WeightBasis,
    /// No facility above this fraction of its envelope, in (0, 1].
    pub cap_share: Option<Decimal>,
    /// Equity multipliers by district priority (absent = 1).
    pub uplift: BTreeMap<Priority, Decimal>,
    /// `district_priority = ["high_potential", "lagging"]` (optional, an
    /// extension of SPEC section 5): only facilities of districts with one of
    /// these priorities are in scope. `None` = every district. DLI 9 policies
    /// use it to pay rural health centers of priority districts only.
    pub district_priority: Option<std::collections::BTreeSet<Priority>>,
    /// Envelopes in file order.
    pub envelopes: Vec<Envelope>,
    /// `verification_penalty` (optional, issue 7 item 3): how `pba allocate
    /// --verification` reduces the claim of a facility whose ISC score
    /// exceeded the IVA score beyond tolerance. Default `none`.
    pub verification_penalty: crate::penalty_rule::PenaltyRule,
}

/// An allocation method.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// basis = score.
    Proportional,
    /// basis = factor of the tier with the greatest `from` not above the score.
    Tiered {
        /// Sorted by `from` descending.
        tiers: Vec<Tier>,
    },
    /// basis = score - min_score.
    AboveThreshold,
}

/// A tier of `tiered`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tier {
    /// Lower bound of the score band (inclusive).
    pub from: Decimal,
    /// Basis for scores in the band, >= 0.
    pub factor: Decimal,
}

/// What a facility's share is weighted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightBasis {
    /// Weight 1.
    None,
    /// `facilities.beds`.
    Beds,
    /// `facilities.catchment_population`.
    CatchmentPopulation,
}

/// An amount to share among the facilities of a scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Envelope {
    /// Which facilities it pays.
    pub scope: Scope,
    /// > 0, a multiple of the policy's unit.
    pub amount: Decimal,
}

/// The facilities an envelope covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every facility.
    National,
    /// Facilities of districts of this province.
    Province(String),
    /// Facilities of this district.
    District(DistrictId),
}

impl std::fmt::Display for Scope {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::National => formatter.write_str("national"),
            Self::Province(name) => write!(formatter, "province:{name}"),
            Self::District(id) => write!(formatter, "district:{id}"),
        }
    }
}
