//! `pba-list.xlsx`, for the finance officers who sign the list: a summary
//! sheet and one sheet per district. Amounts are numbers with a currency
//! format (display only: `pba-list.csv` is the exact record); totals are
//! `SUM` formulas whose cached results are the exact sums of the amounts
//! written, so a spreadsheet shows the same total before recalculation.

use std::collections::{BTreeMap, HashSet};

use pba_allocation::{PbaList, PbaRow};
use pba_data::WriteError;
use pba_data::xlsx::{SheetWriter, column_letters, new_workbook, workbook_bytes};
use pba_scorecard::{DistrictId, Policy};
use pba_scoring::Dataset;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet};

use super::{fixed, flag};

/// A `SUM` over rows `first..=last` (1-based) of a column, with its result.
fn sum_formula(
    writer: &mut SheetWriter<'_>,
    row: u32,
    column: u16,
    rows: (u32, u32),
    total: Decimal,
) -> Result<(), WriteError> {
    let letter = column_letters(column);
    let formula = Formula::new(format!("=SUM({letter}{}:{letter}{})", rows.0, rows.1))
        .set_result(fixed(total, 2));
    let format = Format::new()
        .set_num_format(pba_data::xlsx::MONEY_FORMAT)
        .set_bold();
    writer
        .sheet()
        .write_formula_with_format(row, column, formula, &format)?;
    Ok(())
}

/// The workbook bytes.
pub fn pba_list_xlsx(
    list: &PbaList,
    policy: &Policy,
    dataset: &Dataset,
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = new_workbook()?;
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(SUMMARY)?;
        summary_sheet(SheetWriter::new(sheet), list, policy)?;
    }
    let mut by_district: BTreeMap<&DistrictId, Vec<&PbaRow>> = BTreeMap::new();
    for row in &list.rows {
        by_district.entry(&row.district_id).or_default().push(row);
    }
    // District sheets are filled on every core (the benchmark's national
    // per-district list has 87 of them, 49,078 rows), then added in district
    // order.
    let names = sheet_names(
        SUMMARY,
        by_district.keys().map(|district| district.as_str()),
    );
    let sheets: Vec<Result<Worksheet, WriteError>> = by_district
        .into_iter()
        .zip(names)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|((district, rows), sheet_name)| {
            let mut sheet = Worksheet::new();
            sheet.set_name(sheet_name)?;
            let name = dataset
                .districts
                .get(district)
                .map(|found| format!("{} ({}, {})", found.name, district, found.province))
                .unwrap_or_else(|| district.to_string());
            district_sheet(SheetWriter::new(&mut sheet), &name, &rows, &list.currency)?;
            Ok(sheet)
        })
        .collect();
    for sheet in sheets {
        workbook.push_worksheet(sheet?);
    }
    workbook_bytes(workbook)
}

/// The first sheet's name.
const SUMMARY: &str = "Summary";

/// The most characters in a sheet name.
const SHEET_NAME_CHARACTERS: usize = 31;

/// A sheet name for each district id, in order: the id with each of
/// `[]:*?/\` (and an apostrophe at either end) made `_`, cut to 31
/// characters, and made unique among the sheets (a spreadsheet compares
/// sheet names without case) by `~2`, `~3`... at its end. District ids are
/// free text, so two may share their first 31 characters.
fn sheet_names<'d>(first: &str, districts: impl Iterator<Item = &'d str>) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::from([first.to_lowercase()]);
    districts
        .map(|district| {
            let base = sheet_name(district);
            let mut name = base.clone();
            let mut copy = 1;
            while !used.insert(name.to_lowercase()) {
                copy += 1;
                let suffix = format!("~{copy}");
                let kept = SHEET_NAME_CHARACTERS - suffix.chars().count();
                name = base.chars().take(kept).collect::<String>() + &suffix;
            }
            name
        })
        .collect()
}

/// A valid sheet name from `text`: see [`sheet_names`].
fn sheet_name(text: &str) -> String {
    let kept: Vec<char> = text.chars().take(SHEET_NAME_CHARACTERS).collect();
    let last = kept.len().saturating_sub(1);
    let name: String = kept
        .iter()
        .enumerate()
        .map(|(position, character)| {
            let apostrophe_at_an_end = *character == '\'' && (position == 0 || position == last);
            if "[]:*?/\\".contains(*character) || apostrophe_at_an_end {
                '_'
            } else {
                *character
            }
        })
        .collect();
    if name.is_empty() {
        "_".to_owned()
    } else {
        name
    }
}

fn summary_sheet(
    mut writer: SheetWriter<'_>,
    list: &PbaList,
    policy: &Policy,
) -> Result<(), WriteError> {
    writer.label(0, 0, "PBA list")?;
    writer.text(0, 1, &list.policy_id.to_string())?;
    writer.label(1, 0, "PBA year")?;
    writer.text(1, 1, &list.pba_year.to_string())?;
    writer.label(2, 0, "Scorecard")?;
    writer.text(2, 1, &policy.scorecard.to_string())?;
    writer.label(3, 0, "Currency")?;
    writer.text(3, 1, &list.currency)?;
    writer.label(4, 0, "Exact amounts")?;
    writer.text(4, 1, "pba-list.csv (this workbook shows them for reading)")?;

    let header = 6;
    writer.header(
        header,
        0,
        &[
            "envelope",
            "amount",
            "allocated",
            "unallocated",
            "facilities in scope",
            "facilities paid",
        ],
    )?;
    let mut row = header + 1;
    let (mut amount, mut allocated, mut unallocated) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for envelope in &list.envelopes {
        writer.text(row, 0, &envelope.scope.to_string())?;
        writer.money(row, 1, envelope.amount)?;
        writer.money(row, 2, envelope.allocated)?;
        writer.money(row, 3, envelope.unallocated)?;
        writer.number(row, 4, Decimal::from(envelope.facilities_in_scope))?;
        writer.number(row, 5, Decimal::from(envelope.facilities_paid))?;
        amount += envelope.amount;
        allocated += envelope.allocated;
        unallocated += envelope.unallocated;
        row += 1;
    }
    writer.label(row, 0, "total")?;
    let rows = (header + 2, row);
    sum_formula(&mut writer, row, 1, rows, amount)?;
    sum_formula(&mut writer, row, 2, rows, allocated)?;
    sum_formula(&mut writer, row, 3, rows, unallocated)?;

    let mut reasons: BTreeMap<String, (u64, Decimal)> = BTreeMap::new();
    for facility in &list.rows {
        let key = match facility.reason {
            Some(reason) => reason.as_str().to_owned(),
            None => "paid".to_owned(),
        };
        let entry = reasons.entry(key).or_default();
        entry.0 += 1;
        entry.1 += facility.amount;
    }
    let header = row + 2;
    writer.header(
        header,
        0,
        &["facilities by outcome", "facilities", "amount"],
    )?;
    for (row, (reason, (count, total))) in (header + 1..).zip(&reasons) {
        writer.text(row, 0, reason)?;
        writer.number(row, 1, Decimal::from(*count))?;
        writer.money(row, 2, *total)?;
    }
    writer.freeze_above(0)?;
    writer.finish()
}

fn district_sheet(
    mut writer: SheetWriter<'_>,
    district: &str,
    rows: &[&PbaRow],
    currency: &str,
) -> Result<(), WriteError> {
    writer.label(0, 0, district)?;
    let columns = [
        "facility_id",
        "facility_name",
        "facility_type",
        "budget_unit",
        "score",
        "eligible",
        "reason",
        "amount",
        "payment_channel",
        "envelope",
    ];
    writer.header(1, 0, &columns)?;
    writer.freeze_above(2)?;
    let mut row = 2;
    let mut total = Decimal::ZERO;
    for facility in rows {
        writer.text(row, 0, facility.facility_id.as_str())?;
        writer.text(row, 1, &facility.facility_name)?;
        writer.text(row, 2, facility.facility_type.as_str())?;
        writer.text(row, 3, facility.budget_unit.as_str())?;
        if let Some(score) = facility.score {
            writer.number(row, 4, score)?;
        }
        writer.text(row, 5, &flag(facility.eligible))?;
        writer.text(
            row,
            6,
            &facility
                .reason
                .map(|reason| reason.to_string())
                .unwrap_or_default(),
        )?;
        writer.money(row, 7, facility.amount)?;
        writer.text(row, 8, facility.payment_channel.as_str())?;
        writer.text(row, 9, &facility.envelope.to_string())?;
        total += facility.amount;
        row += 1;
    }
    writer.label(row, 0, &format!("total ({currency})"))?;
    sum_formula(&mut writer, row, 7, (3, row), total)?;
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A workbook with a summary sheet and one sheet per name saves.
    fn saves(names: &[String]) -> Result<(), String> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook
            .add_worksheet()
            .set_name(SUMMARY)
            .map_err(|error| error.to_string())?;
        for name in names {
            let mut sheet = Worksheet::new();
            sheet.set_name(name).map_err(|error| error.to_string())?;
            workbook.push_worksheet(sheet);
        }
        workbook
            .save_to_buffer()
            .map(|_| ())
            .map_err(|error| error.to_string())
    }

    #[test]
    fn district_ids_a_spreadsheet_would_refuse_get_their_own_sheets() {
        let long = "A".repeat(33);
        let districts = [
            format!("{long}-02"),
            format!("{long}-03"),
            "summary".to_owned(),
            "NIA-01".to_owned(),
            "nia-01".to_owned(),
            "'quoted'".to_owned(),
            "a/b:c".to_owned(),
        ];
        let names = sheet_names(SUMMARY, districts.iter().map(String::as_str));
        assert_eq!(
            names,
            [
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAA~2",
                "summary~2",
                "NIA-01",
                "nia-01~2",
                "_quoted_",
                "a_b_c",
            ]
        );
        assert_eq!(saves(&names), Ok(()));
    }

    proptest! {
        #[test]
        fn any_district_ids_give_a_workbook_that_saves(
            // Short ids over few letters meet without case; long ones share
            // their first 31 characters.
            districts in prop::collection::btree_set(
                prop_oneof![
                    "[aA'\\[:/~2]{1,3}",
                    "A{30}[aA'*]{1,4}",
                    "[sS]ummary[~2]{0,2}",
                    "[a-zA-Z0-9'\\[\\]:*?/\\\\ ~-]{1,40}",
                ],
                1..16,
            ),
        ) {
            let names = sheet_names(SUMMARY, districts.iter().map(String::as_str));
            prop_assert_eq!(names.len(), districts.len());
            prop_assert_eq!(saves(&names), Ok(()));
        }
    }
}
