//! One CSV file of a dataset: the first byte picks which file of the base
//! dataset the rest replaces; the dataset is read and, when it reads,
//! scored. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pba_data::DATASET_FILES;
use pba_fuzz::{Scratch, score, scorecards};


fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else {
        return;
    };
    let name = DATASET_FILES[usize::from(*selector) % DATASET_FILES.len()];
    Scratch::get().with_file(name, bytes, |directory| {
        if let Ok(dataset) = pba_data::read_dataset(directory) {
            let _ = score(&dataset, scorecards());
        }
    });
});
