//! Errors of reading and writing files.
//!
//! Reading collects every problem of every file before failing: a
//! [`DataErrors`] holds them all, sorted, and prints at most
//! [`MAX_PRINTED_PER_FILE`] per file.

use std::fmt;
use std::path::PathBuf;

/// How many errors of one file are printed before "… and N more".
pub const MAX_PRINTED_PER_FILE: usize = 50;

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
            message: message.into(),
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
            column: Some(column.into()),
            message: message.into(),
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
            column: Some(column.into()),
            message: message.into(),
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

/// The dataset files in the order errors are reported.
const FILE_ORDER: &[&str] = &[
    "districts.csv",
    "facilities.csv",
    "assessments.csv",
    "assessment_values.csv",
    "committee_members.csv",
    "consultations.csv",
    "consultation_values.csv",
    "transfers.csv",
];

fn file_rank(file: &str) -> usize {
    FILE_ORDER
        .iter()
        .position(|known| *known == file)
        .unwrap_or(FILE_ORDER.len())
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
