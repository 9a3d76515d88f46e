//! Criterion micro-benchmarks of the allocation cores (issue 8):
//! largest-remainder apportionment among 100,000 facilities, and cap
//! water-filling where thousands of facilities end at the cap over many
//! rounds.
//!
//! Run: `cargo bench -p pba-allocation --bench allocation -- --quick`.

#![allow(clippy::unwrap_used, reason = "benchmark setup")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pba_allocation::{apportion, apportion_with_cap};
use rust_decimal::Decimal;

const FACILITIES: u32 = 100_000;

/// 100,000 claims with 2 decimals, like score × weight products, from a
/// fixed linear congruential sequence.
fn claims() -> Vec<(String, Decimal)> {
    let mut state: u64 = 8;
    (0..FACILITIES)
        .map(|index| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let hundredths = i64::try_from((state >> 33) % 1_000_000).unwrap();
            (format!("F{index:06}"), Decimal::new(hundredths, 2))
        })
        .collect()
}

/// Claims growing with the square of the rank: under a cap of 1/50,000 of
/// the envelope the largest ones are capped a few at a time, round after
/// round.
fn skewed_claims() -> Vec<(String, Decimal)> {
    (1..=FACILITIES)
        .map(|rank| {
            let rank = i64::from(rank);
            (format!("F{rank:06}"), Decimal::from(rank * rank))
        })
        .collect()
}

fn apportionment(criterion: &mut Criterion) {
    let claims = claims();
    let total = Decimal::new(100_000_000_000, 2);
    let unit = Decimal::new(1, 2);
    let mut group = criterion.benchmark_group("allocation");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(FACILITIES)));
    group.bench_function("largest remainder, 100k facilities", |bencher| {
        bencher.iter(|| apportion(black_box(total), unit, black_box(&claims)).unwrap());
    });
    let skewed = skewed_claims();
    let cap_share = Some(Decimal::new(2, 5));
    let capped = apportion_with_cap(total, unit, cap_share, &skewed).unwrap();
    assert!(capped.capped.len() > 1_000 && capped.rounds > 1);
    group.bench_function(
        format!(
            "cap water-filling, 100k facilities, {} capped in {} rounds",
            capped.capped.len(),
            capped.rounds
        ),
        |bencher| {
            bencher.iter(|| {
                apportion_with_cap(black_box(total), unit, cap_share, black_box(&skewed)).unwrap()
            });
        },
    );
    group.finish();
}

criterion_group!(benches, apportionment);
criterion_main!(benches);
