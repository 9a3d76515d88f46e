//! Invariants of scoring on random datasets: insertion order changes nothing,
//! a facility's results do not depend on other facilities, and every score is
//! within [0, 100].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::str::FromStr;

use pba_scorecard::{
    AssessmentId, AssessmentKind, BudgetUnit, ConsultationId, Date, DistrictId, FacilityId,
    FacilityType, FiscalCalendar, IndicatorId, IndicatorValue, MemberRole, PaymentChannel,
    Priority, ScorecardId, ScorecardSet,
};
use pba_scoring::{
    Assessment, AssessmentScore, CommitteeMember, Consultation, Dataset, Detail, District,
    Facility, ValueEntry, YearScores, score_year, score_year_each, score_year_with,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const HOSPITAL: &str = r#"
[scorecard]
id = "hospital"
version = "1"
title = "Hospital"
applies_to = ["district_hospital"]
critical_cap = "50"

[[domain]]
id = "a"
title = "A"
weight = "60"

[[domain]]
id = "b"
title = "B"
weight = "40"

[[indicator]]
id = "B"
domain = "a"
title = "Binary"
kind = "binary"
points = "2"
critical = true
source = "test"

[[indicator]]
id = "N"
domain = "a"
title = "Numeric"
kind = "numeric"
zero_at = "30"
full_at = "0"
min = "0"
max = "40"
points = "3"
source = "test"

[[indicator]]
id = "S"
domain = "b"
title = "Scale"
kind = "scale"
max = "3"
points = "3"
allow_na = true
source = "test"

[[indicator]]
id = "D"
domain = "b"
title = "Bands"
kind = "bands"
bands = [{ from = "80", fraction = "1" }, { from = "50", fraction = "0.5" }, { from = "0", fraction = "0" }]
points = "1"
allow_na = true
source = "test"
"#;

const HEALTH_CENTER: &str = r#"
[scorecard]
id = "health-center"
version = "1"
title = "Health center"
applies_to = ["health_center_rural_1"]

[[domain]]
id = "care"
title = "Care"
weight = "100"

[[indicator]]
id = "B"
domain = "care"
title = "Binary"
kind = "binary"
points = "1"
allow_na = true
source = "test"

[[indicator]]
id = "S"
domain = "care"
title = "Scale"
kind = "scale"
max = "3"
points = "3"
source = "test"

[combine]
facility = "75"
community = "25"
consultation_scorecard = "community"
"#;

const COMMUNITY: &str = r#"
[scorecard]
id = "community"
version = "1"
title = "Community"
applies_to = []

[[domain]]
id = "all"
title = "All"
weight = "100"

[[indicator]]
id = "B"
domain = "all"
title = "Binary"
kind = "binary"
points = "1"
source = "test"

[[indicator]]
id = "S"
domain = "all"
title = "Scale"
kind = "scale"
max = "3"
points = "3"
source = "test"
"#;

const INDICATORS: [&str; 4] = ["B", "N", "S", "D"];
const DATES: [(i32, u8, u8); 5] = [
    (2018, 12, 31),
    (2019, 1, 1),
    (2019, 6, 15),
    (2019, 12, 31),
    (2020, 1, 1),
];

#[derive(Debug, Clone)]
struct AssessmentSpec {
    date: usize,
    iva: bool,
    committee: u8,
    values: Vec<Option<IndicatorValue>>,
    consultation: Option<(usize, Vec<Option<IndicatorValue>>)>,
}

#[derive(Debug, Clone)]
struct FacilitySpec {
    health_center: bool,
    active: bool,
    assessments: Vec<AssessmentSpec>,
}

fn value() -> impl Strategy<Value = Option<IndicatorValue>> {
    prop_oneof![
        3 => Just(Some(IndicatorValue::Yes)),
        2 => Just(Some(IndicatorValue::No)),
        1 => Just(Some(IndicatorValue::NotApplicable)),
        1 => Just(None),
        6 => (-20i64..1000).prop_map(|tenths| Some(IndicatorValue::Number(Decimal::new(tenths, 1)))),
        4 => (0i64..4).prop_map(|whole| Some(IndicatorValue::Number(Decimal::from(whole)))),
    ]
}

fn assessment() -> impl Strategy<Value = AssessmentSpec> {
    (
        0..DATES.len(),
        prop::bool::weighted(0.2),
        0u8..5,
        prop::collection::vec(value(), INDICATORS.len()),
        prop::option::weighted(0.8, (0..DATES.len(), prop::collection::vec(value(), 2))),
    )
        .prop_map(
            |(date, iva, committee, values, consultation)| AssessmentSpec {
                date,
                iva,
                committee,
                values,
                consultation,
            },
        )
}

fn facility() -> impl Strategy<Value = FacilitySpec> {
    (
        any::<bool>(),
        prop::bool::weighted(0.9),
        prop::collection::vec(assessment(), 0..4),
    )
        .prop_map(|(health_center, active, assessments)| FacilitySpec {
            health_center,
            active,
            assessments,
        })
}

fn scorecards() -> ScorecardSet {
    ScorecardSet::parse(&[
        ("hospital.toml".to_owned(), HOSPITAL.to_owned()),
        ("health-center.toml".to_owned(), HEALTH_CENTER.to_owned()),
        ("community.toml".to_owned(), COMMUNITY.to_owned()),
    ])
    .unwrap_or_else(|errors| panic!("{errors}"))
}

fn date(index: usize) -> Date {
    let (year, month, day) = DATES[index];
    Date::new(year, month, day).unwrap()
}

fn member(role: MemberRole, home: Option<&str>) -> CommitteeMember {
    CommitteeMember {
        name: format!("{role}"),
        role,
        organization: "test".to_owned(),
        home_facility_id: home.map(FacilityId::new),
        attended_consultation: Some(role == MemberRole::Independent),
    }
}

fn entries(ids: &[&str], values: &[Option<IndicatorValue>]) -> Vec<ValueEntry> {
    ids.iter()
        .zip(values)
        .map(|(id, value)| ValueEntry::new(IndicatorId::new(*id), *value))
        .collect()
}

/// Deterministic Fisher-Yates driven by `seed`.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for index in (1..items.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let other = usize::try_from(*seed >> 33).unwrap() % (index + 1);
        items.swap(index, other);
    }
}

/// Inserts the facilities (numbered by position in `specs`, from `first`) in
/// an order and with value and committee rows shuffled by `seed`.
fn insert(dataset: &mut Dataset, specs: &[FacilitySpec], first: usize, seed: Option<u64>) {
    let mut order: Vec<usize> = (0..specs.len()).collect();
    let mut state = seed.unwrap_or(0);
    if seed.is_some() {
        shuffle(&mut order, &mut state);
    }
    for position in order {
        let spec = &specs[position];
        let facility_id = FacilityId::new(format!("F{:03}", first + position));
        dataset.facilities.insert(
            facility_id.clone(),
            Facility {
                id: facility_id.clone(),
                name: facility_id.to_string(),
                facility_type: if spec.health_center {
                    FacilityType::HealthCenterRural1
                } else {
                    FacilityType::DistrictHospital
                },
                district_id: DistrictId::new("D1"),
                budget_unit: BudgetUnit::None,
                payment_channel: PaymentChannel::ESistafe,
                beds: None,
                catchment_population: None,
                active: spec.active,
            },
        );
        for (number, assessment) in spec.assessments.iter().enumerate() {
            let id = format!("{facility_id}-{number}");
            let consultation_id = assessment
                .consultation
                .as_ref()
                .map(|(date_index, values)| {
                    let id = ConsultationId::new(format!("C{id}"));
                    let mut values = entries(&["B", "S"], values);
                    if seed.is_some() {
                        shuffle(&mut values, &mut state);
                    }
                    dataset.consultations.insert(
                        id.clone(),
                        Consultation {
                            id: id.clone(),
                            facility_id: facility_id.clone(),
                            date: date(*date_index),
                            participants: 10,
                            participants_women: 5,
                            participants_youth: 2,
                            values,
                        },
                    );
                    id
                });
            let mut committee = vec![
                member(MemberRole::Government, None),
                member(
                    MemberRole::PeerFacility,
                    Some(if assessment.committee == 1 {
                        facility_id.as_str()
                    } else {
                        "F-PEER"
                    }),
                ),
                member(MemberRole::Independent, None),
            ];
            if assessment.committee == 2 {
                committee.remove(0);
            }
            let mut values = if spec.health_center {
                entries(&["B", "S"], &assessment.values)
            } else {
                entries(&INDICATORS, &assessment.values)
            };
            if seed.is_some() {
                shuffle(&mut values, &mut state);
                shuffle(&mut committee, &mut state);
            }
            dataset.assessments.insert(
                AssessmentId::new(id.as_str()),
                Assessment {
                    id: AssessmentId::new(id.as_str()),
                    facility_id: facility_id.clone(),
                    scorecard_id: ScorecardId::new(if spec.health_center {
                        "health-center"
                    } else {
                        "hospital"
                    }),
                    scorecard_version: "1".to_owned(),
                    date: date(assessment.date),
                    kind: if assessment.iva {
                        AssessmentKind::Iva
                    } else {
                        AssessmentKind::Isc
                    },
                    consultation_id,
                    values,
                    committee,
                },
            );
        }
    }
}

fn dataset(specs: &[FacilitySpec], seed: Option<u64>) -> Dataset {
    let mut dataset = Dataset::default();
    dataset.districts.insert(
        DistrictId::new("D1"),
        District {
            id: DistrictId::new("D1"),
            name: "D1".to_owned(),
            province: "P".to_owned(),
            priority: Priority::Lagging,
        },
    );
    insert(&mut dataset, specs, 0, seed);
    dataset
}

fn score(dataset: &Dataset) -> YearScores {
    score_year(dataset, &scorecards(), FiscalCalendar::default(), 2, 2019)
}

fn within(value: Option<Decimal>) -> bool {
    value.is_none_or(|value| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&value))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn insertion_order_changes_no_result(specs in prop::collection::vec(facility(), 1..8), seed in any::<u64>()) {
        let ordered = score(&dataset(&specs, None));
        let shuffled = score(&dataset(&specs, Some(seed)));
        prop_assert_eq!(ordered, shuffled);
    }

    #[test]
    fn a_facility_does_not_depend_on_other_facilities(
        specs in prop::collection::vec(facility(), 1..6),
        other in facility(),
    ) {
        let alone = score(&dataset(&specs, None));
        let mut with_other = dataset(&specs, None);
        insert(&mut with_other, &[other], 500, None);
        let together = score(&with_other);
        for facility in &alone.facilities {
            let found = together.facilities.iter().find(|found| found.facility_id == facility.facility_id);
            prop_assert_eq!(Some(facility), found);
        }
        for assessment in &alone.assessments {
            let found = together.assessments.iter().find(|found| found.assessment_id == assessment.assessment_id);
            prop_assert_eq!(Some(assessment), found);
        }
    }

    #[test]
    fn summary_detail_only_drops_indicator_results(specs in prop::collection::vec(facility(), 1..6)) {
        let dataset = dataset(&specs, None);
        let mut full = score(&dataset);
        let summary = score_year_with(&dataset, &scorecards(), FiscalCalendar::default(), 2, 2019, Detail::Summary);
        full.assessments.iter_mut().for_each(AssessmentScore::drop_indicator_results);
        prop_assert_eq!(full, summary);
    }

    #[test]
    fn composites_detail_hands_every_full_score_over_then_drops_part_results(
        specs in prop::collection::vec(facility(), 1..6),
    ) {
        let dataset = dataset(&specs, None);
        let mut full = score(&dataset);
        let (composites, handed) = score_year_each(
            &dataset,
            &scorecards(),
            FiscalCalendar::default(),
            2,
            2019,
            Detail::Composites,
            |assessment| {
                let mut summary = assessment.clone();
                summary.drop_indicator_results();
                summary
            },
        );
        full.assessments.iter_mut().for_each(AssessmentScore::drop_indicator_results);
        prop_assert_eq!(&full.assessments, &handed);
        full.assessments.iter_mut().for_each(AssessmentScore::drop_part_results);
        prop_assert_eq!(full, composites);
    }

    #[test]
    fn every_score_is_within_0_and_100(specs in prop::collection::vec(facility(), 1..8)) {
        let scores = score(&dataset(&specs, None));
        let mut scored = 0;
        for assessment in &scores.assessments {
            prop_assert!(within(assessment.composite), "{:?}", assessment.composite);
            prop_assert!(within(assessment.unrounded));
            prop_assert!(within(assessment.facility_composite));
            prop_assert!(within(assessment.consultation_composite));
            prop_assert!(assessment.valid <= assessment.composite.is_some(), "a valid assessment has a score");
            for domain in assessment.domains() {
                prop_assert!(within(domain.percent()));
            }
            scored += usize::from(assessment.composite.is_some());
        }
        for facility in &scores.facilities {
            prop_assert!(within(facility.score));
            prop_assert_eq!(facility.eligible, facility.reason.is_none());
        }
        prop_assert!(scored <= scores.assessments.len());
    }
}

#[test]
fn random_datasets_do_produce_valid_and_scored_assessments() {
    // Guards the generators: the properties above would pass vacuously if
    // nothing were ever valid.
    let value = |text: &str| Some(IndicatorValue::Number(Decimal::from_str(text).unwrap()));
    let spec = FacilitySpec {
        health_center: false,
        active: true,
        assessments: vec![
            AssessmentSpec {
                date: 2,
                iva: false,
                committee: 0,
                values: vec![
                    Some(IndicatorValue::Yes),
                    value("6"),
                    value("2"),
                    value("85")
                ],
                consultation: None,
            };
            2
        ],
    };
    let scores = score(&dataset(&[spec], None));
    assert!(scores.assessments.iter().all(|assessment| assessment.valid));
    assert!(scores.facilities[0].eligible);
}
