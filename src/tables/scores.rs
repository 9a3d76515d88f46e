//! `assessment-scores.csv` and `facility-scores.csv` (SPEC section 4).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use foldhash::fast::RandomState;

use pba_data::{RowWriter, csv_text, write_row};
use pba_scorecard::{AssessmentKind, DomainId, ScorecardSet, same_id};
use pba_scoring::{
    AssessmentReason, AssessmentScore, Dataset, DomainScore, Facility, FacilityScore, YearScores,
};
use rust_decimal::Decimal;

use super::{flag_text, write_date, write_fixed, write_year};

/// Domain columns: the union of every scorecard's domain ids, in scorecard
/// (id, version) order then file order, each once.
fn domain_columns(scorecards: &ScorecardSet) -> Vec<DomainId> {
    let mut columns: Vec<DomainId> = Vec::new();
    for definition in scorecards.scorecards.values() {
        if definition.applies_to.is_empty() {
            continue;
        }
        for domain in &definition.domains {
            if !columns.contains(&domain.id) {
                columns.push(domain.id.clone());
            }
        }
    }
    columns
}

/// `assessment-scores.csv`: every assessment of the dataset, valid or not,
/// with its reasons. Domain fractions are percentages rounded to 2 decimals
/// for reading; `facility_composite` and `consultation_composite` are the
/// unrounded parts shown to 4 decimals; `composite` is the reported score,
/// rounded once from the unrounded parts. Returns the CSV text.
pub fn assessment_scores(scores: &YearScores, scorecards: &ScorecardSet) -> String {
    let table = AssessmentScoreRows::new(scorecards);
    let header = table.header();
    csv_text(&header, &scores.assessments, |text, assessment| {
        write_assessment_row(text, assessment, &table.domains);
    })
}

/// Room made for one line of `assessment-scores.csv`.
const LINE_BYTES: usize = 192;

/// The rows of [`assessment_scores`] one at a time, as assessments are
/// scored (see `pba_scoring::score_year_each`): a national run then keeps a
/// line of text per assessment instead of its domain results.
pub struct AssessmentScoreRows {
    domains: Vec<DomainId>,
}

impl AssessmentScoreRows {
    /// The columns of these scorecards.
    pub fn new(scorecards: &ScorecardSet) -> Self {
        Self {
            domains: domain_columns(scorecards),
        }
    }

    /// One assessment's line.
    pub fn row(&self, assessment: &AssessmentScore) -> String {
        // Lines are about 150 bytes: one allocation instead of growing.
        let mut text = String::with_capacity(LINE_BYTES);
        write_assessment_row(&mut text, assessment, &self.domains);
        text
    }

    /// The header line; the file is the header, then the lines in order
    /// (`OutputSet::add_lines` writes them without joining them).
    pub fn header_line(&self) -> String {
        let mut text = String::new();
        write_row(&mut text, self.header().iter().map(String::as_str));
        text
    }

    fn header(&self) -> Vec<String> {
        let mut columns: Vec<String> = [
            "assessment_id",
            "facility_id",
            "kind",
            "scorecard_id",
            "scorecard_version",
            "date",
            "fiscal_year",
            "valid",
            "reasons",
        ]
        .iter()
        .map(|column| (*column).to_owned())
        .collect();
        columns.extend(self.domains.iter().map(|domain| format!("domain_{domain}")));
        columns.extend(
            [
                "facility_composite",
                "consultation_composite",
                "composite",
                "critical_cap_applied",
                "redistributed_domains",
                "reason_details",
            ]
            .iter()
            .map(|column| (*column).to_owned()),
        );
        columns
    }
}

/// Writes one row of `assessment-scores.csv`.
fn write_assessment_row(text: &mut String, assessment: &AssessmentScore, domains: &[DomainId]) {
    let mut row = RowWriter::new(text);
    row.cell(assessment.assessment_id.as_str());
    row.cell(assessment.facility_id.as_str());
    row.cell(assessment.kind.as_str());
    row.cell(assessment.scorecard_id.as_str());
    row.cell(&assessment.scorecard_version);
    row.cell_with(|cell| write_date(cell, assessment.date));
    row.number_with(|cell| write_year(cell, assessment.fiscal_year));
    row.cell(flag_text(assessment.valid));
    row.cell_with(|cell| {
        joined(
            cell,
            assessment.reasons.iter().map(AssessmentReason::code),
            ";",
        )
    });
    // Columns follow the scorecards' domain order: the next domain of the
    // score is looked at first (a scorecard's domain ids are unique).
    let scored = assessment.domains();
    let mut next = 0;
    for domain in domains {
        let same = |score: &DomainScore| same_id(score.domain_id.as_str(), domain.as_str());
        let found = scored
            .get(next)
            .filter(|score| same(score))
            .map(|_| next)
            .or_else(|| scored.iter().position(same));
        if let Some(position) = found {
            next = position + 1;
        }
        let percent = found
            .and_then(|position| scored.get(position))
            .and_then(|score| score.rounded_percent(2));
        row.number_with(|cell| {
            if let Some(percent) = percent {
                super::write_decimal(cell, percent);
            }
        });
    }
    row.number_with(|cell| optional_fixed(cell, assessment.facility_composite, 4));
    row.number_with(|cell| optional_fixed(cell, assessment.consultation_composite, 4));
    row.number_with(|cell| optional_fixed(cell, assessment.composite, 2));
    row.cell(flag_text(assessment.critical_cap_applied()));
    row.cell_with(|cell| joined(cell, assessment.redistributed(), ";"));
    row.cell_with(|cell| joined(cell, &assessment.reasons, "; "));
    row.end();
}

/// Writes values as they show, separated by `separator`.
fn joined<T: std::fmt::Display>(
    cell: &mut String,
    values: impl IntoIterator<Item = T>,
    separator: &str,
) {
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            cell.push_str(separator);
        }
        // Writing to a `String` cannot fail.
        let _ = write!(cell, "{value}");
    }
}

/// Writes an optional decimal with exactly `places` decimals (nothing when
/// absent).
fn optional_fixed(cell: &mut String, value: Option<Decimal>, places: u32) {
    if let Some(value) = value {
        write_fixed(cell, value, places);
    }
}

/// ISC assessments of the year per facility: (all, valid). foldhash: a
/// national year has hundreds of thousands of assessments.
fn isc_counts(scores: &YearScores) -> HashMap<&str, (usize, usize), RandomState> {
    let mut counts: HashMap<&str, (usize, usize), RandomState> =
        HashMap::with_capacity_and_hasher(scores.facilities.len(), RandomState::default());
    for assessment in &scores.assessments {
        if assessment.kind != AssessmentKind::Isc || assessment.fiscal_year != scores.fiscal_year {
            continue;
        }
        let entry = counts.entry(assessment.facility_id.as_str()).or_default();
        entry.0 += 1;
        if assessment.valid {
            entry.1 += 1;
        }
    }
    counts
}

/// The columns `pba score` writes in `facility-scores.csv`.
pub const FACILITY_SCORE_COLUMNS: [&str; 12] = [
    "facility_id",
    "fiscal_year",
    "score",
    "eligible",
    "reason",
    "valid_assessments",
    "scorecard_id",
    "district_id",
    "province",
    "facility_type",
    "assessments",
    "invalid_assessments",
];

/// `facility-scores.csv`: every facility of the registry. Returns the CSV
/// text, its rows written on every core.
pub fn facility_scores(scores: &YearScores, dataset: &Dataset) -> String {
    // Scores made by `pba score` carry their ISC count; others are counted.
    let counts = if scores
        .facilities
        .iter()
        .any(|facility| facility.assessments.is_none())
    {
        isc_counts(scores)
    } else {
        HashMap::default()
    };
    let columns = FACILITY_SCORE_COLUMNS.map(str::to_owned);
    let rows = with_registry(&scores.facilities, dataset);
    csv_text(&columns, &rows, |text, (facility, registry)| {
        let district = registry.and_then(|found| dataset.districts.get(&found.district_id));
        let (all, valid) = match facility.assessments {
            Some(all) => (
                usize::try_from(all).unwrap_or(usize::MAX),
                usize::try_from(facility.valid_assessments).unwrap_or(usize::MAX),
            ),
            None => counts
                .get(facility.facility_id.as_str())
                .copied()
                .unwrap_or_default(),
        };
        let mut row = RowWriter::new(text);
        row.cell(facility.facility_id.as_str());
        row.shown(facility.fiscal_year);
        row.number_with(|cell| optional_fixed(cell, facility.score, 2));
        row.cell(flag_text(facility.eligible));
        row.shown_or_empty(facility.reason);
        row.shown(facility.valid_assessments);
        row.cell(facility.scorecard_id.as_ref().map_or("", |id| id.as_str()));
        row.cell(registry.map_or("", |found| found.district_id.as_str()));
        row.cell(district.map_or("", |found| found.province.as_str()));
        row.shown_or_empty(registry.map(|found| found.facility_type));
        row.shown(all);
        row.shown(all - valid.min(all));
        row.end();
    })
}

/// Each facility score with its registry entry. Scores come in the
/// registry's (facility id) order, so the entry after the one found last is
/// tried (after those it passes) before a tree search.
fn with_registry<'s, 'd>(
    facilities: &'s [FacilityScore],
    dataset: &'d Dataset,
) -> Vec<(&'s FacilityScore, Option<&'d Facility>)> {
    let mut registry = dataset.facilities.iter().peekable();
    facilities
        .iter()
        .map(|facility| {
            while registry
                .next_if(|(id, _)| **id < facility.facility_id)
                .is_some()
            {}
            let next = registry
                .next_if(|(id, _)| **id == facility.facility_id)
                .map(|(_, found)| found);
            (
                facility,
                next.or_else(|| dataset.facilities.get(&facility.facility_id)),
            )
        })
        .collect()
}

/// The stderr summary of a scoring run.
pub fn scores_text(scores: &YearScores) -> String {
    let mut text = String::new();
    let in_year = scores
        .assessments
        .iter()
        .filter(|assessment| assessment.fiscal_year == scores.fiscal_year);
    let (mut isc, mut valid, mut iva) = (0_usize, 0_usize, 0_usize);
    for assessment in in_year {
        match assessment.kind {
            AssessmentKind::Isc => {
                isc += 1;
                valid += usize::from(assessment.valid);
            }
            AssessmentKind::Iva => iva += 1,
        }
    }
    let _ = writeln!(
        text,
        "score: fiscal year {}: {} assessments read, {isc} ISC in the year ({valid} valid), {iva} IVA",
        scores.fiscal_year,
        scores.assessments.len()
    );
    let mut per_scorecard: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for facility in &scores.facilities {
        let scorecard = facility
            .scorecard_id
            .as_ref()
            .map_or("(no scorecard applies)", |id| id.as_str());
        let entry = per_scorecard.entry(scorecard).or_default();
        entry.0 += 1;
        entry.1 += usize::from(facility.eligible);
        if let (Some(reason), Some(_)) = (facility.reason, &facility.scorecard_id) {
            *reasons.entry(reason.as_str()).or_default() += 1;
        }
    }
    for (scorecard, (facilities, eligible)) in &per_scorecard {
        let _ = writeln!(
            text,
            "  {scorecard:<24} {eligible:>6} of {facilities:>6} facilities eligible"
        );
    }
    if !reasons.is_empty() {
        let listed = reasons
            .iter()
            .map(|(reason, count)| format!("{reason} {count}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            text,
            "  not eligible (facilities with a scorecard): {listed}"
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use pba_scorecard::{BudgetUnit, DistrictId, FacilityId, FacilityType, PaymentChannel};

    fn facility(id: &str) -> Facility {
        Facility {
            id: FacilityId::new(id),
            name: format!("Facility {id}"),
            facility_type: FacilityType::DistrictHospital,
            district_id: DistrictId::new("D"),
            budget_unit: BudgetUnit::None,
            payment_channel: PaymentChannel::ESistafe,
            beds: None,
            catchment_population: None,
            active: true,
        }
    }

    fn score(id: &str) -> FacilityScore {
        FacilityScore {
            facility_id: FacilityId::new(id),
            fiscal_year: 2019,
            score: None,
            eligible: false,
            reason: None,
            valid_assessments: 0,
            assessments: None,
            scorecard_id: None,
        }
    }

    /// Scores read from a file carry no ISC count: the table then counts
    /// the assessments, and writes the same bytes.
    #[test]
    fn counts_are_the_same_carried_or_counted() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let dataset = pba_data::read_dataset(&data).expect("the small fixture reads");
        let scorecards = crate::definitions::scorecards(None).expect("shipped scorecards");
        let program = crate::definitions::program(None).expect("shipped program");
        let scores = pba_scoring::score_year(
            &dataset,
            &scorecards,
            program.calendar,
            program.min_assessments,
            2019,
        );
        assert!(
            scores
                .facilities
                .iter()
                .any(|facility| facility.assessments > Some(1))
        );
        let mut counted = scores.clone();
        for facility in &mut counted.facilities {
            facility.assessments = None;
        }
        assert_eq!(
            facility_scores(&counted, &dataset),
            facility_scores(&scores, &dataset)
        );
    }

    /// In order, out of order, with registry entries skipped and with a
    /// score of no registry entry: each score gets its own entry.
    #[test]
    fn each_score_finds_its_registry_entry() {
        let mut dataset = Dataset::default();
        for id in ["F1", "F2", "F3", "F4", "F5"] {
            dataset.facilities.insert(FacilityId::new(id), facility(id));
        }
        let orders: [&[&str]; 4] = [
            &["F1", "F2", "F3", "F4", "F5"],
            &["F2", "F4"],
            &["F5", "F1", "F3", "F2"],
            &["F0", "F2", "F9", "F3"],
        ];
        for order in orders {
            let scores: Vec<FacilityScore> = order.iter().map(|id| score(id)).collect();
            let found: Vec<Option<&str>> = with_registry(&scores, &dataset)
                .into_iter()
                .map(|(_, entry)| entry.map(|entry| entry.id.as_str()))
                .collect();
            let expected: Vec<Option<&str>> = order
                .iter()
                .map(|id| dataset.facilities.contains_key(*id).then_some(*id))
                .collect();
            assert_eq!(found, expected, "{order:?}");
        }
    }
}
