//! A small layer over `rust_xlsxwriter` for every spreadsheet pba writes.
//!
//! - Text cells are neutralised like CSV cells ([`crate::neutralise`]).
//! - Numbers come from `Decimal` and are stored as the spreadsheet's binary
//!   floating point, **for display only**: the CSV written beside a workbook
//!   is the exact record, and a workbook is never read back for amounts.
//! - Amounts get a currency number format (`#,##0.00`).
//! - Workbooks carry a fixed creation date, so the same content gives the
//!   same bytes on every run.
//! - [`SheetWriter`] tracks each column's widest text for auto-ish widths.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};

use crate::error::WriteError;
use crate::table::{Table, neutralise};

/// Number format of amounts.
pub const MONEY_FORMAT: &str = "#,##0.00";

/// A workbook with fixed document properties (reproducible bytes).
///
/// # Errors
///
/// Never in practice: the fixed date is valid.
pub fn new_workbook() -> Result<Workbook, WriteError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}

/// The bytes of a finished workbook. The workbook is freed on a thread of
/// its own: the benchmark's national per-district list holds about half a
/// million cells, which took about 20 ms to free while the outputs waited.
///
/// # Errors
///
/// When `rust_xlsxwriter` cannot assemble the file.
pub fn workbook_bytes(mut workbook: Workbook) -> Result<Vec<u8>, WriteError> {
    let bytes = workbook.save_to_buffer()?;
    // When no thread can be made, the closure (and the workbook) is dropped
    // here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(workbook));
    Ok(bytes)
}

/// Writes cells into one worksheet, neutralising text and remembering
/// column widths.
pub struct SheetWriter<'w> {
    sheet: &'w mut Worksheet,
    widths: BTreeMap<u16, usize>,
    bold: Format,
    money: Format,
}

impl<'w> SheetWriter<'w> {
    /// Starts writing into a worksheet.
    pub fn new(sheet: &'w mut Worksheet) -> Self {
        Self {
            sheet,
            widths: BTreeMap::new(),
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format(MONEY_FORMAT),
        }
    }

    /// The worksheet, for what this layer does not cover (validations...).
    pub fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    fn measure(&mut self, column: u16, width: usize) {
        let widest = self.widths.entry(column).or_default();
        *widest = (*widest).max(width);
    }

    /// A text cell, neutralised; empty text writes nothing.
    ///
    /// # Errors
    ///
    /// Out-of-range cell or text too long for a cell.
    pub fn text(&mut self, row: u32, column: u16, text: &str) -> Result<(), WriteError> {
        if text.is_empty() {
            return Ok(());
        }
        self.measure(column, text.chars().count());
        self.sheet
            .write_string(row, column, neutralise(text).as_ref())?;
        Ok(())
    }

    /// A bold text cell (headers, labels).
    ///
    /// # Errors
    ///
    /// Out-of-range cell.
    pub fn label(&mut self, row: u32, column: u16, text: &str) -> Result<(), WriteError> {
        self.measure(column, text.chars().count());
        self.sheet
            .write_string_with_format(row, column, neutralise(text).as_ref(), &self.bold)?;
        Ok(())
    }

    /// A row of bold labels from `column` on.
    ///
    /// # Errors
    ///
    /// Out-of-range cell.
    pub fn header<S: AsRef<str>>(
        &mut self,
        row: u32,
        first_column: u16,
        labels: &[S],
    ) -> Result<(), WriteError> {
        for (column, label) in (first_column..).zip(labels) {
            self.label(row, column, label.as_ref())?;
        }
        Ok(())
    }

    /// A number (display only, see the module documentation).
    ///
    /// # Errors
    ///
    /// Out-of-range cell.
    pub fn number(&mut self, row: u32, column: u16, number: Decimal) -> Result<(), WriteError> {
        self.measure(column, number.to_string().len());
        self.sheet
            .write_number(row, column, number.to_f64().unwrap_or_default())?;
        Ok(())
    }

    /// An amount with the currency number format.
    ///
    /// # Errors
    ///
    /// Out-of-range cell.
    pub fn money(&mut self, row: u32, column: u16, amount: Decimal) -> Result<(), WriteError> {
        self.measure(column, amount.trunc().to_string().len() * 4 / 3 + 3);
        self.sheet.write_number_with_format(
            row,
            column,
            amount.to_f64().unwrap_or_default(),
            &self.money,
        )?;
        Ok(())
    }

    /// A formula such as `=SUM(O2:O40)`, shown as money when `money`.
    ///
    /// # Errors
    ///
    /// Out-of-range cell.
    pub fn formula(
        &mut self,
        row: u32,
        column: u16,
        formula: &str,
        money: bool,
    ) -> Result<(), WriteError> {
        if money {
            self.sheet.write_formula_with_format(
                row,
                column,
                Formula::new(formula),
                &self.money,
            )?;
        } else {
            self.sheet
                .write_formula(row, column, Formula::new(formula))?;
        }
        Ok(())
    }

    /// Freezes the rows above `row` (so a header stays in view).
    ///
    /// # Errors
    ///
    /// Out-of-range row.
    pub fn freeze_above(&mut self, row: u32) -> Result<(), WriteError> {
        self.sheet.set_freeze_panes(row, 0)?;
        Ok(())
    }

    /// Sets each written column's width from its widest cell (8 to 60 characters).
    ///
    /// # Errors
    ///
    /// Out-of-range column.
    pub fn finish(self) -> Result<(), WriteError> {
        for (column, width) in &self.widths {
            let width = u32::try_from((*width).clamp(8, 60)).unwrap_or(60) + 2;
            self.sheet.set_column_width(*column, width)?;
        }
        Ok(())
    }
}

/// How [`table_xlsx`] writes a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// As text (the default).
    Text,
    /// As a number when the cell is a decimal, else as text.
    Number,
    /// As an amount with the currency format when a decimal, else as text.
    Money,
}

/// A workbook with one sheet holding a [`Table`]: bold frozen header,
/// columns written per `kinds` (by column name; others are text), widths
/// fitted; when `total_of` names money columns, a last row sums them with
/// a formula.
///
/// # Errors
///
/// When the sheet name is invalid or the workbook cannot be assembled.
pub fn table_xlsx(
    sheet_name: &str,
    table: &Table,
    kinds: &BTreeMap<String, ColumnKind>,
    total_of: &[&str],
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = new_workbook()?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let mut writer = SheetWriter::new(sheet);
    writer.header(0, 0, &table.columns)?;
    writer.freeze_above(1)?;
    for (row, cells) in (1u32..).zip(&table.rows) {
        for ((column, cell), name) in (0u16..).zip(cells).zip(&table.columns) {
            let kind = kinds.get(name).copied().unwrap_or(ColumnKind::Text);
            match (kind, crate::cells::decimal(cell)) {
                (ColumnKind::Number, Ok(number)) => writer.number(row, column, number)?,
                (ColumnKind::Money, Ok(amount)) => writer.money(row, column, amount)?,
                _ => writer.text(row, column, cell)?,
            }
        }
    }
    if !total_of.is_empty() {
        let total_row = u32::try_from(table.rows.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        writer.label(total_row, 0, "total")?;
        for (column, name) in (0u16..).zip(&table.columns) {
            if total_of.contains(&name.as_str()) {
                let letter = column_letters(column);
                writer.formula(
                    total_row,
                    column,
                    &format!("=SUM({letter}2:{letter}{total_row})"),
                    true,
                )?;
            }
        }
    }
    writer.finish()?;
    workbook_bytes(workbook)
}

/// Spreadsheet column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
#[must_use]
pub fn column_letters(column: u16) -> String {
    let mut number = u32::from(column) + 1;
    let mut letters = Vec::new();
    while number > 0 {
        let remainder = (number - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(remainder).unwrap_or(0)));
        number = (number - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
