//! `pba template`: the blank entry sheet of a scorecard for an ISC visit,
//! as a CSV table ([`template_table`]) or a workbook ([`template_xlsx`]).
//!
//! The workbook has a header block (scorecard, facility, date, assessment
//! id), the indicator table with a frozen header row and a drop-down or
//! range check on each value cell, and a committee block whose `role` and
//! `attended_consultation` cells offer their allowed values. A `numeric` or
//! `bands` indicator gets a range check from its entry bounds (for `bands`,
//! `min` or else the lowest band, and `max`), except when it allows `na` (a
//! number check would refuse `na`).

use pba_scorecard::{Indicator, IndicatorKind, MemberRole, ScorecardDefinition};
use rust_xlsxwriter::{DataValidation, DataValidationRule};

use crate::cells::number_text;
use crate::error::WriteError;
use crate::table::Table;
use crate::xlsx::{SheetWriter, new_workbook, workbook_bytes};

/// Columns of the indicator table.
pub const TEMPLATE_COLUMNS: &[&str] = &[
    "indicator_id",
    "domain",
    "title",
    "kind",
    "allowed",
    "points",
    "critical",
    "allow_na",
    "source",
    "value",
    "comment",
];

/// Blank rows offered for committee members in the workbook.
const COMMITTEE_ROWS: u32 = 8;

/// One row per indicator, `value` and `comment` empty for the committee.
#[must_use]
pub fn template_table(definition: &ScorecardDefinition) -> Table {
    let mut table = Table::new(TEMPLATE_COLUMNS.iter().copied());
    for indicator in &definition.indicators {
        table.push_row([
            indicator.id.to_string(),
            indicator.domain.to_string(),
            indicator.title.clone(),
            kind_name(&indicator.kind).to_owned(),
            allowed(indicator),
            number_text(indicator.points),
            indicator.critical.to_string(),
            indicator.allow_na.to_string(),
            indicator.source.clone(),
            String::new(),
            String::new(),
        ]);
    }
    table
}

fn kind_name(kind: &IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Binary => "binary",
        IndicatorKind::Scale { .. } => "scale",
        IndicatorKind::Numeric { .. } => "numeric",
        IndicatorKind::Bands { .. } => "bands",
    }
}

/// What may be entered, in words: `yes/no`, `0-2`,
/// `0 to 30 (0 at 30, full at 0)`, `0 to 100; bands from 80: 1, from 50: 0.5`;
/// `or na` appended where `na` is allowed.
#[must_use]
pub fn allowed(indicator: &Indicator) -> String {
    let text = match &indicator.kind {
        IndicatorKind::Binary if indicator.allow_na => return "yes/no/na".to_owned(),
        IndicatorKind::Binary => return "yes/no".to_owned(),
        IndicatorKind::Scale { max } => format!("0-{max}"),
        IndicatorKind::Numeric {
            zero_at, full_at, ..
        } => format!(
            "{} (0 at {}, full at {})",
            range_text(&indicator.kind),
            number_text(*zero_at),
            number_text(*full_at)
        ),
        IndicatorKind::Bands { bands, .. } => {
            let bands = bands
                .iter()
                .map(|band| {
                    format!(
                        "from {}: {}",
                        number_text(band.from),
                        number_text(band.fraction)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}; bands {bands}", range_text(&indicator.kind))
        }
    };
    if indicator.allow_na {
        format!("{text} or na")
    } else {
        text
    }
}

/// The values a number may take, in words: `0 to 100`, `0 or more`,
/// `up to 30`, `a number`.
fn range_text(kind: &IndicatorKind) -> String {
    match kind.entry_bounds() {
        (Some(min), Some(max)) => format!("{} to {}", number_text(min), number_text(max)),
        (Some(min), None) => format!("{} or more", number_text(min)),
        (None, Some(max)) => format!("up to {}", number_text(max)),
        (None, None) => "a number".to_owned(),
    }
}

/// The check on a value cell, if any.
fn validation(indicator: &Indicator) -> Result<Option<DataValidation>, WriteError> {
    let na = indicator.allow_na.then(|| "na".to_owned());
    let validation = match &indicator.kind {
        IndicatorKind::Binary => {
            let list: Vec<String> = ["yes".to_owned(), "no".to_owned()]
                .into_iter()
                .chain(na)
                .collect();
            Some(DataValidation::new().allow_list_strings(&list)?)
        }
        IndicatorKind::Scale { max } => {
            let list: Vec<String> = (0..=*max).map(|step| step.to_string()).chain(na).collect();
            match DataValidation::new().allow_list_strings(&list) {
                Ok(validation) => Some(validation),
                // Too long for a drop-down: a whole-number range instead.
                Err(_) if !indicator.allow_na => Some(DataValidation::new().allow_whole_number(
                    DataValidationRule::Between(0, i32::try_from(*max).unwrap_or(i32::MAX)),
                )),
                Err(_) => None,
            }
        }
        IndicatorKind::Numeric { .. } | IndicatorKind::Bands { .. } if indicator.allow_na => None,
        IndicatorKind::Numeric { .. } | IndicatorKind::Bands { .. } => {
            use rust_decimal::prelude::ToPrimitive;
            let float = |value: &rust_decimal::Decimal| value.to_f64().unwrap_or_default();
            let (min, max) = indicator.kind.entry_bounds();
            let rule = match (&min, &max) {
                (Some(min), Some(max)) => Some(DataValidationRule::Between(float(min), float(max))),
                (Some(min), None) => Some(DataValidationRule::GreaterThanOrEqualTo(float(min))),
                (None, Some(max)) => Some(DataValidationRule::LessThanOrEqualTo(float(max))),
                (None, None) => None,
            };
            rule.map(|rule| DataValidation::new().allow_decimal_number(rule))
        }
    };
    Ok(validation.map(|validation| {
        validation
            .set_error_message(allowed(indicator))
            .unwrap_or_else(|_| DataValidation::new())
    }))
}

/// Row of the indicator table's header in the workbook (0-based).
pub const XLSX_TABLE_HEADER_ROW: u32 = 6;

/// The entry workbook of a scorecard (one sheet, `assessment`).
///
/// # Errors
///
/// When the workbook cannot be assembled (a text too long for a cell).
pub fn template_xlsx(definition: &ScorecardDefinition) -> Result<Vec<u8>, WriteError> {
    let mut workbook = new_workbook()?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("assessment")?;
    let mut writer = SheetWriter::new(sheet);
    writer.label(0, 0, "scorecard")?;
    writer.text(0, 1, definition.id.as_str())?;
    writer.text(0, 2, &definition.version)?;
    writer.text(0, 3, &definition.title)?;
    for (row, label) in (1u32..).zip([
        "facility_id",
        "facility_name",
        "date (YYYY-MM-DD)",
        "assessment_id",
    ]) {
        writer.label(row, 0, label)?;
    }

    let header_row = XLSX_TABLE_HEADER_ROW;
    writer.header(header_row, 0, TEMPLATE_COLUMNS)?;
    writer.freeze_above(header_row + 1)?;
    let table = template_table(definition);
    let value_column = column_of("value");
    for ((row, cells), indicator) in (header_row + 1..)
        .zip(&table.rows)
        .zip(&definition.indicators)
    {
        for (column, cell) in (0u16..).zip(cells) {
            writer.text(row, column, cell)?;
        }
        if let Some(validation) = validation(indicator)? {
            writer.sheet().add_data_validation(
                row,
                value_column,
                row,
                value_column,
                &validation,
            )?;
        }
    }

    let committee_row = header_row + 1 + u32::try_from(table.rows.len()).unwrap_or(0) + 1;
    writer.label(committee_row, 0, "committee")?;
    let committee_columns = [
        "name",
        "role",
        "organization",
        "home_facility_id",
        "attended_consultation",
    ];
    writer.header(committee_row + 1, 0, &committee_columns)?;
    let first = committee_row + 2;
    let last = first + COMMITTEE_ROWS - 1;
    let roles: Vec<&str> = MemberRole::ALL.iter().map(|role| role.as_str()).collect();
    let role_check = DataValidation::new().allow_list_strings(&roles)?;
    writer
        .sheet()
        .add_data_validation(first, 1, last, 1, &role_check)?;
    let attended_check = DataValidation::new().allow_list_strings(&["true", "false"])?;
    writer
        .sheet()
        .add_data_validation(first, 4, last, 4, &attended_check)?;
    writer.finish()?;
    workbook_bytes(workbook)
}

fn column_of(name: &str) -> u16 {
    TEMPLATE_COLUMNS
        .iter()
        .position(|column| *column == name)
        .and_then(|index| u16::try_from(index).ok())
        .unwrap_or_default()
}
