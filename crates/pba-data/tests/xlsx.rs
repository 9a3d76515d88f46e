//! The generic workbook writer, read back with calamine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use pba_data::{ColumnKind, Table, table_xlsx};

#[test]
fn tables_become_sheets_with_numbers_money_and_totals() {
    let table = Table::new(["facility_id", "score", "amount", "note"])
        .with_row(["F001", "61.34", "7000000.00", "=cmd|' /C calc'!A0"])
        .with_row(["F002", "", "1234.56", "-"]);
    let kinds = BTreeMap::from([
        ("score".to_owned(), ColumnKind::Number),
        ("amount".to_owned(), ColumnKind::Money),
    ]);
    let bytes = table_xlsx("pba-list", &table, &kinds, &["amount"]).unwrap();
    assert_eq!(
        bytes,
        table_xlsx("pba-list", &table, &kinds, &["amount"]).unwrap(),
        "reproducible bytes"
    );

    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("pba-list").unwrap();
    assert_eq!(
        range.get_value((0, 2)),
        Some(&Data::String("amount".to_owned()))
    );
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(61.34)));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(7_000_000.0)));
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::String("'=cmd|' /C calc'!A0".to_owned()))
    );
    assert_eq!(
        range.get_value((2, 3)),
        Some(&Data::String("'-".to_owned()))
    );
    assert_eq!(
        range.get_value((3, 0)),
        Some(&Data::String("total".to_owned()))
    );
    let formulas = workbook.worksheet_formula("pba-list").unwrap();
    assert_eq!(
        formulas.get_value((3, 2)).map(String::as_str),
        Some("SUM(C2:C3)")
    );
}
