//! `consultations.csv` and `transfers.csv`: the optional files.

use pba_scorecard::{ConsultationId, FacilityId, PaymentChannel, TransferId};
use pba_scoring::{Consultation, Transfer};

use crate::cells;
use crate::error::DataError;
use crate::frame::{ColumnSpec, CsvFrame};
use crate::identifiers::{IdRegistry, Known};
use crate::read_places::FACILITIES;
use crate::rows::RowReader;

/// The file name of consultations.
pub const CONSULTATIONS: &str = "consultations.csv";
/// The file name of transfers.
pub const TRANSFERS: &str = "transfers.csv";

const CONSULTATION_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "consultation_id",
        "facility_id",
        "date",
        "participants",
        "participants_women",
        "participants_youth",
    ],
    optional: &[],
};

const TRANSFER_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "transfer_id",
        "facility_id",
        "pba_year",
        "amount",
        "date",
        "channel",
        "reference",
    ],
    optional: &[],
};

/// Reads the consultations (without values), checking their facility exists
/// and that women and youth are not more than all participants.
pub(crate) fn read_consultations<'a>(
    frame: Option<&'a CsvFrame>,
    facilities: &Known<'_>,
    errors: &mut Vec<DataError>,
) -> (Vec<Consultation>, Known<'a>) {
    let Some(frame) = frame.filter(|frame| frame.check_header(&CONSULTATION_COLUMNS, errors))
    else {
        return (Vec::new(), Known::unchecked());
    };
    let mut ids = IdRegistry::with_capacity(frame.height);
    let mut consultations = Vec::with_capacity(frame.height);
    let mut reader = RowReader::new(frame, CONSULTATION_COLUMNS.required);
    let mut facility_ids = facilities.cursor();
    while let Some(mut row) = reader.next_row(errors) {
        let id = ids.register(&mut row, "consultation_id");
        let facility_id = row.required_text("facility_id").filter(|facility| {
            facility_ids.check(&mut row, "facility_id", facility, "facility", FACILITIES)
        });
        let date = row.required("date", cells::date);
        let participants = row.required("participants", cells::count);
        let part = |column: &str, row: &mut crate::rows::Row<'_, '_>| {
            let count = row.required(column, cells::count)?;
            if participants.is_some_and(|all| count > all) {
                row.error(
                    column,
                    format!(
                        "`{count}` is more than the `{}` participants",
                        participants.unwrap_or_default()
                    ),
                );
                return None;
            }
            Some(count)
        };
        let women = part("participants_women", &mut row);
        let youth = part("participants_youth", &mut row);
        if let (
            Some(id),
            Some(facility_id),
            Some(date),
            Some(participants),
            Some(women),
            Some(youth),
        ) = (id, facility_id, date, participants, women, youth)
        {
            consultations.push(Consultation {
                id: ConsultationId::from(id),
                facility_id: FacilityId::from(facility_id),
                date,
                participants,
                participants_women: women,
                participants_youth: youth,
                values: Vec::new(),
            });
        }
    }
    (consultations, ids.into_known())
}

/// Reads the transfers, checking their facility exists and amounts are
/// exact non-negative amounts.
pub(crate) fn read_transfers(
    frame: Option<&CsvFrame>,
    facilities: &Known<'_>,
    errors: &mut Vec<DataError>,
) -> Vec<Transfer> {
    let Some(frame) = frame.filter(|frame| frame.check_header(&TRANSFER_COLUMNS, errors)) else {
        return Vec::new();
    };
    let mut ids = IdRegistry::with_capacity(frame.height);
    let mut transfers = Vec::with_capacity(frame.height);
    let mut reader = RowReader::new(frame, TRANSFER_COLUMNS.required);
    let mut facility_ids = facilities.cursor();
    while let Some(mut row) = reader.next_row(errors) {
        let id = ids.register(&mut row, "transfer_id");
        let facility_id = row.required_text("facility_id").filter(|facility| {
            facility_ids.check(&mut row, "facility_id", facility, "facility", FACILITIES)
        });
        let pba_year = row.required("pba_year", cells::year);
        let amount = row.required("amount", cells::amount);
        let date = row.required("date", cells::date);
        let channel = row.required("channel", cells::vocabulary::<PaymentChannel>);
        let reference = row.text("reference").unwrap_or_default();
        if let (
            Some(id),
            Some(facility_id),
            Some(pba_year),
            Some(amount),
            Some(date),
            Some(channel),
        ) = (id, facility_id, pba_year, amount, date, channel)
        {
            transfers.push(Transfer {
                id: TransferId::from(id),
                facility_id: FacilityId::from(facility_id),
                pba_year,
                amount,
                date,
                channel,
                reference: reference.to_owned(),
            });
        }
    }
    transfers
}
