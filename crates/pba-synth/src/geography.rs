//! Mozambique's 11 provinces and their districts (public facts: the district
//! names as of the 2013-2016 divisions, 161 districts), which district seats
//! have a district or rural hospital, and the priority lists.
//!
//! Priorities follow footnote 26 of the appraisal document: 55 districts with
//! a high potential for attaining results and 42 lagging districts "in 10
//! provinces" — 97 priority districts. The Investment Case's own tables are
//! not reproduced here, so the lists are a fixed synthetic choice (the same
//! for every seed): every provincial capital and town is high potential, 42
//! rural districts of the 10 provinces other than Maputo City are lagging (at
//! least one per province), and rural districts complete the 55 high
//! potential; Maputo City's districts and the rest are `none`.

use pba_scorecard::{DistrictId, Priority};

use crate::districts::{DistrictSeed, PROVINCES, Setting};
use crate::random::Random;

/// High-potential districts (footnote 26, Table 5).
pub const HIGH_POTENTIAL_COUNT: usize = 55;
/// Lagging districts (footnote 26, Table 6/A): 42, in 10 provinces.
pub const LAGGING_COUNT: usize = 42;
/// The province with no lagging district.
const NOT_LAGGING_PROVINCE: &str = "Maputo City";
/// Seed of the fixed priority draw (the lists do not change with the seed).
const PRIORITY_SEED: u64 = 26;

/// A district of the generated dataset.
#[derive(Debug, Clone)]
pub struct Place {
    /// `district_id`.
    pub id: DistrictId,
    /// The real district.
    pub seed: DistrictSeed,
    /// Its province's name.
    pub province: &'static str,
    /// Index of its province in [`PROVINCES`].
    pub province_index: usize,
    /// Its priority.
    pub priority: Priority,
}

/// Every district, ids `NIA-01`…, with its priority.
#[must_use]
pub fn places() -> Vec<Place> {
    let mut places = Vec::new();
    for (province_index, province) in PROVINCES.iter().enumerate() {
        for (number, seed) in province.districts.iter().enumerate() {
            places.push(Place {
                id: DistrictId::new(format!("{}-{:02}", province.code, number + 1)),
                seed: *seed,
                province: province.name,
                province_index,
                priority: Priority::None,
            });
        }
    }
    assign_priorities(&mut places);
    places
}

/// The fixed priority lists (see the module documentation).
fn assign_priorities(places: &mut [Place]) {
    let mut random = Random::new(PRIORITY_SEED);
    let eligible = |place: &Place| place.province != NOT_LAGGING_PROVINCE;
    let rural_pool = |places: &[Place], province: Option<usize>| -> Vec<usize> {
        places
            .iter()
            .enumerate()
            .filter(|(_, place)| {
                eligible(place)
                    && place.seed.setting == Setting::Rural
                    && place.priority == Priority::None
                    && province.is_none_or(|index| place.province_index == index)
            })
            .map(|(index, _)| index)
            .collect()
    };
    let mut lagging = 0;
    for province in 0..PROVINCES.len() {
        if let Some(chosen) = random.pick(&rural_pool(places, Some(province))).copied()
            && let Some(place) = places.get_mut(chosen)
        {
            place.priority = Priority::Lagging;
            lagging += 1;
        }
    }
    while lagging < LAGGING_COUNT {
        let Some(chosen) = random.pick(&rural_pool(places, None)).copied() else {
            break;
        };
        if let Some(place) = places.get_mut(chosen) {
            place.priority = Priority::Lagging;
        }
        lagging += 1;
    }
    let mut high_potential = 0;
    for place in places.iter_mut() {
        if eligible(place) && place.seed.setting != Setting::Rural {
            place.priority = Priority::HighPotential;
            high_potential += 1;
        }
    }
    while high_potential < HIGH_POTENTIAL_COUNT {
        let Some(chosen) = random.pick(&rural_pool(places, None)).copied() else {
            break;
        };
        if let Some(place) = places.get_mut(chosen) {
            place.priority = Priority::HighPotential;
        }
        high_potential += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_provinces_and_their_districts() {
        let names: Vec<&str> = PROVINCES.iter().map(|province| province.name).collect();
        assert_eq!(
            names,
            [
                "Niassa",
                "Cabo Delgado",
                "Nampula",
                "Zambézia",
                "Tete",
                "Manica",
                "Sofala",
                "Inhambane",
                "Gaza",
                "Maputo Province",
                "Maputo City"
            ]
        );
        assert_eq!(places().len(), 161);
    }

    #[test]
    fn ninety_seven_priority_districts_lagging_in_ten_provinces() {
        let places = places();
        let count = |priority| {
            places
                .iter()
                .filter(|place| place.priority == priority)
                .count()
        };
        assert_eq!(count(Priority::HighPotential), 55);
        assert_eq!(count(Priority::Lagging), 42);
        let mut provinces: Vec<&str> = places
            .iter()
            .filter(|place| place.priority == Priority::Lagging)
            .map(|place| place.province)
            .collect();
        provinces.dedup();
        assert_eq!(provinces.len(), 10);
    }

    #[test]
    fn about_fifty_district_and_rural_hospitals() {
        let count: usize = PROVINCES
            .iter()
            .flat_map(|province| province.districts)
            .map(|district| {
                district
                    .hospitals
                    .iter()
                    .filter(|kind| kind.is_district_or_rural_hospital())
                    .count()
            })
            .sum();
        assert_eq!(count, 53);
    }
}
