//! `pba demo` on the shipped sample, and `pba synth`'s determinism.

use sha2::{Digest, Sha256};

use crate::support::{files, pba_in, pba_threads, root};

/// Each output file with its size and SHA-256, one per line.
fn manifest(directory: &std::path::Path) -> String {
    files(directory)
        .iter()
        .map(|name| {
            let bytes = std::fs::read(directory.join(name)).unwrap();
            let hash = Sha256::digest(&bytes);
            let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
            format!("{name} {} {}", bytes.len(), hex.get(..16).unwrap())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The demo's narrated summary and its files; byte-identical with one and
/// two polars threads.
#[test]
fn demo_is_narrated_and_deterministic_across_thread_counts() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let first = pba_threads(
        &root(),
        &["demo", "--out", &one.path().display().to_string()],
        Some(one.path()),
        1,
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = pba_threads(
        &root(),
        &["demo", "--out", &two.path().display().to_string()],
        Some(two.path()),
        2,
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(first.stderr, second.stderr);
    let manifest_one = manifest(one.path());
    assert_eq!(manifest_one, manifest(two.path()));
    insta::assert_snapshot!("demo_stderr", first.stderr);
    insta::assert_snapshot!("demo_files", manifest_one);
}

/// The same seed gives the same bytes, another seed other data, and the
/// result passes `pba validate --data`.
#[test]
fn synth_is_deterministic_and_valid() {
    let directory = tempfile::tempdir().unwrap();
    let path = |name: &str| directory.path().join(name).display().to_string();
    for (name, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
        let run = pba_in(
            &root(),
            &[
                "synth",
                "--out",
                &path(name),
                "--seed",
                seed,
                "--facilities",
                "60",
                "--years",
                "2018-2019",
            ],
            Some(directory.path()),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let a = manifest(&directory.path().join("a"));
    assert_eq!(a, manifest(&directory.path().join("b")));
    assert_ne!(a, manifest(&directory.path().join("c")));
    let run = pba_in(
        &root(),
        &["validate", "--data", &path("a")],
        Some(directory.path()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}
