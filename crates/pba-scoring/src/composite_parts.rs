//! The parts of a composite score before its domains are weighed: each
//! domain's sums, the per-indicator results and the issues, added as
//! decimals value by value ([`PreparedScorecard::parts_in_decimals`]) or
//! taken from whole-number sums ([`Parts::summed`]).

use std::sync::{Arc, Mutex};

use pba_scorecard::{IndicatorId, MissingRule, ScorecardDefinition};
use rust_decimal::Decimal;

use super::{DomainScore, IndicatorResult, PreparedScorecard};
use crate::dataset::ValueEntry;
use crate::domain_sums::Summed;
use crate::error::ValueIssue;
use crate::outcomes::Outcome;

/// One thread's set of domain results to use again (see
/// [`PreparedScorecard::score_summing`]): a clone starts without.
#[derive(Debug, Default)]
pub(super) struct SpareDomains(Mutex<Vec<DomainScore>>);

impl Clone for SpareDomains {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl SpareDomains {
    /// The spare set, as new (its ids and weights kept); `None` when there is
    /// none yet.
    pub(super) fn take(&self) -> Option<Vec<DomainScore>> {
        let mut domains = std::mem::take(&mut *self.lock());
        if domains.is_empty() {
            return None;
        }
        for domain in &mut domains {
            domain.effective_weight = None;
            domain.earned = Decimal::ZERO;
            domain.applicable_points = Decimal::ZERO;
            domain.incomplete = false;
        }
        Some(domains)
    }

    /// Keeps `domains` for the next score.
    pub(super) fn put(&self, domains: Vec<DomainScore>) {
        *self.lock() = domains;
    }

    /// Each thread has its own copy: the lock is never waited for.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<DomainScore>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The parts of a composite score before domains are weighed.
pub(super) struct Parts {
    pub(super) domains: Vec<DomainScore>,
    pub(super) indicators: Vec<IndicatorResult>,
    pub(super) issues: Vec<ValueIssue>,
    pub(super) critical_failed: Vec<IndicatorId>,
    pub(super) overflow: bool,
}

impl Parts {
    /// Domains with the sums of [`crate::domain_sums::DomainSums`] (no
    /// per-indicator result, no issue).
    pub(super) fn summed(
        mut domains: Vec<DomainScore>,
        summed: Summed,
        definition: &ScorecardDefinition,
    ) -> Self {
        for (domain, (earned, applicable)) in domains.iter_mut().zip(summed.totals) {
            domain.earned = earned;
            domain.applicable_points = applicable;
        }
        Self {
            domains,
            indicators: Vec::new(),
            issues: Vec::new(),
            critical_failed: summed
                .critical_failed
                .iter()
                .filter_map(|position| definition.indicators.get(position))
                .map(|indicator| indicator.id.clone())
                .collect(),
            overflow: false,
        }
    }
}

impl PreparedScorecard<'_> {
    /// The domain sums, per-indicator results and issues of `values`, added
    /// as decimals.
    pub(super) fn parts_in_decimals(
        &self,
        values: &[ValueEntry],
        keep_indicators: bool,
        mut domains: Vec<DomainScore>,
    ) -> Parts {
        let definition = self.definition;
        let mut slots: Vec<Option<&ValueEntry>> = vec![None; definition.indicators.len()];
        let mut issues = Vec::new();
        let mut stray = Vec::new();
        let mut next_position = 0;
        for entry in values {
            let position = self.indicator_position(&entry.indicator_id, next_position);
            next_position = position.map_or(next_position, |position| position + 1);
            match position.and_then(|position| slots.get_mut(position)) {
                Some(slot @ None) => *slot = Some(entry),
                Some(Some(_)) => stray.push(ValueIssue::Duplicate {
                    indicator_id: entry.indicator_id.clone(),
                }),
                None => stray.push(ValueIssue::UnknownIndicator {
                    indicator_id: entry.indicator_id.clone(),
                    scorecard: Arc::clone(&self.ids.label),
                }),
            }
        }

        let mut indicators = Vec::with_capacity(if keep_indicators {
            definition.indicators.len()
        } else {
            0
        });
        let mut critical_failed = Vec::new();
        let mut overflow = false;
        for ((((indicator, slot), domain_position), outcomes), accepted) in definition
            .indicators
            .iter()
            .zip(&slots)
            .zip(&self.indicator_domains)
            .zip(&self.outcomes)
            .zip(&self.ids.expected)
        {
            let value = slot.and_then(ValueEntry::value);
            // A common value's outcome is read where it was worked out, not
            // copied; another one is worked out here.
            let worked_out;
            let outcome = match value {
                None if definition.missing == MissingRule::Zero => Ok(&outcomes.missing_as_zero),
                None => Err(ValueIssue::Missing {
                    indicator_id: indicator.id.clone(),
                    expected: Arc::clone(accepted),
                }),
                Some(value) => match outcomes.known(value) {
                    Some(known) => Ok(known),
                    None => match Outcome::of(indicator, value) {
                        Ok(outcome) => {
                            worked_out = outcome;
                            Ok(&worked_out)
                        }
                        Err(problem) => Err(ValueIssue::Invalid {
                            indicator_id: indicator.id.clone(),
                            problem,
                        }),
                    },
                },
            };
            let domain = domain_position.and_then(|position| domains.get_mut(position));
            let (fraction, earned) = match outcome {
                Ok(&Outcome {
                    ratio: Some(ratio),
                    earned,
                }) => {
                    let fraction = if keep_indicators {
                        ratio.fraction()
                    } else {
                        Some(Decimal::ZERO)
                    };
                    if indicator.critical && earned.is_some_and(|earned| earned.is_zero()) {
                        critical_failed.push(indicator.id.clone());
                    }
                    if let (Some(domain), Some(earned)) = (domain, earned) {
                        match (
                            domain.earned.checked_add(earned),
                            domain.applicable_points.checked_add(indicator.points),
                        ) {
                            (Some(total), Some(applicable)) => {
                                domain.earned = total;
                                domain.applicable_points = applicable;
                            }
                            _ => overflow = true,
                        }
                    }
                    overflow |= fraction.is_none() || earned.is_none();
                    (fraction, earned)
                }
                Ok(Outcome { ratio: None, .. }) => (None, None),
                Err(issue) => {
                    issues.push(issue);
                    if let Some(domain) = domain {
                        domain.incomplete = true;
                    }
                    (None, None)
                }
            };
            if keep_indicators {
                indicators.push(IndicatorResult {
                    indicator_id: indicator.id.clone(),
                    domain_id: indicator.domain.clone(),
                    value,
                    fraction,
                    earned,
                    points: indicator.points,
                    critical: indicator.critical,
                });
            }
        }
        issues.extend(stray);
        Parts {
            domains,
            indicators,
            issues,
            critical_failed,
            overflow,
        }
    }
}
