//! Disbursement (SPEC section 6, Annex 2 of the appraisal document: "simple
//! scalability after the engagement floor is met ... + the undisbursed amount
//! from previous targets met").
//!
//! For a series with targets `T1..Tn` and prices `P1..Pn`, and the achieved
//! value `Ak` of each validated year k:
//! - **Engagement floor.** Nothing is disbursed until a year m <= k has
//!   `Am >= T1`; from then `P1` is disbursed in full.
//! - **Scalable year j >= 2.** `f_j = clamp((Ak − T(j−1)) / (Tj − T(j−1)), 0, 1)`.
//!   **Non-scalable year j >= 2.** `f_j = 1` when `Ak >= Tj`, else 0.
//! - Price j is earned from year j on, never early. Its cumulative amount at
//!   year k is `max(cumulative at k−1, round(Pj × f_j))` once the floor is
//!   met: it never decreases, even when the achieved value falls. Without
//!   `rollover`, price j is only earned in year j.
//! - **Rounding.** `Pj × f_j` is computed exactly (no intermediate rounding)
//!   and rounded to cents half away from zero when computed; a year's release
//!   is the difference of rounded cumulatives. Prices must therefore be
//!   whole cents, so no price can be over-paid by rounding.
//! - A year with no achieved value is **not validated**: nothing is earned
//!   that year; with `rollover`, a later year can still release it.
//! - After the last program year, the undisbursed part of the prices is
//!   **cancelled**.
//!
//! The baseline `T0` does not enter the formula: year 1 is the floor, paid in
//! full or not at all, whatever its `scalable` flag says.

use std::collections::BTreeMap;

use pba_scorecard::{DliId, DliSeries, DliTarget, ProgramDefinition, ProgramId};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::DisbursementError;
use crate::exact;

/// The disbursement of a program's DLIs for a set of achieved values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disbursement {
    /// `program.id`.
    pub program_id: ProgramId,
    /// Currency of the prices.
    pub currency: String,
    /// One row per series (program order) and program year 1..=last.
    pub rows: Vec<DisbursementRow>,
    /// One summary per series, in program order.
    pub summaries: Vec<DliDisbursementSummary>,
}

/// One series in one program year (a row of `disbursements.csv`). Money has 2
/// decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisbursementRow {
    /// The series.
    pub dli: DliId,
    /// Program year, from 1.
    pub year: u32,
    /// Its fiscal year.
    pub fiscal_year: i64,
    /// `Tk`; `None` when the series has no target that year.
    pub target: Option<Decimal>,
    /// `Ak`; `None` when not validated.
    pub achieved: Option<Decimal>,
    /// `Pk` (0 when the series has no target that year).
    pub price: Decimal,
    /// What this year's own price released this year.
    pub earned_this_year: Decimal,
    /// What earlier years' prices released this year.
    pub released_from_previous: Decimal,
    /// `earned_this_year + released_from_previous`.
    pub disbursed: Decimal,
    /// The part of the prices of years 1..=k not disbursed yet.
    pub undisbursed_after: Decimal,
}

/// Totals of one series over the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DliDisbursementSummary {
    /// The series.
    pub dli: DliId,
    /// Σ prices.
    pub total_price: Decimal,
    /// Σ disbursed over the program years.
    pub disbursed: Decimal,
    /// `total_price − disbursed`: lost after the last year.
    pub cancelled: Decimal,
}

/// Disburses every DLI series of `program` for the achieved values
/// `achievements[(dli, program year)]`.
///
/// # Errors
/// An achievement for a series the program does not define, or for a year
/// outside 1..=`program.last_year()`; a price that is negative or not whole
/// cents; a series without a year-1 target; a scalable target not above the
/// previous one; numbers too large to compute exactly.
///
/// ```
/// use std::collections::BTreeMap;
/// use pba_allocation::disburse;
/// use pba_scorecard::*;
/// use rust_decimal::Decimal;
///
/// let target = |year, value, price, scalable| DliTarget {
///     year, value: Decimal::from(value), price: Decimal::from(price), scalable,
/// };
/// let program = ProgramDefinition {
///     id: ProgramId::new("p"), title: String::new(), currency: "USD".into(),
///     calendar: FiscalCalendar::default(), first_fiscal_year: 2018, rollover: true,
///     min_assessments: 2,
///     dlis: vec![DliSeries {
///         id: DliId::new("8"), title: String::new(), unit: DliUnit::Percent,
///         baseline: Decimal::ZERO, received: ReceivedRule::Full,
///         targets: vec![target(1, 12, 4_000_000, false), target(2, 30, 3_500_000, true)],
///     }],
/// };
/// let achievements = BTreeMap::from([
///     ((DliId::new("8"), 1), Decimal::from(12)),
///     ((DliId::new("8"), 2), Decimal::from(25)),
/// ]);
/// let disbursement = disburse(&program, &achievements).unwrap();
/// assert_eq!(disbursement.rows[1].disbursed.to_string(), "2527777.78"); // 3.5M × 13/18
/// ```
pub fn disburse(
    program: &ProgramDefinition,
    achievements: &BTreeMap<(DliId, u32), Decimal>,
) -> Result<Disbursement, DisbursementError> {
    let last = program.last_year();
    for (dli, year) in achievements.keys() {
        if !program.dlis.iter().any(|series| series.id == *dli) {
            return Err(DisbursementError::UnknownDli {
                dli: dli.clone(),
                known: program
                    .dlis
                    .iter()
                    .map(|series| format!("`{}`", series.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        if *year == 0 || *year > last {
            return Err(DisbursementError::YearOutOfRange {
                dli: dli.clone(),
                year: *year,
                last,
            });
        }
    }
    let mut disbursement = Disbursement {
        program_id: program.id.clone(),
        currency: program.currency.clone(),
        rows: Vec::new(),
        summaries: Vec::new(),
    };
    for series in &program.dlis {
        let (rows, summary) = disburse_series(program, series, achievements, last)?;
        disbursement.rows.extend(rows);
        disbursement.summaries.push(summary);
    }
    Ok(disbursement)
}

/// Checks a series' prices and targets; returns its targets by year.
fn checked_targets(series: &DliSeries) -> Result<BTreeMap<u32, &DliTarget>, DisbursementError> {
    let targets: BTreeMap<u32, &DliTarget> = series
        .targets
        .iter()
        .map(|target| (target.year, target))
        .collect();
    if !targets.is_empty() && !targets.contains_key(&1) {
        return Err(DisbursementError::MissingFloor {
            dli: series.id.clone(),
        });
    }
    for (year, target) in &targets {
        if target.price.is_sign_negative() && !target.price.is_zero()
            || target.price.normalize().scale() > 2
        {
            return Err(DisbursementError::InvalidPrice {
                dli: series.id.clone(),
                year: *year,
                price: target.price,
            });
        }
        let previous = previous_target(series, &targets, *year);
        if *year >= 2 && target.scalable && target.value <= previous {
            return Err(DisbursementError::TargetsNotIncreasing {
                dli: series.id.clone(),
                year: *year,
                value: target.value,
                previous,
            });
        }
    }
    Ok(targets)
}

/// `T(j−1)`: the target of the latest year before `year`, or the baseline.
fn previous_target(series: &DliSeries, targets: &BTreeMap<u32, &DliTarget>, year: u32) -> Decimal {
    targets
        .range(..year)
        .next_back()
        .map_or(series.baseline, |(_, target)| target.value)
}

/// `round(Pj × f_j(achieved))` to cents, for year j >= 2 (year 1 is the floor).
fn earned_amount(target: &DliTarget, previous: Decimal, achieved: Decimal) -> Option<Decimal> {
    if achieved >= target.value {
        return Some(target.price);
    }
    if !target.scalable || achieved <= previous {
        return Some(Decimal::ZERO);
    }
    let progress = exact::sub(achieved, previous)?;
    let span = exact::sub(target.value, previous)?;
    exact::mul_div_rounded(target.price, progress, span, 2)
}

fn disburse_series(
    program: &ProgramDefinition,
    series: &DliSeries,
    achievements: &BTreeMap<(DliId, u32), Decimal>,
    last: u32,
) -> Result<(Vec<DisbursementRow>, DliDisbursementSummary), DisbursementError> {
    let targets = checked_targets(series)?;
    let floor = targets.get(&1).map(|target| target.value);
    let mut cumulative: BTreeMap<u32, Decimal> =
        targets.keys().map(|year| (*year, Decimal::ZERO)).collect();
    let mut floor_met = false;
    let mut rows = Vec::new();
    for year in 1..=last {
        let overflow = || DisbursementError::Overflow {
            dli: series.id.clone(),
            year,
        };
        let achieved = achievements.get(&(series.id.clone(), year)).copied();
        let before = cumulative.clone();
        if let Some(achieved) = achieved {
            floor_met = floor_met || floor.is_some_and(|floor| achieved >= floor);
            if floor_met {
                for (price_year, target) in targets.range(..=year) {
                    if !program.rollover && *price_year != year {
                        continue;
                    }
                    let amount = if *price_year == 1 {
                        target.price
                    } else {
                        let previous = previous_target(series, &targets, *price_year);
                        earned_amount(target, previous, achieved).ok_or_else(overflow)?
                    };
                    if let Some(slot) = cumulative.get_mut(price_year) {
                        *slot = (*slot).max(amount);
                    }
                }
            }
        }
        let mut row = DisbursementRow {
            dli: series.id.clone(),
            year,
            fiscal_year: program.fiscal_year_of(year),
            target: targets.get(&year).map(|target| target.value),
            achieved,
            price: targets
                .get(&year)
                .map_or(Decimal::ZERO, |target| target.price),
            earned_this_year: Decimal::ZERO,
            released_from_previous: Decimal::ZERO,
            disbursed: Decimal::ZERO,
            undisbursed_after: Decimal::ZERO,
        };
        for (price_year, target) in targets.range(..=year) {
            let now = cumulative.get(price_year).copied().unwrap_or_default();
            let then = before.get(price_year).copied().unwrap_or_default();
            let released = now.checked_sub(then).ok_or_else(overflow)?;
            let slot = if *price_year == year {
                &mut row.earned_this_year
            } else {
                &mut row.released_from_previous
            };
            *slot = slot.checked_add(released).ok_or_else(overflow)?;
            let left = target.price.checked_sub(now).ok_or_else(overflow)?;
            row.undisbursed_after = row
                .undisbursed_after
                .checked_add(left)
                .ok_or_else(overflow)?;
        }
        row.disbursed = row
            .earned_this_year
            .checked_add(row.released_from_previous)
            .ok_or_else(overflow)?;
        for money in [
            &mut row.price,
            &mut row.earned_this_year,
            &mut row.released_from_previous,
            &mut row.disbursed,
            &mut row.undisbursed_after,
        ] {
            *money = cents(*money);
        }
        rows.push(row);
    }
    let overflow = || DisbursementError::Overflow {
        dli: series.id.clone(),
        year: last,
    };
    let total_price = targets
        .values()
        .try_fold(Decimal::ZERO, |sum, target| sum.checked_add(target.price))
        .ok_or_else(overflow)?;
    let disbursed = cumulative
        .values()
        .try_fold(Decimal::ZERO, |sum, amount| sum.checked_add(*amount))
        .ok_or_else(overflow)?;
    let cancelled = total_price.checked_sub(disbursed).ok_or_else(overflow)?;
    let summary = DliDisbursementSummary {
        dli: series.id.clone(),
        total_price: cents(total_price),
        disbursed: cents(disbursed),
        cancelled: cents(cancelled),
    };
    Ok((rows, summary))
}

/// An amount already in whole cents, written with 2 decimals.
fn cents(amount: Decimal) -> Decimal {
    let mut amount = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    amount.rescale(2);
    amount
}
