//! `pba-list.csv` (SPEC section 5) and the allocation summary.

use std::fmt::Write as _;

use pba_allocation::PbaList;
use pba_data::{PBA_LIST_COLUMNS, Table};

use super::{disbursement::money, fixed, flag};

/// `pba-list.csv`: every facility in scope, then the unallocated rows.
pub fn pba_list(list: &PbaList, unit_places: u32) -> Table {
    let mut table = Table::new(PBA_LIST_COLUMNS);
    for row in &list.rows {
        table.push_row([
            row.pba_year.to_string(),
            row.envelope.to_string(),
            row.province.clone(),
            row.district_id.to_string(),
            row.facility_id.to_string(),
            row.facility_name.clone(),
            row.facility_type.to_string(),
            row.score.map(|score| fixed(score, 2)).unwrap_or_default(),
            flag(row.eligible),
            row.reason
                .map(|reason| reason.to_string())
                .unwrap_or_default(),
            row.basis
                .map(|basis| basis.normalize().to_string())
                .unwrap_or_default(),
            row.weight
                .map(|weight| weight.normalize().to_string())
                .unwrap_or_default(),
            row.uplift.normalize().to_string(),
            fixed(row.share, 6),
            fixed(row.amount, unit_places),
            row.payment_channel.to_string(),
        ]);
    }
    for unallocated in &list.unallocated {
        table.push_row([
            list.pba_year.to_string(),
            unallocated.envelope.to_string(),
            String::new(),
            String::new(),
            String::new(),
            "unallocated".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            unallocated.reason.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            fixed(unallocated.amount, unit_places),
            String::new(),
        ]);
    }
    table
}

/// The stderr summary: per envelope the amount, facilities paid, smallest
/// and largest payment, and what was not allocated.
pub fn pba_list_text(list: &PbaList) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "allocate: policy `{}`, PBA year {}, {} envelope(s)",
        list.policy_id,
        list.pba_year,
        list.envelopes.len()
    );
    for envelope in &list.envelopes {
        let range = match (envelope.smallest_payment, envelope.largest_payment) {
            (Some(smallest), Some(largest)) => {
                format!("payments {} to {}", money(smallest), money(largest))
            }
            _ => "no payment".to_owned(),
        };
        let _ = writeln!(
            text,
            "  {:<28} {} {:>15}: {:>4} of {:>4} facilities paid, {range}, unallocated {}",
            envelope.scope.to_string(),
            list.currency,
            money(envelope.amount),
            envelope.facilities_paid,
            envelope.facilities_in_scope,
            money(envelope.unallocated)
        );
    }
    text
}

/// Adds `pba-list.csv` and `pba-list.xlsx` (under `prefix`) to an output set.
pub fn add_pba_list(
    outputs: &mut pba_data::OutputSet,
    prefix: &str,
    list: &PbaList,
    policy: &pba_scorecard::Policy,
    dataset: &pba_scoring::Dataset,
) -> crate::failure::Outcome {
    let places = policy.unit.normalize().scale();
    outputs.add_table(format!("{prefix}pba-list.csv"), &pba_list(list, places));
    let workbook =
        super::pba_list_xlsx(list, policy, dataset).map_err(crate::failure::Failure::internal)?;
    outputs.add_bytes(format!("{prefix}pba-list.xlsx"), workbook);
    Ok(())
}
