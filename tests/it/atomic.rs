//! Atomic outputs at the binary level (SPEC section 8): when a command's
//! second output cannot be put in place, the first is taken back, no
//! temporary is left, and files that were there before are unchanged.

use std::path::Path;

use crate::support::{Run, pba_in, repo};

/// Every entry of a directory (files and directories, hidden ones
/// included), by name, sorted.
fn entries(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn base() -> String {
    repo("tests/bad-inputs/_base").display().to_string()
}

/// `pba score` of the base dataset for 2019 into `out`, run from `temporary`.
fn score(temporary: &Path, out: &Path) -> Run {
    let out = out.display().to_string();
    pba_in(
        temporary,
        &["score", "--data", &base(), "--year", "2019", "--out", &out],
        Some(temporary),
    )
}

#[test]
fn score_leaves_nothing_when_its_second_output_cannot_be_written() {
    let temporary = tempfile::tempdir().unwrap();
    let out = temporary.path().join("out");
    // `facility-scores.csv`, the second output, cannot replace a directory.
    std::fs::create_dir_all(out.join("facility-scores.csv")).unwrap();
    let run = score(temporary.path(), &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("[TMP]/out/facility-scores.csv"),
        "the message names the output that failed: {}",
        run.stderr
    );
    assert_eq!(entries(&out), ["facility-scores.csv"]);
    assert!(entries(&out.join("facility-scores.csv")).is_empty());
}

#[test]
fn score_keeps_the_previous_outputs_when_it_fails() {
    let temporary = tempfile::tempdir().unwrap();
    let out = temporary.path().join("out");
    std::fs::create_dir_all(out.join("facility-scores.csv")).unwrap();
    std::fs::write(out.join("assessment-scores.csv"), "from an earlier run\n").unwrap();
    let run = score(temporary.path(), &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        entries(&out),
        ["assessment-scores.csv", "facility-scores.csv"]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("assessment-scores.csv")).unwrap(),
        "from an earlier run\n"
    );
}

#[test]
fn allocate_leaves_no_csv_when_the_workbook_cannot_be_written() {
    let temporary = tempfile::tempdir().unwrap();
    let out = temporary.path().join("out");
    std::fs::create_dir_all(out.join("pba-list.xlsx")).unwrap();
    let out_text = out.display().to_string();
    let policy = format!("{}/policy.toml", base());
    let run = pba_in(
        temporary.path(),
        &[
            "allocate",
            "--data",
            &base(),
            "--policy",
            &policy,
            "--out",
            &out_text,
        ],
        Some(temporary.path()),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(entries(&out), ["pba-list.xlsx"]);
}

#[test]
fn a_successful_run_leaves_only_its_outputs() {
    let temporary = tempfile::tempdir().unwrap();
    let out = temporary.path().join("out");
    let run = score(temporary.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        entries(&out),
        ["assessment-scores.csv", "facility-scores.csv"]
    );
}
