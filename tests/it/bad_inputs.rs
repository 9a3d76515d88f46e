//! The bad-input corpus (`tests/bad-inputs/`): one directory per case, one
//! mistake each, run through the real binary.
//!
//! A case directory holds `case.toml` and only the files that differ from the
//! small valid dataset in `tests/bad-inputs/_base/`. `case.toml` starts with
//! a comment saying what is wrong and has:
//!
//! - `args = [...]`: the `pba` command line. `{case}` is a temporary copy of
//!   the base with the case's files laid over it, `{out}` a fresh empty
//!   output directory, `{base}` the untouched base dataset.
//! - `exit = 0` (optional, default `2`): the expected exit code, for cases
//!   that must be accepted (a byte-order mark, CRLF line ends, the wide
//!   shape, a header-only file where zero rows make sense).
//! - `same_as_base = false` (optional, default `true` when `exit = 0`): an
//!   accepted case's outputs must be byte-identical to the same command's on
//!   the base, unless this says the case changes the data.
//! - `remove = ["file", ...]` (optional): base files the case deletes.
//!
//! Each case's exit code and stderr are snapshotted
//! (`snapshots/bad-inputs/<case>.snap`). A failing case must leave `{out}`
//! without any file.

use std::path::{Path, PathBuf};

use crate::support::{files, pba_in, repo};

/// One case of the corpus.
struct Case {
    name: String,
    directory: PathBuf,
    comment: String,
    args: Vec<String>,
    exit: i32,
    same_as_base: bool,
    remove: Vec<String>,
}

fn corpus_root() -> PathBuf {
    repo("tests/bad-inputs")
}

fn base() -> PathBuf {
    corpus_root().join("_base")
}

fn load(directory: &Path) -> Case {
    let text = std::fs::read_to_string(directory.join("case.toml")).unwrap();
    let comment: Vec<&str> = text
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .collect();
    let table: toml::Table = text.parse().unwrap();
    let strings = |key: &str| -> Vec<String> {
        table
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|values| {
                values
                    .iter()
                    .map(|value| value.as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let exit = table
        .get("exit")
        .and_then(toml::Value::as_integer)
        .map_or(2, |code| i32::try_from(code).unwrap());
    let same_as_base = table
        .get("same_as_base")
        .and_then(toml::Value::as_bool)
        .unwrap_or(exit == 0);
    for key in table.keys() {
        assert!(
            ["args", "exit", "same_as_base", "remove"].contains(&key.as_str()),
            "{}: unknown key `{key}` in case.toml",
            directory.display()
        );
    }
    Case {
        name: directory
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned(),
        directory: directory.to_path_buf(),
        comment: comment.join(" "),
        args: strings("args"),
        exit,
        same_as_base,
        remove: strings("remove"),
    }
}

fn cases() -> Vec<Case> {
    let mut directories: Vec<PathBuf> = std::fs::read_dir(corpus_root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.is_dir() && !path.file_name().unwrap().to_string_lossy().starts_with('_')
        })
        .collect();
    directories.sort();
    directories
        .iter()
        .map(|directory| load(directory))
        .collect()
}

/// Copies a directory tree.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Lays out `{case}` (base, then the case's files, minus `remove`) and an
/// empty `{out}` under `temporary`; runs the command there.
fn run(case: &Case, temporary: &Path, overlay: bool) -> crate::support::Run {
    let data = temporary.join("case");
    let out = temporary.join("out");
    copy_tree(&base(), &data);
    if overlay {
        copy_tree(&case.directory, &data);
        std::fs::remove_file(data.join("case.toml")).unwrap();
        for name in &case.remove {
            std::fs::remove_file(data.join(name)).unwrap();
        }
    }
    std::fs::create_dir_all(&out).unwrap();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|arg| {
            arg.replace("{case}", &data.display().to_string())
                .replace("{out}", &out.display().to_string())
                .replace("{base}", &base().display().to_string())
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    pba_in(temporary, &args, Some(temporary))
}

/// Every file of `directory` with its bytes.
fn contents(directory: &Path) -> Vec<(String, Vec<u8>)> {
    files(directory)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(directory.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

/// Runs one case; returns what is wrong with the outcome, if anything.
fn check(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let temporary = tempfile::tempdir().unwrap();
    let outcome = run(case, temporary.path(), true);
    if outcome.code != case.exit {
        problems.push(format!(
            "exit code {}, expected {}\nstderr:\n{}",
            outcome.code, case.exit, outcome.stderr
        ));
    }
    let written = files(&temporary.path().join("out"));
    if case.exit != 0 && !written.is_empty() {
        problems.push(format!("a failed run left files in `{{out}}`: {written:?}"));
    }
    if case.same_as_base {
        let reference = tempfile::tempdir().unwrap();
        let expected = run(case, reference.path(), false);
        assert_eq!(
            expected.code, 0,
            "{}: the base fails: {}",
            case.name, expected.stderr
        );
        if contents(&temporary.path().join("out")) != contents(&reference.path().join("out")) {
            problems.push("outputs differ from the same command on the base dataset".to_owned());
        }
    }
    let snapshot = format!(
        "pba {}\nexit: {}\nstderr:\n{}",
        case.args.join(" "),
        outcome.code,
        outcome.stderr
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/bad-inputs");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(case.comment.clone());
    settings.set_omit_expression(true);
    let name = case.name.clone();
    let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, snapshot));
    }));
    if compared.is_err() {
        problems.push("snapshot differs".to_owned());
    }
    problems
}

#[test]
fn every_bad_input_is_refused_with_a_located_message() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            !case.comment.is_empty(),
            "{}: case.toml must start with a comment",
            case.name
        );
        assert!(
            !case.args.is_empty(),
            "{}: case.toml has no `args`",
            case.name
        );
        for problem in check(case) {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
