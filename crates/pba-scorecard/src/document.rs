//! Reading a TOML text into its raw mirror: syntax errors, unknown keys,
//! missing keys and values of the wrong type, located by toml's span.

use serde::de::DeserializeOwned;

use crate::error::{DefinitionError, DefinitionErrors};
use crate::location::Location;

/// Deserializes `text`; the first syntax or shape error stops the reading.
pub(crate) fn read<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DefinitionErrors> {
    toml::from_str(text).map_err(|error| {
        let location = error.span().map_or(Location::START, |span| {
            Location::of_offset(text, span.start)
        });
        DefinitionErrors(vec![DefinitionError::at(
            file,
            location,
            tidy(error.message()),
        )])
    })
}

/// toml's messages end with a newline and sometimes a period; ours do not.
fn tidy(message: &str) -> String {
    let message = message.trim();
    message
        .strip_suffix('.')
        .unwrap_or(message)
        .replace('\n', "; ")
}
