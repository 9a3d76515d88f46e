//! `assessment_values.csv` and `consultation_values.csv`, in either shape:
//!
//! - **long**: one row per value, columns `<owner>_id, indicator_id, value`
//!   and optionally `comment`; an empty `value` is a missing value
//!   (`ValueEntry.value = None`).
//! - **wide**: one row per owner, an `<owner>_id` column and one column per
//!   indicator id (every column but `x_...` ones). A spreadsheet row holds a
//!   cell for every indicator of every scorecard, so an **empty cell is
//!   skipped**: no entry at all, which scoring treats exactly like a missing
//!   value. Wide files carry no comments.
//!
//! The shape is told by the presence of an `indicator_id` column. Either way
//! a value is `yes`, `no`, `na` or a number (see [`crate::cells::indicator_value`]),
//! and an (owner, indicator) pair may be given once.

use std::collections::HashMap;

use pba_scorecard::IndicatorId;
use pba_scoring::ValueEntry;

use crate::cells;
use crate::error::DataError;
use crate::frame::{ColumnSpec, CsvFrame};
use crate::identifiers::Known;
use crate::rows::{Row, RowReader};

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

/// A value with the row and column it came from, for duplicate messages.
pub(crate) struct PlacedValue<'a> {
    /// Row number.
    pub row: usize,
    /// `indicator_id` (long) or the indicator's column (wide).
    pub column: &'a str,
    /// The value.
    pub entry: ValueEntry,
}

/// Values grouped by owner id, each group sorted by indicator id, duplicates
/// reported and dropped.
pub(crate) fn read_values<'a>(
    frame: Option<&'a CsvFrame>,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> HashMap<&'a str, Vec<ValueEntry>> {
    let Some(frame) = frame else {
        return HashMap::new();
    };
    let grouped = if frame.has("indicator_id") {
        read_long(frame, owner, errors)
    } else {
        read_wide(frame, owner, errors)
    };
    grouped
        .into_iter()
        .map(|(owner_id, values)| {
            (
                owner_id,
                sorted_unique(owner_id, values, &frame.file, errors),
            )
        })
        .collect()
}

fn read_long<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> HashMap<&'a str, Vec<PlacedValue<'a>>> {
    let mut grouped: HashMap<&'a str, Vec<PlacedValue<'a>>> = HashMap::new();
    let required = [owner.column, "indicator_id", "value"];
    let spec = ColumnSpec {
        required: &required,
        optional: &["comment"],
    };
    if !frame.check_header(&spec, errors) {
        return grouped;
    }
    let mut reader = RowReader::new(frame, &[owner.column, "indicator_id", "value", "comment"]);
    while let Some(mut row) = reader.next_row(errors) {
        let owner_id = owner_id(&mut row, owner);
        let indicator_id = row.required_text("indicator_id");
        let value = row.optional("value", cells::indicator_value);
        let comment = row.text("comment");
        if let (Some(owner_id), Some(indicator_id), Some(value)) = (owner_id, indicator_id, value) {
            grouped.entry(owner_id).or_default().push(PlacedValue {
                row: row.number,
                column: "indicator_id",
                entry: ValueEntry {
                    indicator_id: IndicatorId::from(indicator_id),
                    value,
                    comment: comment.map(str::to_owned),
                },
            });
        }
    }
    grouped
}

fn read_wide<'a>(
    frame: &'a CsvFrame,
    owner: &Owner<'_>,
    errors: &mut Vec<DataError>,
) -> HashMap<&'a str, Vec<PlacedValue<'a>>> {
    let mut grouped: HashMap<&'a str, Vec<PlacedValue<'a>>> = HashMap::new();
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
        return grouped;
    }
    let mut names = vec![owner.column];
    names.extend(indicators.iter().copied());
    let mut reader = RowReader::new(frame, &names);
    while let Some(mut row) = reader.next_row(errors) {
        let owner_id = owner_id(&mut row, owner);
        for (index, indicator) in indicators.iter().copied().enumerate() {
            let Some(text) = row.cell_at(index + 1) else {
                continue;
            };
            match cells::indicator_value(text) {
                Ok(value) => {
                    if let Some(owner_id) = owner_id {
                        grouped.entry(owner_id).or_default().push(PlacedValue {
                            row: row.number,
                            column: indicator,
                            entry: ValueEntry {
                                indicator_id: IndicatorId::from(indicator),
                                value: Some(value),
                                comment: None,
                            },
                        });
                    }
                }
                Err(message) => row.error(indicator, message),
            }
        }
    }
    grouped
}

fn owner_id<'a>(row: &mut Row<'_, 'a>, owner: &Owner<'_>) -> Option<&'a str> {
    row.required_text(owner.column).filter(|id| {
        owner
            .known
            .check(row, owner.column, id, owner.entity, owner.file)
    })
}

/// Sorts by indicator id (file order among equals) and reports every repeat.
fn sorted_unique(
    owner_id: &str,
    mut values: Vec<PlacedValue<'_>>,
    file: &str,
    errors: &mut Vec<DataError>,
) -> Vec<ValueEntry> {
    values.sort_by(|left, right| {
        (&left.entry.indicator_id, left.row).cmp(&(&right.entry.indicator_id, right.row))
    });
    let mut unique: Vec<ValueEntry> = Vec::with_capacity(values.len());
    let mut first_row = 0;
    for placed in values {
        if unique
            .last()
            .is_some_and(|last| last.indicator_id == placed.entry.indicator_id)
        {
            errors.push(DataError::cell(
                file,
                placed.row,
                placed.column,
                format!(
                    "duplicate value for `{owner_id}` and indicator `{}`, first given at row {first_row}",
                    placed.entry.indicator_id
                ),
            ));
            continue;
        }
        first_row = placed.row;
        unique.push(placed.entry);
    }
    unique
}
