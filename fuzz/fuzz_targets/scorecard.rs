//! A scorecard definition: parsed alone, then (when it parses) in a set in
//! place of the shipped hospital scorecard, and the base dataset scored with
//! it. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pba_fuzz::{SCORECARDS, base_dataset, score};
use pba_scorecard::{ScorecardSet, parse_scorecard};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if parse_scorecard("fuzz.toml", text).is_err() {
        return;
    }
    let sources: Vec<(String, String)> = SCORECARDS
        .iter()
        .filter(|(name, _)| *name != "hospital.toml")
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .chain([("fuzz.toml".to_owned(), text.to_owned())])
        .collect();
    if let Ok(set) = ScorecardSet::parse(&sources) {
        let _ = score(base_dataset(), &set);
    }
});
