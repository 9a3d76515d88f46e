//! Runs `tests/cases/apportionment.toml` (format documented in the file).

use pba_allocation::apportion;
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
    claims: Vec<(String, String)>,
    expect: Option<Vec<(String, String)>>,
    error: Option<String>,
}

#[test]
fn apportionment_cases() {
    let file: File = cases("apportionment.toml");
    assert!(!file.case.is_empty());
    for case in file.case {
        let claims: Vec<(String, _)> = case
            .claims
            .iter()
            .map(|(key, claim)| (key.clone(), dec(claim)))
            .collect();
        let result = apportion(dec(&case.total), dec(&case.unit), &claims);
        match (&case.expect, &case.error, result) {
            (Some(expect), None, Ok(amounts)) => {
                let found: Vec<(String, String)> = amounts
                    .into_iter()
                    .map(|(key, amount)| (key, amount.to_string()))
                    .collect();
                assert_eq!(&found, expect, "case `{}`", case.name);
            }
            (None, Some(expected), Err(error)) => {
                let message = error.to_string();
                assert!(
                    message.contains(expected.as_str()),
                    "case `{}`: error `{message}` does not contain `{expected}`",
                    case.name
                );
            }
            (_, _, result) => panic!(
                "case `{}`: give exactly one of `expect` and `error`; got {result:?}",
                case.name
            ),
        }
    }
}
