//! Row-by-row access to the text columns of a [`CsvFrame`], with the row
//! number every message needs (1-based, the header is row 1) and helpers that
//! parse a cell or record what was expected. Cells borrow from the frame: no
//! text is copied unless a value keeps it.

use pba_scorecard::same_id;

use crate::error::DataError;
use crate::frame::{Cells, CsvFrame, Part};

type Column<'a> = Box<dyn Iterator<Item = Option<&'a str>> + 'a>;

/// Where the cells of the columns asked for come from.
enum Source<'a> {
    /// One iterator per column asked for (`None`: the frame lacks it).
    Columns(Vec<Option<Column<'a>>>),
    /// Lines of text; for each column asked for, its position in a line.
    Lines {
        /// The rows' text.
        text: &'a str,
        /// Where the next line starts in `text`.
        at: usize,
        positions: Vec<Option<usize>>,
        /// How many cells of a line are needed: one past the last position.
        width: usize,
        /// The first `width` cells of the current line.
        cells: Vec<&'a str>,
        /// The header's commas, when every line's are to be counted (see
        /// [`crate::frame::ShapeCheck::ByReader`]).
        expected_commas: Option<usize>,
        /// The columns asked for are the line's first ones, in order: cells
        /// go straight into the row.
        in_order: bool,
    },
}

/// Walks the rows of a frame, reading the columns asked for.
pub(crate) struct RowReader<'a> {
    file: &'a str,
    names: Vec<&'a str>,
    source: Source<'a>,
    current: Vec<Option<&'a str>>,
    row: usize,
    remaining: usize,
    /// Whether every line read so far has the header's number of cells (or
    /// is blank), when the reader checks it.
    shape_fits: bool,
}

impl<'a> RowReader<'a> {
    /// Reads `names` from `frame`; a name the frame lacks reads as empty.
    pub fn new(frame: &'a CsvFrame, names: &[&'a str]) -> Self {
        Self::part(frame, names, frame.whole())
    }

    /// [`RowReader::new`] on a part of the rows (see [`CsvFrame::parts`]).
    pub fn part(frame: &'a CsvFrame, names: &[&'a str], part: Part) -> Self {
        let positions: Vec<Option<usize>> = names
            .iter()
            .map(|name| frame.names().position(|known| known == *name))
            .collect();
        let source = match &frame.cells {
            Cells::Columns(columns) => Source::Columns(
                positions
                    .iter()
                    .map(|position| {
                        position
                            .and_then(|position| columns.get(position))
                            .and_then(|column| column.str().ok())
                            .map(|text| Box::new(text.iter()) as Column<'a>)
                    })
                    .collect(),
            ),
            Cells::Lines {
                text,
                unchecked_commas,
                ..
            } => {
                let width = positions.iter().flatten().max().map_or(0, |last| last + 1);
                let in_order = positions
                    .iter()
                    .enumerate()
                    .all(|(index, position)| *position == Some(index));
                Source::Lines {
                    in_order,
                    text: crate::frame::utf8(text.get(part.start..part.end).unwrap_or_default()),
                    at: 0,
                    width,
                    cells: Vec::with_capacity(width),
                    positions,
                    expected_commas: *unchecked_commas,
                }
            }
        };
        Self {
            file: &frame.file,
            names: names.to_vec(),
            source,
            current: vec![None; names.len()],
            row: part.first_row,
            remaining: part.height,
            shape_fits: true,
        }
    }

    /// Whether every line read had the header's number of cells or was
    /// blank; always `true` when the frame checked it (see
    /// [`crate::frame::ShapeCheck`]).
    pub fn shape_fits(&self) -> bool {
        self.shape_fits
    }

    /// Reads the cells of the next row into `current`.
    fn advance(&mut self) {
        match &mut self.source {
            Source::Columns(iterators) => {
                for (cell, iterator) in self.current.iter_mut().zip(iterators) {
                    *cell = iterator
                        .as_mut()
                        .and_then(Iterator::next)
                        .flatten()
                        .filter(|text| !text.is_empty());
                }
            }
            Source::Lines {
                text,
                at,
                positions,
                width,
                cells,
                expected_commas,
                in_order,
            } => {
                let start = *at;
                let count_all = expected_commas.is_some();
                let commas;
                if *in_order {
                    let current = &mut self.current;
                    current.fill(None);
                    (*at, commas) = split_line(text, start, *width, count_all, |index, cell| {
                        if let Some(slot) = current.get_mut(index) {
                            *slot = Some(cell).filter(|text| !text.is_empty());
                        }
                    });
                } else {
                    cells.clear();
                    (*at, commas) =
                        split_line(text, start, *width, count_all, |_, cell| cells.push(cell));
                    for (cell, position) in self.current.iter_mut().zip(positions.iter()) {
                        *cell = position
                            .and_then(|position| cells.get(position).copied())
                            .filter(|text| !text.is_empty());
                    }
                }
                if let Some(expected) = *expected_commas
                    && commas != expected
                {
                    let end = at.saturating_sub(1).min(text.len());
                    let line = text.as_bytes().get(start..end).unwrap_or_default();
                    if !crate::ragged::line_fits(line, commas, expected) {
                        self.shape_fits = false;
                    }
                }
            }
        }
    }

    /// The next row, or `None` after the last one. A blank row (a blank
    /// line, or a row of empty cells such as `,,,`) holds no value and is
    /// skipped; row numbers still count it, so they stay file rows.
    pub fn next_row<'r>(&'r mut self, errors: &'r mut Vec<DataError>) -> Option<Row<'r, 'a>> {
        loop {
            if self.remaining == 0 {
                return None;
            }
            self.remaining -= 1;
            self.advance();
            self.row += 1;
            if self.current.iter().any(Option::is_some) {
                break;
            }
        }
        Some(Row {
            file: self.file,
            names: &self.names,
            cells: &self.current,
            number: self.row,
            errors,
        })
    }
}

/// Hands the first `width` cells of the line starting at byte `from` of
/// `text` to `cell` with their index (a carriage return before the line
/// break is not part of the last cell) and returns where the next line
/// starts, and the line's commas (those after the cells asked for are
/// counted only with `count_all`). One pass over the line's bytes: cells are
/// a few bytes long, shorter than a search function's set-up.
fn split_line<'a>(
    text: &'a str,
    from: usize,
    width: usize,
    count_all: bool,
    mut cell: impl FnMut(usize, &'a str),
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut cell_start = from;
    let mut at = from;
    let mut commas = 0;
    while let Some(byte) = bytes.get(at) {
        match byte {
            b'\n' => break,
            b',' => {
                if commas == width {
                    // The cells asked for are read: skip to the line break.
                    let rest = bytes.get(at..).unwrap_or_default();
                    let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |offset| at + offset);
                    if count_all {
                        let others = bytes.get(at..end).unwrap_or_default();
                        commas += memchr::memchr_iter(b',', others).count();
                    }
                    return (end + 1, commas);
                }
                cell(commas, text.get(cell_start..at).unwrap_or_default());
                commas += 1;
                cell_start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    if commas < width {
        let end = if at > cell_start && bytes.get(at - 1) == Some(&b'\r') {
            at - 1
        } else {
            at
        };
        cell(commas, text.get(cell_start..end).unwrap_or_default());
    }
    (at + 1, commas)
}

/// One row being read.
pub(crate) struct Row<'r, 'a> {
    file: &'a str,
    names: &'r [&'a str],
    cells: &'r [Option<&'a str>],
    /// Row number, 1-based, the header being row 1.
    pub number: usize,
    errors: &'r mut Vec<DataError>,
}

impl<'a> Row<'_, 'a> {
    /// The text of a cell, `None` when empty (or the column is absent).
    pub fn text(&self, column: &str) -> Option<&'a str> {
        // Callers pass the same `&'static str` they asked for: comparing the
        // pointers first skips most text comparisons.
        self.names
            .iter()
            .position(|name| std::ptr::eq(*name, column) || same_id(name, column))
            .and_then(|index| self.cells.get(index).copied().flatten())
    }

    /// The text of the cell of the `index`-th column asked for, `None` when empty.
    pub fn cell_at(&self, index: usize) -> Option<&'a str> {
        self.cells.get(index).copied().flatten()
    }

    /// Records a problem with a cell of this row.
    pub fn error(&mut self, column: &str, message: impl Into<String>) {
        self.errors
            .push(DataError::cell(self.file, self.number, column, message));
    }

    /// A cell that must not be empty, as text.
    pub fn required_text(&mut self, column: &str) -> Option<&'a str> {
        let text = self.text(column);
        if text.is_none() {
            self.error(column, "empty cell, a value is required");
        }
        text
    }

    /// A cell that must not be empty, parsed.
    pub fn required<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.required_text(column)?;
        self.parse_text(column, text, parse)
    }

    /// A cell that may be empty, parsed: `Some(None)` when empty, `None` when
    /// the text does not parse.
    pub fn optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        match self.text(column) {
            None => Some(None),
            Some(text) => self.parse_text(column, text, parse).map(Some),
        }
    }

    fn parse_text<T>(
        &mut self,
        column: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(text) {
            Ok(value) => Some(value),
            Err(message) => {
                self.error(column, message);
                None
            }
        }
    }
}
