//! Snapshots of `explain` on small hand-made assessments whose arithmetic is
//! checked by hand in the comments.
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
    Assessment, CommitteeMember, Consultation, Dataset, District, Facility, ValueEntry, explain,
    score_assessment,
};
use rust_decimal::Decimal;

const HEALTH_CENTER: &str = r#"
[scorecard]
id = "health-center"
version = "2019.1"
title = "Rural health center"
applies_to = ["health_center_rural_1"]
critical_cap = "60"

[[domain]]
id = "readiness"
title = "Readiness"
weight = "50"

[[domain]]
id = "waste"
title = "Waste"
weight = "30"

[[domain]]
id = "records"
title = "Records"
weight = "20"

[[indicator]]
id = "R1"
domain = "readiness"
title = "Water"
kind = "binary"
points = "2"
critical = true
source = "observation"

[[indicator]]
id = "R2"
domain = "readiness"
title = "Stock-out days of essential medicines"
kind = "numeric"
zero_at = "30"
full_at = "0"
min = "0"
points = "3"
source = "register"

[[indicator]]
id = "W1"
domain = "waste"
title = "Share of wards with sharps containers"
kind = "bands"
bands = [{ from = "80", fraction = "1" }, { from = "50", fraction = "0.5" }, { from = "0", fraction = "0" }]
points = "2"
allow_na = true
source = "observation"

[[indicator]]
id = "M1"
domain = "records"
title = "Monthly SISMA report"
kind = "scale"
max = "2"
points = "2"
source = "SISMA"

[combine]
facility = "75"
community = "25"
consultation_scorecard = "community"
"#;

const COMMUNITY: &str = r#"
[scorecard]
id = "community"
version = "2019.1"
title = "Community consultation"
applies_to = []

[[domain]]
id = "planning"
title = "Planning and management"
weight = "40"

[[domain]]
id = "participation"
title = "Community participation"
weight = "30"

[[domain]]
id = "accountability"
title = "Accountability"
weight = "30"

[[indicator]]
id = "P1"
domain = "planning"
title = "Regular meetings"
kind = "scale"
max = "3"
points = "3"
source = "interview"

[[indicator]]
id = "Q1"
domain = "participation"
title = "Community solves problems"
kind = "scale"
max = "3"
points = "3"
source = "interview"

[[indicator]]
id = "K1"
domain = "accountability"
title = "Recommendations implemented"
kind = "binary"
points = "1"
source = "interview"
"#;

fn value(text: &str) -> Option<IndicatorValue> {
    Some(match text {
        "yes" => IndicatorValue::Yes,
        "no" => IndicatorValue::No,
        "na" => IndicatorValue::NotApplicable,
        number => IndicatorValue::Number(Decimal::from_str(number).unwrap()),
    })
}

fn entries(values: &[(&str, &str)]) -> Vec<ValueEntry> {
    values
        .iter()
        .map(|(id, text)| ValueEntry::new(IndicatorId::new(*id), value(text)))
        .collect()
}

fn member(role: MemberRole, home: Option<&str>, attended: bool) -> CommitteeMember {
    CommitteeMember {
        name: format!("{role} member"),
        role,
        organization: "test".to_owned(),
        home_facility_id: home.map(FacilityId::new),
        attended_consultation: Some(attended),
    }
}

fn setup(
    values: &[(&str, &str)],
    committee: Vec<CommitteeMember>,
) -> (Dataset, ScorecardSet, Assessment) {
    let scorecards = ScorecardSet::parse(&[
        ("health-center.toml".to_owned(), HEALTH_CENTER.to_owned()),
        ("community.toml".to_owned(), COMMUNITY.to_owned()),
    ])
    .unwrap_or_else(|errors| panic!("{errors}"));
    let mut dataset = Dataset::default();
    dataset.districts.insert(
        DistrictId::new("D1"),
        District {
            id: DistrictId::new("D1"),
            name: "Mopeia".to_owned(),
            province: "Zambezia".to_owned(),
            priority: Priority::Lagging,
        },
    );
    dataset.facilities.insert(
        FacilityId::new("F1"),
        Facility {
            id: FacilityId::new("F1"),
            name: "Centro de Saude de Mopeia".to_owned(),
            facility_type: FacilityType::HealthCenterRural1,
            district_id: DistrictId::new("D1"),
            budget_unit: BudgetUnit::None,
            payment_channel: PaymentChannel::SdsgcasTransfer,
            beds: None,
            catchment_population: Some(12000),
            active: true,
        },
    );
    dataset.consultations.insert(
        ConsultationId::new("C1"),
        Consultation {
            id: ConsultationId::new("C1"),
            facility_id: FacilityId::new("F1"),
            date: Date::new(2019, 3, 2).unwrap(),
            participants: 40,
            participants_women: 22,
            participants_youth: 9,
            values: entries(&[("K1", "yes"), ("P1", "3"), ("Q1", "2")]),
        },
    );
    let assessment = Assessment {
        id: AssessmentId::new("A-2019-0001"),
        facility_id: FacilityId::new("F1"),
        scorecard_id: ScorecardId::new("health-center"),
        scorecard_version: "2019.1".to_owned(),
        date: Date::new(2019, 3, 14).unwrap(),
        kind: AssessmentKind::Isc,
        consultation_id: Some(ConsultationId::new("C1")),
        values: entries(values),
        committee,
    };
    dataset
        .assessments
        .insert(assessment.id.clone(), assessment.clone());
    (dataset, scorecards, assessment)
}

fn explained(values: &[(&str, &str)], committee: Vec<CommitteeMember>) -> String {
    let (dataset, scorecards, assessment) = setup(values, committee);
    let score = score_assessment(
        &assessment,
        &dataset,
        &scorecards,
        FiscalCalendar::default(),
        2019,
    );
    explain(&score, &dataset, &scorecards)
}

/// By hand: R1 yes → 2 of 2; R2 6 days → (6 − 30) / (0 − 30) = 0.8 → 2.4 of 3;
/// readiness 4.4 / 5 = 0.88. W1 na → waste empty, its 30 goes to the others:
/// effective readiness 50 × 100 / 70 = 71.428…, records 20 × 100 / 70 = 28.571….
/// M1 1 of 2 → 1 point → records 0.5. Composite 71.428… × 0.88 + 28.571… × 0.5
/// = 62.857… + 14.285… = 77.142857…. Consultation: P1 3/3 → 40, Q1 2/3 → 20,
/// K1 yes → 30: 90. Combined (75 × 77.142857… + 25 × 90) / 100 = 57.857142… +
/// 22.5 = 80.357142… → 80.36. No independent member: invalid_committee.
#[test]
fn explains_a_health_center_assessment_with_redistribution_and_combine() {
    let text = explained(
        &[("M1", "1"), ("R1", "yes"), ("R2", "6"), ("W1", "na")],
        vec![
            member(MemberRole::Government, None, true),
            member(MemberRole::PeerFacility, Some("F7"), false),
        ],
    );
    assert!(
        text.lines().all(|line| line == line.trim_end()),
        "no trailing spaces"
    );
    insta::assert_snapshot!("health_center_redistribution_combine", text);
}

/// By hand: R1 no → critical earns 0; R2 0 days → 3 of 3; readiness 3 / 5 = 0.6 → 30;
/// W1 85 → band 80 → 2 of 2 → waste 1 → 30; M1 2 → records 1 → 20. Uncapped 80,
/// capped at 60. Combined (75 × 60 + 25 × 90) / 100 = 45 + 22.5 = 67.5 → 67.50.
#[test]
fn explains_a_critical_cap() {
    let text = explained(
        &[("M1", "2"), ("R1", "no"), ("R2", "0"), ("W1", "85")],
        vec![
            member(MemberRole::Government, None, true),
            member(MemberRole::PeerFacility, Some("F7"), false),
            member(MemberRole::Independent, None, false),
        ],
    );
    insta::assert_snapshot!("health_center_critical_cap", text);
}
