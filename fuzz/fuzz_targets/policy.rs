//! An allocation policy: parsed against the shipped scorecards, then (when
//! it parses) allocated on the base dataset's fiscal year 2019 scores.
//! Nothing may panic.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use pba_fuzz::{base_dataset, score, scorecards};
use pba_scorecard::parse_policy_for;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let set = scorecards();
    let Ok(policy) = parse_policy_for("fuzz.toml", text, set) else {
        return;
    };
    let Some(scorecard) = set.versions(&policy.scorecard).last() else {
        return;
    };
    let scores: BTreeMap<_, _> = score(base_dataset(), set)
        .into_iter()
        .map(|score| (score.facility_id.clone(), score))
        .collect();
    let _ = pba_allocation::allocate(&policy, scorecard, base_dataset(), &scores);
});
