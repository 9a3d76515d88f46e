//! `parse_program`: a program file (SPEC section 6) to a validated
//! [`ProgramDefinition`]: a real fiscal-year start, and DLI series whose
//! targets run year 1, 2, 3... with increasing values and a price each.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::checks::{choice, non_empty};
use crate::date::Date;
use crate::document;
use crate::error::{DefinitionErrors, Findings};
use crate::ids::{DliId, ProgramId};
use crate::model::{
    DliSeries, DliTarget, DliUnit, FiscalCalendar, ProgramDefinition, ReceivedRule,
};
use crate::raw::{ProgramFile, RawDli, RawTarget};

/// Parses and validates one program file. `file` names it in errors.
pub fn parse_program(file: &str, text: &str) -> Result<ProgramDefinition, DefinitionErrors> {
    let raw: ProgramFile = document::read(file, text)?;
    let mut findings = Findings::new(file, text);
    let header = raw.program.get_ref();
    let id = non_empty(&mut findings, &header.id, "program.id");
    let currency = non_empty(&mut findings, &header.currency, "program.currency");
    let calendar = header
        .fiscal_year_start
        .as_ref()
        .map_or_else(FiscalCalendar::default, |start| {
            check_fiscal_year_start(&mut findings, start)
        });
    let first_fiscal_year =
        i32::try_from(*header.first_fiscal_year.get_ref()).unwrap_or_else(|_| {
            findings.error(
                header.first_fiscal_year.span(),
                "`first_fiscal_year` is not a plausible year",
            );
            0
        });
    let min_assessments = header.min_assessments.as_ref().map_or(2, |minimum| {
        u32::try_from(*minimum.get_ref())
            .ok()
            .filter(|count| *count >= 1)
            .unwrap_or_else(|| {
                findings.error(
                    minimum.span(),
                    format!(
                        "`min_assessments` is `{}`, expected a whole number >= `1`",
                        minimum.get_ref()
                    ),
                );
                2
            })
    });
    if raw.dli.is_empty() {
        findings.error(
            header.id.span(),
            format!("program `{id}` has no `[[dli]]`; add its DLI series"),
        );
    }
    let mut seen = BTreeSet::new();
    let mut dlis = Vec::with_capacity(raw.dli.len());
    for dli in &raw.dli {
        let dli_id = dli.get_ref().id.get_ref();
        if !seen.insert(dli_id.clone()) {
            findings.error(
                dli.get_ref().id.span(),
                format!("duplicate DLI id `{dli_id}`"),
            );
        }
        dlis.push(check_dli(&mut findings, dli.get_ref()));
    }
    let program = ProgramDefinition {
        title: header.title.clone().unwrap_or_else(|| id.clone()),
        id: ProgramId::new(id),
        currency,
        calendar,
        first_fiscal_year,
        rollover: header.rollover.unwrap_or(true),
        min_assessments,
        dlis,
    };
    findings.finish(program)
}

/// `"MM-DD"`, a day that exists in every year (so not `02-29`).
fn check_fiscal_year_start(findings: &mut Findings<'_>, start: &Spanned<String>) -> FiscalCalendar {
    let text = start.get_ref();
    let parsed = text
        .split_once('-')
        .filter(|(month, day)| month.len() == 2 && day.len() == 2)
        .and_then(|(month, day)| Some((month.parse::<u8>().ok()?, day.parse::<u8>().ok()?)))
        // 2019 is not a leap year: a start that exists in 2019 exists every year.
        .filter(|(month, day)| Date::new(2019, *month, *day).is_some());
    match parsed {
        Some((start_month, start_day)) => FiscalCalendar {
            start_month,
            start_day,
        },
        None => {
            findings.error(
                start.span(),
                format!("`fiscal_year_start` is `{text}`, expected a day of every year as `MM-DD`, e.g. `\"01-01\"` or `\"07-01\"`"),
            );
            FiscalCalendar::default()
        }
    }
}

fn check_dli(findings: &mut Findings<'_>, raw: &RawDli) -> DliSeries {
    let id = non_empty(findings, &raw.id, "dli.id");
    let unit = choice(
        findings,
        &raw.unit,
        "unit",
        &[
            ("percent", DliUnit::Percent),
            ("number", DliUnit::Number),
            ("usd", DliUnit::Usd),
        ],
    )
    .unwrap_or(DliUnit::Number);
    let received = raw
        .received
        .as_ref()
        .map_or(ReceivedRule::Full, |received| {
            choice(
                findings,
                received,
                "received",
                &[("full", ReceivedRule::Full), ("any", ReceivedRule::Any)],
            )
            .unwrap_or(ReceivedRule::Full)
        });
    let baseline = raw.baseline.get_ref().0;
    check_percent(
        findings,
        &id,
        unit,
        raw.baseline.span(),
        "baseline",
        baseline,
    );
    if raw.targets.get_ref().is_empty() {
        findings.error(
            raw.targets.span(),
            format!("DLI `{id}` has no targets; add `{{ year = 1, value = ..., price = ... }}`"),
        );
    }
    let mut targets: Vec<DliTarget> = Vec::with_capacity(raw.targets.get_ref().len());
    for target in raw.targets.get_ref() {
        let checked = check_target(
            findings,
            &id,
            unit,
            target.get_ref(),
            targets.last(),
            baseline,
        );
        targets.push(checked);
    }
    DliSeries {
        id: DliId::new(id),
        title: raw.title.clone(),
        unit,
        baseline,
        received,
        targets,
    }
}

fn check_target(
    findings: &mut Findings<'_>,
    id: &str,
    unit: DliUnit,
    raw: &RawTarget,
    previous: Option<&DliTarget>,
    baseline: Decimal,
) -> DliTarget {
    let written = *raw.year.get_ref();
    let expected = previous.map_or(1, |previous| i64::from(previous.year) + 1);
    let year = u32::try_from(written)
        .or_else(|_| u32::try_from(expected))
        .unwrap_or(0);
    if written != expected {
        let why = match previous {
            Some(previous) if i64::from(previous.year) == written => {
                format!("year `{written}` is listed twice")
            }
            _ => format!("expected year `{expected}`, found `{written}`"),
        };
        findings.error(
            raw.year.span(),
            format!(
                "targets of DLI `{id}` must list years 1, 2, 3... in order without gaps: {why}"
            ),
        );
    }
    let value = raw.value.get_ref().0;
    check_percent(
        findings,
        id,
        unit,
        raw.value.span(),
        &format!("target of year `{written}`"),
        value,
    );
    let (floor, what) = match previous {
        Some(previous) => (
            previous.value,
            format!("the target of year `{}`", previous.year),
        ),
        None => (baseline, "the baseline".to_owned()),
    };
    if value <= floor {
        findings.error(
            raw.value.span(),
            format!("target of DLI `{id}` for year `{written}` is `{value}`, not above {what} (`{floor}`); targets must increase"),
        );
    }
    let price = match &raw.price {
        None => {
            findings.error(raw.year.span(), format!("target of DLI `{id}` for year `{written}` has no `price`; add e.g. `price = \"1000000\"`"));
            Decimal::ZERO
        }
        Some(price) => {
            let amount = price.get_ref().0;
            if amount < Decimal::ZERO {
                findings.error(price.span(), format!("price of DLI `{id}` for year `{written}` is `{amount}`, expected `0` or more"));
            }
            amount
        }
    };
    DliTarget {
        year,
        value,
        price,
        scalable: raw.scalable.unwrap_or(true),
    }
}

/// A `percent` DLI value lies in 0..=100.
fn check_percent(
    findings: &mut Findings<'_>,
    id: &str,
    unit: DliUnit,
    span: std::ops::Range<usize>,
    what: &str,
    value: Decimal,
) {
    if unit == DliUnit::Percent && (value < Decimal::ZERO || value > Decimal::ONE_HUNDRED) {
        findings.error(
            span,
            format!("{what} of percent DLI `{id}` is `{value}`, expected `0` to `100`"),
        );
    }
}
