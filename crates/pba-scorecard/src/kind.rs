//! The kind of an indicator and its kind-specific keys (SPEC section 3):
//! `scale` needs an integer `max` >= 1; `numeric` a ramp `zero_at` !=
//! `full_at` inside the optional `min`/`max`; `bands` a non-empty list with
//! `from` strictly descending, fractions in [0, 1], covering the range, no
//! band above the optional `max`. On `numeric` and `bands`, `min`/`max`
//! bound what may be entered, with `min` < `max`.
//!
//! Covering the range: values below the lowest band's `from` would fall in no
//! band, so the lowest band must start at or below `min` when `min` is given,
//! and at or below `0` otherwise.

use std::ops::Range;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::checks::choice;
use crate::error::Findings;
use crate::model::{Band, IndicatorKind};
use crate::raw::{RawIndicator, SpannedDecimal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Binary,
    Scale,
    Numeric,
    Bands,
}

const KINDS: &[(&str, Kind)] = &[
    ("binary", Kind::Binary),
    ("scale", Kind::Scale),
    ("numeric", Kind::Numeric),
    ("bands", Kind::Bands),
];

/// The kind-specific keys and the kinds that take them.
const KEYS: &[(&str, &[Kind], &str)] = &[
    (
        "max",
        &[Kind::Scale, Kind::Numeric, Kind::Bands],
        "`scale`, `numeric` and `bands`",
    ),
    ("zero_at", &[Kind::Numeric], "`numeric`"),
    ("full_at", &[Kind::Numeric], "`numeric`"),
    (
        "min",
        &[Kind::Numeric, Kind::Bands],
        "`numeric` and `bands`",
    ),
    ("bands", &[Kind::Bands], "`bands`"),
];

/// Checks `kind` and its keys; an unusable kind falls back to `binary` (the
/// error is recorded, so the definition is never returned).
pub(crate) fn check_kind(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
) -> IndicatorKind {
    let Some(kind) = choice(findings, &raw.kind, "kind", KINDS) else {
        return IndicatorKind::Binary;
    };
    let name = raw.kind.get_ref();
    for (key, kinds, users) in KEYS {
        if let Some(span) = key_span(raw, key).filter(|_| !kinds.contains(&kind)) {
            findings.error(
                span,
                format!("`{key}` does not apply to `{name}` indicator `{id}` (it is for {users} indicators); remove it"),
            );
        }
    }
    let kind_span = raw.kind.span();
    match kind {
        Kind::Binary => IndicatorKind::Binary,
        Kind::Scale => IndicatorKind::Scale {
            max: check_scale(findings, id, raw, kind_span),
        },
        Kind::Numeric => check_numeric(findings, id, raw, kind_span),
        Kind::Bands => check_bands(findings, id, raw, kind_span),
    }
}

fn key_span(raw: &RawIndicator, key: &str) -> Option<Range<usize>> {
    match key {
        "max" => raw.max.as_ref().map(SpannedDecimal::span),
        "zero_at" => raw.zero_at.as_ref().map(SpannedDecimal::span),
        "full_at" => raw.full_at.as_ref().map(SpannedDecimal::span),
        "min" => raw.min.as_ref().map(SpannedDecimal::span),
        "bands" => raw.bands.as_ref().map(serde_spanned::Spanned::span),
        _ => None,
    }
}

fn check_scale(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
    kind_span: Range<usize>,
) -> u32 {
    let Some(max) = &raw.max else {
        findings.error(
            kind_span,
            format!("scale indicator `{id}` needs `max`, e.g. `max = 2` for no/partial/full"),
        );
        return 1;
    };
    let value = max.get_ref().0;
    match value
        .to_u32()
        .filter(|whole| *whole >= 1 && value.fract().is_zero())
    {
        Some(whole) => whole,
        None => {
            findings.error(
                max.span(),
                format!(
                    "`max` of scale indicator `{id}` is `{value}`, expected a whole number >= `1`"
                ),
            );
            1
        }
    }
}

fn check_numeric(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
    kind_span: Range<usize>,
) -> IndicatorKind {
    let (min, max) = check_bounds(findings, id, raw);
    // With `min` >= `max` (already reported) no ramp could fit: say it once.
    let bounded = !matches!((min, max), (Some(low), Some(high)) if low >= high);
    let mut ends = [Decimal::ZERO, Decimal::ONE];
    for (end, key, value) in [(0, "zero_at", &raw.zero_at), (1, "full_at", &raw.full_at)] {
        let Some(value) = value else {
            findings.error(
                kind_span.clone(),
                format!("numeric indicator `{id}` needs `{key}`"),
            );
            continue;
        };
        let number = value.get_ref().0;
        if let Some(slot) = ends.get_mut(end) {
            *slot = number;
        }
        if bounded && (min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max)) {
            findings.error(
                value.span(),
                format!("`{key}` of indicator `{id}` is `{number}`, outside the values that may be entered ({})", bounds_text(min, max)),
            );
        }
    }
    let [zero_at, full_at] = ends;
    if let (Some(_), Some(full)) = (&raw.zero_at, &raw.full_at)
        && zero_at == full_at
    {
        findings.error(
            full.span(),
            format!("`zero_at` and `full_at` of indicator `{id}` are both `{zero_at}`: the ramp is flat; make them differ"),
        );
    }
    IndicatorKind::Numeric {
        zero_at,
        full_at,
        min,
        max,
    }
}

/// `min` < `max` when both are given.
fn check_bounds(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
) -> (Option<Decimal>, Option<Decimal>) {
    let min = raw.min.as_ref().map(|min| min.get_ref().0);
    let max = raw.max.as_ref().map(|max| max.get_ref().0);
    if let (Some(low), Some(high), Some(span)) =
        (min, max, raw.min.as_ref().map(SpannedDecimal::span))
        && low >= high
    {
        findings.error(
            span,
            format!("`min` of indicator `{id}` is `{low}`, not below its `max` `{high}`"),
        );
    }
    (min, max)
}

fn bounds_text(min: Option<Decimal>, max: Option<Decimal>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("`min` `{min}` to `max` `{max}`"),
        (Some(min), None) => format!("`min` `{min}` or more"),
        (None, Some(max)) => format!("`max` `{max}` or less"),
        (None, None) => "any".to_owned(),
    }
}

fn check_bands(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
    kind_span: Range<usize>,
) -> IndicatorKind {
    let (min, max) = check_bounds(findings, id, raw);
    let Some(bands) = &raw.bands else {
        findings.error(
            kind_span,
            format!("bands indicator `{id}` needs `bands`, e.g. `bands = [{{ from = \"80\", fraction = \"1\" }}, {{ from = \"0\", fraction = \"0\" }}]`"),
        );
        return IndicatorKind::Bands {
            bands: Vec::new(),
            min,
            max,
        };
    };
    let mut checked: Vec<Band> = Vec::with_capacity(bands.get_ref().len());
    for band in bands.get_ref() {
        let (from, fraction) = (
            band.get_ref().from.get_ref().0,
            band.get_ref().fraction.get_ref().0,
        );
        if let Some(previous) = checked.last().map(|previous| previous.from)
            && from >= previous
        {
            findings.error(
                band.get_ref().from.span(),
                format!(
                    "bands of indicator `{id}` are not sorted: `from = {from}` follows `from = {previous}`; \
                     list bands from the highest `from` down, each lower than the one before"
                ),
            );
        }
        if let Some(max) = max.filter(|max| from > *max) {
            findings.error(
                band.get_ref().from.span(),
                format!(
                    "band `from = {from}` of indicator `{id}` is above its `max` `{max}`: no value may reach it; \
                     remove the band or raise `max`"
                ),
            );
        }
        if fraction < Decimal::ZERO || fraction > Decimal::ONE {
            findings.error(
                band.get_ref().fraction.span(),
                format!("band `from = {from}` of indicator `{id}` has fraction `{fraction}`, expected `0` to `1`"),
            );
        }
        checked.push(Band { from, fraction });
    }
    let lowest = checked.iter().map(|band| band.from).min();
    match (lowest, min) {
        (None, _) => findings.error(bands.span(), format!("`bands` of indicator `{id}` is empty; add at least one band")),
        (Some(lowest), Some(min)) if lowest > min => findings.error(
            bands.span(),
            format!(
                "bands of indicator `{id}` do not cover the range: values from `min` `{min}` up to `{lowest}` fall in no band; \
                 add a band with `from = \"{min}\"`"
            ),
        ),
        (Some(lowest), None) if lowest > Decimal::ZERO => findings.error(
            bands.span(),
            format!(
                "bands of indicator `{id}` do not cover the range: values below `{lowest}` fall in no band; \
                 add a band with `from = \"0\"` (or set `min`)"
            ),
        ),
        _ => {}
    }
    IndicatorKind::Bands {
        bands: checked,
        min,
        max,
    }
}
