//! The `[[envelope]]` tables of a policy: at least one, each with a known
//! scope (no scope twice) and an amount > 0 that is a multiple of the unit.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::error::Findings;
use crate::ids::DistrictId;
use crate::model::{Envelope, Scope};
use crate::raw::{PolicyHeader, RawEnvelope};

/// Checks the envelopes and returns them in file order.
pub(crate) fn check_envelopes(
    findings: &mut Findings<'_>,
    policy: &Spanned<PolicyHeader>,
    envelopes: &[Spanned<RawEnvelope>],
    unit: Decimal,
) -> Vec<Envelope> {
    if envelopes.is_empty() {
        findings.error(
            policy.get_ref().id.span(),
            format!(
                "policy `{}` has no `[[envelope]]`; add one, e.g. `scope = \"national\"` and `amount = \"1000000.00\"`",
                policy.get_ref().id.get_ref()
            ),
        );
    }
    let mut scopes = BTreeSet::new();
    let mut checked = Vec::with_capacity(envelopes.len());
    for envelope in envelopes {
        let raw = envelope.get_ref();
        let scope = parse_scope(raw.scope.get_ref());
        match &scope {
            None => findings.error(
                raw.scope.span(),
                format!(
                    "unknown scope `{}`, expected `national`, `province:<name>` or `district:<district_id>`",
                    raw.scope.get_ref()
                ),
            ),
            Some(scope) if !scopes.insert(scope.clone()) => {
                findings.error(raw.scope.span(), format!("scope `{scope}` has two envelopes; merge them into one"));
            }
            Some(_) => {}
        }
        let amount = raw.amount.get_ref().0;
        check_amount(findings, raw, amount, unit);
        checked.push(Envelope {
            scope: scope.unwrap_or(Scope::National),
            amount,
        });
    }
    checked
}

fn check_amount(findings: &mut Findings<'_>, raw: &RawEnvelope, amount: Decimal, unit: Decimal) {
    if amount <= Decimal::ZERO {
        findings.error(
            raw.amount.span(),
            format!("envelope amount is `{amount}`, expected more than `0`"),
        );
        return;
    }
    if unit <= Decimal::ZERO {
        return;
    }
    if let Some(remainder) = amount
        .checked_rem(unit)
        .filter(|remainder| !remainder.is_zero())
    {
        findings.error(
            raw.amount.span(),
            format!(
                "envelope amount `{amount}` is not a multiple of the unit `{unit}` (remainder `{remainder}`); round it to the unit"
            ),
        );
    }
}

/// `national`, `province:<name>` or `district:<district_id>`, names not empty.
fn parse_scope(text: &str) -> Option<Scope> {
    if text == "national" {
        return Some(Scope::National);
    }
    let (kind, name) = text.split_once(':')?;
    if name.trim().is_empty() || name.trim() != name {
        return None;
    }
    match kind {
        "province" => Some(Scope::Province(name.to_owned())),
        "district" => Some(Scope::District(DistrictId::new(name))),
        _ => None,
    }
}
