//! Reading the small fixture datasets, in both value shapes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use pba_data::read_dataset;
use pba_scorecard::{AssessmentId, ConsultationId, FacilityId, IndicatorValue, MemberRole};
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn reads_the_small_fixture() {
    let dataset = read_dataset(&fixture("small")).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(dataset.districts.len(), 2);
    assert_eq!(dataset.facilities.len(), 4);
    assert_eq!(dataset.assessments.len(), 4);
    assert_eq!(dataset.consultations.len(), 2);
    assert_eq!(dataset.transfers.len(), 2);

    let chokwe = &dataset.facilities[&FacilityId::from("F003")];
    assert_eq!(chokwe.name, "Hospital Distrital de Chokwe, sede");
    assert_eq!(chokwe.beds, Some(200));
    assert_eq!(chokwe.catchment_population, None);
    assert!(!dataset.facilities[&FacilityId::from("F004")].active);

    let first = &dataset.assessments[&AssessmentId::from("A001")];
    let ids: Vec<&str> = first
        .values
        .iter()
        .map(|entry| entry.indicator_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["H01", "H02", "H03", "H04"],
        "values are sorted by indicator id"
    );
    assert_eq!(
        first.values[3].value(),
        Some(IndicatorValue::Number(Decimal::new(125, 1)))
    );
    assert_eq!(
        dataset
            .assessment_comments
            .get(&(first.id.clone(), first.values[3].indicator_id.clone()))
            .map(String::as_str),
        Some("stock-outs counted on the register")
    );
    let roles: Vec<MemberRole> = first.committee.iter().map(|member| member.role).collect();
    assert_eq!(
        roles,
        [
            MemberRole::Government,
            MemberRole::PeerFacility,
            MemberRole::Independent
        ],
        "committee keeps file order"
    );

    let second = &dataset.assessments[&AssessmentId::from("A002")];
    assert_eq!(
        second.values[1].value(),
        Some(IndicatorValue::NotApplicable)
    );
    assert_eq!(
        second.values[3].value(),
        None,
        "an empty value is a missing value"
    );
    assert!(second.committee.is_empty());

    let health_center = &dataset.assessments[&AssessmentId::from("A003")];
    assert_eq!(
        health_center.consultation_id,
        Some(ConsultationId::from("C001"))
    );
    assert_eq!(health_center.committee[2].attended_consultation, Some(true));
    let iva = &dataset.assessments[&AssessmentId::from("A004")];
    assert_eq!(
        dataset
            .assessment_comments
            .get(&(iva.id.clone(), iva.values[0].indicator_id.clone()))
            .map(String::as_str),
        Some("IVA: \"no water\", tank broken")
    );
    assert_eq!(
        dataset.consultations[&ConsultationId::from("C001")]
            .values
            .len(),
        2
    );
    let transfer = dataset.transfers.values().nth(1).unwrap();
    assert_eq!(transfer.amount, Decimal::new(9_800_005, 1));
    assert_eq!(transfer.reference, "");
}

/// The wide variant (with a byte-order mark and CRLF line ends in places)
/// holds the same values, minus comments and empty cells, and no transfers.
#[test]
fn wide_shape_reads_like_long_without_comments_and_empty_cells() {
    let long = read_dataset(&fixture("small")).unwrap_or_else(|errors| panic!("{errors}"));
    let wide = read_dataset(&fixture("small-wide")).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(wide.districts, long.districts);
    assert_eq!(wide.facilities, long.facilities);
    assert!(
        wide.transfers.is_empty(),
        "an absent optional file is empty"
    );
    for (id, assessment) in &long.assessments {
        let expected: Vec<_> = assessment
            .values
            .iter()
            .filter(|entry| entry.value().is_some())
            .map(|entry| (entry.indicator_id.clone(), entry.value()))
            .collect();
        let found: Vec<_> = wide.assessments[id]
            .values
            .iter()
            .map(|entry| (entry.indicator_id.clone(), entry.value()))
            .collect();
        assert_eq!(found, expected, "{id}");
        assert_eq!(wide.assessments[id].committee, assessment.committee);
    }
    assert_eq!(wide.consultations, long.consultations);
}

/// Indicator columns in any order give each assessment its values sorted
/// by indicator id, as the columns in id order do.
#[test]
fn wide_columns_out_of_id_order_read_like_in_order() {
    let source = fixture("small-wide");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let values = std::fs::read_to_string(source.join("assessment_values.csv")).unwrap();
    // Every row's cells moved by the same permutation, the owner first.
    let order = [0, 3, 1, 4, 2, 6, 5, 7];
    let shuffled: String = values
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let moved: Vec<&str> = order.iter().map(|at| cells[*at]).collect();
            format!("{}\n", moved.join(","))
        })
        .collect();
    assert!(shuffled.starts_with("assessment_id,H03,H01,H04,H02,C02,C01,"));
    std::fs::write(dir.path().join("assessment_values.csv"), shuffled).unwrap();

    let in_order = read_dataset(&source).unwrap_or_else(|errors| panic!("{errors}"));
    let out_of_order = read_dataset(dir.path()).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(out_of_order.assessments, in_order.assessments);
}
