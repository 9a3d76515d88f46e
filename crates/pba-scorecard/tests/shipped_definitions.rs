//! Every shipped definition (`scorecards/`, `programs/`, `policies/` at the
//! workspace root) parses, and its validated form is snapshotted so a change
//! to a shipped file shows up in review. The same runs on this crate's small
//! fixtures in `tests/fixtures/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use pba_scorecard::{ScorecardSet, parse_policy_for, parse_program, parse_scorecard};

/// The `*.toml` files of `directory`, sorted, as (name shown in errors, text).
fn sources(directory: &Path) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot read `{}`: {error}", directory.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "`{}` holds no `*.toml` definition",
        directory.display()
    );
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

fn stem(name: &str) -> &str {
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Parses and snapshots every definition under `root`; `prefix` names the snapshots.
fn parse_and_snapshot(root: &Path, prefix: &str) {
    let scorecard_sources = sources(&root.join("scorecards"));
    let scorecards =
        ScorecardSet::parse(&scorecard_sources).unwrap_or_else(|errors| panic!("{errors}"));
    for (name, text) in &scorecard_sources {
        let definition = parse_scorecard(name, text).unwrap_or_else(|errors| panic!("{errors}"));
        insta::assert_yaml_snapshot!(format!("{prefix}-scorecard-{}", stem(name)), definition);
    }
    for (name, text) in sources(&root.join("programs")) {
        let program = parse_program(&name, &text).unwrap_or_else(|errors| panic!("{errors}"));
        insta::assert_yaml_snapshot!(format!("{prefix}-program-{}", stem(&name)), program);
    }
    for (name, text) in sources(&root.join("policies")) {
        let policy =
            parse_policy_for(&name, &text, &scorecards).unwrap_or_else(|errors| panic!("{errors}"));
        insta::assert_yaml_snapshot!(format!("{prefix}-policy-{}", stem(&name)), policy);
    }
}

#[test]
fn shipped_definitions_parse() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    parse_and_snapshot(&workspace, "shipped");
}

#[test]
fn fixture_definitions_parse() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    parse_and_snapshot(&fixtures, "fixture");
}
