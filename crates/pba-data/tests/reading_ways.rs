//! A dataset is read the same whichever way its CSV text is read: files
//! without quotes split into lines and cells directly (the default), value
//! files then read in parts on every core; or every file read by polars,
//! `assessment_values.csv` then in chunks of rows (a national file never has
//! all its cells in memory at once). The dataset and every error message
//! must be the same: checked here on every dataset case of the bad-input
//! corpus (blank lines, CRLF, quotes, duplicates across rows, unknown
//! ids...), the test fixtures and the shipped sample, with parts or chunks of
//! 1, 2, 3, 5 and 64 rows and of the whole file.

use std::path::{Path, PathBuf};

use pba_data::{Parser, Reading, read_dataset, read_dataset_with};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The read as text: the dataset's debug form, or the errors. `None` reads
/// the default way.
fn read(dir: &Path, reading: Option<Reading>) -> String {
    let result = match reading {
        None => read_dataset(dir),
        Some(reading) => read_dataset_with(dir, reading),
    };
    match result {
        Ok(dataset) => format!("{dataset:?}"),
        Err(errors) => format!("errors:\n{errors}"),
    }
}

fn copy_files(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|extension| extension == "csv") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn assert_every_way_reads_the_same(dir: &Path) {
    let default = read(dir, None);
    for parser in [Parser::Split, Parser::Polars] {
        for chunk_rows in [1, 2, 3, 5, 64, usize::MAX] {
            assert_eq!(
                read(dir, Some(Reading { parser, chunk_rows })),
                default,
                "{} read with {parser:?} in chunks or parts of {chunk_rows} rows",
                dir.display()
            );
        }
    }
}

#[test]
fn every_bad_input_dataset_reads_the_same_every_way() {
    let corpus = repository().join("tests/bad-inputs");
    let mut checked = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let case = entry.unwrap().path();
        if case.ends_with("_base") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        copy_files(&corpus.join("_base"), dir.path());
        copy_files(&case, dir.path());
        assert_every_way_reads_the_same(dir.path());
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} cases read");
}

#[test]
fn fixtures_and_the_sample_read_the_same_every_way() {
    for dir in [
        "tests/bad-inputs/_base",
        "tests/fixtures/small",
        "data/sample",
    ] {
        assert_every_way_reads_the_same(&repository().join(dir));
    }
}
