//! Domain results to output tables (one row per record, columns as SPEC
//! lists them) and the short summaries printed on stderr. Formatting lives
//! here, once: decimals are written as exact text, optional values as empty
//! cells, booleans as `true`/`false`.

mod disbursement;
mod dli;
mod pba_list;
mod pba_list_xlsx;
mod scores;
mod verification;

pub use disbursement::*;
pub use dli::*;
pub use pba_list::*;
pub use pba_list_xlsx::*;
pub use scores::*;
pub use verification::*;

use rust_decimal::Decimal;

/// An optional decimal as a cell.
pub fn optional(value: Option<Decimal>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A decimal with exactly `places` decimals.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut value =
        value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    value.rescale(places);
    value.to_string()
}

/// A boolean cell.
pub fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}
