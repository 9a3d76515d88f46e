//! Criterion micro-benchmarks of the scoring core (issue 8): one assessment,
//! and a whole fiscal year of N facilities (4 ISC visits each, the 50-indicator
//! benchmark scorecards of `bench/scorecards/`). The datasets come from
//! `pba-synth`, in memory: no file is read while timing.
//!
//! Run: `cargo bench -p pba-scoring --bench scoring -- --quick`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pba_scorecard::{ProgramDefinition, ScorecardSet, parse_program};
use pba_scoring::{Dataset, Detail, score_assessment, score_year_with};
use pba_synth::{FacilityCount, SynthConfig, generate};

const FISCAL_YEAR: i32 = 2019;

fn scorecards() -> ScorecardSet {
    let sources = [
        (
            "bench/scorecards/hospital.toml",
            include_str!("../../../bench/scorecards/hospital.toml"),
        ),
        (
            "bench/scorecards/health-center.toml",
            include_str!("../../../bench/scorecards/health-center.toml"),
        ),
        (
            "bench/scorecards/community-consultation.toml",
            include_str!("../../../bench/scorecards/community-consultation.toml"),
        ),
    ]
    .map(|(name, text)| (name.to_owned(), text.to_owned()));
    ScorecardSet::parse(&sources).unwrap()
}

fn program() -> ProgramDefinition {
    parse_program(
        "programs/mozambique-phc.toml",
        include_str!("../../../programs/mozambique-phc.toml"),
    )
    .unwrap()
}

fn dataset(facilities: usize, scorecards: &ScorecardSet) -> Dataset {
    let config = SynthConfig {
        seed: 8,
        facilities: FacilityCount::Count(facilities),
        first_year: FISCAL_YEAR,
        last_year: FISCAL_YEAR,
        assessments_per_year: (4, 4),
        ..SynthConfig::default()
    };
    generate(&config, scorecards).unwrap()
}

fn values(dataset: &Dataset) -> u64 {
    let count: usize = dataset
        .assessments
        .values()
        .map(|assessment| assessment.values.len())
        .sum();
    u64::try_from(count).unwrap()
}

fn one_assessment(criterion: &mut Criterion) {
    let scorecards = scorecards();
    let program = program();
    let dataset = dataset(100, &scorecards);
    let mut group = criterion.benchmark_group("score one assessment");
    for scorecard in ["hospital", "health-center"] {
        let assessment = dataset
            .assessments
            .values()
            .find(|assessment| assessment.scorecard_id.as_str() == scorecard)
            .expect("the dataset has an assessment of each scorecard");
        group.throughput(Throughput::Elements(
            u64::try_from(assessment.values.len()).unwrap(),
        ));
        group.bench_function(scorecard, |bencher| {
            bencher.iter(|| {
                score_assessment(
                    black_box(assessment),
                    &dataset,
                    &scorecards,
                    program.calendar,
                    FISCAL_YEAR,
                )
            });
        });
    }
    group.finish();
}

fn many_assessments(criterion: &mut Criterion) {
    let scorecards = scorecards();
    let program = program();
    let mut group = criterion.benchmark_group("score a year");
    group.sample_size(10);
    for facilities in [100, 1_000] {
        let dataset = dataset(facilities, &scorecards);
        group.throughput(Throughput::Elements(values(&dataset)));
        group.bench_with_input(
            BenchmarkId::new(
                "summary",
                format!("{} assessments", dataset.assessments.len()),
            ),
            &dataset,
            |bencher, dataset| {
                bencher.iter(|| {
                    score_year_with(
                        black_box(dataset),
                        &scorecards,
                        program.calendar,
                        program.min_assessments,
                        FISCAL_YEAR,
                        Detail::Summary,
                    )
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, one_assessment, many_assessments);
criterion_main!(benches);
