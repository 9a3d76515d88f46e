//! Single-file inputs besides the dataset: `facility-scores.csv` (what
//! `pba score` writes, so `pba allocate --scores` can use scores from
//! elsewhere), achievements (`pba disburse`) and `pba-list.csv` (`pba dli`);
//! `verification.csv` in `read_verification.rs`.

use crate::hashing::HashMap;
use std::path::Path;

use pba_scorecard::{DliId, FacilityId, ScorecardId};
use pba_scoring::{FacilityScore, IneligibleReason};
use rust_decimal::Decimal;

use crate::cells;
use crate::error::{DataError, DataErrors};
use crate::frame::{ColumnSpec, CsvFrame, Parser};
use crate::rows::RowReader;

/// Columns `pba score` writes into `facility-scores.csv` besides the required
/// ones; accepted (and ignored except `scorecard_id`) when reading it back.
pub const FACILITY_SCORE_EXTRA_COLUMNS: &[&str] = &[
    "scorecard_id",
    "district_id",
    "province",
    "facility_type",
    "assessments",
    "invalid_assessments",
];

const FACILITY_SCORE_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "facility_id",
        "fiscal_year",
        "score",
        "eligible",
        "reason",
        "valid_assessments",
    ],
    optional: FACILITY_SCORE_EXTRA_COLUMNS,
};

/// One row of an achievements file: the value a DLI series reached in a
/// program year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementRow {
    /// `dli`: the series id (`8`, `6.1`).
    pub dli: DliId,
    /// `year`: the program year, from 1.
    pub year: u32,
    /// `value`: the achieved value.
    pub value: Decimal,
    /// Row in the file (header = 1).
    pub row: usize,
}

const ACHIEVEMENT_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &["dli", "year", "value"],
    optional: &[],
};

/// One row of a `pba-list.csv`: an amount listed for a facility (or, with no
/// facility, an `unallocated` amount).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedAmount {
    /// `pba_year`.
    pub pba_year: i32,
    /// `facility_id`; `None` on an `unallocated` row.
    pub facility_id: Option<FacilityId>,
    /// `amount`.
    pub amount: Decimal,
    /// Row in the file (header = 1).
    pub row: usize,
}

/// The columns of `pba-list.csv` (SPEC section 5), in order: what
/// `pba allocate` writes and `pba dli --pba-list` reads.
pub const PBA_LIST_COLUMNS: [&str; 16] = [
    "pba_year",
    "envelope",
    "province",
    "district_id",
    "facility_id",
    "facility_name",
    "facility_type",
    "score",
    "eligible",
    "reason",
    "basis",
    "weight",
    "uplift",
    "share",
    "amount",
    "payment_channel",
];

const PBA_LIST_SPEC: ColumnSpec<'static> = ColumnSpec {
    required: &PBA_LIST_COLUMNS,
    optional: &[],
};

pub(crate) fn open(
    path: &Path,
    spec: &ColumnSpec<'_>,
    errors: &mut Vec<DataError>,
) -> Option<CsvFrame> {
    let file = path.display().to_string();
    let frame = CsvFrame::read(path, &file, Parser::Split, errors)?;
    frame.check_header(spec, errors).then_some(frame)
}

pub(crate) fn finish<T>(values: T, errors: Vec<DataError>) -> Result<T, DataErrors> {
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(DataErrors::new(errors))
    }
}

/// A score: a number from 0 to 100 with at most 2 decimals.
pub(crate) fn score(text: &str) -> Result<Decimal, String> {
    let value = cells::decimal(text)?;
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED || value.scale() > 2 {
        return Err(format!(
            "`{text}` is not a score, expected a number from 0 to 100 with at most 2 decimals"
        ));
    }
    Ok(value)
}

/// Reads a `facility-scores.csv`.
///
/// # Errors
///
/// Every problem of the file: unknown or missing columns, cells that do not
/// parse, a facility given twice for a year, a `reason` that contradicts
/// `eligible` (an eligible facility has none, an ineligible one needs one).
pub fn read_facility_scores(path: &Path) -> Result<Vec<FacilityScore>, DataErrors> {
    read_facility_score_rows(path).map(|rows| rows.into_iter().map(|(_, score)| score).collect())
}

/// [`read_facility_scores`] with each score's row in the file (header = 1),
/// for messages about a score that is well-formed but wrong where it is used.
///
/// # Errors
///
/// As [`read_facility_scores`].
pub fn read_facility_score_rows(path: &Path) -> Result<Vec<(usize, FacilityScore)>, DataErrors> {
    let mut errors = Vec::new();
    let Some(frame) = open(path, &FACILITY_SCORE_COLUMNS, &mut errors) else {
        return Err(DataErrors::new(errors));
    };
    let names: Vec<&str> = FACILITY_SCORE_COLUMNS
        .required
        .iter()
        .chain(["scorecard_id"].iter())
        .copied()
        .collect();
    let mut reader = RowReader::new(&frame, &names);
    let mut seen: HashMap<(&str, i32), usize> = HashMap::default();
    let mut scores = Vec::with_capacity(frame.height);
    while let Some(mut row) = reader.next_row(&mut errors) {
        let facility_id = row.required_text("facility_id");
        let fiscal_year = row.required("fiscal_year", cells::year);
        let score = row.optional("score", score);
        let eligible = row.required("eligible", cells::boolean);
        let reason = row.optional("reason", cells::vocabulary::<IneligibleReason>);
        let valid_assessments = row.required("valid_assessments", |text| {
            cells::count(text).and_then(|count| {
                u32::try_from(count).map_err(|_| format!("`{text}` is too large"))
            })
        });
        let scorecard_id = row.text("scorecard_id");
        if let (Some(facility_id), Some(fiscal_year)) = (facility_id, fiscal_year)
            && let Some(first) = seen.insert((facility_id, fiscal_year), row.number)
        {
            row.error(
                "facility_id",
                format!("facility `{facility_id}` is given twice for {fiscal_year}, first at row {first}"),
            );
            continue;
        }
        match (eligible, reason) {
            (Some(true), Some(Some(reason))) => {
                row.error(
                    "reason",
                    format!("an eligible facility has no reason, found `{reason}`"),
                );
                continue;
            }
            (Some(false), Some(None)) => {
                row.error(
                    "reason",
                    "empty cell, an ineligible facility needs a reason",
                );
                continue;
            }
            _ => {}
        }
        if let (
            Some(facility_id),
            Some(fiscal_year),
            Some(score),
            Some(eligible),
            Some(reason),
            Some(valid_assessments),
        ) = (
            facility_id,
            fiscal_year,
            score,
            eligible,
            reason,
            valid_assessments,
        ) {
            scores.push((
                row.number,
                FacilityScore {
                    facility_id: FacilityId::from(facility_id),
                    fiscal_year,
                    score,
                    eligible,
                    reason,
                    valid_assessments,
                    assessments: None,
                    scorecard_id: scorecard_id.map(ScorecardId::from),
                },
            ));
        }
    }
    finish(scores, errors)
}

/// Reads an achievements file (`dli, year, value`).
///
/// # Errors
///
/// Every problem of the file, including a (dli, year) given twice.
pub fn read_achievements(path: &Path) -> Result<Vec<AchievementRow>, DataErrors> {
    let mut errors = Vec::new();
    let Some(frame) = open(path, &ACHIEVEMENT_COLUMNS, &mut errors) else {
        return Err(DataErrors::new(errors));
    };
    let mut reader = RowReader::new(&frame, ACHIEVEMENT_COLUMNS.required);
    let mut seen: HashMap<(&str, u32), usize> = HashMap::default();
    let mut rows = Vec::with_capacity(frame.height);
    while let Some(mut row) = reader.next_row(&mut errors) {
        let dli = row.required_text("dli");
        let year = row.required("year", |text| {
            cells::count(text)
                .ok()
                .and_then(|year| u32::try_from(year).ok())
                .filter(|year| *year >= 1)
                .ok_or_else(|| format!("`{text}` is not a program year, expected 1, 2, 3..."))
        });
        let value = row.required("value", cells::decimal);
        if let (Some(dli), Some(year), Some(value)) = (dli, year, value) {
            if let Some(first) = seen.insert((dli, year), row.number) {
                row.error(
                    "year",
                    format!("DLI `{dli}` year {year} is given twice, first at row {first}"),
                );
                continue;
            }
            rows.push(AchievementRow {
                dli: DliId::from(dli),
                year,
                value,
                row: row.number,
            });
        }
    }
    finish(rows, errors)
}

/// Reads the amounts of a `pba-list.csv` (SPEC section 5). Every column of
/// the format must be present; only `pba_year`, `envelope`, `facility_id`
/// and `amount` are read.
///
/// # Errors
///
/// Every problem of the file: missing or unknown columns, a bad year or
/// amount, a facility listed twice in one envelope.
pub fn read_pba_list(path: &Path) -> Result<Vec<ListedAmount>, DataErrors> {
    let mut errors = Vec::new();
    let Some(frame) = open(path, &PBA_LIST_SPEC, &mut errors) else {
        return Err(DataErrors::new(errors));
    };
    let mut reader = RowReader::new(&frame, &["pba_year", "envelope", "facility_id", "amount"]);
    let mut rows = Vec::with_capacity(frame.height);
    let mut seen: HashMap<(&str, &str), usize> = HashMap::default();
    while let Some(mut row) = reader.next_row(&mut errors) {
        let pba_year = row.required("pba_year", cells::year);
        let facility_id = row.text("facility_id");
        let amount = row.required("amount", cells::amount);
        let envelope = row.text("envelope").unwrap_or_default();
        if let Some(facility) = facility_id
            && let Some(first) = seen.insert((envelope, facility), row.number)
        {
            row.error(
                "facility_id",
                format!("facility `{facility}` is listed twice in envelope `{envelope}`, first at row {first}"),
            );
            continue;
        }
        if let (Some(pba_year), Some(amount)) = (pba_year, amount) {
            rows.push(ListedAmount {
                pba_year,
                facility_id: facility_id.map(FacilityId::from),
                amount,
                row: row.number,
            });
        }
    }
    finish(rows, errors)
}
