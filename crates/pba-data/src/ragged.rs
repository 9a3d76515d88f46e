//! The shape of a CSV text, checked before polars reads it: every row must
//! have as many cells as the header, and every quoted cell must be closed.
//! polars names no row when it refuses a file, and it silently pads a row
//! with too few cells (every value after a missing comma would then be read
//! in the wrong column), so pba counts the cells itself.
//!
//! Rows are numbered as [`crate::rows::RowReader`] numbers them: the header
//! is row 1 and every line break outside quotes starts a new row, blank
//! lines included (blank rows are not checked: they hold no value).

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::error::DataError;

/// At most this many rows of a wrong shape are reported per file.
const MAX_REPORTED: usize = 50;

/// Where the scanner is within a row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    CellStart,
    /// In a cell that does not start with a quote.
    Unquoted,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: the cell's end, or the
    /// first half of an escaped `""`.
    QuoteInQuoted,
}

/// Counts cells row by row and reports rows whose count differs from the
/// header's (at most [`MAX_REPORTED`]).
struct Tally<'f> {
    file: &'f str,
    header: Option<usize>,
    errors: Vec<DataError>,
}

impl Tally<'_> {
    fn row(&mut self, row: usize, cells: usize, blank: bool) {
        let Some(expected) = self.header else {
            self.header = Some(cells);
            return;
        };
        if blank || cells == expected || self.errors.len() >= MAX_REPORTED {
            return;
        }
        self.errors.push(DataError {
            file: self.file.to_owned(),
            row: Some(row),
            column: None,
            message: if cells > expected {
                format!(
                    "the row has {cells} cells, the header has {expected}; quote a cell that holds a comma"
                )
            } else {
                format!(
                    "the row has {cells} cells, the header has {expected}; every cell after a missing one would be read in the wrong column"
                )
            },
        });
    }
}

/// Rows (1-based, header = 1) whose cell count differs from the header's,
/// and a quoted cell left open at the end of the text.
pub(crate) fn shape_errors(text: &str, file: &str) -> Vec<DataError> {
    shape(text, file, usize::MAX).0
}

/// Whether every row of a text without quotes (see `frame::is_plain`) has
/// the header's number of cells, that is whether [`shape_errors`] would find
/// nothing; its messages are made by [`shape_errors`] when not. The text is
/// read in parts on every core, 8 bytes at a time (see [`lines_fit`]): a
/// national file has tens of millions of rows, and counting their commas
/// line by line took about a twentieth of `pba score`'s time.
pub(crate) fn plain_rows_fit(text: &[u8]) -> bool {
    rows_fit_in_pieces(text, PIECE_BYTES)
}

/// [`plain_rows_fit`], the rows cut into pieces of about `piece_bytes`.
fn rows_fit_in_pieces(bytes: &[u8], piece_bytes: usize) -> bool {
    let header_end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let header = bytes.get(..header_end).unwrap_or_default();
    let expected = header.iter().filter(|byte| **byte == b',').count();
    let body = bytes.get(header_end + 1..).unwrap_or_default();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let target = (start + piece_bytes).min(body.len());
        let end = memchr::memchr(b'\n', body.get(target..).unwrap_or_default())
            .map_or(body.len(), |at| target + at + 1);
        pieces.push(body.get(start..end).unwrap_or_default());
        start = end;
    }
    pieces.par_iter().all(|piece| lines_fit(piece, expected))
}

/// Bytes per part of [`plain_rows_fit`].
const PIECE_BYTES: usize = 4 << 20;

/// The rule for a line without quotes: it fits when it has the header's
/// number of commas, or when it is blank.
pub(crate) fn line_fits(line: &[u8], commas: usize, expected: usize) -> bool {
    commas == expected || is_blank(line)
}

/// A blank line: nothing, or carriage returns only (it holds no value).
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| *byte == b'\r')
}

/// Whether every line of `bytes` (whole lines of a text without quotes)
/// fits ([`line_fits`]). Eight bytes at a time: a word's commas and line
/// breaks are found with integer arithmetic, one bit per byte.
fn lines_fit(bytes: &[u8], expected: usize) -> bool {
    let mut commas = 0usize;
    let mut line_start = 0usize;
    let mut base = 0usize;
    let mut words = bytes.chunks_exact(8);
    let mut last = [0u8; 8];
    last.iter_mut()
        .zip(words.remainder())
        .for_each(|(slot, byte)| *slot = *byte);
    for word in words.by_ref().chain(std::iter::once(&last[..])) {
        let word_bits = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let mut comma_bits = bytes_equal(word_bits, b',');
        let mut line_breaks = bytes_equal(word_bits, b'\n');
        while line_breaks != 0 {
            let bit = line_breaks.trailing_zeros();
            let before = (1u64 << bit) - 1;
            commas += (comma_bits & before).count_ones() as usize;
            comma_bits &= !before;
            let end = base + (bit / 8) as usize;
            if !line_fits(
                bytes.get(line_start..end).unwrap_or_default(),
                commas,
                expected,
            ) {
                return false;
            }
            commas = 0;
            line_start = end + 1;
            line_breaks &= line_breaks - 1;
        }
        commas += comma_bits.count_ones() as usize;
        base += 8;
    }
    line_start >= bytes.len()
        || line_fits(
            bytes.get(line_start..).unwrap_or_default(),
            commas,
            expected,
        )
}

/// The high bit of every byte of `word` equal to `byte`, and no other bit.
const fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let zero_where_equal = word ^ (0x0101_0101_0101_0101 * byte as u64);
    // A byte's high bit ends set when any of its bits is: no carry crosses bytes.
    let nonzero = ((zero_where_equal & LOW_SEVEN) + LOW_SEVEN) | zero_where_equal;
    !(nonzero | LOW_SEVEN)
}

/// Where a file may be cut into chunks of rows that read like the whole:
/// the byte offset and row number of the start of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowStart {
    /// Byte offset of the row's first byte.
    pub offset: usize,
    /// Its row number (the header is row 1).
    pub row: usize,
}

/// [`shape_errors`], and the starts of the data rows after every
/// `chunk_rows` rows. A cut is only made before a line without quotes that is
/// not blank, so every chunk starts with a row that reads the same alone.
/// The first start is always the first data row (row 2) when there is one.
pub(crate) fn shape(text: &str, file: &str, chunk_rows: usize) -> (Vec<DataError>, Vec<RowStart>) {
    let mut starts = Vec::new();
    let mut next_cut = 2usize;
    let errors = scan(text, file, |offset, row, blank| {
        if row >= next_cut && !blank {
            starts.push(RowStart { offset, row });
            next_cut = row.saturating_add(chunk_rows.max(1));
        }
    });
    (errors, starts)
}

/// The scanner behind [`shape`]; `cut` is called with the offset, row and
/// blankness of every line without quotes.
///
/// A line without a quote (nearly every line of a dataset) is counted in one
/// pass over its bytes; a line with a quote goes through the state machine,
/// which may carry a quoted cell over several lines.
fn scan(text: &str, file: &str, mut cut: impl FnMut(usize, usize, bool)) -> Vec<DataError> {
    let mut tally = Tally {
        file,
        header: None,
        errors: Vec::new(),
    };
    // Bytes, not chars: the bytes looked for are ASCII, and a UTF-8
    // multi-byte character never contains an ASCII byte.
    let bytes = text.as_bytes();
    let mut row = 1usize;
    let mut at = 0usize;
    while at < bytes.len() {
        let rest = bytes.get(at..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = rest.get(..end).unwrap_or_default();
        if memchr::memchr(b'"', line).is_none() {
            let commas = line.iter().filter(|byte| **byte == b',').count();
            let blank = is_blank(line);
            cut(at, row, blank);
            // The last line without a line break is a row unless blank.
            if end < rest.len() || !blank {
                tally.row(row, commas + 1, blank);
            }
            row += 1;
            at += end + 1;
            continue;
        }
        match quoted_row(rest, row, &mut tally) {
            Some(consumed) => {
                row += 1;
                at += consumed;
            }
            None => {
                return vec![DataError {
                    file: file.to_owned(),
                    row: Some(row),
                    column: None,
                    message: "a quoted cell opened in this row is never closed, expected a closing `\"` (write a quote inside a quoted cell as `\"\"`)".to_owned(),
                }];
            }
        }
    }
    tally.errors
}

/// Scans one row with quotes from the start of `bytes` to its line break
/// outside quotes (a line break inside a quoted cell is text and does not
/// end the row): the bytes consumed, or `None` when a quoted cell is left
/// open at the end of the text.
fn quoted_row(bytes: &[u8], row: usize, tally: &mut Tally<'_>) -> Option<usize> {
    let mut state = State::CellStart;
    let mut cells = 1usize;
    let mut blank = true;
    for (index, byte) in bytes.iter().copied().enumerate() {
        match (state, byte) {
            (State::Quoted, b'"') => state = State::QuoteInQuoted,
            (State::Quoted, _) => {}
            (State::QuoteInQuoted, b'"') => state = State::Quoted,
            (State::CellStart, b'"') => {
                state = State::Quoted;
                blank = false;
            }
            (_, b',') => {
                cells += 1;
                blank = false;
                state = State::CellStart;
            }
            (_, b'\n') => {
                tally.row(row, cells, blank);
                return Some(index + 1);
            }
            (_, b'\r') => {}
            (State::CellStart | State::QuoteInQuoted, _) => {
                state = State::Unquoted;
                blank = false;
            }
            (State::Unquoted, _) => {}
        }
    }
    if state == State::Quoted {
        return None;
    }
    if !blank {
        tally.row(row, cells, blank);
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<String> {
        shape_errors(text, "f.csv")
            .into_iter()
            .map(|error| error.to_string())
            .collect()
    }

    #[test]
    fn counts_cells_outside_quotes() {
        let text = "a,b\r\n1,2\r\n\"x,y\",2,3\n\n\"line\nbreak\",2\n4,5,6\n";
        assert_eq!(
            shapes(text),
            [
                "f.csv:3: the row has 3 cells, the header has 2; quote a cell that holds a comma",
                "f.csv:6: the row has 3 cells, the header has 2; quote a cell that holds a comma"
            ]
        );
    }

    #[test]
    fn short_rows_are_reported() {
        assert_eq!(
            shapes("a,b,c\n1,2,3\n1,2\n"),
            [
                "f.csv:3: the row has 2 cells, the header has 3; every cell after a missing one would be read in the wrong column"
            ]
        );
    }

    #[test]
    fn escaped_quotes_and_quotes_inside_cells_are_text() {
        assert!(shapes("a,b\n\"say \"\"hi\"\", ok\",2\nab\"c,2\n\"\",\"\"\n").is_empty());
    }

    #[test]
    fn an_unclosed_quote_names_its_row() {
        assert_eq!(
            shapes("a,b\n1,2\n\"open,2\n3,4\n"),
            [
                "f.csv:3: a quoted cell opened in this row is never closed, expected a closing `\"` (write a quote inside a quoted cell as `\"\"`)"
            ]
        );
    }

    #[test]
    fn blank_rows_and_a_missing_final_line_break_are_fine() {
        assert!(shapes("a,b\n\n1,2\r\n\r\n3,4").is_empty());
    }

    /// One row's cell count.
    struct RowShape {
        row: usize,
        cells: usize,
        blank: bool,
    }

    /// The scanner before the fast path: every byte through the state machine.
    fn reference(text: &str, file: &str) -> Vec<DataError> {
        let mut rows = Vec::new();
        let mut state = State::CellStart;
        let mut cells = 1usize;
        let mut blank = true;
        let mut row = 1usize;
        let mut quote_opened_at = 0usize;
        // Bytes, not chars: the bytes looked for are ASCII, and a UTF-8
        // multi-byte character never contains an ASCII byte.
        for byte in text.bytes() {
            match (state, byte) {
                (State::Quoted, b'"') => state = State::QuoteInQuoted,
                (State::Quoted, _) => {}
                (State::QuoteInQuoted, b'"') => state = State::Quoted,
                (State::CellStart, b'"') => {
                    state = State::Quoted;
                    quote_opened_at = row;
                    blank = false;
                }
                (_, b',') => {
                    cells += 1;
                    blank = false;
                    state = State::CellStart;
                }
                (_, b'\n') => {
                    rows.push(RowShape { row, cells, blank });
                    row += 1;
                    cells = 1;
                    blank = true;
                    state = State::CellStart;
                }
                (_, b'\r') => {}
                (State::CellStart | State::QuoteInQuoted, _) => {
                    state = State::Unquoted;
                    blank = false;
                }
                (State::Unquoted, _) => {}
            }
        }
        if state == State::Quoted {
            return vec![DataError {
                file: file.to_owned(),
                row: Some(quote_opened_at),
                column: None,
                message: "a quoted cell opened in this row is never closed, expected a closing `\"` (write a quote inside a quoted cell as `\"\"`)".to_owned(),
            }];
        }
        if !blank {
            rows.push(RowShape { row, cells, blank });
        }
        let Some((header, data)) = rows.split_first() else {
            return Vec::new();
        };
        let expected = header.cells;
        data.iter()
            .filter(|shape| !shape.blank && shape.cells != expected)
            .take(MAX_REPORTED)
            .map(|shape| DataError {
                file: file.to_owned(),
                row: Some(shape.row),
                column: None,
                message: if shape.cells > expected {
                    format!(
                        "the row has {} cells, the header has {expected}; quote a cell that holds a comma",
                        shape.cells
                    )
                } else {
                    format!(
                        "the row has {} cells, the header has {expected}; every cell after a missing one would be read in the wrong column",
                        shape.cells
                    )
                },
            })
            .collect()
    }

    proptest::proptest! {
        /// Texts without quotes, lines of 0 to 3 commas, some blank, some
        /// over 64 bytes; checked whole and cut into pieces.
        #[test]
        fn plain_rows_fit_when_no_shape_error_is_found(
            lines in proptest::collection::vec(
                proptest::string::string_regex("(a{0,70}|,|\r){0,6}").unwrap(),
                1..12,
            ),
            last_break in proptest::bool::ANY,
        ) {
            let mut text = lines.join("\n").replace("\r", "");
            // A carriage return only before a line break, as in a plain text.
            text = text.replace('\n', if lines.len() % 2 == 0 { "\r\n" } else { "\n" });
            if last_break {
                text.push('\n');
            }
            let expected = shape_errors(&text, "f.csv").is_empty();
            proptest::prop_assert_eq!(plain_rows_fit(text.as_bytes()), expected, "{:?}", text);
            for piece_bytes in [1, 5, 64] {
                proptest::prop_assert_eq!(
                    rows_fit_in_pieces(text.as_bytes(), piece_bytes), expected, "{:?} {}", text, piece_bytes
                );
            }
        }

        #[test]
        fn the_fast_path_agrees_with_the_byte_by_byte_scanner(
            text in proptest::string::string_regex("[a,\"\n\r]{0,40}").unwrap()
        ) {
            let messages = |errors: Vec<DataError>| -> Vec<String> {
                errors.into_iter().map(|error| error.to_string()).collect()
            };
            proptest::prop_assert_eq!(
                messages(shape_errors(&text, "f.csv")),
                messages(reference(&text, "f.csv"))
            );
        }
    }
}
