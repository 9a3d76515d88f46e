//! Finds rows with more cells than the header, to explain a CSV file the
//! parser refused (polars names no row). Runs only on that failure path.

use crate::error::DataError;

/// At most this many ragged rows are reported per file.
const MAX_REPORTED: usize = 50;

/// Rows (1-based, header = 1) whose cell count passes the header's.
pub(crate) fn ragged_rows(text: &str, file: &str) -> Vec<DataError> {
    let mut counts = Vec::new();
    let mut in_quotes = false;
    let mut cells = 1usize;
    let mut empty = true;
    for character in text.chars() {
        match character {
            '"' => {
                in_quotes = !in_quotes;
                empty = false;
            }
            ',' if !in_quotes => {
                cells += 1;
                empty = false;
            }
            '\n' if !in_quotes => {
                if !empty {
                    counts.push(cells);
                }
                cells = 1;
                empty = true;
            }
            '\r' if !in_quotes => {}
            _ => empty = false,
        }
    }
    if !empty {
        counts.push(cells);
    }
    let Some((&header, rows)) = counts.split_first() else {
        return Vec::new();
    };
    (2..)
        .zip(rows)
        .filter(|(_, count)| **count > header)
        .take(MAX_REPORTED)
        .map(|(row, count)| DataError {
            file: file.to_owned(),
            row: Some(row),
            column: None,
            message: format!("the row has {count} cells, the header has {header}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cells_outside_quotes() {
        let text = "a,b\r\n1,2\r\n\"x,y\",2,3\n\n\"line\nbreak\",2\n4,5,6\n";
        let rows: Vec<_> = ragged_rows(text, "f.csv")
            .into_iter()
            .map(|error| error.to_string())
            .collect();
        assert_eq!(
            rows,
            [
                "f.csv:3: the row has 3 cells, the header has 2",
                "f.csv:5: the row has 3 cells, the header has 2"
            ]
        );
    }
}
