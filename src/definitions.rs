//! Loading definitions: the embedded shipped ones, or the TOML files of a
//! directory given on the command line (which then replaces them).

use std::path::{Path, PathBuf};

use pba_scorecard::{Policy, ProgramDefinition, ScorecardSet, parse_policy_for, parse_program};

use crate::defaults;
use crate::failure::{Failure, Outcome};

/// A definition file's name (as shown in messages) and its text.
pub struct Source {
    /// The path shown in messages.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// The sources of a set: the embedded defaults, or every `*.toml` of `directory`.
pub fn sources(directory: Option<&Path>, shipped: &[(&str, &str)]) -> Outcome<Vec<Source>> {
    let Some(directory) = directory else {
        return Ok(shipped
            .iter()
            .map(|(name, text)| Source {
                name: format!("<shipped>/{name}"),
                text: (*text).to_owned(),
            })
            .collect());
    };
    let entries = std::fs::read_dir(directory).map_err(|error| {
        Failure::user(format!(
            "cannot read directory `{}`: {error}",
            directory.display()
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::user(format!(
            "directory `{}` holds no `*.toml` definition",
            directory.display()
        )));
    }
    paths.iter().map(|path| read_source(path)).collect()
}

/// Reads one definition file.
pub fn read_source(path: &Path) -> Outcome<Source> {
    let bytes = std::fs::read(path)
        .map_err(|error| Failure::user(format!("cannot read `{}`: {error}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = error.as_bytes().get(..valid).unwrap_or_default();
        let line = prefix.iter().filter(|byte| **byte == b'\n').count() + 1;
        let column = prefix
            .rsplit(|byte| *byte == b'\n')
            .next()
            .map_or(0, |last| String::from_utf8_lossy(last).chars().count())
            + 1;
        Failure::user(format!(
            "{}:{line}:{column}: the file is not UTF-8 text (invalid byte), expected UTF-8",
            path.display()
        ))
    })?;
    Ok(Source {
        name: path.display().to_string(),
        text,
    })
}

/// Parses every scorecard and checks them together.
pub fn scorecards(directory: Option<&Path>) -> Outcome<ScorecardSet> {
    let sources: Vec<(String, String)> = sources(directory, defaults::SCORECARDS)?
        .into_iter()
        .map(|source| (source.name, source.text))
        .collect();
    ScorecardSet::parse(&sources).map_err(Failure::user)
}

/// Parses the program file, or the shipped Mozambique program.
pub fn program(file: Option<&Path>) -> Outcome<ProgramDefinition> {
    let source = match file {
        Some(path) => read_source(path)?,
        None => {
            let (name, text) = defaults::PROGRAMS
                .first()
                .ok_or_else(|| Failure::internal("no shipped program"))?;
            Source {
                name: format!("<shipped>/{name}"),
                text: (*text).to_owned(),
            }
        }
    };
    parse_program(&source.name, &source.text).map_err(Failure::user)
}

/// Parses a policy file and checks its scorecard exists.
pub fn policy(path: &Path, scorecards: &ScorecardSet) -> Outcome<Policy> {
    let source = read_source(path)?;
    parse_checked_policy(&source, scorecards)
}

/// Parses a policy source and checks its scorecard exists.
pub fn parse_checked_policy(source: &Source, scorecards: &ScorecardSet) -> Outcome<Policy> {
    parse_policy_for(&source.name, &source.text, scorecards).map_err(Failure::user)
}

/// Every policy of a directory (or the shipped ones) paying in `pba_year`.
pub fn policies_for_year(
    directory: Option<&Path>,
    scorecards: &ScorecardSet,
    pba_year: i32,
) -> Outcome<Vec<(String, Policy)>> {
    let mut found = Vec::new();
    for source in sources(directory, defaults::POLICIES)? {
        let policy = parse_checked_policy(&source, scorecards)?;
        if policy.pba_year == pba_year {
            found.push((source.name, policy));
        }
    }
    Ok(found)
}
