//! Small checks shared by the three parsers: non-empty texts, closed sets of
//! accepted words, exact decimal sums.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::error::Findings;
use crate::vocabulary::UnknownValue;

/// The text of a required key, which must not be blank.
pub(crate) fn non_empty(findings: &mut Findings<'_>, value: &Spanned<String>, key: &str) -> String {
    if value.get_ref().trim().is_empty() {
        findings.error(value.span(), format!("`{key}` is empty"));
    }
    value.get_ref().clone()
}

/// One of a vocabulary's words (`FacilityType`, `Priority`...).
pub(crate) fn word<T: FromStr<Err = UnknownValue>>(
    findings: &mut Findings<'_>,
    value: &Spanned<String>,
    what: &str,
) -> Option<T> {
    match value.get_ref().parse::<T>() {
        Ok(parsed) => Some(parsed),
        Err(unknown) => {
            findings.error(
                value.span(),
                format!(
                    "unknown {what} `{}`, expected one of {}",
                    unknown.found, unknown.expected
                ),
            );
            None
        }
    }
}

/// One of a key's accepted words, given as `(text, value)` pairs.
pub(crate) fn choice<T: Copy>(
    findings: &mut Findings<'_>,
    value: &Spanned<String>,
    key: &str,
    accepted: &[(&str, T)],
) -> Option<T> {
    let found = accepted
        .iter()
        .find(|(text, _)| *text == value.get_ref().as_str())
        .map(|(_, parsed)| *parsed);
    if found.is_none() {
        findings.error(
            value.span(),
            format!(
                "unknown `{key}` `{}`, expected one of {}",
                value.get_ref(),
                quoted(accepted.iter().map(|(text, _)| *text))
            ),
        );
    }
    found
}

/// `` `a`, `b`, `c` `` for a message.
pub(crate) fn quoted<'t>(texts: impl Iterator<Item = &'t str>) -> String {
    texts
        .map(|text| format!("`{text}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The exact sum, or `None` if it does not fit in a decimal.
pub(crate) fn sum(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, Decimal::checked_add)
}
