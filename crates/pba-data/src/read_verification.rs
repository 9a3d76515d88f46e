//! `verification.csv` (what `pba verify` writes) read back, so `pba allocate
//! --verification` can apply the policy's verification penalty.

use crate::hashing::HashMap;
use std::path::Path;

use pba_scorecard::FacilityId;
use pba_verification::VerificationStatus;
use rust_decimal::Decimal;

use crate::cells;
use crate::error::DataErrors;
use crate::frame::ColumnSpec;
use crate::read_results::{finish, open, score};
use crate::rows::RowReader;

/// One row of a `verification.csv` (what `pba verify` writes): how a
/// facility's IVA score compares with its ISC annual score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFacility {
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// `isc_score`: the ISC annual score, when the facility has one.
    pub isc_score: Option<Decimal>,
    /// `iva_score`: the mean IVA composite, when scored.
    pub iva_score: Option<Decimal>,
    /// `difference`: `isc_score − iva_score`, when both are given.
    pub difference: Option<Decimal>,
    /// `within_tolerance`, when verified.
    pub within_tolerance: Option<bool>,
    /// `excess`: `max(0, difference − tolerance)`.
    pub excess: Decimal,
    /// `status`.
    pub status: VerificationStatus,
    /// Row in the file (header = 1).
    pub row: usize,
}

/// The columns of `verification.csv`, in order: what `pba verify` writes
/// and `pba allocate --verification` reads (the columns it does not use are
/// accepted and ignored).
pub const VERIFICATION_COLUMNS: [&str; 20] = [
    "facility_id",
    "province",
    "facility_type",
    "sampled",
    "status",
    "isc_score",
    "isc_eligible",
    "iva_visits",
    "iva_score",
    "difference",
    "absolute_difference",
    "within_tolerance",
    "excess",
    "closest_isc_assessment",
    "closest_isc_date",
    "closest_isc_score",
    "closest_difference",
    "iva_assessment",
    "days_apart",
    "disagreeing_indicators",
];

const VERIFICATION_SPEC: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "facility_id",
        "status",
        "isc_score",
        "iva_score",
        "difference",
        "within_tolerance",
        "excess",
    ],
    optional: &VERIFICATION_COLUMNS,
};

/// Reads a `verification.csv` as `pba verify` writes it.
///
/// # Errors
///
/// Every problem of the file: missing or unknown columns, cells that do not
/// parse, a facility given twice, a `verified` row without both scores or
/// whose `difference` is not `isc_score − iva_score`, an `excess` below 0 or
/// above the difference.
pub fn read_verification(path: &Path) -> Result<Vec<VerifiedFacility>, DataErrors> {
    let mut errors = Vec::new();
    let Some(frame) = open(path, &VERIFICATION_SPEC, &mut errors) else {
        return Err(DataErrors::new(errors));
    };
    let mut reader = RowReader::new(&frame, VERIFICATION_SPEC.required);
    let mut seen: HashMap<&str, usize> = HashMap::default();
    let mut rows = Vec::with_capacity(frame.height);
    while let Some(mut row) = reader.next_row(&mut errors) {
        let facility_id = row.required_text("facility_id");
        let status = row.required("status", cells::vocabulary::<VerificationStatus>);
        let isc_score = row.optional("isc_score", score);
        let iva_score = row.optional("iva_score", score);
        let difference = row.optional("difference", cells::decimal);
        let within_tolerance = row.optional("within_tolerance", cells::boolean);
        let excess = row.required("excess", |text| {
            cells::decimal(text).and_then(|excess| {
                if excess < Decimal::ZERO {
                    Err(format!(
                        "`{text}` is below 0, expected the points beyond tolerance, 0 or more"
                    ))
                } else {
                    Ok(excess)
                }
            })
        });
        if let Some(facility_id) = facility_id
            && let Some(first) = seen.insert(facility_id, row.number)
        {
            row.error(
                "facility_id",
                format!("facility `{facility_id}` is given twice, first at row {first}"),
            );
            continue;
        }
        let (
            Some(facility_id),
            Some(status),
            Some(isc_score),
            Some(iva_score),
            Some(difference),
            Some(within_tolerance),
            Some(excess),
        ) = (
            facility_id,
            status,
            isc_score,
            iva_score,
            difference,
            within_tolerance,
            excess,
        )
        else {
            continue;
        };
        if status == VerificationStatus::Verified {
            let (Some(isc), Some(iva)) = (isc_score, iva_score) else {
                let column = if isc_score.is_none() {
                    "isc_score"
                } else {
                    "iva_score"
                };
                row.error(
                    column,
                    "empty cell, a `verified` facility has an ISC and an IVA score",
                );
                continue;
            };
            if difference != isc.checked_sub(iva) {
                row.error(
                    "difference",
                    format!(
                        "`{}` is not `isc_score − iva_score` = `{}`",
                        difference.map_or_else(String::new, |difference| difference.to_string()),
                        isc - iva
                    ),
                );
                continue;
            }
        }
        if excess > difference.unwrap_or_default().max(Decimal::ZERO) {
            row.error(
                "excess",
                format!(
                    "`{excess}` is more than the difference `{}`; the excess is `difference − tolerance`, so it cannot be larger",
                    difference.unwrap_or_default()
                ),
            );
            continue;
        }
        rows.push(VerifiedFacility {
            facility_id: FacilityId::from(facility_id),
            isc_score,
            iva_score,
            difference,
            within_tolerance,
            excess,
            status,
            row: row.number,
        });
    }
    finish(rows, errors)
}
