//! [`Grouping`] and [`ByOwner`]: records (values, committee members)
//! grouped by the id of the assessment or consultation they belong to, kept
//! in the order their owners first appear, and handed to their owners.
//!
//! A file lists its owners' records in the order of the owners' own file
//! almost always. Owners then find their records at a cursor that moves
//! along, without looking an id up in a map; only an owner found elsewhere
//! builds an index, once.

use std::borrow::Borrow;
use std::hash::Hash;

use crate::hashing::HashMap;

/// An owner id and its position in its own file, when the reader checked
/// it there (see [`crate::identifiers::Cursor::position`]).
pub(crate) type OwnerAt<'a> = (&'a str, Option<usize>);

/// Groups being gathered: the records of one owner may come in several
/// runs, each merged into its group. An owner is found by its position in
/// its own file when the reader knows it (see [`crate::identifiers::Cursor::position`]),
/// otherwise by its id.
pub(crate) struct Grouping<Id, G> {
    groups: Vec<(Id, G)>,
    /// By owner id, for owners without a known position.
    positions: HashMap<Id, usize>,
    /// By the owner's position in its file: 1 + the group's, 0 for none yet.
    by_known_position: Vec<usize>,
}

impl<Id, G> Default for Grouping<Id, G> {
    fn default() -> Self {
        Self {
            groups: Vec::new(),
            positions: HashMap::default(),
            by_known_position: Vec::new(),
        }
    }
}

impl<Id: Borrow<str> + Hash + Eq + Clone, G> Grouping<Id, G> {
    /// Room for `owners` owners, of known positions below `owners`: a
    /// national file has hundreds of thousands.
    pub fn with_capacity(owners: usize) -> Self {
        Self {
            groups: Vec::with_capacity(owners),
            positions: HashMap::default(),
            by_known_position: vec![0; owners],
        }
    }

    /// Adds a run of `owner_id`'s records: moved as they are into a new group
    /// (named `new_id()`) when the owner has none yet, otherwise `merge`d
    /// into its group. `known_position` is the owner's position in its own
    /// file, when known; a reader gives it for all its owners or for none.
    pub fn add(
        &mut self,
        (owner_id, known_position): OwnerAt<'_>,
        new_id: impl FnOnce() -> Id,
        run: G,
        merge: impl FnOnce(&mut G, G),
    ) {
        let group = match known_position {
            Some(position) => self
                .by_known_position
                .get(position)
                .and_then(|group| group.checked_sub(1)),
            None => self.positions.get(owner_id).copied(),
        };
        if let Some((_, group)) = group.and_then(|group| self.groups.get_mut(group)) {
            merge(group, run);
            return;
        }
        let id = new_id();
        let group = self.groups.len();
        match known_position {
            Some(position) => {
                if self.by_known_position.len() <= position {
                    self.by_known_position.resize(position + 1, 0);
                }
                if let Some(slot) = self.by_known_position.get_mut(position) {
                    *slot = group + 1;
                }
            }
            None => {
                self.positions.insert(id.clone(), group);
            }
        }
        self.groups.push((id, run));
    }

    /// Every group, in the order their owners first appeared.
    pub fn into_groups(self) -> Vec<(Id, G)> {
        self.groups
    }
}

/// Groups of records ready to be taken by their owners.
pub(crate) struct ByOwner<Id, T> {
    groups: Vec<(Id, Vec<T>)>,
    /// Where the next owner's records usually are.
    cursor: usize,
    /// Every group's position, built the first time an owner is not at the
    /// cursor.
    index: Option<HashMap<Id, usize>>,
}

impl<Id, T> Default for ByOwner<Id, T> {
    fn default() -> Self {
        Self {
            groups: Vec::new(),
            cursor: 0,
            index: None,
        }
    }
}

impl<Id: Borrow<str> + Hash + Eq + Clone, T> ByOwner<Id, T> {
    /// Groups in the order their owners first appeared, each owner once.
    pub fn new(groups: Vec<(Id, Vec<T>)>) -> Self {
        Self {
            groups,
            cursor: 0,
            index: None,
        }
    }

    /// Takes the records of `owner_id`: none when it has none (or they were
    /// taken already).
    pub fn take(&mut self, owner_id: &str) -> Vec<T> {
        if let Some((id, records)) = self.groups.get_mut(self.cursor)
            && (*id).borrow() == owner_id
        {
            self.cursor += 1;
            return std::mem::take(records);
        }
        let groups = &self.groups;
        let index = self.index.get_or_insert_with(|| {
            groups
                .iter()
                .enumerate()
                .map(|(position, (id, _))| (id.clone(), position))
                .collect()
        });
        let Some(position) = index.get(owner_id).copied() else {
            return Vec::new();
        };
        // The owners after this one probably follow it.
        self.cursor = position + 1;
        self.groups
            .get_mut(position)
            .map(|(_, records)| std::mem::take(records))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{ByOwner, Grouping};
    use crate::hashing::HashMap;

    proptest! {
        /// Whatever the order records come in and owners take them, each
        /// owner gets its own records in the order they came, once; owners
        /// found by their position in their file (some past the room made
        /// for them) or by id alike.
        #[test]
        fn owners_take_their_own_records(
            records in prop::collection::vec((0..6_usize, any::<u8>()), 0..40),
            takers in prop::collection::vec(0..8_usize, 0..20),
            known in any::<bool>(),
            room in 0..8_usize,
        ) {
            let mut grouping: Grouping<String, Vec<u8>> = Grouping::with_capacity(room);
            let mut expected: HashMap<String, Vec<u8>> = HashMap::default();
            for (number, record) in &records {
                let owner = format!("A{number}");
                let position = known.then_some(*number);
                grouping.add(
                    (&owner, position),
                    || owner.clone(),
                    vec![*record],
                    |group, run| group.extend(run),
                );
                expected.entry(owner).or_default().push(*record);
            }
            let mut by_owner = ByOwner::new(grouping.into_groups());
            for taker in takers {
                let owner = format!("A{taker}");
                let want = expected.insert(owner.clone(), Vec::new()).unwrap_or_default();
                prop_assert_eq!(by_owner.take(&owner), want);
            }
        }
    }
}
