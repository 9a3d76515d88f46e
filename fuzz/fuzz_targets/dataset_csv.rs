//! One CSV file of a dataset: the first byte picks which file of the base
//! dataset the rest replaces; the dataset is read and, when it reads,
//! scored. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pba_fuzz::{Scratch, score, scorecards};

const FILES: &[&str] = &[
    "districts.csv",
    "facilities.csv",
    "assessments.csv",
    "assessment_values.csv",
    "committee_members.csv",
    "consultations.csv",
    "consultation_values.csv",
    "transfers.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else {
        return;
    };
    let name = FILES[usize::from(*selector) % FILES.len()];
    Scratch::get().with_file(name, bytes, |directory| {
        if let Ok(dataset) = pba_data::read_dataset(directory) {
            let _ = score(&dataset, scorecards());
        }
    });
});
