//! Deterministic synthetic datasets (SPEC section 2) for demos, tests and
//! benchmarks: Mozambique's 11 provinces and 161 districts (97 of them
//! priority districts), a facility registry in the national proportions,
//! ISC assessments with committees and community consultations, IVA
//! re-assessments, and PBA transfers — with the flaws real data has, each at
//! a documented rate ([`FlawRates`]). Names, people and amounts are synthetic.
//!
//! Main items: [`SynthConfig`], [`generate`], [`add_iva_visits`] (the IVA's
//! re-assessments of a drawn sample), [`transfers_for`]. The random
//! generator is SplitMix64 ([`Random`]), so a seed gives the same dataset on
//! every machine and version. Pure: no files.
//!
//! ```
//! use pba_scorecard::ScorecardSet;
//! use pba_synth::{FacilityCount, SynthConfig, generate};
//!
//! let config = SynthConfig { facilities: FacilityCount::Count(40), ..SynthConfig::default() };
//! let dataset = generate(&config, &ScorecardSet::default())?;
//! assert_eq!(dataset.facilities.len(), 40);
//! assert_eq!(dataset.districts.len(), 161);
//! assert_eq!(dataset, generate(&config, &ScorecardSet::default())?);
//! # Ok::<(), pba_synth::SynthError>(())
//! ```
#![deny(
    clippy::unwrap_used,
    reason = "a generator must not panic: errors, not panics"
)]
#![deny(
    clippy::expect_used,
    reason = "a generator must not panic: errors, not panics"
)]
#![deny(
    clippy::panic,
    reason = "a generator must not panic: errors, not panics"
)]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(
    clippy::float_arithmetic,
    reason = "draws are integers, values exact decimals"
)]

mod calendar;
mod committee;
mod config;
pub mod districts;
mod error;
mod generate;
pub mod geography;
mod iva;
mod random;
mod registry;
mod transfers;
mod values;
mod visits;

pub use config::{FacilityCount, FlawRates, SynthConfig};
pub use error::SynthError;
pub use generate::generate;
pub use iva::add_iva_visits;
pub use random::Random;
pub use transfers::transfers_for;
