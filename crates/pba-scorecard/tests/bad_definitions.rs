//! The bad-definition corpus (`tests/bad-definitions/` at the workspace root):
//! each file holds one mistake, says which in its first `# ` line, and must
//! be refused with an error naming the right file, line and column. Each
//! file's errors are snapshotted, followed by the offending source line and a
//! caret under the reported column so the place can be checked by eye.
//!
//! `scorecard-*.toml` go through [`ScorecardSet::parse`] together with a small
//! valid consultation scorecard so the `[combine]` checks run;
//! `program-*.toml` through [`parse_program`]; `policy-*.toml` through
//! [`parse_policy_for`] against the fixture scorecards.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pba_scorecard::{DefinitionErrors, ScorecardSet, parse_policy_for, parse_program};

fn corpus() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-definitions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    paths
}

fn fixture(name: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scorecards")
        .join(name);
    (
        format!("fixtures/{name}"),
        std::fs::read_to_string(path).unwrap(),
    )
}

fn fixture_scorecards() -> ScorecardSet {
    let sources = [
        "community-consultation.toml",
        "health-center.toml",
        "hospital.toml",
    ]
    .map(fixture);
    ScorecardSet::parse(&sources).unwrap()
}

/// Runs the parser the file's name prefix selects.
fn refuse(name: &str, text: &str) -> DefinitionErrors {
    let outcome = if name.starts_with("scorecard-") {
        ScorecardSet::parse(&[
            fixture("community-consultation.toml"),
            (name.to_owned(), text.to_owned()),
        ])
        .map(drop)
    } else if name.starts_with("program-") {
        parse_program(name, text).map(drop)
    } else if name.starts_with("policy-") {
        parse_policy_for(name, text, &fixture_scorecards()).map(drop)
    } else {
        panic!("`{name}` must start with `scorecard-`, `program-` or `policy-`");
    };
    match outcome {
        Ok(()) => panic!("`{name}` was accepted, but it holds a mistake"),
        Err(errors) => errors,
    }
}

/// The errors, then each error's source line with a caret under its column.
fn render(name: &str, text: &str, errors: &DefinitionErrors) -> String {
    let mut rendered = format!("{errors}\n");
    for error in &errors.0 {
        assert_eq!(error.file, name, "an error names another file: {error}");
        let line = text.lines().nth(error.line - 1).unwrap_or("");
        let caret = " ".repeat(error.column - 1);
        write!(rendered, "\n{:>3} | {line}\n    | {caret}^", error.line).unwrap();
    }
    rendered
}

#[test]
fn every_bad_definition_is_refused_at_the_right_place() {
    let paths = corpus();
    assert!(
        paths.len() >= 25,
        "the corpus holds {} files, expected at least 25",
        paths.len()
    );
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# "),
            "`{name}` must begin with a `# ` comment saying what is wrong"
        );
        let errors = refuse(&name, &text);
        insta::with_settings!({ description => text.lines().next().unwrap_or_default(), omit_expression => true }, {
            insta::assert_snapshot!(name.trim_end_matches(".toml"), render(&name, &text, &errors));
        });
    }
}
