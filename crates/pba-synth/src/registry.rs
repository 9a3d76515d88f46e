//! The facility registry: the national mix of facility types by district,
//! scaled to the requested count, with beds, catchment, budget unit and
//! payment channel (footnotes 8, 32, 34 of the appraisal document).
//!
//! National mix, per district: its seat's hospitals (53 district/rural
//! hospitals, 8 provincial, 3 central, 7 general); outside cities 1-3 type I
//! and 4-10 type II rural health centers; in cities 1-2 type A, 2-4 type B and
//! 3-6 type C urban centers, in towns 0-1, 1-2 and 1-3. About 1,650 in all.
//!
//! `Count(n)`: the national list, ordered by type then district, is sampled at
//! evenly spaced positions (n below its size) or repeated (n above), so type
//! proportions and the spread over districts are kept.
//!
//! Budget units and channels: central, provincial and general hospitals are
//! `uge` paid through `e_sistafe`; district/rural hospitals are `uge` (40 %)
//! or `ugb` (35 %) through `e_sistafe`, or no budget unit (25 %) paid to a
//! `bank_account` (60 % of those) or through the `sdsgcas_transfer` (40 %)
//! (footnote 32); health centers have no budget unit and are paid to a
//! `bank_account` (20 %), by `sdsgcas_transfer` (50 %) or by
//! `sdsgcas_procurement` (30 %) (footnote 34).

use std::collections::BTreeMap;

use pba_scorecard::{BudgetUnit, FacilityId, FacilityType, PaymentChannel, Priority};
use pba_scoring::Facility;

use crate::districts::{PROVINCES, Setting};
use crate::geography::{Place, places};
use crate::random::Random;

/// Stream labels (the first label of every stream drawn from the seed).
pub(crate) mod label {
    pub const TEMPLATE: u64 = 1;
    pub const FACILITY: u64 = 2;
    pub const VISITS: u64 = 3;
    pub const NOT_APPLICABLE: u64 = 4;
    pub const TRANSFERS: u64 = 5;
    pub const SAMPLED_IVA: u64 = 6;
}

/// A facility with what drives its synthetic data.
#[derive(Debug, Clone)]
pub struct Site {
    /// The registry row.
    pub facility: Facility,
    /// Index of its district in [`Registry::places`].
    pub place: usize,
    /// Latent quality in the first year, in basis points (10,000 = perfect).
    pub quality: i64,
    /// Quality gained each year, basis points.
    pub improvement: i64,
    /// Year it closed (`active = false`): no visits after June of that year.
    pub closed_in: Option<i32>,
    /// Its ISC scores are inflated (the IVA catches them).
    pub inflated: bool,
}

/// Districts and facilities.
#[derive(Debug, Clone)]
pub struct Registry {
    /// Districts, in id order.
    pub places: Vec<Place>,
    /// Facilities, in id order.
    pub sites: Vec<Site>,
    /// Facility indices by district.
    pub by_place: Vec<Vec<usize>>,
    /// Facility indices by province.
    pub by_province: Vec<Vec<usize>>,
}

/// Registry parameters.
pub(crate) struct RegistryPlan {
    pub seed: u64,
    pub count: Option<usize>,
    pub first_year: i32,
    pub last_year: i32,
    pub closed_ppm: u32,
    pub inflated_ppm: u32,
}

/// The national list: (type, district index), sorted by type then district.
fn national_template(random: &mut Random, places: &[Place]) -> Vec<(FacilityType, usize)> {
    use FacilityType::*;
    let mut slots = Vec::new();
    for (index, place) in places.iter().enumerate() {
        slots.extend(place.seed.hospitals.iter().map(|kind| (*kind, index)));
        let mut add = |kind: FacilityType, low: u64, high: u64, random: &mut Random| {
            let count = random.between(low, high);
            slots.extend((0..count).map(|_| (kind, index)));
        };
        match place.seed.setting {
            Setting::Rural => {
                add(HealthCenterRural1, 1, 3, random);
                add(HealthCenterRural2, 4, 10, random);
            }
            Setting::Town => {
                add(HealthCenterRural1, 1, 2, random);
                add(HealthCenterRural2, 3, 6, random);
                add(HealthCenterUrbanA, 0, 1, random);
                add(HealthCenterUrbanB, 1, 2, random);
                add(HealthCenterUrbanC, 1, 3, random);
            }
            Setting::City => {
                add(HealthCenterUrbanA, 1, 2, random);
                add(HealthCenterUrbanB, 2, 4, random);
                add(HealthCenterUrbanC, 3, 6, random);
            }
        }
    }
    slots.sort();
    slots
}

/// Builds the registry.
pub(crate) fn build_registry(plan: &RegistryPlan) -> Registry {
    let places = places();
    let template = national_template(&mut Random::stream(plan.seed, &[label::TEMPLATE]), &places);
    let length = template.len();
    let count = plan.count.unwrap_or(length);
    let width = digits(count).max(5);
    let mut names = Names::default();
    let mut sites = Vec::with_capacity(count);
    for number in 0..count {
        let position = if count <= length {
            // floor(number × length / count), exact in u128.
            usize::try_from(number as u128 * length as u128 / count.max(1) as u128).unwrap_or(0)
        } else {
            number % length.max(1)
        };
        let Some(&(kind, place_index)) = template.get(position) else {
            continue;
        };
        let Some(place) = places.get(place_index) else {
            continue;
        };
        let mut random = Random::stream(plan.seed, &[label::FACILITY, number as u64]);
        let id = FacilityId::new(format!("F{:0width$}", number + 1));
        let name = names.next(kind, place_index, place.seed.name);
        sites.push(site(id, name, kind, place_index, place, plan, &mut random));
    }
    let mut by_place = vec![Vec::new(); places.len()];
    let mut by_province = vec![Vec::new(); PROVINCES.len()];
    for (index, site) in sites.iter().enumerate() {
        if let Some(list) = by_place.get_mut(site.place) {
            list.push(index);
        }
        let province = places
            .get(site.place)
            .map_or(0, |place| place.province_index);
        if let Some(list) = by_province.get_mut(province) {
            list.push(index);
        }
    }
    Registry {
        places,
        sites,
        by_place,
        by_province,
    }
}

fn site(
    id: FacilityId,
    name: String,
    kind: FacilityType,
    place_index: usize,
    place: &Place,
    plan: &RegistryPlan,
    random: &mut Random,
) -> Site {
    let (budget_unit, payment_channel) = funding(kind, random);
    let closed_in = random.chance(plan.closed_ppm).then(|| {
        let span =
            u64::try_from(i64::from(plan.last_year) - i64::from(plan.first_year)).unwrap_or(0);
        plan.first_year
            .saturating_add(i32::try_from(random.below(span + 1)).unwrap_or(0))
    });
    let offset = match place.priority {
        Priority::Lagging => -700,
        Priority::HighPotential => 300,
        Priority::None => 0,
    };
    let base = if is_hospital(kind) {
        random.between_signed(5500, 8500)
    } else {
        random.between_signed(4500, 8000)
    };
    Site {
        facility: Facility {
            id,
            name,
            facility_type: kind,
            district_id: place.id.clone(),
            budget_unit,
            payment_channel,
            beds: beds(kind, random),
            catchment_population: Some(catchment(kind, random)),
            active: closed_in.is_none(),
        },
        place: place_index,
        quality: base + offset,
        improvement: random.between_signed(300, 800),
        closed_in,
        inflated: random.chance(plan.inflated_ppm),
    }
}

/// Hospitals of every level.
#[must_use]
pub fn is_hospital(kind: FacilityType) -> bool {
    use FacilityType::*;
    matches!(
        kind,
        DistrictHospital | RuralHospital | GeneralHospital | ProvincialHospital | CentralHospital
    )
}

/// Budget unit and payment channel (footnotes 32 and 34).
fn funding(kind: FacilityType, random: &mut Random) -> (BudgetUnit, PaymentChannel) {
    use FacilityType::*;
    match kind {
        CentralHospital | ProvincialHospital | GeneralHospital => {
            (BudgetUnit::Uge, PaymentChannel::ESistafe)
        }
        DistrictHospital | RuralHospital => match random.weighted(&[40, 35, 15, 10]) {
            0 => (BudgetUnit::Uge, PaymentChannel::ESistafe),
            1 => (BudgetUnit::Ugb, PaymentChannel::ESistafe),
            2 => (BudgetUnit::None, PaymentChannel::BankAccount),
            _ => (BudgetUnit::None, PaymentChannel::SdsgcasTransfer),
        },
        _ => match random.weighted(&[20, 50, 30]) {
            0 => (BudgetUnit::None, PaymentChannel::BankAccount),
            1 => (BudgetUnit::None, PaymentChannel::SdsgcasTransfer),
            _ => (BudgetUnit::None, PaymentChannel::SdsgcasProcurement),
        },
    }
}

/// Beds of hospitals and of health centers with a maternity (type I, type A).
fn beds(kind: FacilityType, random: &mut Random) -> Option<u64> {
    use FacilityType::*;
    let (low, high) = match kind {
        CentralHospital => (700, 1500),
        ProvincialHospital => (250, 600),
        GeneralHospital => (150, 300),
        RuralHospital => (80, 250),
        DistrictHospital => (40, 120),
        HealthCenterRural1 | HealthCenterUrbanA => (6, 20),
        _ => return None,
    };
    Some(random.between(low, high))
}

/// Catchment population, rounded to tens.
fn catchment(kind: FacilityType, random: &mut Random) -> u64 {
    use FacilityType::*;
    let (low, high) = match kind {
        CentralHospital => (1_000_000, 3_000_000),
        ProvincialHospital => (500_000, 1_500_000),
        GeneralHospital => (200_000, 500_000),
        RuralHospital => (120_000, 350_000),
        DistrictHospital => (80_000, 250_000),
        HealthCenterRural1 => (15_000, 45_000),
        HealthCenterRural2 => (5_000, 20_000),
        HealthCenterUrbanA => (50_000, 100_000),
        HealthCenterUrbanB => (30_000, 60_000),
        HealthCenterUrbanC => (20_000, 40_000),
    };
    random.between(low / 10, high / 10) * 10
}

/// Unique synthetic names: hospitals by level and district, health centers
/// numbered within their district.
#[derive(Default)]
struct Names {
    counts: BTreeMap<(usize, Option<FacilityType>), u64>,
}

impl Names {
    fn next(&mut self, kind: FacilityType, place: usize, district: &str) -> String {
        use FacilityType::*;
        let key = (place, is_hospital(kind).then_some(kind));
        let count = self.counts.entry(key).or_insert(0);
        *count += 1;
        let level = match kind {
            DistrictHospital => "Hospital Distrital",
            RuralHospital => "Hospital Rural",
            GeneralHospital => "Hospital Geral",
            ProvincialHospital => "Hospital Provincial",
            CentralHospital => "Hospital Central",
            _ => return format!("Centro de Saúde {count} de {district}"),
        };
        if *count == 1 {
            format!("{level} de {district}")
        } else {
            format!("{level} de {district} {count}")
        }
    }
}

/// Decimal digits of `value` (1 for 0).
#[must_use]
pub fn digits(value: usize) -> usize {
    value.checked_ilog10().map_or(1, |log| log as usize + 1)
}
