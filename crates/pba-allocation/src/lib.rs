//! Allocation, DLI values and disbursement (SPEC sections 5 and 6): exact
//! amounts from scores, and money from DLI achievements. Pure: no files, no
//! polars.
//!
//! Main entry points and types:
//! - [`allocate`] turns a [`pba_scorecard::Policy`], the dataset and the
//!   annual scores into a [`PbaList`] ([`allocate_with`] also takes
//!   verification penalty factors): one [`PbaRow`] per facility in scope
//!   (with a [`PbaReason`] when it is paid nothing), [`Unallocated`] rows and
//!   an [`EnvelopeSummary`] per envelope. The methods (`proportional`,
//!   `tiered`, `above_threshold`), weights and uplifts are documented in
//!   [`methods`]; the cap rule in [`caps`].
//! - [`apportion`] and [`apportion_with_cap`]: largest-remainder shares at a
//!   payable unit that add up to the amount to the last centavo.
//! - [`dli_value`] computes DLI 8 and DLI 9 ([`DliResult`], one [`DliRow`]
//!   per facility of the denominator).
//! - [`disburse`] applies the Annex 2 formula to a program's DLI matrix
//!   ([`Disbursement`]).
//!
//! Every amount is a [`rust_decimal::Decimal`] computed exactly (integer
//! arithmetic where a ratio is rounded); overflow is an error, never a
//! rounded or wrapped value.
//!
//! ```
//! use pba_allocation::apportion;
//! use rust_decimal::Decimal;
//!
//! // 1,000.00 MZN to three facilities scoring 80, 70 and 50, at 0.01.
//! let claims = [
//!     ("F1", Decimal::new(80, 0)),
//!     ("F2", Decimal::new(70, 0)),
//!     ("F3", Decimal::new(50, 0)),
//! ];
//! let amounts = apportion(Decimal::new(100_000, 2), Decimal::new(1, 2), &claims).unwrap();
//! let total: Decimal = amounts.iter().map(|(_, amount)| *amount).sum();
//! assert_eq!(total, Decimal::new(100_000, 2));
//! assert_eq!(amounts[0].1.to_string(), "400.00");
//! assert_eq!(amounts[1].1.to_string(), "350.00");
//! ```
#![deny(
    clippy::unwrap_used,
    reason = "allocation runs on user data: errors, not panics"
)]
#![deny(
    clippy::expect_used,
    reason = "allocation runs on user data: errors, not panics"
)]
#![deny(
    clippy::panic,
    reason = "allocation runs on user data: errors, not panics"
)]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(clippy::float_arithmetic, reason = "money is exact decimals")]

pub mod allocation;
pub mod apportionment;
pub mod caps;
pub mod disbursement;
pub mod dli;
pub mod error;
mod exact;
pub mod methods;
pub mod pba_list;

pub use allocation::{allocate, allocate_with};
pub use apportionment::apportion;
pub use caps::{CappedApportionment, apportion_with_cap, cap_amount};
pub use disbursement::{Disbursement, DisbursementRow, DliDisbursementSummary, disburse};
pub use dli::{DliPopulation, DliReason, DliResult, DliRow, dli_value};
pub use error::{AllocationError, DisbursementError};
pub use pba_list::{EnvelopeSummary, PbaList, PbaReason, PbaRow, Unallocated, UnallocatedReason};
