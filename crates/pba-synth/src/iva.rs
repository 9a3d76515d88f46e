//! [`add_iva_visits`]: the Independent Verification Agent's re-assessments of
//! a drawn IVA sample (SPEC section 7), so that `pba verify` finds the sampled
//! facilities verified — except the share the agent never reached.
//!
//! The agent re-checks the facility's latest ISC visit of the year, 7 to 45
//! days later (within the year). It measures honestly: at a facility whose
//! committee scores honestly it agrees with 85 % of the ISC values and
//! re-measures the others at the facility's latent quality ± 4 points; at a
//! facility whose ISC scores are inflated it re-measures every item, so its
//! score comes out about 15 points below the committee's.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentKind, FacilityId, ScorecardSet};
use pba_scoring::{Assessment, Dataset};
use rust_decimal::Decimal;

use crate::calendar::{date_of, days_in_year, ordinal_of};
use crate::config::{SynthConfig, parts_per_million};
use crate::error::SynthError;
use crate::generate::{forms, registry_plan};
use crate::random::Random;
use crate::registry::{build_registry, digits, label};
use crate::visits::{Scene, Visits};

/// Parts per million of the ISC values an agent confirms at an honest facility.
const AGREEMENT_PPM: u32 = 850_000;

/// Adds `kind = iva` assessments for about `visit_share` of the `selected`
/// facilities (each reached with that probability), in fiscal year
/// `fiscal_year`, to a dataset [`crate::generate`] made from `config`
/// (generate it with `iva_fraction = 0` so that the sample is the only IVA).
/// Assessment and consultation ids continue the dataset's numbering. The
/// same inputs give the same visits.
///
/// A selected facility with no scorecard, or no ISC visit dated in the year,
/// gets no visit: the agent has nothing to re-check.
///
/// # Errors
/// The configuration does not check (see [`crate::generate`]); `visit_share`
/// is not a fraction; a selected facility is not in the registry `config`
/// builds (the dataset was generated from another configuration).
pub fn add_iva_visits(
    dataset: &mut Dataset,
    config: &SynthConfig,
    scorecards: &ScorecardSet,
    fiscal_year: i32,
    selected: &BTreeSet<FacilityId>,
    visit_share: Decimal,
) -> Result<(), SynthError> {
    let checked = config.check()?;
    let visit_ppm = parts_per_million("visit_share", visit_share)?;
    let registry = build_registry(&registry_plan(config, &checked));
    let (pairs, by_type) = forms(scorecards);
    let positions: BTreeMap<&FacilityId, usize> = registry
        .sites
        .iter()
        .enumerate()
        .map(|(index, site)| (&site.facility.id, index))
        .collect();
    let (next_assessment, assessment_width) =
        numbering(dataset.assessments.keys().map(|id| id.as_str()), 'A');
    let (next_consultation, consultation_width) =
        numbering(dataset.consultations.keys().map(|id| id.as_str()), 'C');
    let mut visits = Visits {
        seed: config.seed,
        first_year: config.first_year,
        per_year: config.assessments_per_year,
        rates: checked.rates,
        iva: 0,
        registry: &registry,
        assessment_width,
        consultation_width,
        dataset: std::mem::take(dataset),
        next_assessment,
        next_consultation,
    };
    let mut outcome = Ok(());
    for facility_id in selected {
        let Some(&index) = positions.get(facility_id) else {
            outcome = Err(SynthError::NotInRegistry {
                facility_id: facility_id.clone(),
            });
            break;
        };
        let Some(site) = registry.sites.get(index) else {
            continue;
        };
        let Some(pair) = by_type
            .get(&site.facility.facility_type)
            .and_then(|slot| pairs.get(*slot))
        else {
            continue;
        };
        let mut random = Random::stream(
            config.seed,
            &[
                label::SAMPLED_IVA,
                index as u64,
                u64::from(fiscal_year.unsigned_abs()),
            ],
        );
        if !random.chance(visit_ppm) {
            continue;
        }
        let Some(isc) = latest_isc_visit(&visits.dataset, facility_id, fiscal_year) else {
            continue;
        };
        let scene = Scene {
            index,
            site,
            pair,
            year: fiscal_year,
        };
        visits.follow_up(&scene, &isc, &mut random);
    }
    *dataset = visits.dataset;
    outcome
}

/// The facility's last ISC visit dated in `year` (by date, then id).
fn latest_isc_visit(dataset: &Dataset, facility_id: &FacilityId, year: i32) -> Option<Assessment> {
    dataset
        .assessments
        .values()
        .filter(|assessment| {
            assessment.kind == AssessmentKind::Isc
                && assessment.facility_id == *facility_id
                && assessment.date.year() == year
        })
        .max_by(|left, right| (left.date, &left.id).cmp(&(right.date, &right.id)))
        .cloned()
}

/// The highest number among ids `<prefix><digits>` and their width (6 when
/// there is none), so new ids continue the numbering.
fn numbering<'a>(ids: impl Iterator<Item = &'a str>, prefix: char) -> (usize, usize) {
    let mut last = 0;
    let mut width = 0;
    for digits_text in ids.filter_map(|id| id.strip_prefix(prefix)) {
        if let Ok(number) = digits_text.parse::<usize>()
            && digits_text.bytes().all(|byte| byte.is_ascii_digit())
        {
            last = last.max(number);
            width = width.max(digits_text.len());
        }
    }
    (
        last,
        width.max(digits(last)).max(if last == 0 { 6 } else { 0 }),
    )
}

impl Visits<'_> {
    /// The agent's re-assessment of `isc` (see the module documentation).
    fn follow_up(&mut self, scene: &Scene<'_, '_>, isc: &Assessment, random: &mut Random) {
        let year = scene.year;
        let after = u32::try_from(random.between(7, 45)).unwrap_or(7);
        let ordinal = ordinal_of(isc.date)
            .saturating_add(after)
            .min(days_in_year(year));
        let Some(date) = date_of(year, ordinal) else {
            return;
        };
        let elapsed = i64::from(year) - i64::from(self.first_year);
        let quality = scene.site.quality + scene.site.improvement * elapsed;
        let measured = self.values(
            &scene.pair.form,
            scene.index,
            quality + random.between_signed(-400, 400),
            random,
        );
        let agreement = if scene.site.inflated {
            0
        } else {
            AGREEMENT_PPM
        };
        let values = measured
            .into_iter()
            .map(|entry| {
                let confirmed = isc
                    .values
                    .iter()
                    .find(|found| found.indicator_id == entry.indicator_id)
                    .filter(|found| found.value().is_some())
                    .cloned();
                match confirmed {
                    Some(found) if random.chance(agreement) => found,
                    _ => entry,
                }
            })
            .collect();
        // The ISC's consultation when it is of the same year.
        let existing = isc.consultation_id.clone().filter(|id| {
            self.dataset
                .consultations
                .get(id)
                .is_some_and(|held| held.date.year() == year)
        });
        self.push_iva(scene, date, quality, existing, values, random);
    }
}
