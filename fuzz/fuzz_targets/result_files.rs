//! The single-file inputs: the first byte picks `facility-scores.csv`
//! (`--scores`), an achievements file (`--achievements`, then disbursed on
//! the shipped program) or `pba-list.csv` (`--pba-list`). Nothing may panic.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use pba_fuzz::{Scratch, program};

fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else {
        return;
    };
    let scratch = Scratch::get();
    match selector % 3 {
        0 => scratch.with_file("facility-scores.csv", bytes, |directory| {
            let _ = pba_data::read_facility_scores(&directory.join("facility-scores.csv"));
        }),
        1 => scratch.with_file("achievements.csv", bytes, |directory| {
            if let Ok(rows) = pba_data::read_achievements(&directory.join("achievements.csv")) {
                let achievements: BTreeMap<_, _> = rows
                    .into_iter()
                    .map(|row| ((row.dli, row.year), row.value))
                    .collect();
                let _ = pba_allocation::disburse(program(), &achievements);
            }
        }),
        _ => scratch.with_file("pba-list.csv", bytes, |directory| {
            let _ = pba_data::read_pba_list(&directory.join("pba-list.csv"));
        }),
    }
});
