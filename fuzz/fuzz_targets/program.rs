//! A program definition: parsed, then (when it parses) every DLI series
//! disbursed on achievements at, around and far from its targets. Nothing
//! may panic.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use pba_scorecard::parse_program;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(program) = parse_program("fuzz.toml", text) else {
        return;
    };
    let _ = program.program_year(2020);
    let mut achievements = BTreeMap::new();
    for series in &program.dlis {
        for target in &series.targets {
            let value = match target.year % 3 {
                0 => target.value,
                1 => target
                    .value
                    .checked_sub(Decimal::ONE)
                    .unwrap_or(target.value),
                _ => series.baseline,
            };
            achievements.insert((series.id.clone(), target.year), value);
        }
    }
    let _ = pba_allocation::disburse(&program, &achievements);
});
