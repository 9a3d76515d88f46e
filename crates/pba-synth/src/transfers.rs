//! PBA transfers (`transfers.csv`) with the flaws of real payments: late
//! (dated January to March of the year after the PBA year, still counted for
//! that PBA year), partial (60 % to 90 % of the amount) or missing.
//!
//! [`crate::generate`] pays plausible synthetic amounts (hospitals 150,000 to
//! 400,000 MZN, health centers 50,000 to 150,000 MZN) to the facilities likely
//! to be on the PBA list: active, assessed, with at least 2 ISC visits in the
//! fiscal year, and for rural health centers in a priority district. The
//! engine's own PBA list differs, so `received = "full"` checks on a generated
//! dataset find some receipts short of the listed amount. [`transfers_for`]
//! pays a computed PBA list instead, with the same flaws.

use std::collections::BTreeMap;

use pba_scorecard::{FacilityId, PaymentChannel, TransferId};
use pba_scoring::{Facility, Transfer};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::calendar::date_of;
use crate::config::{FlawRates, Rates};
use crate::error::SynthError;
use crate::random::Random;
use crate::registry::{digits, label};

/// A payment due: who, through which channel, how much.
#[derive(Debug, Clone)]
pub(crate) struct Due {
    pub facility_id: FacilityId,
    pub channel: PaymentChannel,
    pub amount: Decimal,
}

/// Numbering of the transfers made.
pub(crate) struct Numbering {
    /// Last `T` number used.
    pub last: usize,
    /// Digits of the `T` number.
    pub width: usize,
}

/// Transfers for the dues of one PBA year, flaws applied; zero dues are skipped.
pub(crate) fn pay(
    dues: &[Due],
    pba_year: i32,
    random: &mut Random,
    rates: &Rates,
    numbering: &mut Numbering,
) -> Vec<Transfer> {
    let mut transfers = Vec::with_capacity(dues.len());
    let mut reference = 0usize;
    for due in dues {
        let missing = random.chance(rates.transfer_missing);
        let partial = random.chance(rates.transfer_partial);
        let late = random.chance(rates.transfer_late);
        let percent = random.between(60, 90);
        let day = u32::try_from(if late {
            random.between(1, 90)
        } else {
            random.between(60, 300)
        })
        .unwrap_or(1);
        if missing || due.amount <= Decimal::ZERO {
            continue;
        }
        let amount = if partial {
            (due.amount * Decimal::from(percent) / Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        } else {
            due.amount
        };
        let year = if late {
            pba_year.saturating_add(1)
        } else {
            pba_year
        };
        let Some(date) = date_of(year, day) else {
            continue;
        };
        numbering.last += 1;
        reference += 1;
        transfers.push(Transfer {
            id: TransferId::new(format!(
                "T{:0width$}",
                numbering.last,
                width = numbering.width
            )),
            facility_id: due.facility_id.clone(),
            pba_year,
            amount,
            date,
            channel: due.channel,
            reference: format!("PBA-{pba_year}-{reference:05}"),
        });
    }
    transfers
}

/// Transfers paying a computed PBA list of `pba_year` (amounts in MZN, as
/// listed), through each facility's payment channel, with the transfer flaws
/// of `flaws` (late, partial, missing); the other rates are ignored.
/// Ids are `T` numbers from `first_number` (pass one more than the last id
/// already used when merging with other transfers); references are
/// `PBA-<year>-<n>`. Zero amounts get no transfer.
pub fn transfers_for(
    facilities: &BTreeMap<FacilityId, Facility>,
    pba_year: i32,
    list: &[(FacilityId, Decimal)],
    seed: u64,
    flaws: &FlawRates,
    first_number: usize,
) -> Result<Vec<Transfer>, SynthError> {
    if !(1000..=9998).contains(&pba_year) {
        return Err(SynthError::YearOutOfRange { year: pba_year });
    }
    let rates = Rates::from_flaws(flaws)?;
    let mut dues = Vec::with_capacity(list.len());
    for (facility_id, amount) in list {
        let facility = facilities
            .get(facility_id)
            .ok_or_else(|| SynthError::UnknownFacility {
                facility_id: facility_id.clone(),
            })?;
        if *amount < Decimal::ZERO {
            return Err(SynthError::NegativeAmount {
                facility_id: facility_id.clone(),
                amount: *amount,
            });
        }
        dues.push(Due {
            facility_id: facility_id.clone(),
            channel: facility.payment_channel,
            amount: *amount,
        });
    }
    let mut numbering = Numbering {
        last: first_number.saturating_sub(1),
        width: digits(first_number.saturating_add(list.len())).max(6),
    };
    let mut random = Random::stream(
        seed,
        &[label::TRANSFERS, u64::from(pba_year.unsigned_abs()), 1],
    );
    Ok(pay(&dues, pba_year, &mut random, &rates, &mut numbering))
}
