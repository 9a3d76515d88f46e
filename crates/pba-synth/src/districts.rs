//! The district table: Mozambique's 11 provinces (north to south, names as
//! SPEC writes them) and their 161 districts (the 2013-2016 divisions,
//! alphabetical within a province), with the hospitals each district seat has:
//! 53 district/rural hospitals, a provincial hospital in each provincial
//! capital but Nampula and Beira (central hospitals), 3 central and 7 general
//! hospitals. Which seat has which hospital is a plausible synthetic choice.

use FacilityType::{
    CentralHospital, DistrictHospital, GeneralHospital, ProvincialHospital, RuralHospital,
};
use pba_scorecard::FacilityType;

/// What kind of place a district's seat is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Rural: rural health centers only, perhaps a district/rural hospital.
    Rural,
    /// A town: rural health centers and a few urban ones.
    Town,
    /// A provincial capital or a district of Maputo City: urban centers only.
    City,
}

/// A real district, with the hospitals its seat has.
#[derive(Debug, Clone, Copy)]
pub struct DistrictSeed {
    /// Its name.
    pub name: &'static str,
    /// Rural, town or city.
    pub setting: Setting,
    /// Hospitals (district/rural, general, provincial, central).
    pub hospitals: &'static [FacilityType],
}

/// A province: its name as SPEC writes it, its id prefix, its districts.
#[derive(Debug, Clone, Copy)]
pub struct ProvinceSeed {
    /// `districts.province`.
    pub name: &'static str,
    /// `district_id` prefix: `NIA` gives `NIA-01`.
    pub code: &'static str,
    /// Districts in alphabetical order.
    pub districts: &'static [DistrictSeed],
}

const fn rural(name: &'static str) -> DistrictSeed {
    DistrictSeed {
        name,
        setting: Setting::Rural,
        hospitals: &[],
    }
}
const fn district_hospital(name: &'static str) -> DistrictSeed {
    DistrictSeed {
        name,
        setting: Setting::Rural,
        hospitals: &[DistrictHospital],
    }
}
const fn rural_hospital(name: &'static str) -> DistrictSeed {
    DistrictSeed {
        name,
        setting: Setting::Rural,
        hospitals: &[RuralHospital],
    }
}
const fn town(name: &'static str, hospitals: &'static [FacilityType]) -> DistrictSeed {
    DistrictSeed {
        name,
        setting: Setting::Town,
        hospitals,
    }
}
const fn city(name: &'static str, hospitals: &'static [FacilityType]) -> DistrictSeed {
    DistrictSeed {
        name,
        setting: Setting::City,
        hospitals,
    }
}

/// The 11 provinces, north to south.
#[rustfmt::skip]
pub const PROVINCES: &[ProvinceSeed] = &[
    ProvinceSeed { name: "Niassa", code: "NIA", districts: &[
        rural("Chimbonila"), town("Cuamba", &[RuralHospital]), district_hospital("Lago"),
        city("Lichinga", &[ProvincialHospital]), rural("Majune"), district_hospital("Mandimba"),
        rural_hospital("Marrupa"), rural("Maúa"), rural("Mavago"), district_hospital("Mecanhelas"),
        rural("Mecula"), rural("Metarica"), rural("Muembe"), rural("N'gauma"), rural("Nipepe"), rural("Sanga"),
    ]},
    ProvinceSeed { name: "Cabo Delgado", code: "CAD", districts: &[
        rural("Ancuabe"), rural("Balama"), district_hospital("Chiúre"), rural("Ibo"),
        district_hospital("Macomia"), rural("Mecúfi"), rural("Meluco"), rural("Metuge"),
        rural_hospital("Mocímboa da Praia"), town("Montepuez", &[RuralHospital]), rural_hospital("Mueda"),
        rural("Muidumbe"), rural("Namuno"), rural("Nangade"), rural("Palma"),
        city("Pemba", &[ProvincialHospital]), rural("Quissanga"),
    ]},
    ProvinceSeed { name: "Nampula", code: "NAM", districts: &[
        town("Angoche", &[RuralHospital]), district_hospital("Eráti"), town("Ilha de Moçambique", &[]),
        rural("Lalaua"), rural("Larde"), rural("Liúpo"), district_hospital("Malema"), rural("Meconta"),
        rural("Mecubúri"), rural("Memba"), rural("Mogincual"), district_hospital("Mogovolas"),
        district_hospital("Moma"), rural_hospital("Monapo"), rural("Mossuril"), rural("Muecate"),
        rural("Murrupula"), rural("Nacala-a-Velha"), town("Nacala Porto", &[DistrictHospital]), rural("Nacarôa"),
        city("Nampula", &[CentralHospital, GeneralHospital]), rural("Rapale"), rural_hospital("Ribáuè"),
    ]},
    ProvinceSeed { name: "Zambézia", code: "ZAM", districts: &[
        rural_hospital("Alto Molócuè"), rural("Chinde"), rural("Derre"), district_hospital("Gilé"),
        town("Gurué", &[RuralHospital]), district_hospital("Ile"), rural("Inhassunge"), rural("Luabo"),
        rural("Lugela"), district_hospital("Maganja da Costa"), rural_hospital("Milange"),
        town("Mocuba", &[RuralHospital]), rural("Mocubela"), rural("Molumbo"), rural("Mopeia"),
        district_hospital("Morrumbala"), rural("Mulevala"), rural("Namacurra"), rural("Namarrói"),
        rural("Nicoadala"), district_hospital("Pebane"), city("Quelimane", &[ProvincialHospital, GeneralHospital]),
    ]},
    ProvinceSeed { name: "Tete", code: "TET", districts: &[
        district_hospital("Angónia"), rural_hospital("Cahora-Bassa"), district_hospital("Changara"),
        rural("Chifunde"), rural("Chiuta"), rural("Dôa"), rural("Macanga"), rural("Magoé"), rural("Marara"),
        rural("Marávia"), district_hospital("Moatize"), rural_hospital("Mutarara"),
        city("Tete", &[ProvincialHospital]), rural("Tsangano"), rural("Zumbo"),
    ]},
    ProvinceSeed { name: "Manica", code: "MAN", districts: &[
        rural_hospital("Bárue"), city("Chimoio", &[ProvincialHospital]), district_hospital("Gondola"),
        rural("Guro"), rural("Macate"), rural("Machaze"), rural("Macossa"), town("Manica", &[DistrictHospital]),
        district_hospital("Mossurize"), rural("Sussundenga"), rural("Tambara"), rural("Vanduzi"),
    ]},
    ProvinceSeed { name: "Sofala", code: "SOF", districts: &[
        city("Beira", &[CentralHospital, GeneralHospital]), rural_hospital("Búzi"), district_hospital("Caia"),
        rural("Chemba"), rural("Cheringoma"), rural("Chibabava"), town("Dondo", &[DistrictHospital]),
        rural("Gorongosa"), rural("Machanga"), rural("Marínguè"), district_hospital("Marromeu"),
        rural("Muanza"), rural_hospital("Nhamatanda"),
    ]},
    ProvinceSeed { name: "Inhambane", code: "INH", districts: &[
        rural("Funhalouro"), rural("Govuro"), rural("Homoíne"), city("Inhambane", &[ProvincialHospital]),
        rural("Inharrime"), rural("Inhassoro"), rural("Jangamo"), rural("Mabote"),
        district_hospital("Massinga"), town("Maxixe", &[RuralHospital]), rural("Morrumbene"), rural("Panda"),
        town("Vilankulo", &[RuralHospital]), district_hospital("Zavala"),
    ]},
    ProvinceSeed { name: "Gaza", code: "GAZ", districts: &[
        district_hospital("Bilene"), rural_hospital("Chibuto"), rural("Chicualacuala"), rural("Chigubo"),
        town("Chókwè", &[RuralHospital]), rural("Chongoene"), rural("Guijá"), rural("Limpopo"), rural("Mabalane"),
        rural_hospital("Mandlakazi"), rural("Mapai"), rural("Massangena"), rural("Massingir"),
        city("Xai-Xai", &[ProvincialHospital]),
    ]},
    ProvinceSeed { name: "Maputo Province", code: "MPR", districts: &[
        rural("Boane"), district_hospital("Magude"), rural_hospital("Manhiça"), rural("Marracuene"),
        city("Matola", &[ProvincialHospital, GeneralHospital]), district_hospital("Matutuíne"),
        district_hospital("Moamba"), rural("Namaacha"),
    ]},
    ProvinceSeed { name: "Maputo City", code: "MPC", districts: &[
        city("KaMpfumo", &[CentralHospital]), city("Nlhamankulu", &[GeneralHospital]),
        city("KaMaxakeni", &[GeneralHospital]), city("KaMavota", &[GeneralHospital]),
        city("KaMubukwana", &[]), city("KaTembe", &[]), city("KaNyaka", &[]),
    ]},
];
