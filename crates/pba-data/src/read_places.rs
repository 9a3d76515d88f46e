//! `districts.csv` and `facilities.csv`.

use pba_scorecard::{BudgetUnit, DistrictId, FacilityId, FacilityType, PaymentChannel, Priority};
use pba_scoring::{District, Facility};

use crate::cells;
use crate::error::DataError;
use crate::frame::{ColumnSpec, CsvFrame};
use crate::identifiers::{IdRegistry, Known};
use crate::rows::RowReader;

/// The file name of districts.
pub const DISTRICTS: &str = "districts.csv";
/// The file name of facilities.
pub const FACILITIES: &str = "facilities.csv";

const DISTRICT_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &["district_id", "name", "province", "priority"],
    optional: &[],
};

const FACILITY_COLUMNS: ColumnSpec<'static> = ColumnSpec {
    required: &[
        "facility_id",
        "name",
        "type",
        "district_id",
        "budget_unit",
        "payment_channel",
        "active",
    ],
    optional: &["beds", "catchment_population"],
};

/// Reads the districts; their ids for references.
pub(crate) fn read_districts<'a>(
    frame: Option<&'a CsvFrame>,
    errors: &mut Vec<DataError>,
) -> (Vec<District>, Known<'a>) {
    let Some(frame) = frame.filter(|frame| frame.check_header(&DISTRICT_COLUMNS, errors)) else {
        return (Vec::new(), Known::unchecked());
    };
    let mut ids = IdRegistry::with_capacity(frame.height);
    let mut districts = Vec::with_capacity(frame.height);
    let mut reader = RowReader::new(frame, DISTRICT_COLUMNS.required);
    let mut rows = 0_usize;
    while let Some(mut row) = reader.next_row(errors) {
        rows += 1;
        let id = ids.register(&mut row, "district_id");
        let name = row.required_text("name");
        let province = row.required_text("province");
        let priority = row.required("priority", cells::vocabulary::<Priority>);
        if let (Some(id), Some(name), Some(province), Some(priority)) =
            (id, name, province, priority)
        {
            districts.push(District {
                id: DistrictId::from(id),
                name: name.to_owned(),
                province: province.to_owned(),
                priority,
            });
        }
    }
    if rows == 0 {
        // One error says it all: references to it are not checked.
        errors.push(no_rows(DISTRICTS, "district"));
        return (districts, Known::unchecked());
    }
    (districts, ids.into_known())
}

/// A registry file with a header and no row: every facility of a dataset
/// needs its district, every assessment its facility, so an empty registry
/// is a file saved too early, not an empty year.
fn no_rows(file: &str, entity: &str) -> DataError {
    DataError::file(
        file,
        format!("the file has a header but no row, expected one row per {entity}"),
    )
}

/// Reads the facilities, checking their districts exist.
pub(crate) fn read_facilities<'a>(
    frame: Option<&'a CsvFrame>,
    districts: &Known<'_>,
    errors: &mut Vec<DataError>,
) -> (Vec<Facility>, Known<'a>) {
    let Some(frame) = frame.filter(|frame| frame.check_header(&FACILITY_COLUMNS, errors)) else {
        return (Vec::new(), Known::unchecked());
    };
    let mut ids = IdRegistry::with_capacity(frame.height);
    let mut facilities = Vec::with_capacity(frame.height);
    let names: Vec<&str> = FACILITY_COLUMNS
        .required
        .iter()
        .chain(FACILITY_COLUMNS.optional)
        .copied()
        .collect();
    let mut reader = RowReader::new(frame, &names);
    let mut district_ids = districts.cursor();
    let mut rows = 0_usize;
    while let Some(mut row) = reader.next_row(errors) {
        rows += 1;
        let id = ids.register(&mut row, "facility_id");
        let name = row.required_text("name");
        let facility_type = row.required("type", cells::vocabulary::<FacilityType>);
        let district_id = row.required_text("district_id").filter(|district| {
            district_ids.check(&mut row, "district_id", district, "district", DISTRICTS)
        });
        let budget_unit = row.required("budget_unit", cells::vocabulary::<BudgetUnit>);
        let payment_channel = row.required("payment_channel", cells::vocabulary::<PaymentChannel>);
        let active = row.required("active", cells::boolean);
        let beds = row.optional("beds", cells::count);
        let catchment_population = row.optional("catchment_population", cells::count);
        if let (
            Some(id),
            Some(name),
            Some(facility_type),
            Some(district_id),
            Some(budget_unit),
            Some(payment_channel),
            Some(active),
            Some(beds),
            Some(catchment_population),
        ) = (
            id,
            name,
            facility_type,
            district_id,
            budget_unit,
            payment_channel,
            active,
            beds,
            catchment_population,
        ) {
            facilities.push(Facility {
                id: FacilityId::from(id),
                name: name.to_owned(),
                facility_type,
                district_id: DistrictId::from(district_id),
                budget_unit,
                payment_channel,
                beds,
                catchment_population,
                active,
            });
        }
    }
    if rows == 0 {
        // One error says it all: references to it are not checked.
        errors.push(no_rows(FACILITIES, "facility"));
        return (facilities, Known::unchecked());
    }
    (facilities, ids.into_known())
}
