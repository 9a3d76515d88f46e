//! Unique ids within a file and references between files.

use crate::hashing::HashMap;
use crate::hashing::HashSet;

use crate::rows::Row;

/// The ids of one file, with the row each was first given at.
#[derive(Default)]
pub(crate) struct IdRegistry<'a> {
    first_row: HashMap<&'a str, usize>,
}

impl<'a> IdRegistry<'a> {
    /// Reads the id of a row. `None` (with an error) when empty or already
    /// given on an earlier row.
    pub fn register(&mut self, row: &mut Row<'_, 'a>, column: &str) -> Option<&'a str> {
        let id = row.required_text(column)?;
        if let Some(first) = self.first_row.get(id) {
            row.error(
                column,
                format!("duplicate id `{id}`, first given at row {first}"),
            );
            return None;
        }
        self.first_row.insert(id, row.number);
        Some(id)
    }

    /// The set of ids, for references from other files.
    pub fn into_known(self) -> Known<'a> {
        Known(Some(self.first_row.into_keys().collect()))
    }
}

/// Ids another file may refer to; `Known(None)` when their file could not be
/// read, so references to it are not checked (its own errors say why).
#[derive(Default)]
pub(crate) struct Known<'a>(pub Option<HashSet<&'a str>>);

impl Known<'_> {
    /// No id at all, and the file is known to be absent: every reference is unknown.
    pub fn none() -> Self {
        Self(Some(HashSet::default()))
    }

    /// How many ids there are (0 when unchecked): a capacity for maps keyed
    /// by them.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, HashSet::len)
    }

    /// An id file that could not be read: nothing is checked against it.
    pub fn unchecked() -> Self {
        Self(None)
    }

    /// Checks a reference; records an error naming the file the id should be in.
    pub fn check(
        &self,
        row: &mut Row<'_, '_>,
        column: &str,
        id: &str,
        entity: &str,
        file: &str,
    ) -> bool {
        match &self.0 {
            Some(ids) if !ids.contains(id) => {
                row.error(
                    column,
                    format!("unknown {entity} `{id}`, expected an id of `{file}`"),
                );
                false
            }
            _ => true,
        }
    }
}
