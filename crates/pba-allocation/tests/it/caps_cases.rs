//! Runs `tests/cases/caps.toml` (format documented in the file).

use pba_allocation::apportion_with_cap;
use serde::Deserialize;

use crate::fixture::{cases, dec};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    total: String,
    unit: String,
    cap: Option<String>,
    claims: Vec<(String, String)>,
    expect: Option<Vec<(String, String)>>,
    #[serde(default)]
    capped: Vec<String>,
    unallocated: Option<String>,
    #[serde(default)]
    all_capped: bool,
    cap_amount: Option<String>,
    rounds: Option<u32>,
    error: Option<String>,
}

#[test]
fn caps_cases() {
    let file: File = cases("caps.toml");
    assert!(!file.case.is_empty());
    for case in file.case {
        let name = &case.name;
        let claims: Vec<(String, _)> = case
            .claims
            .iter()
            .map(|(key, claim)| (key.clone(), dec(claim)))
            .collect();
        let result = apportion_with_cap(
            dec(&case.total),
            dec(&case.unit),
            case.cap.as_deref().map(dec),
            &claims,
        );
        let outcome = match (&case.error, result) {
            (None, Ok(outcome)) => outcome,
            (Some(expected), Err(error)) => {
                let message = error.to_string();
                assert!(
                    message.contains(expected.as_str()),
                    "case `{name}`: `{message}`"
                );
                continue;
            }
            (_, result) => panic!("case `{name}`: unexpected {result:?}"),
        };
        let found: Vec<(String, String)> = outcome
            .amounts
            .iter()
            .map(|(key, amount)| (key.clone(), amount.to_string()))
            .collect();
        assert_eq!(Some(&found), case.expect.as_ref(), "case `{name}`: amounts");
        let capped: Vec<String> = outcome.capped.iter().cloned().collect();
        assert_eq!(capped, case.capped, "case `{name}`: capped");
        assert_eq!(
            outcome.unallocated.to_string(),
            case.unallocated
                .clone()
                .unwrap_or_else(|| "0.00".to_owned()),
            "case `{name}`: unallocated"
        );
        assert_eq!(
            outcome.all_capped, case.all_capped,
            "case `{name}`: all_capped"
        );
        if let Some(cap_amount) = &case.cap_amount {
            assert_eq!(
                outcome.cap_amount.map(|amount| amount.to_string()).as_ref(),
                Some(cap_amount),
                "case `{name}`: cap amount"
            );
        }
        if let Some(rounds) = case.rounds {
            assert_eq!(outcome.rounds, rounds, "case `{name}`: rounds");
        }
    }
}
