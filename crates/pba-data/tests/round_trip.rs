//! Property: any dataset whose texts survive neutralisation reads back
//! equal to what was written, in the long shape.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::BTreeMap;

use pba_data::{OutputSet, ValuesShape, read_dataset, write_dataset};
use pba_scorecard::{
    AssessmentId, AssessmentKind, BudgetUnit, ConsultationId, Date, DistrictId, FacilityId,
    FacilityType, IndicatorId, IndicatorValue, MemberRole, PaymentChannel, Priority, ScorecardId,
    TransferId,
};
use pba_scoring::{
    Assessment, CommitteeMember, Consultation, Dataset, District, Facility, Transfer, ValueEntry,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Texts with commas, quotes, line breaks and accents, starting with a letter.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,;\"'\né=+-]{0,12}"
}

fn value() -> impl Strategy<Value = Option<IndicatorValue>> {
    prop_oneof![
        Just(None),
        Just(Some(IndicatorValue::Yes)),
        Just(Some(IndicatorValue::No)),
        Just(Some(IndicatorValue::NotApplicable)),
        (-100_000i64..100_000, 0u32..4).prop_map(|(mantissa, scale)| Some(IndicatorValue::Number(
            Decimal::new(mantissa, scale).normalize()
        ))),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (2018i32..2024, 1u8..13, 1u8..29)
        .prop_map(|(year, month, day)| Date::new(year, month, day).unwrap())
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

type FacilitySketch = (
    String,
    FacilityType,
    usize,
    BudgetUnit,
    PaymentChannel,
    Option<u64>,
    bool,
);
type MemberSketch = (String, MemberRole, String, Option<usize>, Option<bool>);
type ValuesSketch = BTreeMap<u8, (Option<IndicatorValue>, Option<String>)>;
type AssessmentSketch = (
    usize,
    Date,
    AssessmentKind,
    Option<usize>,
    ValuesSketch,
    Vec<MemberSketch>,
);

#[derive(Debug, Clone)]
struct Sketch {
    districts: Vec<(String, String, Priority)>,
    facilities: Vec<FacilitySketch>,
    consultations: Vec<(usize, Date, u64)>,
    assessments: Vec<AssessmentSketch>,
    transfers: Vec<(usize, i64, Date, PaymentChannel, String)>,
}

fn sketch() -> impl Strategy<Value = Sketch> {
    (
        prop::collection::vec((text(), text(), pick(Priority::ALL)), 1..3),
        prop::collection::vec(
            (
                text(),
                pick(FacilityType::ALL),
                0usize..3,
                pick(BudgetUnit::ALL),
                pick(PaymentChannel::ALL),
                prop::option::of(0u64..500),
                any::<bool>(),
            ),
            1..4,
        ),
        prop::collection::vec((0usize..4, date(), 0u64..80), 0..3),
        prop::collection::vec(
            (
                0usize..4,
                date(),
                pick(AssessmentKind::ALL),
                prop::option::of(0usize..3),
                prop::collection::btree_map(0u8..12, (value(), prop::option::of(text())), 0..5),
                prop::collection::vec(
                    (
                        text(),
                        pick(MemberRole::ALL),
                        "[A-Za-z ]{0,6}",
                        prop::option::of(0usize..4),
                        prop::option::of(any::<bool>()),
                    ),
                    0..3,
                ),
            ),
            0..4,
        ),
        prop::collection::vec(
            (
                0usize..4,
                0i64..10_000_000,
                date(),
                pick(PaymentChannel::ALL),
                "([A-Z0-9][A-Z0-9-]{0,5})?",
            ),
            0..3,
        ),
    )
        .prop_map(
            |(districts, facilities, consultations, assessments, transfers)| Sketch {
                districts,
                facilities,
                consultations,
                assessments,
                transfers,
            },
        )
}

/// Builds a dataset whose references all resolve (indices wrap around).
fn build(sketch: Sketch) -> Dataset {
    let mut dataset = Dataset::default();
    let district_ids: Vec<DistrictId> = (0..sketch.districts.len())
        .map(|index| DistrictId::new(format!("D{index}")))
        .collect();
    for (index, (name, province, priority)) in sketch.districts.into_iter().enumerate() {
        let id = district_ids[index].clone();
        dataset.districts.insert(
            id.clone(),
            District {
                id,
                name,
                province,
                priority,
            },
        );
    }
    let facility_ids: Vec<FacilityId> = (0..sketch.facilities.len())
        .map(|index| FacilityId::new(format!("F{index:03}")))
        .collect();
    let facility = |index: usize| facility_ids[index % facility_ids.len()].clone();
    for (index, (name, facility_type, district, budget_unit, payment_channel, beds, active)) in
        sketch.facilities.into_iter().enumerate()
    {
        let id = facility_ids[index].clone();
        dataset.facilities.insert(
            id.clone(),
            Facility {
                id,
                name,
                facility_type,
                district_id: district_ids[district % district_ids.len()].clone(),
                budget_unit,
                payment_channel,
                beds,
                catchment_population: beds.map(|beds| beds * 100),
                active,
            },
        );
    }
    let consultation_ids: Vec<ConsultationId> = (0..sketch.consultations.len())
        .map(|index| ConsultationId::new(format!("C{index}")))
        .collect();
    for (index, (facility_index, date, participants)) in
        sketch.consultations.into_iter().enumerate()
    {
        let id = consultation_ids[index].clone();
        dataset.consultations.insert(
            id.clone(),
            Consultation {
                id,
                facility_id: facility(facility_index),
                date,
                participants,
                participants_women: participants / 2,
                participants_youth: participants / 3,
                values: vec![ValueEntry::new(
                    IndicatorId::from("K01"),
                    Some(IndicatorValue::Yes),
                )],
            },
        );
    }
    for (index, (facility_index, date, kind, consultation, values, committee)) in
        sketch.assessments.into_iter().enumerate()
    {
        let id = AssessmentId::new(format!("A{index}"));
        let mut entries = Vec::new();
        for (indicator, (value, comment)) in values {
            let indicator_id = IndicatorId::new(format!("H{indicator:02}"));
            if let Some(comment) = comment {
                dataset
                    .assessment_comments
                    .insert((id.clone(), indicator_id.clone()), comment);
            }
            entries.push(ValueEntry::new(indicator_id, value));
        }
        dataset.assessments.insert(
            id.clone(),
            Assessment {
                id,
                facility_id: facility(facility_index),
                scorecard_id: ScorecardId::from("hospital"),
                scorecard_version: "2019.1".to_owned(),
                date,
                kind,
                consultation_id: consultation
                    .filter(|_| !consultation_ids.is_empty())
                    .map(|index| consultation_ids[index % consultation_ids.len()].clone()),
                values: entries,
                committee: committee
                    .into_iter()
                    .map(|(name, role, organization, home, attended_consultation)| {
                        CommitteeMember {
                            name,
                            role,
                            organization,
                            home_facility_id: if role == MemberRole::PeerFacility {
                                Some(facility(home.unwrap_or(0)))
                            } else {
                                home.map(facility)
                            },
                            attended_consultation,
                        }
                    })
                    .collect(),
            },
        );
    }
    for (index, (facility_index, cents, date, channel, reference)) in
        sketch.transfers.into_iter().enumerate()
    {
        let id = TransferId::new(format!("T{index}"));
        dataset.transfers.insert(
            id.clone(),
            Transfer {
                id,
                facility_id: facility(facility_index),
                pba_year: 2020,
                amount: Decimal::new(cents, 2),
                date,
                channel,
                reference,
            },
        );
    }
    dataset
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn long_shape_round_trips(sketch in sketch()) {
        let dataset = build(sketch);
        let mut outputs = OutputSet::default();
        for (name, text) in write_dataset(&dataset, ValuesShape::Long) {
            outputs.add_bytes(name, text.into_bytes());
        }
        let dir = tempfile::tempdir().unwrap();
        outputs.commit(dir.path()).unwrap();
        let read = read_dataset(dir.path()).map_err(|errors| TestCaseError::fail(errors.to_string()))?;
        prop_assert_eq!(read, dataset);
    }
}
