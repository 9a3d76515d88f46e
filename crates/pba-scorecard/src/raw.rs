//! Serde mirrors of the three definition files, exactly as written, with the
//! byte span of every value a semantic check may point at. Unknown keys are
//! refused here; everything else is checked by the `parse_*` functions.

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::decimal::TomlDecimal;

/// A decimal with its place in the file.
pub(crate) type SpannedDecimal = Spanned<TomlDecimal>;

/// `scorecards/*.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScorecardFile {
    pub scorecard: Spanned<ScorecardHeader>,
    #[serde(default)]
    pub domain: Vec<Spanned<RawDomain>>,
    #[serde(default)]
    pub indicator: Vec<Spanned<RawIndicator>>,
    pub combine: Option<Spanned<RawCombine>>,
}

/// `[scorecard]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScorecardHeader {
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: String,
    pub applies_to: Spanned<Vec<Spanned<String>>>,
    pub dli: Option<Spanned<i64>>,
    pub missing: Option<Spanned<String>>,
    pub critical_cap: Option<SpannedDecimal>,
}

/// `[[domain]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDomain {
    pub id: Spanned<String>,
    pub title: String,
    pub weight: SpannedDecimal,
}

/// `[[indicator]]`, with the keys of every kind (each checked against `kind`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    pub id: Spanned<String>,
    pub domain: Spanned<String>,
    pub title: String,
    pub kind: Spanned<String>,
    pub points: SpannedDecimal,
    pub critical: Option<Spanned<bool>>,
    pub allow_na: Option<Spanned<bool>>,
    pub source: Spanned<String>,
    pub note: Option<String>,
    pub max: Option<SpannedDecimal>,
    pub zero_at: Option<SpannedDecimal>,
    pub full_at: Option<SpannedDecimal>,
    pub min: Option<SpannedDecimal>,
    pub bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
}

/// One `{ from, fraction }` of `bands`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBand {
    pub from: SpannedDecimal,
    pub fraction: SpannedDecimal,
}

/// `[combine]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCombine {
    pub facility: SpannedDecimal,
    pub community: SpannedDecimal,
    pub consultation_scorecard: Spanned<String>,
}

/// `programs/*.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgramFile {
    pub program: Spanned<ProgramHeader>,
    #[serde(default)]
    pub dli: Vec<Spanned<RawDli>>,
}

/// `[program]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgramHeader {
    pub id: Spanned<String>,
    pub title: Option<String>,
    pub currency: Spanned<String>,
    pub fiscal_year_start: Option<Spanned<String>>,
    pub first_fiscal_year: Spanned<i64>,
    pub rollover: Option<bool>,
    pub min_assessments: Option<Spanned<i64>>,
}

/// `[[dli]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDli {
    pub id: Spanned<String>,
    pub title: String,
    pub unit: Spanned<String>,
    pub baseline: SpannedDecimal,
    pub received: Option<Spanned<String>>,
    pub targets: Spanned<Vec<Spanned<RawTarget>>>,
}

/// One `{ year, value, price, scalable }` of `targets`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    pub year: Spanned<i64>,
    pub value: SpannedDecimal,
    pub price: Option<SpannedDecimal>,
    pub scalable: Option<bool>,
}

/// `policies/*.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyFile {
    pub policy: Spanned<PolicyHeader>,
    #[serde(default)]
    pub envelope: Vec<Spanned<RawEnvelope>>,
}

/// `[policy]` with its `[policy.uplift]` and `[[policy.tier]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyHeader {
    pub id: Spanned<String>,
    pub pba_year: Spanned<i64>,
    pub scorecard: Spanned<String>,
    pub currency: Spanned<String>,
    pub unit: SpannedDecimal,
    pub method: Spanned<String>,
    pub min_score: Option<SpannedDecimal>,
    pub weight: Option<Spanned<String>>,
    pub cap_share: Option<SpannedDecimal>,
    pub district_priority: Option<Spanned<Vec<Spanned<String>>>>,
    pub verification_penalty: Option<Spanned<String>>,
    pub uplift: Option<RawUplift>,
    pub tier: Option<Vec<Spanned<RawTier>>>,
}

/// `[policy.uplift]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUplift {
    pub high_potential: Option<SpannedDecimal>,
    pub lagging: Option<SpannedDecimal>,
    pub none: Option<SpannedDecimal>,
}

/// `[[policy.tier]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTier {
    pub from: SpannedDecimal,
    pub factor: SpannedDecimal,
}

/// `[[envelope]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEnvelope {
    pub scope: Spanned<String>,
    pub amount: SpannedDecimal,
}
