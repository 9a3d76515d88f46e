//! Definition errors: each names the file, the 1-based line and column of the
//! offending key or value, and what is wrong.

use std::fmt;
use std::ops::Range;

use crate::location::Location;

/// One mistake in a definition file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct DefinitionError {
    /// The file, as the caller named it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// What is wrong, with a hint when there is an obvious fix.
    pub message: String,
}

/// Every mistake found, in file order; displayed one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionErrors(pub Vec<DefinitionError>);

impl fmt::Display for DefinitionErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                formatter.write_str("\n")?;
            }
            write!(formatter, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionErrors {}

impl DefinitionError {
    /// An error at `location` of `file`.
    #[must_use]
    pub fn at(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: location.line,
            column: location.column,
            message: message.into(),
        }
    }
}

impl DefinitionErrors {
    /// Adds another file's errors after these.
    pub fn extend(&mut self, other: Self) {
        self.0.extend(other.0);
    }
}

/// Collects the semantic errors of one file, so that all of them are reported
/// at once.
#[derive(Debug)]
pub(crate) struct Findings<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<DefinitionError>,
}

impl<'a> Findings<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            errors: Vec::new(),
        }
    }

    /// Records `message` at the start of `span`.
    pub(crate) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let location = Location::of_offset(self.text, span.start);
        self.errors
            .push(DefinitionError::at(self.file, location, message));
    }

    /// `value` when nothing was found wrong, else every error, sorted by place
    /// (errors at the same place keep the order they were found in).
    pub(crate) fn finish<T>(self, value: T) -> Result<T, DefinitionErrors> {
        let mut errors = self.errors;
        if errors.is_empty() {
            return Ok(value);
        }
        errors.sort_by_key(|error| (error.line, error.column));
        Err(DefinitionErrors(errors))
    }
}
