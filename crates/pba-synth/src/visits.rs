//! One facility's year: its ISC visits (2 to 4, spread over the year), the
//! community consultations of health-center visits, and perhaps an IVA
//! re-assessment — with the flaws of [`crate::FlawRates`].
//!
//! Quality: the facility's latent quality plus its yearly improvement times
//! the years since the first; each ISC visit adds ± 6 points of noise, and an
//! inflated facility's ISC visits 15 points more. The IVA draws from the
//! latent quality ± 4 points, so it scores inflated facilities lower.
//! A consultation is held 3 to 25 days before its visit.

use pba_scorecard::{AssessmentId, AssessmentKind, ConsultationId, Date, FacilityId, ScorecardId};
use pba_scoring::{Assessment, CommitteeMember, Consultation, Dataset, ValueEntry};

use crate::calendar::{date_of, days_in_year};
use crate::committee::{CommitteePlan, isc_committee, iva_team};
use crate::config::Rates;
use crate::random::Random;
use crate::registry::{Registry, Site, label};
use crate::values::{Form, is_not_applicable};

/// Extra points an inflated facility's ISC visits get, in basis points.
const INFLATION: i64 = 1500;
/// Last ordinal day a facility closing this year is visited (30 June).
const CLOSING_DAY: u32 = 181;

/// The scorecard a facility type is assessed with, and its consultation's.
#[derive(Debug)]
pub(crate) struct FormPair<'a> {
    pub form: Form<'a>,
    /// `Some` for a health-center scorecard (one with `[combine]`); the inner
    /// `None` when its consultation scorecard is not in the set.
    pub consultation: Option<Option<Form<'a>>>,
}

/// Builds assessments and consultations with sequential ids.
pub(crate) struct Visits<'a> {
    pub seed: u64,
    pub first_year: i32,
    pub per_year: (u32, u32),
    pub rates: Rates,
    pub iva: u32,
    pub registry: &'a Registry,
    pub assessment_width: usize,
    pub consultation_width: usize,
    pub dataset: Dataset,
    pub next_assessment: usize,
    pub next_consultation: usize,
}

/// What a visit needs to know of its facility and year.
pub(crate) struct Scene<'a, 'b> {
    pub index: usize,
    pub site: &'a Site,
    pub pair: &'a FormPair<'b>,
    pub year: i32,
}

impl Visits<'_> {
    /// Generates a facility's year; returns how many ISC visits it had.
    pub(crate) fn facility_year(&mut self, index: usize, pair: &FormPair<'_>, year: i32) -> u32 {
        let Some(site) = self.registry.sites.get(index) else {
            return 0;
        };
        if site.closed_in.is_some_and(|closed| year > closed) {
            return 0;
        }
        let mut random = Random::stream(self.seed, &[label::VISITS, index as u64, year as u64]);
        let elapsed = i64::from(year) - i64::from(self.first_year);
        let quality = site.quality + site.improvement * elapsed;
        let rates = self.rates;
        let count = if random.chance(rates.single_visit) {
            1
        } else {
            random.between(u64::from(self.per_year.0), u64::from(self.per_year.1))
        };
        let days = u64::from(days_in_year(year));
        let segment = (days / count.max(1)).max(1);
        let mut ordinals: Vec<u32> = (0..count)
            .map(|number| number * segment + 1 + random.below(segment.saturating_sub(2).max(1)))
            .filter_map(|ordinal| u32::try_from(ordinal).ok())
            .collect();
        if site.closed_in == Some(year) {
            ordinals.retain(|ordinal| *ordinal <= CLOSING_DAY);
        }
        let scene = Scene {
            index,
            site,
            pair,
            year,
        };
        let isc_quality = quality + if site.inflated { INFLATION } else { 0 };
        let mut last_consultation = None;
        for ordinal in &ordinals {
            let consultation = self.isc_visit(&scene, *ordinal, isc_quality, quality, &mut random);
            last_consultation = consultation.or(last_consultation);
        }
        if !ordinals.is_empty() && random.chance(self.iva) {
            self.iva_visit(&scene, quality, last_consultation, &mut random);
        }
        u32::try_from(ordinals.len()).unwrap_or(0)
    }

    /// An ISC visit; returns the consultation it links, if it made one in the year.
    fn isc_visit(
        &mut self,
        scene: &Scene<'_, '_>,
        ordinal: u32,
        isc_quality: i64,
        quality: i64,
        random: &mut Random,
    ) -> Option<ConsultationId> {
        let rates = self.rates;
        let visit_quality = isc_quality + random.between_signed(-600, 600);
        let date = if random.chance(rates.visit_wrong_year) {
            Date::new(scene.year.saturating_add(1), 1, 2)
        } else {
            date_of(scene.year, ordinal)
        };
        let scorecard = scene.pair.form.scorecard;
        let version = if random.chance(rates.unknown_version) {
            format!("{}-draft", scorecard.version)
        } else {
            scorecard.version.clone()
        };
        let mut values = self.values(&scene.pair.form, scene.index, visit_quality, random);
        if random.chance(rates.incomplete_form)
            && let Some(entry) = random
                .index(values.len())
                .and_then(|slot| values.get_mut(slot))
        {
            entry.set_value(None);
        }
        let mut made = None;
        let consultation_id = match &scene.pair.consultation {
            None => None,
            Some(_) if random.chance(rates.missing_consultation) => None,
            Some(form) => {
                let held = if random.chance(rates.consultation_previous_year) {
                    let last_year = scene.year.saturating_sub(1);
                    date_of(
                        last_year,
                        u32::try_from(random.between(305, 360)).unwrap_or(340),
                    )
                } else {
                    let before = u32::try_from(random.between(3, 25)).unwrap_or(7);
                    date_of(scene.year, ordinal.saturating_sub(before).max(1))
                };
                let id =
                    held.map(|held| self.consultation(scene, form.as_ref(), held, quality, random));
                made = id
                    .clone()
                    .filter(|_| held.is_some_and(|held| held.year() == scene.year));
                id
            }
        };
        let committee = self.committee(scene, random);
        if let Some(date) = date {
            self.push_assessment(
                scene,
                version,
                date,
                AssessmentKind::Isc,
                consultation_id,
                values,
                committee,
            );
        }
        made
    }

    fn iva_visit(
        &mut self,
        scene: &Scene<'_, '_>,
        quality: i64,
        consultation: Option<ConsultationId>,
        random: &mut Random,
    ) {
        let ordinal =
            u32::try_from(random.between(1, u64::from(days_in_year(scene.year)))).unwrap_or(1);
        let Some(date) = date_of(scene.year, ordinal) else {
            return;
        };
        let values = self.values(
            &scene.pair.form,
            scene.index,
            quality + random.between_signed(-400, 400),
            random,
        );
        self.push_iva(scene, date, quality, consultation, values, random);
    }

    /// Adds an IVA assessment with its team; a health-center form links the
    /// `existing` consultation, or a new one when there is none.
    pub(crate) fn push_iva(
        &mut self,
        scene: &Scene<'_, '_>,
        date: Date,
        quality: i64,
        existing: Option<ConsultationId>,
        values: Vec<ValueEntry>,
        random: &mut Random,
    ) {
        let consultation_id = match (&scene.pair.consultation, existing) {
            (None, _) => None,
            (Some(_), Some(existing)) => Some(existing),
            (Some(form), None) => {
                Some(self.consultation(scene, form.as_ref(), date, quality, random))
            }
        };
        let team = iva_team(random);
        let version = scene.pair.form.scorecard.version.clone();
        self.push_assessment(
            scene,
            version,
            date,
            AssessmentKind::Iva,
            consultation_id,
            values,
            team,
        );
    }

    pub(crate) fn values(
        &self,
        form: &Form<'_>,
        index: usize,
        quality: i64,
        random: &mut Random,
    ) -> Vec<ValueEntry> {
        let seed = self.seed;
        form.draw(quality, random, |position| {
            form.indicators
                .get(position)
                .is_some_and(|indicator| is_not_applicable(seed, index as u64, &indicator.id))
        })
    }

    fn committee(&self, scene: &Scene<'_, '_>, random: &mut Random) -> Vec<CommitteeMember> {
        let rates = self.rates;
        let own = &scene.site.facility;
        let peer = if random.chance(rates.committee_without_peer) {
            None
        } else if random.chance(rates.peer_from_assessed_facility) {
            Some((own.id.clone(), own.name.as_str()))
        } else {
            self.pick_peer(scene.index, random)
                .and_then(|peer| self.registry.sites.get(peer))
                .map(|peer| (peer.facility.id.clone(), peer.facility.name.as_str()))
        };
        let needs_attendee = scene.pair.consultation.is_some();
        let place = self.registry.places.get(scene.site.place);
        let plan = CommitteePlan {
            district: place.map_or("", |place| place.seed.name),
            province: place.map_or("", |place| place.province),
            facility_name: &own.name,
            peer,
            needs_attendee,
            drop_attendee: needs_attendee && random.chance(rates.committee_without_attendee),
        };
        isc_committee(&plan, random)
    }

    /// Another facility of the same district, else of the province, else any.
    fn pick_peer(&self, index: usize, random: &mut Random) -> Option<usize> {
        let site = self.registry.sites.get(index)?;
        let province = self
            .registry
            .places
            .get(site.place)
            .map_or(0, |place| place.province_index);
        let everyone: Vec<usize>;
        let lists = [
            self.registry.by_place.get(site.place),
            self.registry.by_province.get(province),
        ];
        let list = match lists.into_iter().flatten().find(|list| list.len() >= 2) {
            Some(list) => list.as_slice(),
            None => {
                everyone = (0..self.registry.sites.len()).collect();
                everyone.as_slice()
            }
        };
        if list.len() < 2 {
            return None;
        }
        let slot = random.index(list.len())?;
        let chosen = *list.get(slot)?;
        if chosen == index {
            list.get((slot + 1) % list.len()).copied()
        } else {
            Some(chosen)
        }
    }

    pub(crate) fn consultation(
        &mut self,
        scene: &Scene<'_, '_>,
        form: Option<&Form<'_>>,
        date: Date,
        quality: i64,
        random: &mut Random,
    ) -> ConsultationId {
        self.next_consultation += 1;
        let id = ConsultationId::new(format!(
            "C{:0width$}",
            self.next_consultation,
            width = self.consultation_width
        ));
        let participants = random.between(15, 120);
        let women = participants * random.between(40, 70) / 100;
        let youth = participants * random.between(10, 40) / 100;
        let community_quality = quality + random.between_signed(-1000, 1000);
        let values = form
            .map(|form| self.values(form, scene.index, community_quality, random))
            .unwrap_or_default();
        self.dataset.consultations.insert(
            id.clone(),
            Consultation {
                id: id.clone(),
                facility_id: scene.site.facility.id.clone(),
                date,
                participants,
                participants_women: women,
                participants_youth: youth,
                values,
            },
        );
        id
    }

    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub(crate) fn push_assessment(
        &mut self,
        scene: &Scene<'_, '_>,
        version: String,
        date: Date,
        kind: AssessmentKind,
        consultation_id: Option<ConsultationId>,
        values: Vec<ValueEntry>,
        committee: Vec<CommitteeMember>,
    ) {
        self.next_assessment += 1;
        let id = AssessmentId::new(format!(
            "A{:0width$}",
            self.next_assessment,
            width = self.assessment_width
        ));
        let facility_id: FacilityId = scene.site.facility.id.clone();
        let scorecard_id: ScorecardId = scene.pair.form.scorecard.id.clone();
        self.dataset.assessments.insert(
            id.clone(),
            Assessment {
                id,
                facility_id,
                scorecard_id,
                scorecard_version: version,
                date,
                kind,
                consultation_id,
                values,
                committee,
            },
        );
    }
}
