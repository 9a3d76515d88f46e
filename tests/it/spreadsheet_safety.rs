//! Spreadsheet safety (SPEC section 8): text that a spreadsheet would run as
//! a formula is neutralised in every output. Facility names starting with
//! `=`, `+`, `-`, `@`, a tab and a carriage return go through `pba allocate`;
//! the workbook must hold no formula but the `SUM` totals pba writes, and no
//! text cell of the CSV or the workbook may start with a risky character
//! unless it is a plain number such as `-5.00`.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{pba_in, repo};

/// Names that would run as formulas, and the facilities that get them.
const NAMES: &[(&str, &str)] = &[
    ("F00002", "=HYPERLINK(\"http://example.org\",\"click\")"),
    ("F00003", "+1+2"),
    ("F00004", "-3+4 Centro"),
    ("F00020", "@SUM(A1:A9)"),
    ("F00021", "\tCentro com tabulação"),
    ("F00022", "\rCentro com retorno"),
];

const RISKY: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// RFC 4180 quoting for the facilities file written here.
fn quoted(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

/// A copy of the corpus base dataset with risky facility names.
fn dataset(directory: &Path) {
    let base = repo("tests/bad-inputs/_base");
    std::fs::create_dir_all(directory).unwrap();
    for entry in std::fs::read_dir(&base).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), directory.join(entry.file_name())).unwrap();
    }
    let facilities = std::fs::read_to_string(base.join("facilities.csv")).unwrap();
    let mut text = String::new();
    for line in facilities.lines() {
        let cells: Vec<&str> = line.splitn(3, ',').collect();
        match NAMES.iter().find(|(id, _)| *id == cells[0]) {
            Some((id, name)) => {
                text.push_str(&format!("{id},{},{}\n", quoted(name), cells[2]));
            }
            None => text.push_str(&format!("{line}\n")),
        }
    }
    for (id, name) in &NAMES[3..] {
        text.push_str(&format!(
            "{id},{},health_center_rural_1,CAD-17,none,sdsgcas_transfer,,1000,true\n",
            quoted(name)
        ));
    }
    std::fs::write(directory.join("facilities.csv"), text).unwrap();
}

/// The cells of an RFC 4180 CSV text.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match (quoted, character) {
            (true, '"') if characters.peek() == Some(&'"') => {
                characters.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, other) => cell.push(other),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, other) => cell.push(other),
        }
    }
    rows
}

/// A cell a spreadsheet would run: starts with a risky character and is
/// not a plain number.
fn runs(cell: &str) -> bool {
    let number = cell.strip_prefix('-').is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    cell.starts_with(RISKY) && !number
}

#[test]
fn risky_facility_names_are_neutralised_in_the_pba_list() {
    let temporary = tempfile::tempdir().unwrap();
    let data = temporary.path().join("data");
    let out = temporary.path().join("out");
    dataset(&data);
    let policy = data.join("policy.toml");
    let run = pba_in(
        temporary.path(),
        &[
            "allocate",
            "--data",
            data.to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        Some(temporary.path()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);

    let rows = csv_cells(&std::fs::read_to_string(out.join("pba-list.csv")).unwrap());
    let name_column = rows[0]
        .iter()
        .position(|name| name == "facility_name")
        .unwrap();
    let id_column = rows[0]
        .iter()
        .position(|name| name == "facility_id")
        .unwrap();
    for (id, name) in NAMES {
        let row = rows
            .iter()
            .find(|row| row[id_column] == *id)
            .unwrap_or_else(|| panic!("{id} is not in pba-list.csv"));
        assert_eq!(row[name_column], format!("'{name}"), "{id}");
    }
    for cell in rows.iter().flatten() {
        assert!(
            !runs(cell),
            "pba-list.csv cell {cell:?} would run as a formula"
        );
    }

    let workbook_path = out.join("pba-list.xlsx");
    let formulas = crate::workbook::formulas(&workbook_path);
    assert!(!formulas.is_empty(), "the workbook has its SUM totals");
    for formula in &formulas {
        assert!(
            formula.starts_with("SUM(") && formula.ends_with(')') && !formula.contains(['"', '@']),
            "unexpected formula `{formula}`"
        );
    }
    let mut workbook: Xlsx<_> = open_workbook(&workbook_path).unwrap();
    let mut names_found = 0;
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            if let (_, _, Data::String(text)) = cell {
                assert!(
                    !runs(text),
                    "workbook cell {text:?} of `{sheet}` would run as a formula"
                );
                names_found +=
                    usize::from(NAMES.iter().any(|(_, name)| *text == format!("'{name}")));
            }
        }
    }
    assert!(
        names_found >= NAMES.len(),
        "every risky name is in the workbook, neutralised"
    );
}
