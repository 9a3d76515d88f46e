//! [`read_dataset`]: a dataset directory (SPEC section 2) into a
//! [`Dataset`], every file checked, every problem of every file reported.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use pba_scorecard::{AssessmentId, ConsultationId, IndicatorId};
use pba_scoring::Dataset;

use crate::error::{DataError, DataErrors};
use crate::frame::CsvFrame;
use crate::identifiers::Known;
use crate::read_consultations::{CONSULTATIONS, TRANSFERS, read_consultations, read_transfers};
use crate::read_places::{DISTRICTS, FACILITIES, read_districts, read_facilities};
use crate::read_values::{
    ASSESSMENT_VALUES, CONSULTATION_VALUES, Owner, ValueComment, read_values,
};
use crate::read_visits::{ASSESSMENTS, COMMITTEE_MEMBERS, read_assessments, read_committee};

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
    let mut errors = Vec::new();
    let mut load = |file: &str, required: bool| -> Option<CsvFrame> {
        let path = dir.join(file);
        if path.exists() {
            CsvFrame::read(&path, file, &mut errors)
        } else {
            if required {
                errors.push(DataError::file(
                    file,
                    format!("required file is missing from `{}`", dir.display()),
                ));
            }
            None
        }
    };
    let districts_frame = load(DISTRICTS, true);
    let facilities_frame = load(FACILITIES, true);
    let assessments_frame = load(ASSESSMENTS, true);
    let assessment_values_frame = load(ASSESSMENT_VALUES, true);
    let committee_frame = load(COMMITTEE_MEMBERS, true);
    let consultations_present = dir.join(CONSULTATIONS).exists();
    let consultations_frame = load(CONSULTATIONS, false);
    let consultation_values_frame = load(CONSULTATION_VALUES, false);
    let transfers_frame = load(TRANSFERS, false);
    if consultation_values_frame.is_some() && !consultations_present {
        errors.push(DataError::file(
            CONSULTATION_VALUES,
            format!("given without `{CONSULTATIONS}`: add the consultations its values belong to"),
        ));
    }

    let (districts, district_ids) = read_districts(districts_frame.as_ref(), &mut errors);
    let (facilities, facility_ids) =
        read_facilities(facilities_frame.as_ref(), &district_ids, &mut errors);
    let (consultations, consultation_ids) = if consultations_present {
        read_consultations(consultations_frame.as_ref(), &facility_ids, &mut errors)
    } else {
        (Vec::new(), Known::none())
    };
    let (assessments, assessment_ids) = read_assessments(
        assessments_frame.as_ref(),
        &facility_ids,
        &consultation_ids,
        &mut errors,
    );
    let assessment_owner = Owner {
        column: "assessment_id",
        entity: "assessment",
        file: ASSESSMENTS,
        known: &assessment_ids,
    };
    let mut assessment_values = read_values(
        assessment_values_frame.as_ref(),
        &assessment_owner,
        &mut errors,
    );
    let mut committees = read_committee(
        committee_frame.as_ref(),
        &assessment_ids,
        &facility_ids,
        &mut errors,
    );
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
    let mut consultation_values = read_values(
        consultation_values_frame.as_ref(),
        &consultation_owner,
        &mut errors,
    );
    let transfers = read_transfers(transfers_frame.as_ref(), &facility_ids, &mut errors);

    if !errors.is_empty() {
        return Err(DataErrors::new(errors));
    }
    Ok(Dataset {
        districts: districts
            .into_iter()
            .map(|district| (district.id.clone(), district))
            .collect(),
        facilities: facilities
            .into_iter()
            .map(|facility| (facility.id.clone(), facility))
            .collect(),
        assessment_comments: comments(assessment_values.comments, |owner| AssessmentId::new(owner)),
        consultation_comments: comments(consultation_values.comments, |owner| {
            ConsultationId::new(owner)
        }),
        assessments: assessments
            .into_iter()
            .map(|mut assessment| {
                assessment.values = take(&mut assessment_values.values, assessment.id.as_str());
                assessment.committee = take(&mut committees, assessment.id.as_str());
                (assessment.id.clone(), assessment)
            })
            .collect(),
        consultations: consultations
            .into_iter()
            .map(|mut consultation| {
                consultation.values =
                    take(&mut consultation_values.values, consultation.id.as_str());
                (consultation.id.clone(), consultation)
            })
            .collect(),
        transfers: transfers
            .into_iter()
            .map(|transfer| (transfer.id.clone(), transfer))
            .collect(),
    })
}

fn comments<Id: Ord>(
    comments: Vec<ValueComment<'_>>,
    id: impl Fn(&str) -> Id,
) -> BTreeMap<(Id, IndicatorId), String> {
    comments
        .into_iter()
        .map(|(owner, indicator, text)| ((id(owner), indicator), text))
        .collect()
}

fn take<T>(grouped: &mut HashMap<&str, Vec<T>>, id: &str) -> Vec<T> {
    grouped.remove(id).unwrap_or_default()
}
