//! The shape of a CSV text, checked before polars reads it: every row must
//! have as many cells as the header, and every quoted cell must be closed.
//! polars names no row when it refuses a file, and it silently pads a row
//! with too few cells (every value after a missing comma would then be read
//! in the wrong column), so pba counts the cells itself.
//!
//! Rows are numbered as [`crate::rows::RowReader`] numbers them: the header
//! is row 1 and every line break outside quotes starts a new row, blank
//! lines included (blank rows are not checked: they hold no value).

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

/// One row's cell count.
struct RowShape {
    row: usize,
    cells: usize,
    blank: bool,
}

/// Rows (1-based, header = 1) whose cell count differs from the header's,
/// and a quoted cell left open at the end of the text.
pub(crate) fn shape_errors(text: &str, file: &str) -> Vec<DataError> {
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
}
