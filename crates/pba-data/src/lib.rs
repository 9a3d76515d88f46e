//! File input and output for `pba`: the only crate that reads or writes files.
//!
//! - [`read_dataset`] turns a dataset directory (SPEC section 2) into a
//!   [`pba_scoring::Dataset`], reporting every problem of every file
//!   ([`DataErrors`]) by file, row and column.
//! - [`Table`] and [`OutputSet`] write CSV outputs (and raw bytes such as
//!   XLSX) atomically: all files or none.
//! - [`template_table`] and [`template_xlsx`] make the blank entry sheet of a
//!   scorecard; [`table_xlsx`] and [`SheetWriter`] write any table as a spreadsheet.
//!
//! ```
//! use pba_data::{OutputSet, Table};
//!
//! let table = Table::new(["facility_id", "note"]).with_row(["F001", "=1+1"]);
//! assert_eq!(table.to_csv(), "facility_id,note\nF001,'=1+1\n");
//! let mut outputs = OutputSet::default();
//! outputs.add_table("notes.csv", &table);
//! let dir = std::env::temp_dir().join(format!("pba-data-doctest-{}", std::process::id()));
//! let written = outputs.commit(&dir).unwrap();
//! assert_eq!(written, vec![dir.join("notes.csv")]);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod by_owner;
pub mod cells;
pub mod error;
mod file_bytes;
mod frame;
mod hashing;
mod identifiers;
mod output_set;
mod ragged;
mod read_consultations;
mod read_dataset;
mod read_places;
mod read_results;
mod read_values;
mod read_verification;
mod read_visits;
mod rows;
pub mod table;
mod template;
mod write_dataset;
pub mod xlsx;

pub use error::{DataError, DataErrors, WriteError};
#[doc(hidden)]
pub use frame::Parser;
pub use output_set::OutputSet;
pub use read_dataset::{DATASET_FILES, Reading, read_dataset, read_dataset_with};
pub use read_results::{
    AchievementRow, FACILITY_SCORE_EXTRA_COLUMNS, ListedAmount, PBA_LIST_COLUMNS,
    read_achievements, read_facility_score_rows, read_facility_scores, read_pba_list,
};
pub use read_verification::{VERIFICATION_COLUMNS, VerifiedFacility, read_verification};
pub use table::{RowWriter, Table, csv_text, neutralise, write_row};
pub use template::{
    TEMPLATE_COLUMNS, XLSX_TABLE_HEADER_ROW, allowed, template_table, template_xlsx,
};
pub use write_dataset::{ValuesShape, write_dataset};
pub use xlsx::{ColumnKind, SheetWriter, table_xlsx};
