//! The `[[domain]]` tables of a scorecard: unique ids, weights not negative
//! and summing to exactly 100, each domain holding at least one indicator.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::checks::{non_empty, sum};
use crate::error::Findings;
use crate::ids::{DomainId, ScorecardId};
use crate::model::Domain;
use crate::raw::{RawDomain, RawIndicator, ScorecardHeader};

/// Checks the domains and returns them in file order.
pub(crate) fn check_domains(
    findings: &mut Findings<'_>,
    scorecard: &ScorecardId,
    header: &Spanned<ScorecardHeader>,
    domains: &[Spanned<RawDomain>],
    indicators: &[Spanned<RawIndicator>],
) -> Vec<Domain> {
    let Some(first) = domains.first() else {
        findings.error(
            header.get_ref().id.span(),
            format!("scorecard `{scorecard}` has no `[[domain]]`; add domains whose weights sum to `100`"),
        );
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    let mut checked = Vec::with_capacity(domains.len());
    for domain in domains {
        let raw = domain.get_ref();
        let id = non_empty(findings, &raw.id, "domain.id");
        if !seen.insert(id.clone()) {
            findings.error(
                raw.id.span(),
                format!("duplicate domain id `{id}` in scorecard `{scorecard}`"),
            );
        }
        let weight = raw.weight.get_ref().0;
        if weight < Decimal::ZERO {
            findings.error(
                raw.weight.span(),
                format!("weight of domain `{id}` is `{weight}`, expected a weight >= `0`"),
            );
        }
        let used = indicators
            .iter()
            .any(|indicator| indicator.get_ref().domain.get_ref() == &id);
        if !used {
            findings.error(
                raw.id.span(),
                format!("domain `{id}` has no indicators; add an `[[indicator]]` with `domain = \"{id}\"` or remove the domain"),
            );
        }
        checked.push(Domain {
            id: DomainId::new(id),
            title: raw.title.clone(),
            weight,
        });
    }
    let total = sum(checked.iter().map(|domain| domain.weight));
    if total != Some(Decimal::ONE_HUNDRED) {
        let total = total.map_or_else(
            || "more than a decimal holds".to_owned(),
            |total| total.to_string(),
        );
        findings.error(
            first.get_ref().weight.span(),
            format!("domain weights of scorecard `{scorecard}` sum to `{total}`, expected `100`"),
        );
    }
    checked
}
