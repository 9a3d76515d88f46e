//! `assessments.csv` and `committee_members.csv`.

use crate::by_owner::{ByOwner, Grouping, OwnerAt};

use pba_scorecard::{
    AssessmentId, AssessmentKind, ConsultationId, FacilityId, MemberRole, ScorecardId, same_id,
};
use pba_scoring::{Assessment, CommitteeMember};

use crate::cells;
use crate::error::DataError;
use crate::frame::{ColumnSpec, CsvFrame};
use crate::identifiers::{IdRegistry, Known};
use crate::read_consultations::CONSULTATIONS;
use crate::read_places::FACILITIES;
use crate::rows::RowReader;

/// The file name of assessments.
pub const ASSESSMENTS: &str = "assessments.csv";
/// The file name of committee members.
pub const COMMITTEE_MEMBERS: &str = "committee_members.csv";

const ASSESSMENT_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "assessment_id",
        "facility_id",
        "scorecard_id",
        "scorecard_version",
        "date",
        "kind",
    ],
    optional: &["consultation_id"],
};

const COMMITTEE_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &["assessment_id", "name", "role", "organization"],
    optional: &["home_facility_id", "attended_consultation"],
};

/// The references of `assessments.csv` to other files, checked once those
/// are read ([`check_assessment_references`]): the row, its facility id and
/// its consultation id, each when given.
pub(crate) type AssessmentReferences<'a> = Vec<(usize, Option<&'a str>, Option<&'a str>)>;

/// Reads the assessments (without values and committee). Their facility and
/// consultation references are returned to be checked apart, so that this
/// file is read while the files they refer to are.
pub(crate) fn read_assessments<'a>(
    frame: Option<&'a CsvFrame>,
    errors: &mut Vec<DataError>,
) -> (Vec<Assessment>, Known<'a>, AssessmentReferences<'a>) {
    let Some(frame) = frame.filter(|frame| frame.check_header(&ASSESSMENT_COLUMNS, errors)) else {
        return (Vec::new(), Known::unchecked(), Vec::new());
    };
    let mut ids = IdRegistry::with_capacity(frame.height);
    let mut assessments = Vec::with_capacity(frame.height);
    let mut references = Vec::with_capacity(frame.height);
    let names: Vec<&str> = ASSESSMENT_COLUMNS
        .required
        .iter()
        .chain(ASSESSMENT_COLUMNS.optional)
        .copied()
        .collect();
    let mut reader = RowReader::new(frame, &names);
    while let Some(mut row) = reader.next_row(errors) {
        let id = ids.register(&mut row, "assessment_id");
        let facility_id = row.required_text("facility_id");
        let scorecard_id = row.required_text("scorecard_id");
        let scorecard_version = row.required_text("scorecard_version");
        let date = row.required("date", cells::date);
        let kind = row.required("kind", cells::vocabulary::<AssessmentKind>);
        let consultation_id = row.text("consultation_id");
        if facility_id.is_some() || consultation_id.is_some() {
            references.push((row.number, facility_id, consultation_id));
        }
        if let (
            Some(id),
            Some(facility_id),
            Some(scorecard_id),
            Some(scorecard_version),
            Some(date),
            Some(kind),
        ) = (id, facility_id, scorecard_id, scorecard_version, date, kind)
        {
            assessments.push(Assessment {
                id: AssessmentId::from(id),
                facility_id: FacilityId::from(facility_id),
                scorecard_id: ScorecardId::from(scorecard_id),
                scorecard_version: scorecard_version.to_owned(),
                date,
                kind,
                consultation_id: consultation_id.map(ConsultationId::from),
                values: Vec::new(),
                committee: Vec::new(),
            });
        }
    }
    (assessments, ids.into_known(), references)
}

/// Checks that the facilities and consultations `assessments.csv` refers to
/// exist, with the messages a row's own check gives. (An assessment whose
/// reference is unknown is kept: the dataset is refused anyway.)
pub(crate) fn check_assessment_references(
    references: &AssessmentReferences<'_>,
    facilities: &Known<'_>,
    consultations: &Known<'_>,
    errors: &mut Vec<DataError>,
) {
    let (mut facility_ids, mut consultation_ids) = (facilities.cursor(), consultations.cursor());
    for (row, facility_id, consultation_id) in references {
        for (id, cursor, column, referred) in [
            (
                facility_id,
                &mut facility_ids,
                "facility_id",
                ("facility", FACILITIES),
            ),
            (
                consultation_id,
                &mut consultation_ids,
                "consultation_id",
                ("consultation", CONSULTATIONS),
            ),
        ] {
            if let Some(id) = id {
                cursor.check_cell(errors, (ASSESSMENTS, *row, column), id, referred);
            }
        }
    }
}

/// Reads committee members grouped by assessment id, in file order. A
/// frame may leave its rows' shapes to this reader (see
/// [`crate::frame::ShapeCheck`]): a row that does not fit makes the shape
/// errors the file's only ones.
pub(crate) fn read_committee(
    frame: Option<&CsvFrame>,
    assessments: &Known<'_>,
    facilities: &Known<'_>,
    errors: &mut Vec<DataError>,
) -> ByOwner<AssessmentId, CommitteeMember> {
    let Some(frame) = frame else {
        return ByOwner::default();
    };
    frame
        .read_rows(errors, |errors| {
            read_committee_rows(frame, assessments, facilities, errors)
        })
        .unwrap_or_default()
}

/// [`read_committee`] of a frame, and whether its rows fit (always, when
/// the frame checked them); `None` when its header cannot be read.
fn read_committee_rows(
    frame: &CsvFrame,
    assessments: &Known<'_>,
    facilities: &Known<'_>,
    errors: &mut Vec<DataError>,
) -> (Option<ByOwner<AssessmentId, CommitteeMember>>, bool) {
    let mut committees: Grouping<&str, Vec<CommitteeMember>> =
        Grouping::with_capacity(assessments.len());
    if !frame.check_header(&COMMITTEE_COLUMNS, errors) {
        return (None, true);
    }
    let names: Vec<&str> = COMMITTEE_COLUMNS
        .required
        .iter()
        .chain(COMMITTEE_COLUMNS.optional)
        .copied()
        .collect();
    let mut reader = RowReader::new(frame, &names);
    // A committee's members usually follow each other, and committees their
    // assessments: the assessment id is checked once per committee, usually
    // without a lookup, and members are gathered before going into a group.
    let mut assessment_ids = assessments.cursor();
    // Peers come from anywhere: the cursor only moves to each one found.
    let mut home_ids = facilities.scattered_cursor();
    let mut checked: Option<&str> = None;
    let mut run: Option<(OwnerAt<'_>, Vec<CommitteeMember>)> = None;
    while let Some(mut row) = reader.next_row(errors) {
        let assessment_id = row.required_text("assessment_id").filter(|assessment| {
            checked == Some(*assessment)
                || assessment_ids.check(
                    &mut row,
                    "assessment_id",
                    assessment,
                    "assessment",
                    ASSESSMENTS,
                )
        });
        if assessment_id.is_some() {
            checked = assessment_id;
        }
        let name = row.required_text("name");
        let role = row.required("role", cells::vocabulary::<MemberRole>);
        let organization = row.text("organization").unwrap_or_default();
        let home_facility_id = match row.text("home_facility_id") {
            None if role == Some(MemberRole::PeerFacility) => {
                row.error(
                    "home_facility_id",
                    "empty cell, a `peer_facility` member needs the id of the facility they come from",
                );
                None
            }
            None => Some(None),
            Some(home) => home_ids
                .check(&mut row, "home_facility_id", home, "facility", FACILITIES)
                .then_some(Some(home)),
        };
        let attended_consultation = row.optional("attended_consultation", cells::boolean);
        if let (
            Some(assessment_id),
            Some(name),
            Some(role),
            Some(home_facility_id),
            Some(attended_consultation),
        ) = (
            assessment_id,
            name,
            role,
            home_facility_id,
            attended_consultation,
        ) {
            let member = CommitteeMember {
                name: name.to_owned(),
                role,
                organization: organization.to_owned(),
                home_facility_id: home_facility_id.map(FacilityId::from),
                attended_consultation,
            };
            match &mut run {
                Some(((owner, _), members)) if same_id(owner, assessment_id) => {
                    members.push(member);
                }
                _ => {
                    let owner = (assessment_id, assessment_ids.position());
                    if let Some(ended) = run.replace((owner, vec![member])) {
                        add_run(&mut committees, ended);
                    }
                }
            }
        }
    }
    if let Some(ended) = run {
        add_run(&mut committees, ended);
    }
    let committees = ByOwner::new(
        committees
            .into_groups()
            .into_iter()
            .map(|(assessment_id, members)| (AssessmentId::new(assessment_id), members))
            .collect(),
    );
    (Some(committees), reader.shape_fits())
}

/// Adds consecutive members of one committee after its members read so far
/// (moved as they are when they are its first).
fn add_run<'a>(
    committees: &mut Grouping<&'a str, Vec<CommitteeMember>>,
    ((assessment_id, position), members): (OwnerAt<'a>, Vec<CommitteeMember>),
) {
    committees.add(
        (assessment_id, position),
        || assessment_id,
        members,
        |known, more| known.extend(more),
    );
}
