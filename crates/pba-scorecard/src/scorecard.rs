//! `parse_scorecard`: a scorecard file (SPEC section 3) to a validated
//! [`ScorecardDefinition`]. The header and `[combine]` are checked here, the
//! domains in `domain.rs`, the indicators in `indicator.rs`.

use rust_decimal::Decimal;
use serde_spanned::Spanned;

use crate::checks::{choice, non_empty, sum, word};
use crate::decimal::TomlDecimal;
use crate::document;
use crate::domain::check_domains;
use crate::error::{DefinitionErrors, Findings};
use crate::ids::ScorecardId;
use crate::indicator::check_indicators;
use crate::location::Location;
use crate::model::{Combine, MissingRule, ScorecardDefinition};
use crate::raw::{RawCombine, ScorecardFile, ScorecardHeader};
use crate::vocabulary::FacilityType;

/// Parses and validates one scorecard file. `file` names it in errors.
///
/// Every semantic mistake of the file is reported; a syntax error, an
/// unknown key or a value of the wrong type stops at the first.
pub fn parse_scorecard(file: &str, text: &str) -> Result<ScorecardDefinition, DefinitionErrors> {
    parse_scorecard_with_places(file, text).map(|(definition, _)| definition)
}

/// Where the keys the cross-file checks of a [`crate::ScorecardSet`] point at are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScorecardPlaces {
    /// `[scorecard].id`.
    pub id: Location,
    /// `[combine]` (its first key).
    pub combine: Option<Location>,
    /// `[combine].consultation_scorecard`.
    pub consultation_scorecard: Option<Location>,
}

impl ScorecardPlaces {
    /// No place known: the start of the file.
    pub(crate) const UNKNOWN: Self = Self {
        id: Location::START,
        combine: None,
        consultation_scorecard: None,
    };
}

/// [`parse_scorecard`], also returning the places the set checks need.
pub(crate) fn parse_scorecard_with_places(
    file: &str,
    text: &str,
) -> Result<(ScorecardDefinition, ScorecardPlaces), DefinitionErrors> {
    let raw: ScorecardFile = document::read(file, text)?;
    let mut findings = Findings::new(file, text);
    let definition = check_scorecard(&mut findings, &raw);
    let places = ScorecardPlaces {
        id: Location::of_offset(text, raw.scorecard.get_ref().id.span().start),
        combine: raw
            .combine
            .as_ref()
            .map(|combine| Location::of_offset(text, combine.get_ref().facility.span().start)),
        consultation_scorecard: raw.combine.as_ref().map(|combine| {
            Location::of_offset(text, combine.get_ref().consultation_scorecard.span().start)
        }),
    };
    findings
        .finish(definition)
        .map(|definition| (definition, places))
}

fn check_scorecard(findings: &mut Findings<'_>, raw: &ScorecardFile) -> ScorecardDefinition {
    let header = raw.scorecard.get_ref();
    let id = ScorecardId::new(non_empty(findings, &header.id, "scorecard.id"));
    let version = non_empty(findings, &header.version, "scorecard.version");
    let applies_to = check_applies_to(findings, &header.applies_to);
    let dli = check_dli(findings, header);
    let missing = header
        .missing
        .as_ref()
        .map_or(MissingRule::Error, |missing| {
            choice(
                findings,
                missing,
                "missing",
                &[("error", MissingRule::Error), ("zero", MissingRule::Zero)],
            )
            .unwrap_or(MissingRule::Error)
        });
    let critical_cap = header
        .critical_cap
        .as_ref()
        .map(|cap| check_critical_cap(findings, cap));
    let domains = check_domains(findings, &id, &raw.scorecard, &raw.domain, &raw.indicator);
    let indicators = check_indicators(
        findings,
        &raw.indicator,
        &raw.domain,
        header.critical_cap.is_some(),
    );
    let combine = raw
        .combine
        .as_ref()
        .map(|combine| check_combine(findings, &id, combine));
    ScorecardDefinition {
        id,
        version,
        title: header.title.clone(),
        applies_to,
        dli,
        missing,
        critical_cap,
        domains,
        indicators,
        combine,
    }
}

/// Known facility types, each once.
fn check_applies_to(
    findings: &mut Findings<'_>,
    applies_to: &Spanned<Vec<Spanned<String>>>,
) -> Vec<FacilityType> {
    let mut types: Vec<FacilityType> = Vec::new();
    for text in applies_to.get_ref() {
        if let Some(facility_type) = word::<FacilityType>(findings, text, "facility type") {
            if types.contains(&facility_type) {
                findings.error(
                    text.span(),
                    format!("facility type `{facility_type}` is listed twice in `applies_to`"),
                );
            } else {
                types.push(facility_type);
            }
        }
    }
    types
}

/// `dli` is 8 or 9, and only on a scorecard that applies to some facility type.
fn check_dli(findings: &mut Findings<'_>, header: &ScorecardHeader) -> Option<u8> {
    let dli = header.dli.as_ref()?;
    let number = match *dli.get_ref() {
        8 => 8,
        9 => 9,
        other => {
            findings.error(
                dli.span(),
                format!("`dli` is `{other}`, expected `8` or `9` (or no `dli` key)"),
            );
            return None;
        }
    };
    if header.applies_to.get_ref().is_empty() {
        findings.error(
            dli.span(),
            format!(
                "scorecard `{}` has `dli = {number}` but applies to no facility type; \
                 list the facility types in `applies_to` or remove `dli`",
                header.id.get_ref()
            ),
        );
    }
    Some(number)
}

fn check_critical_cap(findings: &mut Findings<'_>, cap: &Spanned<TomlDecimal>) -> Decimal {
    let value = cap.get_ref().0;
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        findings.error(
            cap.span(),
            format!("`critical_cap` is `{value}`, expected a score from `0` to `100`"),
        );
    }
    value
}

/// `facility + community = 100`, each not negative; the consultation
/// scorecard itself is checked by [`crate::ScorecardSet::new`].
fn check_combine(
    findings: &mut Findings<'_>,
    id: &ScorecardId,
    combine: &Spanned<RawCombine>,
) -> Combine {
    let raw = combine.get_ref();
    for (key, weight) in [("facility", &raw.facility), ("community", &raw.community)] {
        if weight.get_ref().0 < Decimal::ZERO {
            findings.error(
                weight.span(),
                format!(
                    "`combine.{key}` is `{}`, expected a weight >= `0`",
                    weight.get_ref().0
                ),
            );
        }
    }
    let (facility, community) = (raw.facility.get_ref().0, raw.community.get_ref().0);
    match sum([facility, community].into_iter()) {
        Some(total) if total == Decimal::ONE_HUNDRED => {}
        total => findings.error(
            raw.facility.span(),
            format!(
                "`[combine]` weights of scorecard `{id}` sum to `{}`, expected `100` (facility `{facility}` + community `{community}`)",
                total.map_or_else(|| "more than a decimal holds".to_owned(), |total| total.to_string())
            ),
        ),
    }
    let consultation = non_empty(
        findings,
        &raw.consultation_scorecard,
        "combine.consultation_scorecard",
    );
    Combine {
        facility,
        community,
        consultation_scorecard: ScorecardId::new(consultation),
    }
}
