//! The same dataset with its rows shuffled and its columns reordered gives
//! byte-identical outputs (SPEC section 8; issue 9).

use std::path::Path;

use proptest::prelude::*;

use crate::support::{files, pba_in, repo, root};

/// Splits one CSV line into fields (RFC 4180 quotes; the fixture has no
/// line breaks inside fields).
fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut characters = line.chars().peekable();
    while let Some(character) = characters.next() {
        match (character, quoted) {
            ('"', true) if characters.peek() == Some(&'"') => {
                characters.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (other, _) => fields.last_mut().unwrap().push(other),
        }
    }
    fields
}

fn join(fields: &[String]) -> String {
    fields
        .iter()
        .map(|field| {
            if field.contains([',', '"']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A permutation of `0..length` from a seed (a small LCG: deterministic).
fn permutation(length: usize, seed: &mut u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..length).collect();
    for index in (1..length).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let other = usize::try_from(*seed >> 33).unwrap() % (index + 1);
        order.swap(index, other);
    }
    order
}

/// Copies every CSV of `from` into `to` with rows and columns permuted.
fn shuffle_dataset(from: &Path, to: &Path, mut seed: u64) {
    std::fs::create_dir_all(to).unwrap();
    for name in files(from) {
        let text = std::fs::read_to_string(from.join(&name)).unwrap();
        let mut lines = text.lines();
        let header = split(lines.next().unwrap());
        let rows: Vec<Vec<String>> = lines.map(split).collect();
        let columns = permutation(header.len(), &mut seed);
        let order = permutation(rows.len(), &mut seed);
        let pick = |fields: &[String]| {
            columns
                .iter()
                .map(|column| fields[*column].clone())
                .collect::<Vec<_>>()
        };
        let mut shuffled = join(&pick(&header)) + "\n";
        for row in order {
            shuffled.push_str(&join(&pick(&rows[row])));
            shuffled.push('\n');
        }
        std::fs::write(to.join(&name), shuffled).unwrap();
    }
}

/// Runs `pba score` and `pba allocate` on a dataset; returns every output file's bytes.
fn outputs(data: &Path, scratch: &Path) -> Vec<(String, Vec<u8>)> {
    let out = scratch.join("out");
    let data = data.display().to_string();
    let out_text = out.display().to_string();
    let policy = repo("tests/fixtures/policies/hospitals-2020.toml")
        .display()
        .to_string();
    let score = pba_in(
        &root(),
        &[
            "score", "--data", &data, "--year", "2019", "--out", &out_text,
        ],
        None,
    );
    assert_eq!(score.code, 0, "{}", score.stderr);
    let allocate = pba_in(
        &root(),
        &[
            "allocate", "--data", &data, "--policy", &policy, "--out", &out_text,
        ],
        None,
    );
    assert_eq!(allocate.code, 0, "{}", allocate.stderr);
    files(&out)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(out.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_rows_and_columns_change_no_output_byte(seed in any::<u64>()) {
        let scratch = tempfile::tempdir().unwrap();
        let original = repo("tests/fixtures/small");
        let expected = outputs(&original, &scratch.path().join("original"));
        let shuffled = scratch.path().join("shuffled");
        shuffle_dataset(&original, &shuffled, seed);
        let found = outputs(&shuffled, &scratch.path().join("shuffled-run"));
        prop_assert_eq!(expected, found);
    }
}
