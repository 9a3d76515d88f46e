//! [`generate`]: registry, then year by year every facility's visits, then the
//! transfers of the PBA year that follows.

use std::collections::BTreeMap;

use pba_scorecard::{FacilityType, Priority, ScorecardDefinition, ScorecardId, ScorecardSet};
use pba_scoring::{Dataset, District};
use rust_decimal::Decimal;

use crate::config::{Checked, FacilityCount, SynthConfig};
use crate::error::SynthError;
use crate::random::Random;
use crate::registry::{Registry, RegistryPlan, build_registry, digits, is_hospital, label};
use crate::transfers::{Due, Numbering, pay};
use crate::values::Form;
use crate::visits::{FormPair, Visits};

/// Generates a complete dataset (SPEC section 2) from `config.seed`: the same
/// configuration and scorecards give an identical dataset on every machine.
///
/// Facilities are assessed with the scorecard whose `applies_to` names their
/// type (the first such id, its last version in the set's order); facility
/// types no scorecard applies to are in the registry but never assessed.
pub fn generate(config: &SynthConfig, scorecards: &ScorecardSet) -> Result<Dataset, SynthError> {
    let checked = config.check()?;
    let registry = build_registry(&registry_plan(config, &checked));
    let (pairs, by_type) = forms(scorecards);
    let facilities = registry.sites.len();
    let years = usize::try_from(i64::from(config.last_year) - i64::from(config.first_year) + 1)
        .unwrap_or(1);
    let per_year = usize::try_from(config.assessments_per_year.1).unwrap_or(12) + 1;
    let visit_width = digits(facilities.saturating_mul(years).saturating_mul(per_year)).max(6);
    let mut visits = Visits {
        seed: config.seed,
        first_year: config.first_year,
        per_year: config.assessments_per_year,
        rates: checked.rates,
        iva: checked.iva,
        registry: &registry,
        assessment_width: visit_width,
        consultation_width: visit_width,
        dataset: Dataset::default(),
        next_assessment: 0,
        next_consultation: 0,
    };
    let mut numbering = Numbering {
        last: 0,
        width: digits(facilities.saturating_mul(years)).max(6),
    };
    let mut transfers = Vec::new();
    for year in config.first_year..=config.last_year {
        let mut dues = Vec::new();
        let mut random = Random::stream(
            config.seed,
            &[label::TRANSFERS, u64::from(year.unsigned_abs())],
        );
        for (index, site) in registry.sites.iter().enumerate() {
            let Some(pair) = by_type
                .get(&site.facility.facility_type)
                .and_then(|slot| pairs.get(*slot))
            else {
                continue;
            };
            let count = visits.facility_year(index, pair, year);
            if count >= 2 && site.facility.active && likely_paid(&registry, index) {
                dues.push(Due {
                    facility_id: site.facility.id.clone(),
                    channel: site.facility.payment_channel,
                    amount: amount(site.facility.facility_type, &mut random),
                });
            }
        }
        if year < config.last_year {
            transfers.extend(pay(
                &dues,
                year + 1,
                &mut random,
                &checked.rates,
                &mut numbering,
            ));
        }
    }
    let mut dataset = visits.dataset;
    dataset.districts = registry
        .places
        .iter()
        .map(|place| {
            let district = District {
                id: place.id.clone(),
                name: place.seed.name.to_owned(),
                province: place.province.to_owned(),
                priority: place.priority,
            };
            (place.id.clone(), district)
        })
        .collect();
    dataset.facilities = registry
        .sites
        .into_iter()
        .map(|site| (site.facility.id.clone(), site.facility))
        .collect();
    dataset.transfers = transfers
        .into_iter()
        .map(|transfer| (transfer.id.clone(), transfer))
        .collect();
    Ok(dataset)
}

/// The registry plan of a checked configuration: the same configuration
/// rebuilds the same registry (latent quality, inflated facilities).
pub(crate) fn registry_plan(config: &SynthConfig, checked: &Checked) -> RegistryPlan {
    RegistryPlan {
        seed: config.seed,
        count: match config.facilities {
            FacilityCount::Count(count) => Some(count),
            FacilityCount::National => None,
        },
        first_year: config.first_year,
        last_year: config.last_year,
        closed_ppm: checked.rates.closed_facility,
        inflated_ppm: checked.rates.inflated_isc,
    }
}

/// Hospitals, and rural health centers of priority districts.
fn likely_paid(registry: &Registry, index: usize) -> bool {
    let Some(site) = registry.sites.get(index) else {
        return false;
    };
    let kind = site.facility.facility_type;
    let priority = registry
        .places
        .get(site.place)
        .map_or(Priority::None, |place| place.priority);
    is_hospital(kind) || (kind.is_rural_health_center() && priority.is_priority())
}

/// A plausible PBA amount in MZN, 2 decimals.
fn amount(kind: FacilityType, random: &mut Random) -> Decimal {
    let cents = if is_hospital(kind) {
        random.between(15_000_000, 40_000_000)
    } else {
        random.between(5_000_000, 15_000_000)
    };
    Decimal::new(i64::try_from(cents).unwrap_or(0), 2)
}

/// The scorecard of each facility type, with its consultation scorecard.
pub(crate) fn forms(
    scorecards: &ScorecardSet,
) -> (Vec<FormPair<'_>>, BTreeMap<FacilityType, usize>) {
    // Last version of each id, in id order.
    let mut latest: BTreeMap<&ScorecardId, &ScorecardDefinition> = BTreeMap::new();
    for ((id, _), definition) in &scorecards.scorecards {
        latest.insert(id, definition);
    }
    let mut pairs = Vec::new();
    let mut by_type = BTreeMap::new();
    for definition in latest.values() {
        let fresh: Vec<FacilityType> = definition
            .applies_to
            .iter()
            .copied()
            .filter(|kind| !by_type.contains_key(kind))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let consultation = definition.combine.as_ref().map(|combine| {
            latest
                .get(&combine.consultation_scorecard)
                .map(|definition| Form::new(definition))
        });
        for kind in fresh {
            by_type.insert(kind, pairs.len());
        }
        pairs.push(FormPair {
            form: Form::new(definition),
            consultation,
        });
    }
    (pairs, by_type)
}
