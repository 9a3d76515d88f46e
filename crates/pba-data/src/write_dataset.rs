//! [`write_dataset`]: a [`Dataset`] as the files of SPEC section 2, so that
//! reading them back gives the same dataset.
//!
//! Texts: numbers in canonical decimal text (no trailing zeros), amounts with
//! 2 decimals, dates ISO, an absent optional value as an empty cell. Every
//! file is written, the optional ones with a header only when empty.
//!
//! Round trip: `read_dataset(write_dataset(d, Long)) == d` for every dataset
//! whose texts do not start with a character that CSV writing neutralises
//! (`=`, `+`, `-`, `@`, tab, carriage return; see [`crate::table`]), whose
//! required texts are not empty and whose ids are unique. The wide shape
//! additionally drops comments and missing (`None`) values, which a wide
//! sheet cannot hold: its round trip holds for datasets without them.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::IndicatorId;
use pba_scoring::{Dataset, ValueEntry};

use crate::cells::{amount_text, indicator_value_text};
use crate::read_consultations::{CONSULTATIONS, TRANSFERS};
use crate::read_places::{DISTRICTS, FACILITIES};
use crate::read_values::{ASSESSMENT_VALUES, CONSULTATION_VALUES};
use crate::read_visits::{ASSESSMENTS, COMMITTEE_MEMBERS};
use crate::table::{RowWriter, Table, write_row};

/// The shape of `assessment_values.csv` and `consultation_values.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesShape {
    /// One row per value: `<owner>_id, indicator_id, value, comment`.
    Long,
    /// One row per assessment or consultation, one column per indicator id.
    Wide,
}

/// The dataset files as CSV text, by file name, in the order of SPEC
/// section 2. The committee and long-shape value files are written row by
/// row without a table of their cells: a national dataset has tens of
/// millions of values.
#[must_use]
pub fn write_dataset(dataset: &Dataset, values_shape: ValuesShape) -> Vec<(String, String)> {
    let mut districts = Table::new(["district_id", "name", "province", "priority"]);
    for district in dataset.districts.values() {
        districts.push_row([
            district.id.to_string(),
            district.name.clone(),
            district.province.clone(),
            district.priority.to_string(),
        ]);
    }
    let mut facilities = Table::new([
        "facility_id",
        "name",
        "type",
        "district_id",
        "budget_unit",
        "payment_channel",
        "beds",
        "catchment_population",
        "active",
    ]);
    for facility in dataset.facilities.values() {
        facilities.push_row([
            facility.id.to_string(),
            facility.name.clone(),
            facility.facility_type.to_string(),
            facility.district_id.to_string(),
            facility.budget_unit.to_string(),
            facility.payment_channel.to_string(),
            optional(facility.beds),
            optional(facility.catchment_population),
            facility.active.to_string(),
        ]);
    }
    let mut assessments = Table::new([
        "assessment_id",
        "facility_id",
        "scorecard_id",
        "scorecard_version",
        "date",
        "kind",
        "consultation_id",
    ]);
    let mut committee = String::new();
    write_row(
        &mut committee,
        [
            "assessment_id",
            "name",
            "role",
            "organization",
            "home_facility_id",
            "attended_consultation",
        ],
    );
    for assessment in dataset.assessments.values() {
        assessments.push_row([
            assessment.id.to_string(),
            assessment.facility_id.to_string(),
            assessment.scorecard_id.to_string(),
            assessment.scorecard_version.clone(),
            assessment.date.to_string(),
            assessment.kind.to_string(),
            optional(assessment.consultation_id.as_ref()),
        ]);
        for member in &assessment.committee {
            let mut row = RowWriter::new(&mut committee);
            row.cell(assessment.id.as_str());
            row.cell(&member.name);
            row.shown(member.role);
            row.cell(&member.organization);
            row.cell(
                member
                    .home_facility_id
                    .as_ref()
                    .map_or("", |id| id.as_str()),
            );
            row.shown_or_empty(member.attended_consultation);
            row.end();
        }
    }
    let assessment_values = values_text(
        "assessment_id",
        dataset
            .assessments
            .values()
            .map(|assessment| (&assessment.id, assessment.values.as_slice())),
        &dataset.assessment_comments,
        values_shape,
    );
    let mut consultations = Table::new([
        "consultation_id",
        "facility_id",
        "date",
        "participants",
        "participants_women",
        "participants_youth",
    ]);
    for consultation in dataset.consultations.values() {
        consultations.push_row([
            consultation.id.to_string(),
            consultation.facility_id.to_string(),
            consultation.date.to_string(),
            consultation.participants.to_string(),
            consultation.participants_women.to_string(),
            consultation.participants_youth.to_string(),
        ]);
    }
    let consultation_values = values_text(
        "consultation_id",
        dataset
            .consultations
            .values()
            .map(|consultation| (&consultation.id, consultation.values.as_slice())),
        &dataset.consultation_comments,
        values_shape,
    );
    let mut transfers = Table::new([
        "transfer_id",
        "facility_id",
        "pba_year",
        "amount",
        "date",
        "channel",
        "reference",
    ]);
    for transfer in dataset.transfers.values() {
        transfers.push_row([
            transfer.id.to_string(),
            transfer.facility_id.to_string(),
            transfer.pba_year.to_string(),
            amount_text(transfer.amount),
            transfer.date.to_string(),
            transfer.channel.to_string(),
            transfer.reference.clone(),
        ]);
    }
    vec![
        (DISTRICTS.to_owned(), districts.to_csv()),
        (FACILITIES.to_owned(), facilities.to_csv()),
        (ASSESSMENTS.to_owned(), assessments.to_csv()),
        (ASSESSMENT_VALUES.to_owned(), assessment_values),
        (COMMITTEE_MEMBERS.to_owned(), committee),
        (CONSULTATIONS.to_owned(), consultations.to_csv()),
        (CONSULTATION_VALUES.to_owned(), consultation_values),
        (TRANSFERS.to_owned(), transfers.to_csv()),
    ]
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn value_text(entry: &ValueEntry) -> String {
    entry
        .value()
        .as_ref()
        .map(indicator_value_text)
        .unwrap_or_default()
}

fn values_text<'a, Id: Ord + Clone + std::fmt::Display + 'a>(
    owner_column: &str,
    owners: impl Iterator<Item = (&'a Id, &'a [ValueEntry])> + Clone,
    comments: &BTreeMap<(Id, IndicatorId), String>,
    shape: ValuesShape,
) -> String {
    match shape {
        ValuesShape::Long => {
            let mut text = String::new();
            write_row(
                &mut text,
                [owner_column, "indicator_id", "value", "comment"],
            );
            for (owner, values) in owners {
                for entry in values {
                    let mut row = RowWriter::new(&mut text);
                    row.shown(owner);
                    row.cell(entry.indicator_id.as_str());
                    row.cell(&value_text(entry));
                    row.cell(if comments.is_empty() {
                        ""
                    } else {
                        comments
                            .get(&(owner.clone(), entry.indicator_id.clone()))
                            .map_or("", String::as_str)
                    });
                    row.end();
                }
            }
            text
        }
        ValuesShape::Wide => {
            let indicators: BTreeSet<&str> = owners
                .clone()
                .flat_map(|(_, values)| values.iter().map(|entry| entry.indicator_id.as_str()))
                .collect();
            let mut table =
                Table::new(std::iter::once(owner_column).chain(indicators.iter().copied()));
            for (owner, values) in owners {
                let mut row = vec![owner.to_string()];
                row.extend(indicators.iter().map(|indicator| {
                    values
                        .iter()
                        .find(|entry| entry.indicator_id.as_str() == *indicator)
                        .map(value_text)
                        .unwrap_or_default()
                }));
                table.rows.push(row);
            }
            table.to_csv()
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::cells::number_text;

    #[test]
    fn numbers_are_canonical() {
        assert_eq!(number_text(Decimal::new(2500, 3)), "2.5");
        assert_eq!(amount_text(Decimal::new(1_250_000, 0)), "1250000.00");
    }
}
