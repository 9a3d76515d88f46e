//! `assessment_values.csv` in the wide shape: the input follows an
//! `assessment_id,` header prefix (so the file has no `indicator_id`
//! column unless the input adds one); the dataset is read and, when it
//! reads, scored. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pba_fuzz::{Scratch, score, scorecards};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"assessment_id,".to_vec();
    bytes.extend_from_slice(data);
    Scratch::get().with_file("assessment_values.csv", &bytes, |directory| {
        if let Ok(dataset) = pba_data::read_dataset(directory) {
            let _ = score(&dataset, scorecards());
        }
    });
});
