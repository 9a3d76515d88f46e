//! Every kind of input error, as data: `tests/cases/read_errors.toml`.
//! Each case starts from `tests/fixtures/small`, changes some files, and
//! compares the whole error report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::path::Path;

use pba_data::read_dataset;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    remove: Vec<String>,
    expected: String,
}

fn fixture_copy(files: &BTreeMap<String, String>, remove: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    for entry in std::fs::read_dir(small).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    for name in remove {
        std::fs::remove_file(dir.path().join(name)).unwrap();
    }
    dir
}

fn errors_of(dir: &Path) -> String {
    match read_dataset(dir) {
        Ok(_) => "no error".to_owned(),
        Err(errors) => errors
            .to_string()
            .replace(&dir.display().to_string(), "DIR"),
    }
}

#[test]
fn every_case_reports_what_it_expects() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/read_errors.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in &cases.case {
        let dir = fixture_copy(&case.files, &case.remove);
        let found = errors_of(dir.path());
        if found != case.expected.trim_end() {
            failures.push(format!(
                "case `{}`:\nexpected:\n{}\nfound:\n{found}\n",
                case.name,
                case.expected.trim_end()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.case.len() >= 20, "the cases file was not read whole");
}

#[test]
fn invalid_utf8_is_located_by_line_and_column() {
    let dir = fixture_copy(&BTreeMap::new(), &[]);
    std::fs::write(
        dir.path().join("districts.csv"),
        b"district_id,name,province,priority\nD01,Mecuburi,Nampula,lagging\nD02,Ch\xF3kw\xE9,Gaza,none\n",
    )
    .unwrap();
    let found = errors_of(dir.path());
    assert_eq!(
        found,
        "districts.csv: invalid UTF-8 byte `0xF3` at line 3, column 7; save the file as UTF-8"
    );
}

/// A file with many errors prints 50 of them, then how many more.
#[test]
fn errors_are_capped_per_file() {
    let mut committee = String::from("assessment_id,name,role,organization\n");
    for index in 0..60 {
        committee.push_str(&format!("A001,Member {index},boss,SDSMAS\n"));
    }
    let files = BTreeMap::from([("committee_members.csv".to_owned(), committee)]);
    let dir = fixture_copy(&files, &[]);
    let found = errors_of(dir.path());
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(lines.len(), 51, "{found}");
    assert!(lines[0].starts_with("committee_members.csv:2: column `role`: unknown value `boss`"));
    assert_eq!(lines[50], "committee_members.csv: … and 10 more");
}
