//! `assessment_values.csv` and `consultation_values.csv`, in either shape:
//!
//! - **long**: one row per value, columns `<owner>_id, indicator_id, value`
//!   and optionally `comment`; an empty `value` is a missing value
//!   (`ValueEntry::value` is `None`).
//! - **wide**: one row per owner, an `<owner>_id` column and one column per
//!   indicator id (every column but `x_...` ones). A spreadsheet row holds a
//!   cell for every indicator of every scorecard, so an **empty cell is
//!   skipped**: no entry at all, which scoring treats exactly like a missing
//!   value. Wide files carry no comments.
//!
//! The shape is told by the presence of an `indicator_id` column. Either way
//! a value is `yes`, `no`, `na` or a number (see [`crate::cells::indicator_value`]),
//! and an (owner, indicator) pair may be given once.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::Path;

use crate::by_owner::{ByOwner, Grouping, OwnerAt};
use crate::hashing::HashMap;

use pba_scorecard::{IndicatorId, same_id};
use pba_scoring::ValueEntry;

use crate::cells;
use crate::error::DataError;
use crate::frame::{ColumnSpec, CsvFrame, Parser, Part, ShapeCheck};
use crate::identifiers::{Cursor, Known};
use crate::rows::{Row, RowReader};
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

/// The file name of assessment values.
pub const ASSESSMENT_VALUES: &str = "assessment_values.csv";
/// The file name of consultation values.
pub const CONSULTATION_VALUES: &str = "consultation_values.csv";

/// Whose values a file holds.
pub(crate) struct Owner<'k> {
    /// `assessment_id` or `consultation_id`.
    pub column: &'static str,
    /// `assessment` or `consultation`.
    pub entity: &'static str,
    /// The file the owner ids come from.
    pub file: &'static str,
    /// The owner ids.
    pub known: &'k Known<'k>,
}

/// The shape of a value file, which tells the column a duplicate is in.
#[derive(Clone, Copy)]
enum Shape {
    /// Duplicates are reported in `indicator_id`.
    Long,
    /// Duplicates are reported in the indicator's own column.
    Wide,
}

/// Indicator ids met so far, each text allocated once: a national file
/// repeats a few hundred ids tens of millions of times. Values usually come
/// in the same order for every owner, so the id after the previous one is
/// tried before the map.
#[derive(Default)]
struct Interner<'a> {
    positions: HashMap<&'a str, usize>,
    ids: Vec<(&'a str, IndicatorId)>,
    /// By position: whether the id comes after the one met before it, in
    /// id order. Values met in the order of their first owner's are checked
    /// for order by this table instead of comparing texts.
    follows: Vec<bool>,
    last: usize,
}

impl<'a> Interner<'a> {
    /// The shared id of `text`, and its position.
    fn intern(&mut self, text: &'a str) -> (IndicatorId, usize) {
        let next = self.last.wrapping_add(1);
        if let Some((known, id)) = self.ids.get(next)
            && same_id(known, text)
        {
            self.last = next;
            return (id.clone(), next);
        }
        let position = *self.positions.entry(text).or_insert(self.ids.len());
        if position == self.ids.len() {
            self.follows
                .push(self.ids.last().is_some_and(|(before, _)| *before < text));
            self.ids.push((text, IndicatorId::new(text)));
        }
        self.last = position;
        let id = self
            .ids
            .get(position)
            .map_or_else(|| IndicatorId::new(text), |(_, id)| id.clone());
        (id, position)
    }

    /// Whether the id at position `after` comes after the one at `before`.
    fn ascending(&self, before: usize, after: usize) -> bool {
        if before.wrapping_add(1) == after {
            return self.follows.get(after).copied().unwrap_or(false);
        }
        match (self.ids.get(before), self.ids.get(after)) {
            (Some((before, _)), Some((after, _))) => before < after,
            _ => false,
        }
    }
}

/// One owner's values in file order, with the rows they came from (kept
/// apart so the values move into the dataset as they are).
struct Group<'a> {
    owner: OwnerAt<'a>,
    values: Vec<ValueEntry>,
    rows: Rows,
    /// Whether the values are sorted by indicator id without repeats,
    /// checked on the thread that read them.
    sorted: bool,
}

/// The rows of a group's values, kept for messages about repeats: while
/// they follow each other (long shape) or are all one row (wide shape) only
/// that is kept, otherwise every row.
enum Rows {
    Consecutive { first: usize },
    Same { row: usize },
    Listed(Vec<usize>),
}

impl Rows {
    /// Records the row of the value at `index` (the group held `index` values).
    /// The usual case, a row after the previous one, is checked inline.
    #[inline]
    fn push(&mut self, index: usize, row: usize) {
        match self {
            Self::Consecutive { first } if *first + index == row => {}
            Self::Same { row: same } if *same == row => {}
            _ => self.push_other(index, row),
        }
    }

    /// [`Rows::push`] of a row that does not follow the previous one.
    #[inline(never)]
    fn push_other(&mut self, index: usize, row: usize) {
        match self {
            Self::Consecutive { first } if index == 1 && *first == row => {
                *self = Self::Same { row };
            }
            Self::Listed(rows) => rows.push(row),
            Self::Consecutive { .. } | Self::Same { .. } => {
                let mut rows = std::mem::replace(self, Self::Listed(Vec::new())).list(index);
                rows.push(row);
                *self = Self::Listed(rows);
            }
        }
    }

    /// The rows of `count` values.
    fn list(self, count: usize) -> Vec<usize> {
        match self {
            Self::Consecutive { first } => (first..first + count).collect(),
            Self::Same { row } => vec![row; count],
            Self::Listed(rows) => rows,
        }
    }
}

/// Values in runs of one owner, as rows are read. A national file holds tens
/// of millions of values, usually each owner's in consecutive rows: the run
/// being read fills a buffer that is reused, and each run is moved into a
/// vector of its exact size when the owner changes. An owner whose rows are
/// not consecutive has several runs, merged by [`Merged::read`].
#[derive(Default)]
struct Groups<'a> {
    runs: Vec<Group<'a>>,
    current: Option<(OwnerAt<'a>, Rows)>,
    pending: Vec<ValueEntry>,
    /// Whether `pending` is sorted by indicator id without repeats.
    pending_sorted: bool,
    comments: Vec<ValueComment<'a>>,
}

impl<'a> Groups<'a> {
    /// The owner of the run being read.
    fn current_owner(&self) -> Option<&'a str> {
        self.current.as_ref().map(|((owner_id, _), _)| *owner_id)
    }

    /// Adds a value to its owner's run; `ascending` tells whether its id
    /// comes after the id of the value pushed before it (asked only when
    /// that value is of the same run).
    fn push(
        &mut self,
        owner: OwnerAt<'a>,
        row: usize,
        value: ValueEntry,
        ascending: impl FnOnce() -> bool,
    ) {
        if self
            .current_owner()
            .is_some_and(|current| same_id(current, owner.0))
        {
            self.pending_sorted = self.pending_sorted && ascending();
        } else {
            self.end_run();
            self.current = Some((owner, Rows::Consecutive { first: row }));
            self.pending_sorted = true;
        }
        if let Some((_, rows)) = &mut self.current {
            rows.push(self.pending.len(), row);
            self.pending.push(value);
        }
    }

    fn end_run(&mut self) {
        if let Some((owner, rows)) = self.current.take() {
            self.runs.push(Group {
                owner,
                values: self.pending.drain(..).collect(),
                rows,
                sorted: self.pending_sorted,
            });
        }
    }

    /// Every run, in file order, and the comments.
    fn finish(mut self) -> (Vec<Group<'a>>, Vec<ValueComment<'a>>) {
        self.end_run();
        (self.runs, self.comments)
    }
}

/// A `comment` cell: owner id, indicator id, text.
type ValueComment<'a> = (&'a str, IndicatorId, String);

/// The values of a file grouped by owner id (each group sorted by indicator
/// id, duplicates reported and dropped) and its comments by owner and
/// indicator. Owner ids are owned, so the file's frame can be dropped as soon
/// as its values are read.
pub(crate) struct OwnedValues<Id> {
    pub values: ByOwner<Id, ValueEntry>,
    pub comments: BTreeMap<(Id, IndicatorId), String>,
}

impl<Id> Default for OwnedValues<Id> {
    fn default() -> Self {
        Self {
            values: ByOwner::default(),
            comments: BTreeMap::new(),
        }
    }
}

/// Rows of a value file read so far, by owner: a file read in chunks adds
/// each chunk's groups in file order.
struct Merged<Id> {
    shape: Shape,
    groups: Grouping<Id, (Vec<ValueEntry>, Rows, bool)>,
    comments: BTreeMap<(Id, IndicatorId), String>,
}

impl<Id: for<'s> From<&'s str> + Borrow<str> + Hash + Ord + Clone> Merged<Id> {
    fn new(owners: usize) -> Self {
        Self {
            shape: Shape::Long,
            groups: Grouping::with_capacity(owners),
            comments: BTreeMap::new(),
        }
    }

    /// Reads one frame (the whole file or a chunk of it), a split long-shape
    /// file in parts of about `chunk_rows` rows on every core; `false` when
    /// its header cannot be read.
    fn read(
        &mut self,
        frame: &CsvFrame,
        owner: &Owner<'_>,
        header_checked: bool,
        chunk_rows: usize,
        errors: &mut Vec<DataError>,
    ) -> bool {
        let parts = if frame.has("indicator_id") {
            self.shape = Shape::Long;
            read_long(frame, owner, header_checked, chunk_rows, errors)
        } else {
            self.shape = Shape::Wide;
            read_wide(frame, owner, errors).map(|grouped| vec![grouped])
        };
        let Some(parts) = parts else {
            return false;
        };
        for grouped in parts {
            self.add(grouped);
        }
        true
    }

    /// Adds the runs and comments of consecutive rows, after those before.
    fn add(&mut self, grouped: Groups<'_>) {
        let (runs, comments) = grouped.finish();
        for run in runs {
            let (owner_id, _) = run.owner;
            self.groups.add(
                run.owner,
                || Id::from(owner_id),
                (run.values, run.rows, run.sorted),
                |(values, rows, sorted), (more, more_rows, _)| {
                    let count = more.len();
                    for (value, row) in more.into_iter().zip(more_rows.list(count)) {
                        rows.push(values.len(), row);
                        values.push(value);
                    }
                    *sorted = false;
                },
            );
        }
        for (owner_id, indicator_id, text) in comments {
            self.comments
                .insert((Id::from(owner_id), indicator_id), text);
        }
    }

    /// Each owner's values sorted by indicator id, repeats reported.
    fn finish(self, file: &str, errors: &mut Vec<DataError>) -> OwnedValues<Id> {
        let groups = self
            .groups
            .into_groups()
            .into_iter()
            .map(|(owner_id, (group, rows, sorted))| {
                if sorted {
                    return (owner_id, group);
                }
                let unique =
                    sorted_unique(owner_id.borrow(), group, rows, self.shape, file, errors);
                (owner_id, unique)
            })
            .collect();
        OwnedValues {
            values: ByOwner::new(groups),
            comments: self.comments,
        }
    }
}

/// Reads a value file already read into a frame (see the module
/// documentation).
pub(crate) fn read_values<Id: for<'s> From<&'s str> + Borrow<str> + Hash + Ord + Clone>(
    frame: Option<&CsvFrame>,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> OwnedValues<Id> {
    let Some(frame) = frame else {
        return OwnedValues::default();
    };
    let mut merged = Merged::new(owner.known.len());
    merged.read(frame, owner, false, CHUNK_ROWS, errors);
    merged.finish(&frame.file, errors)
}

/// Rows per chunk when a long-shape value file is read in chunks by polars:
/// about 100 MB of polars cells at a time instead of the whole file; and
/// about the rows per part when a split file is read on several threads.
pub(crate) const CHUNK_ROWS: usize = 1_000_000;

/// The most rows in a part of a long-shape file read on every core. The
/// last part read keeps one core busy alone: with parts of a million rows
/// (national assessment values have twenty), that was about 30 ms of a
/// national run on 2 cores.
const PART_ROWS: usize = 250_000;

/// Reads a value file from disk, a long-shape file in chunks of `chunk_rows`
/// rows (see [`CsvFrame::read_chunks`]): the same values and the same errors
/// as reading it whole. A wide-shape file is read whole.
pub(crate) fn read_value_file<Id: for<'s> From<&'s str> + Borrow<str> + Hash + Ord + Clone>(
    path: &Path,
    file: &str,
    owner: &Owner<'_>,
    chunk_rows: usize,
    parser: Parser,
    errors: &mut Vec<DataError>,
) -> OwnedValues<Id> {
    let mut merged = Merged::new(owner.known.len());
    let mut first = true;
    let mut readable = true;
    let long = |header: &str| {
        header
            .split(',')
            .any(|name| name.trim_end_matches('\r') == "indicator_id")
    };
    CsvFrame::read_chunks(
        path,
        file,
        (
            |header: &str| if long(header) { chunk_rows } else { usize::MAX },
            // Rows' shapes are checked as the rows are split.
            ShapeCheck::ByReader,
        ),
        parser,
        errors,
        |frame, errors| {
            if readable {
                readable = merged.read(frame, owner, !first, chunk_rows, errors);
                first = false;
            }
        },
    );
    merged.finish(file, errors)
}

/// The long shape, in parts of about `chunk_rows` rows (at most
/// [`PART_ROWS`]) read on every core (see [`CsvFrame::parts`]), in file
/// order; `None` when the header cannot be read. A chunk after the first
/// (`header_checked`) does not report the header again.
fn read_long<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    header_checked: bool,
    chunk_rows: usize,
    errors: &mut Vec<DataError>,
) -> Option<Vec<Groups<'a>>> {
    let required = [owner.column, "indicator_id", "value"];
    let spec = ColumnSpec {
        required: &required,
        optional: &["comment"],
    };
    frame.read_rows(errors, |errors| {
        if !header_checked && !frame.check_header(&spec, errors) {
            return (None, true);
        }
        let parts = frame.parts(frame.height.div_ceil(chunk_rows.clamp(1, PART_ROWS)));
        let read: Vec<(Groups<'a>, Vec<DataError>, bool)> = parts
            .par_iter()
            .map(|part| {
                let mut errors = Vec::new();
                let (grouped, fits) = read_long_part(frame, owner, *part, &mut errors);
                (grouped, errors, fits)
            })
            .collect();
        let fits = read.iter().all(|(_, _, fits)| *fits);
        let groups = read
            .into_iter()
            .map(|(grouped, part_errors, _)| {
                errors.extend(part_errors);
                grouped
            })
            .collect();
        (Some(groups), fits)
    })
}

/// The rows of one part of a long-shape file, and whether every row had
/// the header's number of cells (see [`RowReader::shape_fits`]).
fn read_long_part<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    part: Part,
    errors: &mut Vec<DataError>,
) -> (Groups<'a>, bool) {
    let mut grouped = Groups::default();
    let mut checked = CheckedOwner::new(owner);
    let mut interner = Interner::default();
    // The interned position of the value pushed last.
    let mut previous_position = 0;
    let [owner_at, indicator_at, value_at, comment_at] = [0, 1, 2, 3];
    let mut reader = RowReader::part(
        frame,
        &[owner.column, "indicator_id", "value", "comment"],
        part,
    );
    while let Some(mut row) = reader.next_row(errors) {
        // Rows of the owner being read need no new check.
        let owner_id = match row.cell_at(owner_at) {
            Some(id)
                if grouped
                    .current_owner()
                    .is_some_and(|current| same_id(current, id)) =>
            {
                Some(id)
            }
            _ => checked.owner_id(&mut row, owner_at, owner),
        };
        let indicator_id = row.cell_at(indicator_at);
        if indicator_id.is_none() {
            row.error("indicator_id", "empty cell, a value is required");
        }
        let value = match row.cell_at(value_at).map(cells::indicator_value) {
            None => Some(None),
            Some(Ok(value)) => Some(Some(value)),
            Some(Err(message)) => {
                row.error("value", message);
                None
            }
        };
        if let (Some(owner_id), Some(indicator_id), Some(value)) = (owner_id, indicator_id, value) {
            let (indicator_id, position) = interner.intern(indicator_id);
            if let Some(comment) = row.cell_at(comment_at) {
                grouped
                    .comments
                    .push((owner_id, indicator_id.clone(), comment.to_owned()));
            }
            grouped.push(
                (owner_id, checked.position()),
                row.number,
                ValueEntry::new(indicator_id, value),
                || interner.ascending(previous_position, position),
            );
            previous_position = position;
        }
    }
    (grouped, reader.shape_fits())
}

/// The wide shape; `None` when the header cannot be read.
fn read_wide<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> Option<Groups<'a>> {
    frame.read_rows(errors, |errors| read_wide_rows(frame, owner, errors))
}

/// [`read_wide`]'s rows, and whether each had the header's number of cells.
fn read_wide_rows<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> (Option<Groups<'a>>, bool) {
    let mut grouped = Groups::default();
    let indicators: Vec<&str> = frame
        .names()
        .filter(|name| *name != owner.column && !name.starts_with("x_"))
        .collect();
    let required = [owner.column];
    let spec = ColumnSpec {
        required: &required,
        optional: &indicators,
    };
    if !frame.check_header(&spec, errors) {
        return (None, true);
    }
    let mut names = vec![owner.column];
    names.extend(indicators.iter().copied());
    let mut reader = RowReader::new(frame, &names);
    let ids: Vec<IndicatorId> = indicators.iter().copied().map(IndicatorId::new).collect();
    let mut first_rows: HashMap<&'a str, usize> =
        HashMap::with_capacity_and_hasher(owner.known.len(), Default::default());
    let mut checked = CheckedOwner::new(owner);
    while let Some(mut row) = reader.next_row(errors) {
        let owner_id = checked.owner_id(&mut row, 0, owner);
        if let Some(id) = owner_id
            && let Some(first) = first_rows.insert(id, row.number)
        {
            first_rows.insert(id, first);
            row.error(
                owner.column,
                format!(
                    "{} `{id}` has a second row, first at row {first}; the wide shape has one row per {}",
                    owner.entity, owner.entity
                ),
            );
            continue;
        }
        // The column of the value pushed last from this row.
        let mut previous_column = 0;
        for (index, (indicator, id)) in indicators.iter().copied().zip(&ids).enumerate() {
            let Some(text) = row.cell_at(index + 1) else {
                continue;
            };
            match cells::indicator_value(text) {
                Ok(value) => {
                    if let Some(owner_id) = owner_id {
                        grouped.push(
                            (owner_id, checked.position()),
                            row.number,
                            ValueEntry::new(id.clone(), Some(value)),
                            || indicators.get(previous_column) < Some(&indicator),
                        );
                        previous_column = index;
                    }
                }
                Err(message) => row.error(indicator, message),
            }
        }
    }
    (Some(grouped), reader.shape_fits())
}

/// Checks owner ids against their file, remembering the last one found:
/// consecutive rows of one owner are checked once, and owners that follow
/// their file's order are found without a lookup.
struct CheckedOwner<'a, 'k> {
    last_known: Option<&'a str>,
    cursor: Cursor<'k, 'k>,
}

impl<'a, 'k> CheckedOwner<'a, 'k> {
    fn new(owner: &Owner<'k>) -> Self {
        Self {
            last_known: None,
            cursor: owner.known.cursor(),
        }
    }

    /// The position in its file of the owner found last (`None` when the
    /// file is unchecked).
    fn position(&self) -> Option<usize> {
        self.cursor.position()
    }

    fn owner_id(&mut self, row: &mut Row<'_, 'a>, at: usize, owner: &Owner<'_>) -> Option<&'a str> {
        let Some(id) = row.cell_at(at) else {
            row.error(owner.column, "empty cell, a value is required");
            return None;
        };
        if self.last_known.is_some_and(|last| same_id(last, id)) {
            return Some(id);
        }
        let known = self
            .cursor
            .check(row, owner.column, id, owner.entity, owner.file);
        if known {
            self.last_known = Some(id);
        }
        known.then_some(id)
    }
}

/// Sorts by indicator id (file order among equals) and reports every repeat.
fn sorted_unique(
    owner_id: &str,
    values: Vec<ValueEntry>,
    rows: Rows,
    shape: Shape,
    file: &str,
    errors: &mut Vec<DataError>,
) -> Vec<ValueEntry> {
    // The usual case, sorted and without repeats, moves the values as they are.
    if values.is_sorted_by(|left, right| left.indicator_id < right.indicator_id) {
        return values;
    }
    let rows = rows.list(values.len());
    let mut placed: Vec<(usize, ValueEntry)> = rows.into_iter().zip(values).collect();
    placed.sort_by(|(left_row, left), (right_row, right)| {
        (&left.indicator_id, left_row).cmp(&(&right.indicator_id, right_row))
    });
    let mut unique: Vec<ValueEntry> = Vec::with_capacity(placed.len());
    let mut first_row = 0;
    for (row, entry) in placed {
        if unique
            .last()
            .is_some_and(|last| last.indicator_id == entry.indicator_id)
        {
            errors.push(DataError::cell(
                file,
                row,
                match shape {
                    Shape::Long => "indicator_id",
                    Shape::Wide => entry.indicator_id.as_str(),
                },
                format!(
                    "duplicate value for `{owner_id}` and indicator `{}`, first given at row {first_row}",
                    entry.indicator_id
                ),
            ));
            continue;
        }
        first_row = row;
        unique.push(entry);
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::Rows;

    fn rows(pushed: &[usize]) -> Vec<usize> {
        let mut rows = Rows::Consecutive {
            first: pushed.first().copied().unwrap_or_default(),
        };
        for (index, row) in pushed.iter().enumerate() {
            rows.push(index, *row);
        }
        rows.list(pushed.len())
    }

    #[test]
    fn rows_are_listed_whatever_their_layout() {
        for pushed in [
            &[][..],
            &[7],
            &[7, 8, 9, 10],
            &[4, 4, 4],
            &[2, 3, 9, 10],
            &[5, 5, 6],
            &[3, 2, 1],
            &[2, 3, 3],
        ] {
            assert_eq!(rows(pushed), pushed, "{pushed:?}");
        }
    }
}
