//! Regression tests named after what broke.

use crate::support::{files, pba_in, repo, root};

/// The `result_files` fuzz target found this `facility-scores.csv` (a
/// non-UTF-8 byte in the header, then a mangled header); it must be a located
/// error with exit code 2 and no output, never a panic.
#[test]
fn fuzz_crash_in_facility_scores_header_is_a_located_error() {
    let out = tempfile::tempdir().unwrap();
    let scores = repo("tests/fixtures/fuzz-result-files-crash-facility-scores.csv");
    let run = pba_in(
        &root(),
        &[
            "allocate",
            "--data",
            "tests/fixtures/small",
            "--policy",
            "tests/fixtures/policies/hospitals-2020.toml",
            "--scores",
            &scores.display().to_string(),
            "--out",
            &out.path().display().to_string(),
        ],
        Some(out.path()),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("line 1, column 4"), "{}", run.stderr);
    assert!(files(out.path()).is_empty());
}
