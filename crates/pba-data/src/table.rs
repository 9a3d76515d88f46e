//! [`Table`]: rows of text written as CSV (RFC 4180 quoting, `\n` line
//! ends, UTF-8 without byte-order mark), spreadsheet-safe.
//!
//! # Spreadsheet safety
//!
//! A spreadsheet executes a cell that starts with `=`, `+`, `-` or `@` (and,
//! through some importers, a tab or carriage return) as a formula. Every cell
//! written (header included) that starts with one of those six characters is
//! prefixed with a single quote `'` — **unless the whole cell is a number** in
//! the decimal grammar pba writes (`-?digits(.digits)?`, e.g. `-5.00`), which
//! a spreadsheet reads as a number anyway. So `-5.00` stays `-5.00`, while
//! `-5.00 MZN`, `+5`, `-`, `=SUM(A1)` and `@x` become `'-5.00 MZN`, `'+5`,
//! `'-`, `'=SUM(A1)` and `'@x`. Reading a file back does not remove the
//! quote: the written file is the record.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use rayon::prelude::{ParallelIterator, ParallelSlice};

use crate::cells;

/// Rows written together by one task of [`csv_text`].
const ROWS_PER_BLOCK: usize = 4096;

/// Column names and rows of text cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Header, in order.
    pub columns: Vec<String>,
    /// Rows; each should have one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns and no row.
    pub fn new<I>(columns: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self {
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push_row<I>(&mut self, row: I)
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    /// The table with a row added.
    #[must_use]
    pub fn with_row<I>(mut self, row: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.push_row(row);
        self
    }

    /// The CSV text: header then rows, each line ending with `\n`.
    #[must_use]
    pub fn to_csv(&self) -> String {
        csv_text(&self.columns, &self.rows, |text, row| {
            write_row(text, row.iter().map(String::as_str));
        })
    }
}

/// CSV text of a header and one row per record, without keeping the rows:
/// `write` writes a record's row with [`write_row`]. Blocks of records are
/// written on every core and joined in order.
pub fn csv_text<T: Sync>(
    columns: &[String],
    records: &[T],
    write: impl Fn(&mut String, &T) + Sync,
) -> String {
    let mut text = String::new();
    write_row(&mut text, columns.iter().map(String::as_str));
    let blocks: Vec<String> = records
        .par_chunks(ROWS_PER_BLOCK)
        .map(|records| {
            let mut block = String::new();
            for record in records {
                write(&mut block, record);
            }
            block
        })
        .collect();
    text.reserve(blocks.iter().map(String::len).sum());
    for block in blocks {
        text.push_str(&block);
    }
    text
}

/// Writes one row (see the module documentation) and its line break.
pub fn write_row<'a>(text: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    let mut row = RowWriter::new(text);
    for cell in cells {
        row.cell(cell);
    }
    row.end();
}

/// One row written cell by cell, each cell made spreadsheet-safe and quoted
/// as [`write_row`] does, without a string of its own: a national
/// `assessment-scores.csv` has millions of cells. A cell is written where it
/// goes, then rewritten in the rare case it must change.
pub struct RowWriter<'t> {
    text: &'t mut String,
    cells: usize,
}

impl<'t> RowWriter<'t> {
    /// A row written at the end of `text`.
    pub fn new(text: &'t mut String) -> Self {
        Self { text, cells: 0 }
    }

    /// Writes a cell.
    pub fn cell(&mut self, cell: &str) {
        self.cell_with(|text| text.push_str(cell));
    }

    /// Writes a cell as `value`'s `Display` shows it.
    pub fn shown(&mut self, value: impl fmt::Display) {
        self.shown_or_empty(Some(value));
    }

    /// [`Self::shown`], or an empty cell for `None`.
    pub fn shown_or_empty(&mut self, value: Option<impl fmt::Display>) {
        self.cell_with(|text| {
            if let Some(value) = value {
                // Writing to a `String` cannot fail.
                let _ = write!(text, "{value}");
            }
        });
    }

    /// Writes the cell `write` appends to the text (it must only append).
    pub fn cell_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.next_cell();
        write(self.text);
        let written = self.text.get(start..).unwrap_or_default();
        if !may_change(written) {
            return;
        }
        // Either step that changes a cell makes it longer (a leading `'`,
        // surrounding quotes): a cell of the same length is unchanged.
        let changed = match quote(&neutralise(written)) {
            Cow::Borrowed(same) if same.len() == written.len() => None,
            changed => Some(changed.into_owned()),
        };
        if let Some(changed) = changed {
            self.text.truncate(start);
            self.text.push_str(&changed);
        }
    }

    /// Writes the cell `write` appends, which must be a plain number (an
    /// optional `-`, digits, an optional `.` and digits) or nothing: a cell
    /// neither quoting nor neutralising changes, so it is not checked.
    pub fn number_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.next_cell();
        write(self.text);
        debug_assert!(
            self.text
                .get(start..)
                .is_some_and(|written| written.is_empty() || is_plain_number(written)),
            "not a plain number: {:?}",
            self.text.get(start..)
        );
    }

    /// Puts the comma before a cell after the first; returns where the cell
    /// starts.
    fn next_cell(&mut self) -> usize {
        if self.cells > 0 {
            self.text.push(',');
        }
        self.cells += 1;
        self.text.len()
    }

    /// Ends the row with its line break.
    pub fn end(self) {
        self.text.push('\n');
    }
}

/// The cell as a spreadsheet should see it: text that would run as a formula
/// gets a leading `'` (see the module documentation); numbers are left alone.
#[must_use]
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cells::decimal(cell).is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether neutralising or quoting could change a cell: it starts with a
/// byte [`neutralise`] looks at, or holds one [`quote`] looks for. One pass
/// over the bytes, for the millions of cells that need neither.
fn may_change(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    bytes
        .first()
        .is_some_and(|first| matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
        || bytes
            .iter()
            .any(|byte| matches!(byte, b',' | b'"' | b'\n' | b'\r'))
}

/// An optional `-`, digits, then optionally `.` and digits.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, decimals) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && digits(decimals)
}

/// RFC 4180 quoting: a cell with a comma, a quote or a line break is put in
/// double quotes, its quotes doubled.
fn quote(cell: &str) -> Cow<'_, str> {
    // Byte by byte: the four are ASCII, and a char pattern decodes each char.
    if cell
        .bytes()
        .any(|byte| matches!(byte, b',' | b'"' | b'\n' | b'\r'))
    {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_but_not_numbers() {
        let cases = [
            ("-5.00", "-5.00"),
            ("-5.00 MZN", "'-5.00 MZN"),
            ("+5", "'+5"),
            ("-", "'-"),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn cells_no_check_would_change_are_seen_at_once() {
        let cells = [
            "",
            "A000001",
            "x,y",
            "say \"hi\"",
            "line\nbreak",
            "-5.00",
            "-5 MZN",
            "+5",
            "=1",
            "@x",
            "\tx",
            "\rx",
            "a-b",
            "a=b",
            "'",
            "é,",
        ];
        for cell in cells {
            let changed = quote(&neutralise(cell)).len() != cell.len();
            assert!(may_change(cell) || !changed, "{cell:?}");
        }
        assert!(!may_change("A000001") && !may_change("a-b=c@d"));
    }

    proptest::proptest! {
        #[test]
        fn a_cell_no_check_would_change_is_left_as_it_is(
            cell in "[-=+@\t\r\n,\"a-z0-9. é]{0,8}",
        ) {
            if !may_change(&cell) {
                let neutralised = neutralise(&cell);
                proptest::prop_assert_eq!(quote(&neutralised), cell.as_str());
            }
        }
    }

    #[test]
    fn plain_numbers_are_cells_no_check_changes() {
        for number in ["0", "-5", "12.50", "-0.00", "100"] {
            assert!(is_plain_number(number), "{number}");
            assert_eq!(quote(&neutralise(number)), number);
        }
        for text in ["", "-", ".5", "5.", "1e3", "+5", "1,5", "- 5", "5.0.0"] {
            assert!(!is_plain_number(text), "{text}");
        }
    }

    #[test]
    fn quotes_per_rfc_4180() {
        let table = Table::new(["a", "b"])
            .with_row(["x,y", "say \"hi\""])
            .with_row(["line\nbreak", "=1,2"]);
        assert_eq!(
            table.to_csv(),
            "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",\"'=1,2\"\n"
        );
    }
}
