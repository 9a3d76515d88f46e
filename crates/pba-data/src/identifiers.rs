//! Unique ids within a file and references between files.
//!
//! A file that refers to another's ids usually lists them in that file's
//! order (a facility's assessments follow each other, as do an assessment's
//! values and committee members). A [`Cursor`] checks such references: the
//! id it found last, or the one after it in its file, is checked without a
//! lookup; any other is looked up, and the cursor moves there.

use pba_scorecard::same_id;

use std::collections::hash_map::Entry;

use crate::error::DataError;
use crate::hashing::HashMap;

use crate::rows::Row;

/// An id as a map key: up to 16 bytes held in the key itself, so that a
/// lookup compares them without following a pointer into the file's text;
/// longer ids by reference. A reference in no particular order (a
/// committee's peer facility) missed the cache on that text at every
/// lookup: about 4 % of a national run.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum IdKey<'a> {
    Short { length: u8, bytes: [u8; SHORT_ID] },
    Long(&'a str),
}

/// The longest id held in its key.
const SHORT_ID: usize = 16;

impl<'a> IdKey<'a> {
    fn new(id: &'a str) -> Self {
        let mut bytes = [0; SHORT_ID];
        match (bytes.get_mut(..id.len()), u8::try_from(id.len())) {
            (Some(start), Ok(length)) => {
                start.copy_from_slice(id.as_bytes());
                Self::Short { length, bytes }
            }
            _ => Self::Long(id),
        }
    }
}

/// The ids of one file, in file order, with the row each was given at.
#[derive(Default)]
pub(crate) struct IdRegistry<'a> {
    positions: HashMap<IdKey<'a>, usize>,
    ids: Vec<(&'a str, usize)>,
}

impl<'a> IdRegistry<'a> {
    /// Room for `rows` ids: a national file has hundreds of thousands, and
    /// growing the map one doubling at a time hashes every id again.
    pub fn with_capacity(rows: usize) -> Self {
        Self {
            positions: HashMap::with_capacity_and_hasher(rows, Default::default()),
            ids: Vec::with_capacity(rows),
        }
    }

    /// Reads the id of a row. `None` (with an error) when empty or already
    /// given on an earlier row.
    pub fn register(&mut self, row: &mut Row<'_, 'a>, column: &str) -> Option<&'a str> {
        let id = row.required_text(column)?;
        match self.positions.entry(IdKey::new(id)) {
            Entry::Occupied(known) => {
                let first = self.ids.get(*known.get()).map_or(0, |(_, first)| *first);
                row.error(
                    column,
                    format!("duplicate id `{id}`, first given at row {first}"),
                );
                None
            }
            Entry::Vacant(new) => {
                new.insert(self.ids.len());
                self.ids.push((id, row.number));
                Some(id)
            }
        }
    }

    /// The ids, for references from other files.
    pub fn into_known(self) -> Known<'a> {
        Known(Some(KnownIds {
            positions: self.positions,
            order: self.ids.into_iter().map(|(id, _)| id).collect(),
        }))
    }
}

/// Ids another file may refer to; `Known(None)` when their file could not be
/// read, so references to it are not checked (its own errors say why).
#[derive(Default)]
pub(crate) struct Known<'a>(Option<KnownIds<'a>>);

/// The ids of a file that could be read: each id's position in file order.
#[derive(Default)]
struct KnownIds<'a> {
    positions: HashMap<IdKey<'a>, usize>,
    order: Vec<&'a str>,
}

impl<'a> Known<'a> {
    /// No id at all, and the file is known to be absent: every reference is unknown.
    pub fn none() -> Self {
        Self(Some(KnownIds::default()))
    }

    /// How many ids there are (0 when unchecked): a capacity for maps keyed
    /// by them.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |known| known.order.len())
    }

    /// An id file that could not be read: nothing is checked against it.
    pub fn unchecked() -> Self {
        Self(None)
    }

    /// A cursor for references that usually follow this file's order.
    pub fn cursor(&self) -> Cursor<'_, 'a> {
        Cursor {
            known: self,
            last: None,
            ordered: true,
        }
    }

    /// A cursor for references in no particular order (a committee's peers
    /// come from anywhere): each is looked up in the index at once. Trying
    /// the ids next to the one found last first cost two cache misses per
    /// reference, about 3 % of a national run.
    pub fn scattered_cursor(&self) -> Cursor<'_, 'a> {
        Cursor {
            ordered: false,
            ..self.cursor()
        }
    }
}

/// Checks references that usually come in the order of their file (see the
/// module documentation).
pub(crate) struct Cursor<'k, 'a> {
    known: &'k Known<'a>,
    /// The position of the id found last.
    last: Option<usize>,
    /// Whether the ids next to the one found last are tried first.
    ordered: bool,
}

impl Cursor<'_, '_> {
    /// Checks a reference; records an error naming the file the id should be in.
    pub fn check(
        &mut self,
        row: &mut Row<'_, '_>,
        column: &str,
        id: &str,
        entity: &str,
        file: &str,
    ) -> bool {
        if self.finds(id) {
            return true;
        }
        row.error(column, unknown(entity, id, file));
        false
    }

    /// [`Self::check`] for a cell given by `(file, row, column)` of a row no
    /// longer being read; `(entity, file)` as there.
    pub fn check_cell(
        &mut self,
        errors: &mut Vec<DataError>,
        (file, row, column): (&str, usize, &str),
        id: &str,
        (entity, id_file): (&str, &str),
    ) {
        if !self.finds(id) {
            errors.push(DataError::cell(
                file,
                row,
                column,
                unknown(entity, id, id_file),
            ));
        }
    }

    /// The position in its file of the id found last; `None` before any or
    /// when unchecked.
    pub fn position(&self) -> Option<usize> {
        self.last
    }

    /// Whether `id` is known (always, when unchecked); the cursor moves to it.
    fn finds(&mut self, id: &str) -> bool {
        let Some(known) = &self.known.0 else {
            return true;
        };
        let near = match self.last {
            Some(last) => [last, last + 1],
            None => [0, 0],
        };
        if let Some(position) = near.into_iter().filter(|_| self.ordered).find(|position| {
            known
                .order
                .get(*position)
                .is_some_and(|known| same_id(known, id))
        }) {
            self.last = Some(position);
            return true;
        }
        if let Some(position) = known.positions.get(&IdKey::new(id)) {
            self.last = Some(*position);
            return true;
        }
        false
    }
}

/// The message of a reference to an id its file does not have.
fn unknown(entity: &str, id: &str, file: &str) -> String {
    format!("unknown {entity} `{id}`, expected an id of `{file}`")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Known, KnownIds};

    fn known(ids: &[String]) -> Known<'_> {
        Known(Some(KnownIds {
            positions: ids
                .iter()
                .enumerate()
                .map(|(position, id)| (super::IdKey::new(id.as_str()), position))
                .collect(),
            order: ids.iter().map(String::as_str).collect(),
        }))
    }

    proptest! {
        /// In any order, with repeats and gaps, a cursor (ordered or
        /// scattered) finds exactly the known ids, and where they are.
        #[test]
        fn a_cursor_finds_exactly_the_known_ids(
            count in 0..12_usize,
            references in prop::collection::vec(0..16_usize, 0..40),
            // Ids held in their keys, and longer ones held by reference.
            prefix in prop_oneof![Just("F"), Just("F-a-facility-of-a-long-id-")],
        ) {
            let ids: Vec<String> = (0..count).map(|number| format!("{prefix}{number}")).collect();
            let known = known(&ids);
            for mut cursor in [known.cursor(), known.scattered_cursor()] {
                for reference in &references {
                    let id = format!("{prefix}{reference}");
                    let found = cursor.finds(&id);
                    prop_assert_eq!(found, *reference < count, "{}", id);
                    if found {
                        prop_assert_eq!(cursor.position(), Some(*reference));
                    }
                }
            }
            prop_assert!(Known::unchecked().cursor().finds("anything"));
            prop_assert!(!Known::none().cursor().finds("F0"));
        }
    }
}
