//! Reading a workbook back with calamine, as text a snapshot can hold.

use std::fmt::Write as _;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

/// Every sheet: its name, then each non-empty row as `row: cell | cell`, and
/// each formula as `=FORMULA`.
pub fn cells(path: &Path) -> String {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let mut text = String::new();
    for name in workbook.sheet_names() {
        let _ = writeln!(text, "## {name}");
        let range = workbook.worksheet_range(&name).unwrap();
        let formulas = workbook.worksheet_formula(&name).unwrap();
        for (index, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect();
            if cells.iter().any(|cell| !cell.is_empty()) {
                let _ = writeln!(text, "{:>3}: {}", index + 1, cells.join(" | ").trim_end());
            }
        }
        for row in formulas.rows() {
            for formula in row.iter().filter(|formula| !formula.is_empty()) {
                let _ = writeln!(text, "  formula: ={formula}");
            }
        }
    }
    text
}

/// Every formula of every sheet.
pub fn formulas(path: &Path) -> Vec<String> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let mut found = Vec::new();
    for name in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&name).unwrap();
        for row in formulas.rows() {
            found.extend(row.iter().filter(|formula| !formula.is_empty()).cloned());
        }
    }
    found
}
