//! Shared by the test binaries: the shipped scorecards.
#![allow(clippy::unwrap_used, dead_code)]

use pba_scorecard::ScorecardSet;

/// The scorecards shipped in `scorecards/`.
pub fn shipped() -> ScorecardSet {
    let files = [
        (
            "hospital.toml",
            include_str!("../../../../scorecards/hospital.toml"),
        ),
        (
            "health-center.toml",
            include_str!("../../../../scorecards/health-center.toml"),
        ),
        (
            "community-consultation.toml",
            include_str!("../../../../scorecards/community-consultation.toml"),
        ),
    ];
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    ScorecardSet::parse(&sources).unwrap()
}
