//! `disbursements.csv` and `disbursement-summary.csv` (SPEC section 6).

use std::fmt::Write as _;

use pba_allocation::Disbursement;
use pba_data::Table;

use super::{fixed, optional};

/// `disbursements.csv`: one row per DLI series and program year.
pub fn disbursements(disbursement: &Disbursement) -> Table {
    let mut table = Table::new([
        "dli",
        "year",
        "fiscal_year",
        "target",
        "achieved",
        "price",
        "earned_this_year",
        "released_from_previous",
        "disbursed",
        "undisbursed_after",
    ]);
    for row in &disbursement.rows {
        table.push_row([
            row.dli.to_string(),
            row.year.to_string(),
            row.fiscal_year.to_string(),
            optional(row.target),
            optional(row.achieved),
            fixed(row.price, 2),
            fixed(row.earned_this_year, 2),
            fixed(row.released_from_previous, 2),
            fixed(row.disbursed, 2),
            fixed(row.undisbursed_after, 2),
        ]);
    }
    table
}

/// `disbursement-summary.csv`: per DLI series the total price, what was
/// disbursed and what is cancelled after the last program year, then a
/// `total` row.
pub fn disbursement_summary(disbursement: &Disbursement) -> Table {
    let mut table = Table::new(["dli", "total_price", "disbursed", "cancelled"]);
    let (mut price, mut disbursed, mut cancelled) = Default::default();
    for summary in &disbursement.summaries {
        price += summary.total_price;
        disbursed += summary.disbursed;
        cancelled += summary.cancelled;
        table.push_row([
            summary.dli.to_string(),
            fixed(summary.total_price, 2),
            fixed(summary.disbursed, 2),
            fixed(summary.cancelled, 2),
        ]);
    }
    table.push_row([
        "total".to_owned(),
        fixed(price, 2),
        fixed(disbursed, 2),
        fixed(cancelled, 2),
    ]);
    table
}

/// The stderr summary: per DLI with any achievement, what it released.
pub fn disbursement_text(disbursement: &Disbursement) -> String {
    let mut text = String::new();
    let mut total = rust_decimal::Decimal::ZERO;
    for summary in &disbursement.summaries {
        total += summary.disbursed;
        if summary.disbursed.is_zero() {
            continue;
        }
        let _ = writeln!(
            text,
            "  DLI {:<6} {} {:>16} of {:>16} disbursed, {:>16} cancelled",
            summary.dli,
            disbursement.currency,
            money(summary.disbursed),
            money(summary.total_price),
            money(summary.cancelled)
        );
    }
    let _ = writeln!(
        text,
        "disburse: program `{}`: {} {} disbursed in all",
        disbursement.program_id,
        disbursement.currency,
        money(total)
    );
    text
}

/// An amount with thousands separators and 2 decimals, for summaries.
pub fn money(amount: rust_decimal::Decimal) -> String {
    let text = fixed(amount, 2);
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}
