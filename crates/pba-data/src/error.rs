//! Errors of reading and writing files.
//!
//! Reading collects every problem of every file before failing: a
//! [`DataErrors`] holds them all, sorted, and prints at most
//! [`MAX_PRINTED_PER_FILE`] per file.

use std::fmt;
use std::path::PathBuf;

use crate::read_dataset::DATASET_FILES;

/// How many errors of one file are printed before "… and N more".
pub const MAX_PRINTED_PER_FILE: usize = 50;

/// A value quoted in a message (between backticks) longer than this many
/// characters is shortened to its first [`SHOWN_CHARACTERS`], so a cell
/// holding a pasted paragraph does not flood the terminal.
pub const MAX_QUOTED_CHARACTERS: usize = 80;

/// How many characters of a long quoted value a message shows.
pub const SHOWN_CHARACTERS: usize = 40;

/// Shortens every backticked span of `message` longer than
/// [`MAX_QUOTED_CHARACTERS`]: `` `abc…` (5000 characters) ``.
fn shortened(message: String) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    let long = |part: &str| part.chars().count() > MAX_QUOTED_CHARACTERS;
    if !parts.iter().skip(1).step_by(2).any(|part| long(part)) {
        return message;
    }
    let mut text = String::with_capacity(message.len().min(1024));
    let mut pending: Option<usize> = None;
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            text.push('`');
            if let Some(count) = pending.take() {
                text.push_str(&format!(" ({count} characters)"));
            }
        }
        if index % 2 == 1 && long(part) {
            text.extend(part.chars().take(SHOWN_CHARACTERS));
            text.push('…');
            pending = Some(part.chars().count());
        } else {
            text.push_str(part);
        }
    }
    if let Some(count) = pending {
        text.push_str(&format!(" ({count} characters)"));
    }
    text
}

/// A column name, shortened like a quoted value when it is very long.
fn shortened_name(name: String) -> String {
    if name.chars().count() <= MAX_QUOTED_CHARACTERS {
        return name;
    }
    let head: String = name.chars().take(SHOWN_CHARACTERS).collect();
    format!("{head}… ({} characters)", name.chars().count())
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// File name as the user knows it (`facilities.csv`).
    pub file: String,
    /// Row, 1-based, the header being row 1; `None` for a whole-file problem.
    pub row: Option<usize>,
    /// Column name; `None` when the problem is not about one column.
    pub column: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl DataError {
    /// A problem of a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            row: None,
            column: None,
            message: shortened(message.into()),
        }
    }

    /// A problem of one column (a header problem).
    pub fn column(
        file: impl Into<String>,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            row: None,
            column: Some(shortened_name(column.into())),
            message: shortened(message.into()),
        }
    }

    /// A problem of one cell.
    pub fn cell(
        file: impl Into<String>,
        row: usize,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            row: Some(row),
            column: Some(shortened_name(column.into())),
            message: shortened(message.into()),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.file)?;
        if let Some(row) = self.row {
            write!(formatter, ":{row}")?;
        }
        if let Some(column) = &self.column {
            write!(formatter, ": column `{column}`")?;
        }
        write!(formatter, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}

/// Every problem found in a set of input files, sorted by file (in the order
/// of SPEC section 2, others after by name), then row, column and message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataErrors {
    /// The problems, sorted.
    pub errors: Vec<DataError>,
}

fn file_rank(file: &str) -> usize {
    DATASET_FILES
        .iter()
        .position(|known| *known == file)
        .unwrap_or(DATASET_FILES.len())
}

impl DataErrors {
    /// Sorts the errors deterministically and drops exact repeats.
    #[must_use]
    pub fn new(mut errors: Vec<DataError>) -> Self {
        errors.sort_by(|left, right| {
            (
                file_rank(&left.file),
                &left.file,
                left.row,
                &left.column,
                &left.message,
            )
                .cmp(&(
                    file_rank(&right.file),
                    &right.file,
                    right.row,
                    &right.column,
                    &right.message,
                ))
        });
        errors.dedup();
        Self { errors }
    }

    /// No error at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Number of errors.
    #[must_use]
    pub fn len(&self) -> usize {
        self.errors.len()
    }
}

impl From<DataError> for DataErrors {
    fn from(error: DataError) -> Self {
        Self::new(vec![error])
    }
}

impl fmt::Display for DataErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut index = 0;
        while let Some(head) = self.errors.get(index) {
            let count = self.errors[index..]
                .iter()
                .take_while(|error| error.file == head.file)
                .count();
            for error in self
                .errors
                .iter()
                .skip(index)
                .take(count.min(MAX_PRINTED_PER_FILE))
            {
                if !first {
                    formatter.write_str("\n")?;
                }
                first = false;
                write!(formatter, "{error}")?;
            }
            if count > MAX_PRINTED_PER_FILE {
                write!(
                    formatter,
                    "\n{}: … and {} more",
                    head.file,
                    count - MAX_PRINTED_PER_FILE
                )?;
            }
            index += count;
        }
        Ok(())
    }
}

impl std::error::Error for DataErrors {}

/// A failure to produce or write an output.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done: `create`, `write`, `rename`...
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// Two outputs of one set have the same name.
    #[error("output `{name}` is given twice")]
    DuplicateOutput {
        /// The file name.
        name: String,
    },
    /// An output name is not a plain file name.
    #[error("output name `{name}` is not a plain file name")]
    BadOutputName {
        /// The name given.
        name: String,
    },
    /// The XLSX writer failed.
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_shortened() {
        let long = "x".repeat(5000);
        let error = DataError::cell(
            "facilities.csv",
            6,
            "type",
            format!("unknown value `{long}`, expected one of `a`, `b`"),
        );
        assert_eq!(
            error.to_string(),
            format!(
                "facilities.csv:6: column `type`: unknown value `{}…` (5000 characters), expected one of `a`, `b`",
                "x".repeat(SHOWN_CHARACTERS)
            )
        );
    }

    #[test]
    fn short_messages_are_unchanged() {
        let message = "`a` is not `b`; an odd ` is kept".to_owned();
        assert_eq!(shortened(message.clone()), message);
    }
}
