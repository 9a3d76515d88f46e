//! `assessment_values.csv` is read in chunks of rows (a national file never
//! has all its cells in memory at once). Whatever the chunk size, the dataset
//! and every error message must be those of reading the file whole: checked
//! here on every dataset case of the bad-input corpus (blank lines, CRLF,
//! quotes, duplicates across rows, unknown ids...), the test fixtures and the
//! shipped sample, with chunks of 1, 2, 3, 5 and 64 rows.

use std::path::{Path, PathBuf};

use pba_data::{read_dataset, read_dataset_in_chunks};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The read as text: the dataset's debug form, or the errors.
fn read(dir: &Path, chunk_rows: Option<usize>) -> String {
    let result = match chunk_rows {
        None => read_dataset(dir),
        Some(rows) => read_dataset_in_chunks(dir, rows),
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

fn assert_chunks_read_like_the_whole(dir: &Path) {
    let whole = read(dir, None);
    for rows in [1, 2, 3, 5, 64] {
        assert_eq!(
            read(dir, Some(rows)),
            whole,
            "{} read in chunks of {rows} rows",
            dir.display()
        );
    }
}

#[test]
fn every_bad_input_dataset_reads_the_same_in_chunks() {
    let corpus = repository().join("tests/bad-inputs");
    let mut checked = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let case = entry.unwrap().path();
        if !case.join("assessment_values.csv").exists() || case.ends_with("_base") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        copy_files(&corpus.join("_base"), dir.path());
        copy_files(&case, dir.path());
        assert_chunks_read_like_the_whole(dir.path());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} cases have assessment values");
}

#[test]
fn fixtures_and_the_sample_read_the_same_in_chunks() {
    for dir in [
        "tests/bad-inputs/_base",
        "tests/fixtures/small",
        "data/sample",
    ] {
        assert_chunks_read_like_the_whole(&repository().join(dir));
    }
}
