//! One CSV file as cells of text: bytes checked for UTF-8 (the first bad
//! byte is reported by line and column), a UTF-8 byte-order mark stripped,
//! CRLF accepted, every row checked to have the header's number of cells
//! (see `ragged.rs`; in a pass of its own, or by the reader as it splits the
//! rows, see [`ShapeCheck`]), every cell read as text (no type inference: pba
//! converts and validates each cell itself), header checked against the
//! columns a file may have.
//!
//! A file without quotes (what pba, `pba synth` and spreadsheet exports of
//! plain ids, dates and numbers write) is split into lines and cells
//! directly: each line is a row and commas separate its cells, so its cells
//! are slices of the file's text. Any other file is read by polars, every
//! column as text. Both ways give the same cells, the same rows and the same
//! row numbers (`tests/reading_ways.rs` reads every dataset of the test
//! corpus both ways); splitting a national dataset directly takes about a
//! third of the time polars takes to build its columns.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::Path;

use polars::prelude::{Column, CsvReadOptions, DataType, SerReader};

use crate::error::DataError;
use crate::file_bytes::FileBytes;
use crate::ragged::RowStart;

/// A UTF-8 byte-order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// How CSV text is read (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    /// A file without quotes split directly, any other read by polars.
    Split,
    /// Every file read by polars (tests compare both ways).
    Polars,
}

/// Columns of a CSV file, every one as text.
pub(crate) struct CsvFrame {
    /// File name for messages.
    pub file: String,
    /// Column names in file order.
    names: Vec<String>,
    /// The cells.
    pub cells: Cells,
    /// Number of data rows (the header excluded).
    pub height: usize,
    /// The row number of the header: 1, or for a chunk of a file (see
    /// [`CsvFrame::read_chunks`]) the row before its first row.
    pub first_row: usize,
}

/// The cells of a [`CsvFrame`].
pub(crate) enum Cells {
    /// polars columns of text, in file order.
    Columns(Vec<Column>),
    /// The text of a file without quotes and where its data rows start:
    /// each line is a row, each comma ends a cell.
    Lines {
        /// The whole text, header included, checked to be UTF-8.
        text: FileBytes,
        /// Byte offset of the first data row.
        body: usize,
        /// `Some(commas of the header)` when the rows' shapes were not
        /// checked when the file was read, and are checked by the reader of
        /// its rows as it splits them (see [`ShapeCheck::ByReader`]).
        unchecked_commas: Option<usize>,
    },
}

/// Who checks that every row of a file without quotes has the header's
/// number of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeCheck {
    /// The frame, when the file is read, in a pass of its own.
    First,
    /// The reader of the rows, as it splits them (one pass instead of two
    /// over a national file of values); a reader finding a row that does not
    /// fit reports [`crate::ragged::shape_errors`] instead of anything else
    /// about the file, as if the frame had found it. Such a frame's rows are
    /// read within [`CsvFrame::read_rows`], which does this.
    ByReader,
}

/// Consecutive rows of a frame, read by one [`crate::rows::RowReader`]
/// (see [`CsvFrame::parts`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    /// Byte offset of the first row in the text of a split frame.
    pub start: usize,
    /// Byte offset after the last row in the text of a split frame.
    pub end: usize,
    /// The row number before the first row.
    pub first_row: usize,
    /// How many rows.
    pub height: usize,
}

/// The columns a file may have.
pub(crate) struct ColumnSpec<'a> {
    /// Columns that must be present.
    pub required: &'a [&'a str],
    /// Columns that may be present.
    pub optional: &'a [&'a str],
}

impl CsvFrame {
    /// Reads a file; `None` with errors pushed when it cannot be read at all.
    pub fn read(
        path: &Path,
        file: &str,
        parser: Parser,
        errors: &mut Vec<DataError>,
    ) -> Option<Self> {
        Self::read_checking(path, file, (parser, ShapeCheck::First), errors)
    }

    /// [`CsvFrame::read`], the rows' shapes checked as `shape` says when the
    /// file is split directly (always first when polars reads it).
    pub fn read_checking(
        path: &Path,
        file: &str,
        (parser, shape): (Parser, ShapeCheck),
        errors: &mut Vec<DataError>,
    ) -> Option<Self> {
        Self::from_bytes(
            read_bytes(path, file, errors)?,
            file,
            (parser, shape),
            errors,
        )
    }

    /// [`CsvFrame::read_checking`] on the bytes of a file.
    pub fn from_bytes(
        bytes: FileBytes,
        file: &str,
        (parser, shape): (Parser, ShapeCheck),
        errors: &mut Vec<DataError>,
    ) -> Option<Self> {
        let (text, checked) = checked_text(&bytes, file, errors)?;
        if parser == Parser::Split && is_plain(text) {
            return Self::lines(bytes, file, shape, errors);
        }
        let shape = crate::ragged::shape_errors(text, file);
        if !shape.is_empty() {
            errors.extend(shape);
            return None;
        }
        Self::columns_of(checked, file, 1, errors)
    }

    /// The frame of a checked file without quotes (see [`is_plain`]), its
    /// cells slices of its text; `None` with the shape errors when a row
    /// does not have the header's number of cells.
    fn lines(
        text: FileBytes,
        file: &str,
        shape: ShapeCheck,
        errors: &mut Vec<DataError>,
    ) -> Option<Self> {
        let start = if text.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len()
        } else {
            0
        };
        let rest = text.get(start..).unwrap_or_default();
        if shape == ShapeCheck::First && !crate::ragged::plain_rows_fit(rest) {
            errors.extend(crate::ragged::shape_errors(utf8(rest), file));
            return None;
        }
        let header_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let header_bytes = rest.get(..header_end).unwrap_or_default();
        let unchecked_commas = (shape == ShapeCheck::ByReader)
            .then(|| header_bytes.iter().filter(|byte| **byte == b',').count());
        let header = utf8(header_bytes);
        let names = header
            .strip_suffix('\r')
            .unwrap_or(header)
            .split(',')
            .map(str::to_owned)
            .collect();
        let body = (start + header_end + 1).min(text.len());
        let height = rows_in(text.get(body..).unwrap_or_default());
        Some(Self {
            file: file.to_owned(),
            names,
            cells: Cells::Lines {
                text,
                body,
                unchecked_commas,
            },
            height,
            first_row: 1,
        })
    }

    /// Reads a file in chunks of about `chunk_rows(header line)` rows, each handed to
    /// `each` as a frame of its own whose row numbers are the file's, so a
    /// file of tens of millions of rows never has all its cells in memory at
    /// once. The whole text is checked first (UTF-8, row shapes) exactly as
    /// [`CsvFrame::read`] does; a header holding a quote is read whole.
    /// When the file cannot be read, errors say why and `each` is not called
    /// (or not for the chunks after one polars refuses).
    ///
    /// `shape` says who checks the rows' shapes of a file split directly; a
    /// file read by polars is always checked first.
    pub fn read_chunks(
        path: &Path,
        file: &str,
        (chunk_rows, shape): (impl FnOnce(&str) -> usize, ShapeCheck),
        parser: Parser,
        errors: &mut Vec<DataError>,
        mut each: impl FnMut(&Self, &mut Vec<DataError>),
    ) {
        let Some(bytes) = read_bytes(path, file, errors) else {
            return;
        };
        let Some((text, checked)) = checked_text(&bytes, file, errors) else {
            return;
        };
        if parser == Parser::Split && is_plain(text) {
            // Its cells are slices of its text: no chunk needed.
            if let Some(frame) = Self::lines(bytes, file, shape, errors) {
                each(&frame, errors);
            }
            return;
        }
        let bytes = checked;
        let header_line = text.split('\n').next().unwrap_or_default();
        let (shape, starts) = crate::ragged::shape(text, file, chunk_rows(header_line));
        if !shape.is_empty() {
            errors.extend(shape);
            return;
        }
        let header_end = memchr::memchr(b'\n', bytes)
            .filter(|end| memchr::memchr(b'"', bytes.get(..*end).unwrap_or_default()).is_none())
            .map_or(bytes.len(), |end| end + 1);
        let cuts: Vec<RowStart> = starts
            .into_iter()
            .filter(|start| start.offset > header_end)
            .collect();
        let first_end = cuts.first().map_or(bytes.len(), |cut| cut.offset);
        let Some(frame) =
            Self::columns_of(bytes.get(..first_end).unwrap_or_default(), file, 1, errors)
        else {
            return;
        };
        each(&frame, errors);
        drop(frame);
        let header = bytes.get(..header_end).unwrap_or_default();
        let mut chunk = Vec::new();
        for (index, cut) in cuts.iter().enumerate() {
            let end = cuts.get(index + 1).map_or(bytes.len(), |next| next.offset);
            chunk.clear();
            chunk.extend_from_slice(header);
            chunk.extend_from_slice(bytes.get(cut.offset..end).unwrap_or_default());
            let Some(frame) = Self::columns_of(&chunk, file, cut.row.saturating_sub(1), errors)
            else {
                return;
            };
            each(&frame, errors);
        }
    }

    /// Every column of checked CSV bytes, as text.
    fn columns_of(
        bytes: &[u8],
        file: &str,
        first_row: usize,
        errors: &mut Vec<DataError>,
    ) -> Option<Self> {
        let frame = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .with_raise_if_empty(false)
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish();
        let frame = match frame {
            Ok(frame) => frame,
            Err(error) => {
                let reason = error.to_string();
                let reason = reason.lines().next().unwrap_or_default();
                errors.push(DataError::file(
                    file,
                    format!("not a valid CSV file: {reason}"),
                ));
                return None;
            }
        };
        let mut columns = Vec::with_capacity(frame.width());
        for column in frame.columns() {
            match column.cast(&DataType::String) {
                Ok(text) => columns.push(text),
                Err(error) => {
                    errors.push(DataError::column(
                        file,
                        column.name().as_str(),
                        error.to_string(),
                    ));
                    return None;
                }
            }
        }
        Some(Self {
            file: file.to_owned(),
            height: frame.height(),
            names: columns
                .iter()
                .map(|column| column.name().as_str().to_owned())
                .collect(),
            cells: Cells::Columns(columns),
            first_row,
        })
    }

    /// Whether the rows' shapes are left to their reader (see [`ShapeCheck`]).
    fn shape_left_to_reader(&self) -> bool {
        matches!(
            self.cells,
            Cells::Lines {
                unchecked_commas: Some(_),
                ..
            }
        )
    }

    /// Reads this frame's rows with `read`, which returns what it read
    /// (`None` when it could not, its header for instance) and whether every
    /// row had the header's number of cells (see
    /// [`crate::rows::RowReader::shape_fits`]). When the shapes are left to
    /// the reader (see [`ShapeCheck`]) and a row does not fit, or nothing
    /// could be read, the file's shape errors are its only errors, as when
    /// the frame checks them first; otherwise `read`'s errors are kept.
    pub fn read_rows<T>(
        &self,
        errors: &mut Vec<DataError>,
        read: impl FnOnce(&mut Vec<DataError>) -> (Option<T>, bool),
    ) -> Option<T> {
        let mut read_errors = Vec::new();
        let (read, fits) = read(&mut read_errors);
        if (!fits || read.is_none()) && self.shape_left_to_reader() {
            let shape = self.shape_errors();
            if !shape.is_empty() {
                errors.extend(shape);
                return None;
            }
        }
        errors.extend(read_errors);
        read
    }

    /// What [`crate::ragged::shape_errors`] finds in a file split directly.
    fn shape_errors(&self) -> Vec<DataError> {
        match &self.cells {
            Cells::Lines { text, .. } => {
                let text = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
                crate::ragged::shape_errors(utf8(text), &self.file)
            }
            Cells::Columns(_) => Vec::new(),
        }
    }

    /// Every row, as one part.
    pub fn whole(&self) -> Part {
        let (start, end) = match &self.cells {
            Cells::Lines { text, body, .. } => (*body, text.len()),
            Cells::Columns(_) => (0, 0),
        };
        Part {
            start,
            end,
            first_row: self.first_row,
            height: self.height,
        }
    }

    /// The rows in about `count` parts of about as many bytes, cut after a
    /// line break, so that several threads can read them; a frame read by
    /// polars is one part.
    pub fn parts(&self, count: usize) -> Vec<Part> {
        let Cells::Lines { text, body, .. } = &self.cells else {
            return vec![self.whole()];
        };
        let bytes: &[u8] = text;
        let size = bytes.len().saturating_sub(*body).div_ceil(count.max(1));
        let mut parts = Vec::with_capacity(count);
        let mut start = *body;
        let mut first_row = self.first_row;
        while start < bytes.len() {
            let target = start.saturating_add(size).min(bytes.len());
            let end = bytes
                .get(target..)
                .and_then(|rest| memchr::memchr(b'\n', rest))
                .map_or(bytes.len(), |at| target + at + 1);
            let height = rows_in(bytes.get(start..end).unwrap_or_default());
            parts.push(Part {
                start,
                end,
                first_row,
                height,
            });
            first_row += height;
            start = end;
        }
        if parts.is_empty() {
            parts.push(self.whole());
        }
        parts
    }

    /// The column names in file order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether the header has this column.
    pub fn has(&self, name: &str) -> bool {
        self.names().any(|known| known == name)
    }

    /// Checks the header: required columns present, no unknown column (other
    /// than `x_...`), no column twice. Returns whether the file can be read
    /// (every required column is there).
    pub fn check_header(&self, spec: &ColumnSpec<'_>, errors: &mut Vec<DataError>) -> bool {
        let names: BTreeSet<&str> = self.names().collect();
        if let [only] = self.names.as_slice() {
            let header = only.as_str();
            if let Some(separator) = [';', '\t', '|']
                .into_iter()
                .find(|separator| header.contains(*separator))
            {
                errors.push(DataError::file(
                    &self.file,
                    format!(
                        "the header `{}` is one column: pba reads comma-separated files, this one seems separated by `{}`",
                        header.escape_default(),
                        separator.escape_default()
                    ),
                ));
                return false;
            }
        }
        let mut readable = true;
        for required in spec.required {
            if !names.contains(required) {
                errors.push(DataError::column(
                    &self.file,
                    *required,
                    "missing required column",
                ));
                readable = false;
            }
        }
        let known = |name: &str| spec.required.contains(&name) || spec.optional.contains(&name);
        for name in self.names() {
            if let Some(original) = duplicated_name(name, &names) {
                errors.push(DataError::column(
                    &self.file,
                    original,
                    "column appears more than once",
                ));
            } else if !known(name) && !name.starts_with("x_") {
                let expected = spec
                    .required
                    .iter()
                    .chain(spec.optional)
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                errors.push(DataError::column(
                    &self.file,
                    name,
                    format!("unknown column, expected {expected} (prefix it with `x_` to keep it as a note)"),
                ));
            }
        }
        readable
    }
}

/// The bytes of a file; `None` with an error naming it when it cannot be read.
fn read_bytes(path: &Path, file: &str, errors: &mut Vec<DataError>) -> Option<FileBytes> {
    crate::file_bytes::read(path)
        .map_err(|error| {
            errors.push(DataError::file(
                file,
                format!("cannot read `{}`: {error}", path.display()),
            ));
        })
        .ok()
}

/// The text of a CSV file without its byte-order mark, checked to be UTF-8
/// and not empty; `None` with an error otherwise.
fn checked_text<'b>(
    bytes: &'b [u8],
    file: &str,
    errors: &mut Vec<DataError>,
) -> Option<(&'b str, &'b [u8])> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        // The vectorised check says only whether the text is valid; the
        // standard library's finds the first bad byte for the message.
        Err(_) => {
            let valid_up_to = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |error| error.valid_up_to());
            let message = utf8_message(bytes, valid_up_to);
            errors.push(DataError::file(file, message));
            return None;
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        errors.push(DataError::file(
            file,
            "the file is empty, expected a header row",
        ));
        return None;
    }
    Some((text, bytes))
}

/// How many rows lines of text hold: every line break ends a row, and text
/// after the last one is a row too.
fn rows_in(lines: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', lines).count()
        + usize::from(!lines.is_empty() && !lines.ends_with(b"\n"))
}

/// Text already checked to be UTF-8 (see [`checked_text`]), or a part of it
/// cut after a line break (a line break is never inside a character). Checked
/// again rather than assumed: a part is checked on the thread that reads it.
pub(crate) fn utf8(checked: &[u8]) -> &str {
    simdutf8::basic::from_utf8(checked).unwrap_or_default()
}

/// Whether a checked text (see [`checked_text`]) can be split into lines and cells directly and give the cells polars
/// would: no quote anywhere, every carriage return part of a CRLF line
/// break, and a header of distinct, non-empty names (polars renames a
/// repeated or empty name).
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr(b'"', bytes).is_some() {
        return false;
    }
    if memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n')) {
        return false;
    }
    let header = text.split('\n').next().unwrap_or_default();
    let header = header.strip_suffix('\r').unwrap_or(header);
    let names: BTreeSet<&str> = header.split(',').collect();
    !names.contains("") && names.len() == header.split(',').count()
}

/// polars renames a repeated header `a` to `a_duplicated_0`, `a_duplicated_1`...
fn duplicated_name<'a>(name: &'a str, names: &BTreeSet<&str>) -> Option<&'a str> {
    let (original, number) = name.rsplit_once("_duplicated_")?;
    let numbered = !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit());
    (numbered && names.contains(original)).then_some(original)
}

/// Where the first invalid UTF-8 byte is, as a line and a character column.
fn utf8_message(bytes: &[u8], valid_up_to: usize) -> String {
    let (before, rest) = bytes.split_at(valid_up_to.min(bytes.len()));
    let line = before.iter().filter(|byte| **byte == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|byte| *byte == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    let byte = rest.first().copied().unwrap_or_default();
    format!(
        "invalid UTF-8 byte `0x{byte:02X}` at line {line}, column {column}; save the file as UTF-8"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::RowReader;
    use proptest::prelude::*;

    /// Every row a frame yields for `names`: its number and cells.
    fn rows(bytes: &[u8], parser: Parser, names: &[&str]) -> Vec<(usize, Vec<Option<String>>)> {
        let mut errors = Vec::new();
        let frame = CsvFrame::from_bytes(
            bytes.to_vec().into(),
            "f.csv",
            (parser, ShapeCheck::First),
            &mut errors,
        );
        assert_eq!(errors, Vec::new());
        let frame = frame.expect("a frame");
        assert_eq!(
            matches!(frame.cells, Cells::Lines { .. }),
            parser == Parser::Split,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        let mut reader = RowReader::new(&frame, names);
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row(&mut errors) {
            let cells = (0..names.len())
                .map(|index| row.cell_at(index).map(str::to_owned))
                .collect();
            rows.push((row.number, cells));
        }
        rows
    }

    /// A CSV text without quotes: `width` columns, rows of cells or blank
    /// lines, LF or CRLF, with or without a last line break.
    fn plain_text() -> impl Strategy<Value = (usize, String)> {
        (1usize..4).prop_flat_map(|width| {
            let cell = prop::sample::select(vec!["", "a", "b c", " x", "1.5", "é", "x_1"]);
            let row = prop_oneof![
                1 => Just(None),
                6 => prop::collection::vec(cell, width).prop_map(Some),
            ];
            (
                prop::collection::vec(row, 0..8),
                prop::sample::select(vec!["\n", "\r\n"]),
                any::<bool>(),
            )
                .prop_map(move |(rows, line_break, last_break)| {
                    let header: Vec<String> = (0..width).map(|index| format!("c{index}")).collect();
                    let mut lines = vec![header.join(",")];
                    lines.extend(
                        rows.into_iter()
                            .map(|row| row.map(|cells| cells.join(",")).unwrap_or_default()),
                    );
                    let mut text = lines.join(line_break);
                    if last_break {
                        text.push_str(line_break);
                    }
                    (width, text)
                })
        })
    }

    proptest! {
        /// Splitting a file without quotes gives the rows, numbers and cells
        /// polars gives.
        #[test]
        fn splitting_reads_like_polars((width, text) in plain_text()) {
            let mut names: Vec<String> = (0..width).rev().map(|index| format!("c{index}")).collect();
            names.push("absent".to_owned());
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            prop_assert_eq!(
                rows(text.as_bytes(), Parser::Split, &names),
                rows(text.as_bytes(), Parser::Polars, &names)
            );
            // Only the first column: the rest of each line is skipped.
            prop_assert_eq!(
                rows(text.as_bytes(), Parser::Split, &["c0"]),
                rows(text.as_bytes(), Parser::Polars, &["c0"])
            );
        }
    }

    proptest! {
        /// A reader checking rows' shapes as it splits them (in parts of
        /// 1, 2 or 5 rows, reading all the columns or only the first ones)
        /// finds a misfit exactly when the frame's own check would: lines of
        /// 0 to 3 commas, some blank, LF or CRLF, with or without a last line
        /// break, a byte-order mark or not.
        #[test]
        fn readers_check_shapes_as_frames_do(
            lines in prop::collection::vec("(a{0,3}|,|\r){0,6}", 1..10),
            crlf in any::<bool>(),
            last_break in any::<bool>(),
            byte_order_mark in any::<bool>(),
            asked in 0..4_usize,
            rows_per_part in prop::sample::select(vec![1_usize, 2, 5]),
        ) {
            let mut text = lines.join("\n").replace('\r', "");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if last_break {
                text.push('\n');
            }
            let fits = crate::ragged::shape_errors(&text, "f.csv").is_empty();
            let mut bytes = if byte_order_mark { BYTE_ORDER_MARK.to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            let mut errors = Vec::new();
            let frame = CsvFrame::lines(bytes.into(), "f.csv", ShapeCheck::ByReader, &mut errors)
                .expect("a frame");
            prop_assert!(errors.is_empty());
            prop_assert!(frame.shape_left_to_reader());
            prop_assert_eq!(frame.shape_errors().is_empty(), fits);
            let mut kept = Vec::new();
            let read = frame.read_rows(&mut kept, |errors| {
                errors.push(DataError::file("f.csv", "a reader's error"));
                (Some(()), fits)
            });
            prop_assert_eq!(read.is_some(), fits);
            prop_assert_eq!(kept.iter().any(|error| error.to_string().contains("a reader's error")), fits);
            let names: Vec<&str> = frame.names().take(asked).collect();
            let parts = frame.parts(frame.height.div_ceil(rows_per_part));
            let read_fits = parts.iter().all(|part| {
                let mut reader = RowReader::part(&frame, &names, *part);
                while reader.next_row(&mut errors).is_some() {}
                reader.shape_fits()
            });
            prop_assert_eq!(read_fits, fits, "{:?} asking {:?}", text, names);
        }
    }

    #[test]
    fn split_header_names_are_polars_names() {
        for text in ["a, b ,c\n1,2,3\n", " x_note,a\r\n1,2", "\u{FEFF}é,a\n"] {
            let names = |parser| {
                let mut errors = Vec::new();
                let frame = CsvFrame::from_bytes(
                    text.as_bytes().to_vec().into(),
                    "f.csv",
                    (parser, ShapeCheck::First),
                    &mut errors,
                )
                .expect("a frame");
                frame.names().map(str::to_owned).collect::<Vec<_>>()
            };
            assert_eq!(names(Parser::Split), names(Parser::Polars), "{text:?}");
        }
    }

    #[test]
    fn a_file_with_quotes_or_odd_headers_goes_to_polars() {
        assert!(is_plain("a,b\r\n1,2\r\n"));
        assert!(!is_plain("a,b\n\"1\",2\n"));
        assert!(!is_plain("a,b\n1\r2,3\n"));
        assert!(!is_plain("a,a\n1,2\n"));
        assert!(!is_plain("a,,b\n1,2,3\n"));
    }

    #[test]
    fn locates_the_first_bad_byte() {
        let bytes = b"a,b\nx\xC3\xA9,\xE9t\xE9\n";
        let error = std::str::from_utf8(std::hint::black_box(bytes))
            .err()
            .map(|error| error.valid_up_to());
        assert_eq!(
            error.map(|at| utf8_message(bytes, at)),
            Some(
                "invalid UTF-8 byte `0xE9` at line 2, column 4; save the file as UTF-8".to_owned()
            )
        );
    }
}
