//! `iva-sample.csv`, `verification.csv`, `verification-summary.csv`.

use std::fmt::Write as _;

use pba_data::Table;
use pba_scoring::Dataset;
use pba_verification::Sample;

/// `iva-sample.csv`: one row per selected facility and ISC assessment to
/// re-check, in stratum then rank order.
pub fn iva_sample(sample: &Sample, dataset: &Dataset) -> Table {
    let mut table = Table::new([
        "fiscal_year",
        "stratum",
        "rank",
        "facility_id",
        "facility_name",
        "province",
        "district_id",
        "facility_type",
        "hash",
        "assessment_id",
        "assessment_date",
        "scorecard_id",
        "committee",
    ]);
    for facility in &sample.rows {
        let name = dataset
            .facilities
            .get(&facility.facility_id)
            .map(|found| found.name.clone())
            .unwrap_or_default();
        for assessment in &facility.assessments {
            let committee = assessment
                .committee
                .iter()
                .map(|(member, role)| format!("{member} ({role})"))
                .collect::<Vec<_>>()
                .join("; ");
            table.push_row([
                sample.fiscal_year.to_string(),
                facility.stratum.clone(),
                facility.rank.to_string(),
                facility.facility_id.to_string(),
                name.clone(),
                facility.province.clone(),
                facility.district_id.to_string(),
                facility.facility_type.to_string(),
                facility.hash.clone(),
                assessment.assessment_id.to_string(),
                assessment.date.to_string(),
                assessment.scorecard_id.to_string(),
                committee,
            ]);
        }
    }
    table
}

/// The stderr summary of a sample: one line per stratum.
pub fn iva_sample_summary(sample: &Sample) -> String {
    let mut text = String::new();
    let size: u64 = sample.summary.iter().map(|stratum| stratum.size).sum();
    let selected: u64 = sample.summary.iter().map(|stratum| stratum.selected).sum();
    let _ = writeln!(
        text,
        "sample: fiscal year {}, seed `{}`, fraction {}: {selected} of {size} facilities in {} strata",
        sample.fiscal_year,
        sample.seed,
        sample.fraction,
        sample.summary.len()
    );
    for stratum in &sample.summary {
        let _ = writeln!(
            text,
            "  {:<48} {:>4} of {:>4}",
            stratum.stratum, stratum.selected, stratum.size
        );
    }
    text
}

/// `verification.csv`: every facility with IVA visits in the year, and every
/// sampled facility never verified.
pub fn verification(verification: &pba_verification::Verification) -> Table {
    use super::{fixed, flag};
    let mut table = Table::new(pba_data::VERIFICATION_COLUMNS);
    let two = |value: Option<rust_decimal::Decimal>| {
        value.map(|value| fixed(value, 2)).unwrap_or_default()
    };
    for row in &verification.rows {
        let closest = row.closest.as_ref();
        table.push_row([
            row.facility_id.to_string(),
            row.province.clone(),
            row.facility_type.to_string(),
            flag(row.sampled),
            row.status.as_str().to_owned(),
            two(row.isc_score),
            flag(row.isc_eligible),
            row.iva_visits.to_string(),
            two(row.iva_score),
            two(row.difference),
            two(row.absolute_difference),
            row.within_tolerance.map(flag).unwrap_or_default(),
            fixed(row.excess, 2),
            closest
                .map(|found| found.assessment_id.to_string())
                .unwrap_or_default(),
            closest
                .map(|found| found.date.to_string())
                .unwrap_or_default(),
            two(closest.map(|found| found.composite)),
            two(closest.map(|found| found.difference)),
            closest
                .map(|found| found.iva_assessment_id.to_string())
                .unwrap_or_default(),
            closest
                .map(|found| found.days_apart.to_string())
                .unwrap_or_default(),
            closest
                .map(|found| {
                    found
                        .disagreeing_indicators
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .unwrap_or_default(),
        ]);
    }
    table
}

/// `verification-summary.csv`: overall, then per province.
pub fn verification_summary(verification: &pba_verification::Verification) -> Table {
    use super::fixed;
    let mut table = Table::new([
        "scope",
        "sampled",
        "not_verified",
        "verified",
        "within_tolerance",
        "share_within",
        "mean_absolute_difference",
    ]);
    let summary = &verification.summary;
    for row in std::iter::once(&summary.overall).chain(&summary.provinces) {
        table.push_row([
            row.province.clone().map_or_else(
                || "overall".to_owned(),
                |province| format!("province:{province}"),
            ),
            row.sampled
                .map(|count| count.to_string())
                .unwrap_or_default(),
            row.not_verified.to_string(),
            row.verified.to_string(),
            row.within_tolerance.to_string(),
            row.share_within
                .map(|share| fixed(share, 2))
                .unwrap_or_default(),
            row.mean_absolute_difference
                .map(|mean| fixed(mean, 2))
                .unwrap_or_default(),
        ]);
    }
    table
}

/// The stderr summary: share within tolerance and the largest discrepancies.
pub fn verification_text(
    verification: &pba_verification::Verification,
    fiscal_year: i32,
) -> String {
    use super::fixed;
    let mut text = String::new();
    let overall = &verification.summary.overall;
    let _ = writeln!(
        text,
        "verify: fiscal year {fiscal_year}, tolerance {} points: {} facilities verified, {} within tolerance ({}%), {} sampled but not verified",
        verification.tolerance,
        overall.verified,
        overall.within_tolerance,
        overall
            .share_within
            .map(|share| fixed(share, 2))
            .unwrap_or_else(|| "-".to_owned()),
        overall.not_verified
    );
    for discrepancy in verification.summary.largest_discrepancies.iter().take(5) {
        let _ = writeln!(
            text,
            "  {:<10} {:<16} ISC - IVA = {:>7} points",
            discrepancy.facility_id.to_string(),
            discrepancy.province,
            fixed(discrepancy.difference, 2)
        );
    }
    text
}
