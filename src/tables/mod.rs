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

use std::fmt::Write as _;

use rust_decimal::Decimal;

/// An optional decimal as a cell.
pub fn optional(value: Option<Decimal>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A decimal with exactly `places` decimals.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut text = String::new();
    write_fixed(&mut text, value, places);
    text
}

/// Writes [`fixed`] at the end of `text`.
pub fn write_fixed(text: &mut String, value: Decimal, places: u32) {
    let mut value =
        value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    value.rescale(places);
    // Writing to a `String` cannot fail.
    let _ = write!(text, "{value}");
}

/// A boolean cell.
pub fn flag(value: bool) -> String {
    flag_text(value).to_owned()
}

/// The text of a boolean cell.
pub fn flag_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}
