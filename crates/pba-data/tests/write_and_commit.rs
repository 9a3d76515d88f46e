//! Writing: a dataset round-trips through its CSV files; an output set is
//! written all or nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;

use pba_data::{OutputSet, Table, ValuesShape, read_dataset, write_dataset};
use pba_scoring::Dataset;

fn small() -> Dataset {
    read_dataset(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small")).unwrap()
}

fn write_and_read(dataset: &Dataset, shape: ValuesShape) -> Dataset {
    let mut outputs = OutputSet::default();
    for (name, text) in write_dataset(dataset, shape) {
        outputs.add_bytes(name, text.into_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    outputs.commit(dir.path()).unwrap();
    read_dataset(dir.path()).unwrap_or_else(|errors| panic!("{errors}"))
}

#[test]
fn long_shape_round_trips() {
    let dataset = small();
    assert_eq!(write_and_read(&dataset, ValuesShape::Long), dataset);
}

#[test]
fn wide_shape_round_trips_without_comments_and_missing_values() {
    let mut dataset = small();
    for assessment in dataset.assessments.values_mut() {
        assessment.values.retain(|entry| entry.value().is_some());
    }
    dataset.assessment_comments.clear();
    dataset.consultation_comments.clear();
    assert_eq!(write_and_read(&dataset, ValuesShape::Wide), dataset);
}

#[test]
fn written_files_are_canonical() {
    let files = write_dataset(&small(), ValuesShape::Long);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "districts.csv",
            "facilities.csv",
            "assessments.csv",
            "assessment_values.csv",
            "committee_members.csv",
            "consultations.csv",
            "consultation_values.csv",
            "transfers.csv"
        ]
    );
    insta::assert_snapshot!(files[7].1, @r"
    transfer_id,facility_id,pba_year,amount,date,channel,reference
    T001,F001,2020,1250000.00,2020-04-15,e_sistafe,OP-2020-0001
    T002,F003,2020,980000.50,2020-05-02,bank_account,
    ");
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Regression guard: a failure at the second output must leave no new file
/// and no temporary, and must not change a file that was there.
#[test]
fn a_failure_at_the_second_output_leaves_the_directory_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("first.csv"), "old\n").unwrap();
    std::fs::create_dir(dir.path().join("second.csv")).unwrap();
    let table = Table::new(["a"]).with_row(["1"]);
    let mut outputs = OutputSet::default();
    outputs.add_table("first.csv", &table);
    outputs.add_table("second.csv", &table);
    outputs.add_table("third.csv", &table);
    let error = outputs.commit(dir.path()).unwrap_err();
    assert!(error.to_string().contains("second.csv"), "{error}");
    assert_eq!(entries(dir.path()), ["first.csv", "second.csv"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("first.csv")).unwrap(),
        "old\n"
    );
}

#[test]
fn a_commit_writes_every_output_and_creates_the_directory() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("out/run");
    let mut outputs = OutputSet::default();
    outputs.add_table("scores.csv", &Table::new(["a"]).with_row(["=1"]));
    outputs.add_bytes("notes.txt", b"hello".to_vec());
    let lines: Vec<String> = (0..3000).map(|row| format!("{row},x\n")).collect();
    outputs.add_lines("lines.csv", "row,text\n".to_owned(), lines.clone());
    let expected = format!("row,text\n{}", lines.concat());
    assert_eq!(
        outputs.get("lines.csv").as_deref(),
        Some(expected.as_bytes())
    );
    let written = outputs.commit(&dir).unwrap();
    assert_eq!(
        written,
        [
            dir.join("scores.csv"),
            dir.join("notes.txt"),
            dir.join("lines.csv")
        ]
    );
    assert_eq!(entries(&dir), ["lines.csv", "notes.txt", "scores.csv"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("scores.csv")).unwrap(),
        "a\n'=1\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("lines.csv")).unwrap(),
        expected
    );
}

#[test]
fn bad_and_repeated_names_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    for names in [
        ["a.csv", "a.csv"],
        ["a.csv", "../b.csv"],
        ["a.csv", ".hidden"],
    ] {
        let mut outputs = OutputSet::default();
        for name in names {
            outputs.add_bytes(name, Vec::new());
        }
        assert!(outputs.commit(dir.path()).is_err(), "{names:?}");
    }
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn outputs_made_later_are_written_after_the_first_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = OutputSet::default();
    outputs.add_bytes("big.csv", b"a\n1\n".to_vec());
    let written = outputs
        .commit_with(dir.path(), || {
            let mut later = OutputSet::default();
            later.add_table("small.csv", &Table::new(["b"]).with_row(["=2"]));
            later
        })
        .unwrap();
    assert_eq!(
        written,
        [dir.path().join("big.csv"), dir.path().join("small.csv")]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("small.csv")).unwrap(),
        "b\n'=2\n"
    );
}

/// A name repeated across the two sets, or a failure among the later
/// outputs, leaves the directory as it was, temporaries of the first set
/// included.
#[test]
fn a_later_output_that_fails_leaves_the_directory_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("first.csv"), "old\n").unwrap();
    std::fs::create_dir(dir.path().join("blocked.csv")).unwrap();
    for later_name in ["first.csv", "blocked.csv", "../out.csv"] {
        let mut outputs = OutputSet::default();
        outputs.add_bytes("first.csv", b"new\n".to_vec());
        let result = outputs.commit_with(dir.path(), || {
            let mut later = OutputSet::default();
            later.add_bytes(later_name, b"x\n".to_vec());
            later
        });
        assert!(result.is_err(), "{later_name}");
        assert_eq!(entries(dir.path()), ["blocked.csv", "first.csv"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("first.csv")).unwrap(),
            "old\n"
        );
    }
}

/// A backup left by an earlier run of the same process id that stopped half
/// way is never taken for the file being replaced.
#[test]
fn a_stale_backup_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir
        .path()
        .join(format!(".first.csv.{}.bak", std::process::id()));
    std::fs::write(&stale, "stale\n").unwrap();
    std::fs::create_dir(dir.path().join("second.csv")).unwrap();
    let mut outputs = OutputSet::default();
    outputs.add_bytes("first.csv", b"new\n".to_vec());
    outputs.add_bytes("second.csv", b"x\n".to_vec());
    assert!(outputs.commit(dir.path()).is_err());
    assert!(
        !dir.path().join("first.csv").exists(),
        "the stale backup came back"
    );
}
