//! The `[[indicator]]` tables of a scorecard: unique ids in declared domains,
//! positive points, a non-empty source, and the `critical` / `allow_na`
//! rules. The kind-specific keys are checked in `kind.rs`.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::checks::{non_empty, quoted};
use crate::error::Findings;
use crate::ids::{DomainId, IndicatorId};
use crate::kind::check_kind;
use crate::model::Indicator;
use crate::raw::{RawDomain, RawIndicator};

/// Checks the indicators and returns them in file order.
pub(crate) fn check_indicators(
    findings: &mut Findings<'_>,
    indicators: &[Spanned<RawIndicator>],
    domains: &[Spanned<RawDomain>],
    has_critical_cap: bool,
) -> Vec<Indicator> {
    let domain_ids: Vec<&str> = domains
        .iter()
        .map(|domain| domain.get_ref().id.get_ref().as_str())
        .collect();
    let mut seen = BTreeSet::new();
    let mut checked = Vec::with_capacity(indicators.len());
    for indicator in indicators {
        let raw = indicator.get_ref();
        let id = non_empty(findings, &raw.id, "indicator.id");
        if !seen.insert(id.clone()) {
            findings.error(raw.id.span(), format!("duplicate indicator id `{id}`"));
        }
        checked.push(check_indicator(
            findings,
            &id,
            raw,
            &domain_ids,
            has_critical_cap,
        ));
    }
    checked
}

fn check_indicator(
    findings: &mut Findings<'_>,
    id: &str,
    raw: &RawIndicator,
    domain_ids: &[&str],
    has_critical_cap: bool,
) -> Indicator {
    let domain = raw.domain.get_ref();
    if !domain_ids.contains(&domain.as_str()) {
        findings.error(
            raw.domain.span(),
            format!(
                "indicator `{id}` is in unknown domain `{domain}`, expected one of {}",
                quoted(domain_ids.iter().copied())
            ),
        );
    }
    let points = raw.points.get_ref().0;
    if points <= Decimal::ZERO {
        findings.error(
            raw.points.span(),
            format!("points of indicator `{id}` are `{points}`, expected more than `0`"),
        );
    }
    let critical = raw
        .critical
        .as_ref()
        .is_some_and(|critical| *critical.get_ref());
    let allow_na = raw
        .allow_na
        .as_ref()
        .is_some_and(|allow_na| *allow_na.get_ref());
    if let (true, Some(allow_na)) = (
        critical,
        raw.allow_na.as_ref().filter(|allow_na| *allow_na.get_ref()),
    ) {
        findings.error(
            allow_na.span(),
            format!("indicator `{id}` is critical, so it cannot be skipped with `na`; remove `allow_na = true` or `critical = true`"),
        );
    }
    if let (false, Some(critical)) = (
        has_critical_cap,
        raw.critical.as_ref().filter(|critical| *critical.get_ref()),
    ) {
        findings.error(
            critical.span(),
            format!(
                "indicator `{id}` is critical but the scorecard has no `critical_cap`; \
                 add e.g. `critical_cap = \"60\"` under `[scorecard]`"
            ),
        );
    }
    let source = non_empty(findings, &raw.source, "indicator.source");
    Indicator {
        id: IndicatorId::new(id),
        domain: DomainId::new(domain.clone()),
        title: raw.title.clone(),
        kind: check_kind(findings, id, raw),
        points,
        critical,
        allow_na,
        source,
        note: raw.note.clone(),
    }
}
