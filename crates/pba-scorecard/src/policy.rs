//! `parse_policy`: an allocation policy file (SPEC section 5) to a validated
//! [`Policy`]. The `[policy]` keys, uplifts and tiers are checked here, the
//! envelopes in `envelope.rs`; [`check_policy_scorecard`] checks the policy
//! against the scorecards.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::checks::{choice, non_empty, word};
use crate::document;
use crate::envelope::check_envelopes;
use crate::error::{DefinitionError, DefinitionErrors, Findings};
use crate::ids::{PolicyId, ScorecardId};
use crate::location::Location;
use crate::model::{Method, Policy, ScorecardSet, Tier, WeightBasis};
use crate::penalty_rule::PenaltyRule;
use crate::raw::{PolicyFile, PolicyHeader, RawUplift, SpannedDecimal};
use crate::vocabulary::Priority;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MethodName {
    Proportional,
    Tiered,
    AboveThreshold,
}

/// Parses and validates one policy file. `file` names it in errors.
pub fn parse_policy(file: &str, text: &str) -> Result<Policy, DefinitionErrors> {
    parse_policy_with_place(file, text).map(|(policy, _)| policy)
}

/// [`parse_policy`], then [`check_policy_scorecard`] with the error pointing
/// at `policy.scorecard`.
pub fn parse_policy_for(
    file: &str,
    text: &str,
    scorecards: &ScorecardSet,
) -> Result<Policy, DefinitionErrors> {
    let (policy, place) = parse_policy_with_place(file, text)?;
    match scorecard_problem(&policy, scorecards) {
        Some(message) => Err(DefinitionErrors(vec![DefinitionError::at(
            file, place, message,
        )])),
        None => Ok(policy),
    }
}

/// `policy.scorecard` must be in the set (any version) and apply to at least
/// one facility type. The policy carries no positions, so the error points
/// at line 1, column 1 of `file`; [`parse_policy_for`] points at the key.
pub fn check_policy_scorecard(
    file: &str,
    policy: &Policy,
    scorecards: &ScorecardSet,
) -> Result<(), DefinitionErrors> {
    match scorecard_problem(policy, scorecards) {
        Some(message) => Err(DefinitionErrors(vec![DefinitionError::at(
            file,
            Location::START,
            message,
        )])),
        None => Ok(()),
    }
}

fn scorecard_problem(policy: &Policy, scorecards: &ScorecardSet) -> Option<String> {
    let id: &ScorecardId = &policy.scorecard;
    let mut versions = scorecards.versions(id).peekable();
    if versions.peek().is_none() {
        let known: BTreeSet<&str> = scorecards
            .scorecards
            .keys()
            .map(|(known, _)| known.as_str())
            .collect();
        let known = known
            .into_iter()
            .map(|known| format!("`{known}`"))
            .collect::<Vec<_>>()
            .join(", ");
        return Some(format!(
            "policy `{}` pays scorecard `{id}`, which is not defined (defined: {known})",
            policy.id
        ));
    }
    if versions.all(|definition| definition.applies_to.is_empty()) {
        return Some(format!(
            "policy `{}` pays scorecard `{id}`, which applies to no facility type (a consultation scorecard?); name a facility scorecard",
            policy.id
        ));
    }
    None
}

fn parse_policy_with_place(file: &str, text: &str) -> Result<(Policy, Location), DefinitionErrors> {
    let raw: PolicyFile = document::read(file, text)?;
    let header = raw.policy.get_ref();
    let place = Location::of_offset(text, header.scorecard.span().start);
    let mut findings = Findings::new(file, text);
    let id = non_empty(&mut findings, &header.id, "policy.id");
    let unit = header.unit.get_ref().0;
    if unit <= Decimal::ZERO {
        findings.error(
            header.unit.span(),
            format!("`unit` is `{unit}`, expected the smallest payable amount, e.g. `\"0.01\"`"),
        );
    }
    let pba_year = i32::try_from(*header.pba_year.get_ref()).unwrap_or_else(|_| {
        findings.error(header.pba_year.span(), "`pba_year` is not a plausible year");
        0
    });
    let min_score = header
        .min_score
        .as_ref()
        .map_or(Decimal::ZERO, |min_score| {
            let value = min_score.get_ref().0;
            if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
                findings.error(
                    min_score.span(),
                    format!("`min_score` is `{value}`, expected a score from `0` to `100`"),
                );
            }
            value
        });
    let cap_share = header.cap_share.as_ref().map(|cap| {
        let value = cap.get_ref().0;
        if value <= Decimal::ZERO || value > Decimal::ONE {
            findings.error(
                cap.span(),
                format!("`cap_share` is `{value}`, expected a fraction above `0` and at most `1`, e.g. `\"0.10\"` for 10%"),
            );
        }
        value
    });
    let weight = header.weight.as_ref().map_or(WeightBasis::None, |weight| {
        choice(
            &mut findings,
            weight,
            "weight",
            &[
                ("none", WeightBasis::None),
                ("beds", WeightBasis::Beds),
                ("catchment_population", WeightBasis::CatchmentPopulation),
            ],
        )
        .unwrap_or(WeightBasis::None)
    });
    let policy = Policy {
        id: PolicyId::new(id),
        pba_year,
        scorecard: ScorecardId::new(non_empty(
            &mut findings,
            &header.scorecard,
            "policy.scorecard",
        )),
        currency: non_empty(&mut findings, &header.currency, "policy.currency"),
        unit,
        method: check_method(&mut findings, header, min_score),
        min_score,
        weight,
        cap_share,
        uplift: header
            .uplift
            .as_ref()
            .map(|uplift| check_uplift(&mut findings, uplift))
            .unwrap_or_default(),
        district_priority: check_district_priority(&mut findings, header),
        envelopes: check_envelopes(&mut findings, &raw.policy, &raw.envelope, unit),
        verification_penalty: header
            .verification_penalty
            .as_ref()
            .and_then(|rule| {
                let accepted: Vec<(&str, PenaltyRule)> = PenaltyRule::ALL
                    .iter()
                    .map(|rule| (rule.as_str(), *rule))
                    .collect();
                choice(&mut findings, rule, "verification_penalty", &accepted)
            })
            .unwrap_or_default(),
    };
    findings.finish(policy).map(|policy| (policy, place))
}

/// `method`, with `[[policy.tier]]` exactly when it is `tiered`.
fn check_method(findings: &mut Findings<'_>, header: &PolicyHeader, min_score: Decimal) -> Method {
    let accepted = [
        ("proportional", MethodName::Proportional),
        ("tiered", MethodName::Tiered),
        ("above_threshold", MethodName::AboveThreshold),
    ];
    let name = choice(findings, &header.method, "method", &accepted);
    let tiers = header.tier.as_deref().unwrap_or_default();
    match (name, tiers.first()) {
        (Some(MethodName::Tiered), None) => findings.error(
            header.method.span(),
            "method `tiered` needs `[[policy.tier]]` tables, each with `from` and `factor`",
        ),
        (Some(other), Some(first)) if other != MethodName::Tiered => findings.error(
            first.get_ref().from.span(),
            format!("`[[policy.tier]]` is only for method `tiered`, not `{}`; remove the tiers or change `method`", header.method.get_ref()),
        ),
        _ => {}
    }
    match name {
        Some(MethodName::Tiered) => Method::Tiered {
            tiers: check_tiers(findings, header, min_score),
        },
        Some(MethodName::AboveThreshold) => Method::AboveThreshold,
        _ => Method::Proportional,
    }
}

/// `from` strictly descending, factors >= 0, and the lowest tier starting at
/// or below `min_score` so that every qualifying score has a tier.
fn check_tiers(
    findings: &mut Findings<'_>,
    header: &PolicyHeader,
    min_score: Decimal,
) -> Vec<Tier> {
    let raw_tiers = header.tier.as_deref().unwrap_or_default();
    let mut tiers: Vec<Tier> = Vec::with_capacity(raw_tiers.len());
    for tier in raw_tiers {
        let (from, factor) = (
            tier.get_ref().from.get_ref().0,
            tier.get_ref().factor.get_ref().0,
        );
        if let Some(previous) = tiers.last().map(|previous| previous.from)
            && from >= previous
        {
            findings.error(
                tier.get_ref().from.span(),
                format!("tiers are not sorted: `from = {from}` follows `from = {previous}`; list tiers from the highest `from` down"),
            );
        }
        if factor < Decimal::ZERO {
            findings.error(
                tier.get_ref().factor.span(),
                format!("tier `from = {from}` has factor `{factor}`, expected `0` or more"),
            );
        }
        tiers.push(Tier { from, factor });
    }
    let lowest = raw_tiers
        .iter()
        .min_by_key(|tier| tier.get_ref().from.get_ref().0);
    if let Some(lowest) = lowest.filter(|lowest| lowest.get_ref().from.get_ref().0 > min_score) {
        let from = lowest.get_ref().from.get_ref().0;
        findings.error(
            lowest.get_ref().from.span(),
            format!(
                "tiers do not cover the qualifying scores: scores from `min_score` `{min_score}` up to `{from}` fall in no tier; \
                 add a tier with `from = \"{min_score}\"`"
            ),
        );
    }
    tiers
}

/// `[policy.uplift]` factors are > 0.
fn check_uplift(findings: &mut Findings<'_>, uplift: &RawUplift) -> BTreeMap<Priority, Decimal> {
    let factors: [(Priority, &Option<SpannedDecimal>); 3] = [
        (Priority::HighPotential, &uplift.high_potential),
        (Priority::Lagging, &uplift.lagging),
        (Priority::None, &uplift.none),
    ];
    let mut checked = BTreeMap::new();
    for (priority, factor) in factors {
        let Some(factor) = factor else { continue };
        let value = factor.get_ref().0;
        if value <= Decimal::ZERO {
            findings.error(
                factor.span(),
                format!(
                    "uplift `{priority}` is `{value}`, expected a factor above `0`, e.g. `\"1.20\"`"
                ),
            );
        }
        checked.insert(priority, value);
    }
    checked
}

/// `district_priority`: known priorities, each once, at least one.
fn check_district_priority(
    findings: &mut Findings<'_>,
    header: &PolicyHeader,
) -> Option<BTreeSet<Priority>> {
    let list = header.district_priority.as_ref()?;
    if list.get_ref().is_empty() {
        findings.error(
            list.span(),
            format!("`district_priority` is empty, so the policy would pay no facility; list priorities from {} or remove the key", Priority::expected()),
        );
    }
    let mut priorities = BTreeSet::new();
    for text in list.get_ref() {
        if let Some(priority) = word::<Priority>(findings, text, "district priority")
            && !priorities.insert(priority)
        {
            findings.error(
                text.span(),
                format!("district priority `{priority}` is listed twice"),
            );
        }
    }
    Some(priorities)
}
