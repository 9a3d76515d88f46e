//! `explain`: one assessment's score as text a supervisor can check by hand,
//! every number exact and every step shown. Deterministic, columns aligned,
//! no trailing spaces.

use crate::assessment::AssessmentScore;
use crate::composite::{CompositeScore, IndicatorResult};
use crate::dataset::Dataset;
use crate::error::value_text;
use crate::indicator_kinds::{rule_text, text};
use pba_scorecard::{IndicatorValue, ScorecardDefinition, ScorecardId, ScorecardSet};

/// The whole computation of one assessment's score, in words and numbers.
/// The indicator tables need the per-indicator results: pass a score from
/// [`crate::score_assessment`] or [`crate::score_year`] (not `Detail::Summary`).
#[must_use]
pub fn explain(
    assessment: &AssessmentScore,
    dataset: &Dataset,
    scorecards: &ScorecardSet,
) -> String {
    let mut lines = Vec::new();
    let facility = dataset.facilities.get(&assessment.facility_id).map_or_else(
        || format!("{} (not in the registry)", assessment.facility_id),
        |facility| {
            format!(
                "{} {} ({})",
                facility.id, facility.name, facility.facility_type
            )
        },
    );
    lines.extend(table(
        &[
            vec![
                "assessment".to_owned(),
                assessment.assessment_id.to_string(),
            ],
            vec!["facility".to_owned(), facility],
            vec![
                "scorecard".to_owned(),
                format!(
                    "{} {}",
                    assessment.scorecard_id, assessment.scorecard_version
                ),
            ],
            vec![
                "date".to_owned(),
                format!(
                    "{} (fiscal year {})",
                    assessment.date, assessment.fiscal_year
                ),
            ],
            vec!["kind".to_owned(), assessment.kind.to_string()],
        ],
        "",
    ));

    let definition = lookup(
        scorecards,
        &assessment.scorecard_id,
        &assessment.scorecard_version,
    );
    match (&assessment.facility, definition) {
        (Some(score), Some(definition)) => {
            lines.push(String::new());
            explain_composite(&mut lines, "facility", score, definition);
        }
        _ => {
            lines.push(String::new());
            lines.push("scorecard not defined: nothing scored".to_owned());
        }
    }

    if let Some(part) = &assessment.consultation {
        lines.push(String::new());
        let date = dataset
            .consultations
            .get(&part.consultation_id)
            .map(|consultation| format!(" of {}", consultation.date))
            .unwrap_or_default();
        lines.push(format!(
            "consultation {}{date}, scored with {} {}",
            part.consultation_id, part.scorecard_id, part.scorecard_version
        ));
        if let Some(definition) = lookup(scorecards, &part.scorecard_id, &part.scorecard_version) {
            explain_composite(&mut lines, "consultation", &part.score, definition);
        }
    }

    lines.push(String::new());
    let mut summary = Vec::new();
    let combine = definition.and_then(|definition| definition.combine.as_ref());
    if let (Some(combine), Some(facility), Some(community), Some(combined)) = (
        combine,
        assessment.facility_composite,
        assessment.consultation_composite,
        assessment.unrounded,
    ) {
        summary.push(vec![
            "combined".to_owned(),
            format!(
                "({} × {} + {} × {}) / 100 = {}",
                text(combine.facility),
                text(facility),
                text(combine.community),
                text(community),
                text(combined)
            ),
        ]);
    }
    summary.push(vec![
        "reported".to_owned(),
        match (assessment.composite, assessment.unrounded) {
            (Some(reported), Some(unrounded)) => format!(
                "{reported} ({} rounded to 2 decimals, half away from zero)",
                text(unrounded)
            ),
            _ => "none (no score could be computed)".to_owned(),
        },
    ]);
    summary.push(vec![
        "valid".to_owned(),
        if assessment.valid { "yes" } else { "no" }.to_owned(),
    ]);
    lines.extend(table(&summary, ""));
    if !assessment.reasons.is_empty() {
        lines.push("reasons".to_owned());
        for reason in &assessment.reasons {
            lines.push(format!("  {reason}"));
        }
    }
    let mut output = lines
        .iter()
        .map(|line| line.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    output.push('\n');
    output
}

fn lookup<'a>(
    scorecards: &'a ScorecardSet,
    id: &ScorecardId,
    version: &str,
) -> Option<&'a ScorecardDefinition> {
    scorecards.scorecards.get(&(id.clone(), version.to_owned()))
}

/// The indicator table, the domain table and the composite of one part.
fn explain_composite(
    lines: &mut Vec<String>,
    part: &str,
    score: &CompositeScore,
    definition: &ScorecardDefinition,
) {
    lines.push(format!("{part} indicators"));
    let mut rows = vec![header(&[
        "domain",
        "indicator",
        "value",
        "fraction",
        "earned",
        "points",
        "rule",
    ])];
    for (result, indicator) in score.indicators.iter().zip(&definition.indicators) {
        let critical = if result.critical { " (critical)" } else { "" };
        rows.push(vec![
            result.domain_id.to_string(),
            result.indicator_id.to_string(),
            result
                .value
                .map_or_else(|| "missing".to_owned(), value_text),
            fraction_text(result),
            result.earned.map_or_else(|| "-".to_owned(), text),
            text(result.points),
            format!("{}{critical}", rule_text(indicator)),
        ]);
    }
    lines.extend(table(&rows, "  "));

    lines.push(format!("{part} domains"));
    let mut rows = vec![header(&[
        "domain",
        "weight",
        "effective",
        "earned",
        "applicable",
        "fraction",
        "weighted",
    ])];
    for domain in &score.domains {
        let redistributed = score.redistributed.contains(&domain.domain_id);
        let weighted = match score.weighted(domain) {
            Some(weighted) => text(weighted),
            None if redistributed => "weight redistributed (no applicable item)".to_owned(),
            None if domain.incomplete => "incomplete".to_owned(),
            None => "-".to_owned(),
        };
        rows.push(vec![
            domain.domain_id.to_string(),
            text(domain.weight),
            domain.effective_weight.map_or_else(|| "-".to_owned(), text),
            text(domain.earned),
            text(domain.applicable_points),
            domain.fraction().map_or_else(|| "-".to_owned(), text),
            weighted,
        ]);
    }
    lines.extend(table(&rows, "  "));
    if !score.redistributed.is_empty() {
        lines.push(
            "  effective = weight × 100 / sum of the weights of domains with an applicable item"
                .to_owned(),
        );
    }
    lines.push("  weighted = effective × earned / applicable".to_owned());

    let mut summary = Vec::new();
    summary.push(vec![
        format!("{part} composite"),
        score.uncapped.map_or_else(
            || "none (values incomplete)".to_owned(),
            |uncapped| format!("{} (sum of weighted)", text(uncapped)),
        ),
    ]);
    if !score.critical_failed.is_empty() {
        let failed = score
            .critical_failed
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let outcome = match (definition.critical_cap, score.uncapped) {
            (None, _) => "no cap defined".to_owned(),
            (Some(cap), Some(uncapped)) if score.critical_cap_applied => {
                format!("composite capped at {} (was {})", text(cap), text(uncapped))
            }
            (Some(cap), _) => format!(
                "cap {} is not below the composite, which is unchanged",
                text(cap)
            ),
        };
        summary.push(vec![
            "critical cap".to_owned(),
            format!("{failed} earned 0: {outcome}"),
        ]);
    }
    lines.extend(table(&summary, "  "));
}

fn fraction_text(result: &IndicatorResult) -> String {
    match (result.fraction, result.value) {
        (Some(fraction), _) => text(fraction),
        (None, Some(IndicatorValue::NotApplicable)) => "na".to_owned(),
        (None, _) => "invalid".to_owned(),
    }
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

/// Rows with every column but the last padded to its widest cell, two
/// spaces apart, each line prefixed by `indent`.
fn table(rows: &[Vec<String>], indent: &str) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let mut line = indent.to_owned();
            for (column, cell) in row.iter().enumerate() {
                if column + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    let width = widths.get(column).copied().unwrap_or(0);
                    line.push_str(cell);
                    line.push_str(&" ".repeat(width.saturating_sub(cell.chars().count()) + 2));
                }
            }
            line.trim_end().to_owned()
        })
        .collect()
}
