//! [`read_dataset`]: a dataset directory (SPEC section 2) into a
//! [`Dataset`], every file checked, every problem of every file reported.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ScopedJoinHandle;

use pba_scorecard::{AssessmentId, ConsultationId};
use pba_scoring::Dataset;

use crate::error::{DataError, DataErrors};
use crate::frame::{CsvFrame, Parser, ShapeCheck};
use crate::identifiers::Known;
use crate::read_consultations::{CONSULTATIONS, TRANSFERS, read_consultations, read_transfers};
use crate::read_places::{DISTRICTS, FACILITIES, read_districts, read_facilities};
use crate::read_values::{
    ASSESSMENT_VALUES, CHUNK_ROWS, CONSULTATION_VALUES, OwnedValues, Owner, read_value_file,
    read_values,
};
use crate::read_visits::{
    ASSESSMENTS, COMMITTEE_MEMBERS, check_assessment_references, read_assessments, read_committee,
};

/// Every file of a dataset directory, in the order errors are reported.
pub const DATASET_FILES: [&str; 8] = [
    DISTRICTS,
    FACILITIES,
    ASSESSMENTS,
    ASSESSMENT_VALUES,
    COMMITTEE_MEMBERS,
    CONSULTATIONS,
    CONSULTATION_VALUES,
    TRANSFERS,
];

/// Reads a dataset directory.
///
/// Required files: `districts.csv`, `facilities.csv`, `assessments.csv`,
/// `assessment_values.csv`, `committee_members.csv`. Optional:
/// `consultations.csv`, `consultation_values.csv` (only with
/// `consultations.csv`), `transfers.csv`; an absent optional file is empty.
///
/// # Errors
///
/// Every problem of every file, sorted: unreadable files, bad headers,
/// cells that do not parse, duplicate ids and values, unknown references.
pub fn read_dataset(dir: &Path) -> Result<Dataset, DataErrors> {
    read_dataset_with(
        dir,
        Reading {
            parser: Parser::Split,
            chunk_rows: CHUNK_ROWS,
        },
    )
}

/// How [`read_dataset_with`] reads a dataset's CSV text.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// Whether files without quotes are split directly (see [`Parser`]).
    pub parser: Parser,
    /// Rows per chunk when polars reads `assessment_values.csv` (long shape).
    pub chunk_rows: usize,
}

/// [`read_dataset`] read another way: every file through polars, and
/// `assessment_values.csv` in chunks of any size. The dataset and the errors
/// are the same whatever the way (tests compare them).
///
/// # Errors
///
/// As [`read_dataset`].
#[doc(hidden)]
pub fn read_dataset_with(dir: &Path, reading: Reading) -> Result<Dataset, DataErrors> {
    let Reading { parser, chunk_rows } = reading;
    let load = |file: &str, required: bool, errors: &mut Vec<DataError>| {
        load(dir, file, required, (parser, ShapeCheck::First), errors)
    };
    // The files whose rows' shapes are checked as their readers split them
    // (`read_values`, `read_committee`).
    let load_checked_by_reader = |file: &str, required: bool, errors: &mut Vec<DataError>| {
        self::load(dir, file, required, (parser, ShapeCheck::ByReader), errors)
    };
    let mut errors = Vec::new();
    let districts_frame = load(DISTRICTS, true, &mut errors);
    let facilities_frame = load(FACILITIES, true, &mut errors);
    let assessments_frame = load(ASSESSMENTS, true, &mut errors);
    let consultations_present = dir.join(CONSULTATIONS).exists();
    let consultations_frame = load(CONSULTATIONS, false, &mut errors);

    // Assessments are read on their own thread while this one reads the
    // places and consultations they refer to; their references are checked
    // after.
    let (districts, facilities, facility_ids, consultations, consultation_ids, assessments_read) =
        std::thread::scope(|scope| {
            let assessments = scope.spawn(|| {
                let mut errors = Vec::new();
                let read = read_assessments(assessments_frame.as_ref(), &mut errors);
                (read, errors)
            });
            let (districts, district_ids) = read_districts(districts_frame.as_ref(), &mut errors);
            let (facilities, facility_ids) =
                read_facilities(facilities_frame.as_ref(), &district_ids, &mut errors);
            let (consultations, consultation_ids) = if consultations_present {
                read_consultations(consultations_frame.as_ref(), &facility_ids, &mut errors)
            } else {
                (Vec::new(), Known::none())
            };
            let (read, assessment_errors) = joined(assessments);
            errors.extend(assessment_errors);
            (
                districts,
                facilities,
                facility_ids,
                consultations,
                consultation_ids,
                read,
            )
        });
    let (assessments, assessment_ids, references) = assessments_read;
    check_assessment_references(&references, &facility_ids, &consultation_ids, &mut errors);
    drop(references);
    let assessment_owner = Owner {
        column: "assessment_id",
        entity: "assessment",
        file: ASSESSMENTS,
        known: &assessment_ids,
    };
    // Without consultations.csv the values' ids are not checked one by one:
    // the file-level error says it all.
    let unchecked = Known::unchecked();
    let consultation_owner = Owner {
        column: "consultation_id",
        entity: "consultation",
        file: CONSULTATIONS,
        known: if consultations_present {
            &consultation_ids
        } else {
            &unchecked
        },
    };

    // The largest file, assessment values, is read and converted on its own
    // thread while this one reads the committee and transfers; its frame is
    // dropped as soon as its values are out. Consultation values are read by
    // whichever thread is done first (the committee and the assessment values
    // take about as long), their errors kept apart so that the order of the
    // messages never depends on which.
    let consultation_values_claimed = AtomicBool::new(false);
    let read_consultation_values = || {
        if consultation_values_claimed.swap(true, Ordering::AcqRel) {
            return None;
        }
        let mut errors = Vec::new();
        // Without consultations.csv the file is refused whole, but only once
        // its rows are known to fit: its shapes are then checked first.
        let frame = if consultations_present {
            load_checked_by_reader(CONSULTATION_VALUES, false, &mut errors)
        } else {
            load(CONSULTATION_VALUES, false, &mut errors)
        };
        if frame.is_some() && !consultations_present {
            errors.push(DataError::file(
                CONSULTATION_VALUES,
                format!(
                    "given without `{CONSULTATIONS}`: add the consultations its values belong to"
                ),
            ));
        }
        let values: OwnedValues<ConsultationId> =
            read_values(frame.as_ref(), &consultation_owner, &mut errors);
        Some((values, errors))
    };
    let (mut assessment_values, mut committees, mut consultation_values, transfers) =
        std::thread::scope(|scope| {
            let values = scope.spawn(|| {
                let mut errors = Vec::new();
                let path = dir.join(ASSESSMENT_VALUES);
                let values: OwnedValues<AssessmentId> = if path.exists() {
                    read_value_file(
                        &path,
                        ASSESSMENT_VALUES,
                        &assessment_owner,
                        chunk_rows,
                        parser,
                        &mut errors,
                    )
                } else {
                    load(ASSESSMENT_VALUES, true, &mut errors);
                    OwnedValues::default()
                };
                (values, errors, read_consultation_values())
            });
            let committee_frame = load_checked_by_reader(COMMITTEE_MEMBERS, true, &mut errors);
            let transfers_frame = load(TRANSFERS, false, &mut errors);
            let committees = read_committee(
                committee_frame.as_ref(),
                &assessment_ids,
                &facility_ids,
                &mut errors,
            );
            let transfers = read_transfers(transfers_frame.as_ref(), &facility_ids, &mut errors);
            let read_here = read_consultation_values();
            let (assessment_values, value_errors, read_there) = joined(values);
            errors.extend(value_errors);
            let (consultation_values, consultation_value_errors) =
                read_here.or(read_there).unwrap_or_default();
            errors.extend(consultation_value_errors);
            (
                assessment_values,
                committees,
                consultation_values,
                transfers,
            )
        });
    if !errors.is_empty() {
        return Err(DataErrors::new(errors));
    }
    // The maps are built on two threads: the assessments, with their values
    // and committees, on this one; everything else on another.
    let assessment_comments = assessment_values.comments;
    let consultation_comments = consultation_values.comments;
    let (assessments, (districts, facilities, consultations, transfers)) =
        std::thread::scope(|scope| {
            let others = scope.spawn(move || {
                let districts = districts
                    .into_iter()
                    .map(|district| (district.id.clone(), district))
                    .collect();
                let facilities = facilities
                    .into_iter()
                    .map(|facility| (facility.id.clone(), facility))
                    .collect();
                let consultations = consultations
                    .into_iter()
                    .map(|mut consultation| {
                        consultation.values =
                            consultation_values.values.take(consultation.id.as_str());
                        (consultation.id.clone(), consultation)
                    })
                    .collect();
                let transfers = transfers
                    .into_iter()
                    .map(|transfer| (transfer.id.clone(), transfer))
                    .collect();
                (districts, facilities, consultations, transfers)
            });
            let assessments = assessments
                .into_iter()
                .map(|mut assessment| {
                    assessment.values = assessment_values.values.take(assessment.id.as_str());
                    assessment.committee = committees.take(assessment.id.as_str());
                    (assessment.id.clone(), assessment)
                })
                .collect();
            (assessments, joined(others))
        });
    Ok(Dataset {
        districts,
        facilities,
        assessment_comments,
        consultation_comments,
        assessments,
        consultations,
        transfers,
    })
}

/// Reads one file of a dataset directory; `None` (with an error when the
/// file is required) when it is absent or cannot be read.
fn load(
    dir: &Path,
    file: &str,
    required: bool,
    reading: (Parser, ShapeCheck),
    errors: &mut Vec<DataError>,
) -> Option<CsvFrame> {
    let path = dir.join(file);
    if path.exists() {
        CsvFrame::read_checking(&path, file, reading, errors)
    } else {
        if required {
            errors.push(DataError::file(
                file,
                format!("required file is missing from `{}`", dir.display()),
            ));
        }
        None
    }
}

/// What a reading thread returned; its panic, if it panicked, goes on here.
fn joined<T>(thread: ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
