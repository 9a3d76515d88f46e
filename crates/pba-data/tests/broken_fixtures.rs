//! The whole error report of each broken fixture, as insta snapshots.
//! A broken fixture directory holds only the files that differ from
//! `tests/fixtures/small`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::Path;

fn report(broken: &str) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    for source in ["small", broken] {
        for entry in std::fs::read_dir(fixtures.join(source)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    match pba_data::read_dataset(dir.path()) {
        Ok(_) => "no error".to_owned(),
        Err(errors) => errors.to_string(),
    }
}

#[test]
fn broken_cells() {
    insta::assert_snapshot!(report("broken-cells"));
}

#[test]
fn broken_references() {
    insta::assert_snapshot!(report("broken-references"));
}

#[test]
fn broken_headers() {
    insta::assert_snapshot!(report("broken-headers"));
}
