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

/// Groups being gathered: the records of one owner may come in several
/// runs, each merged into its group.
pub(crate) struct Grouping<Id, G> {
    groups: Vec<(Id, G)>,
    positions: HashMap<Id, usize>,
}

impl<Id, G> Default for Grouping<Id, G> {
    fn default() -> Self {
        Self {
            groups: Vec::new(),
            positions: HashMap::default(),
        }
    }
}

impl<Id: Borrow<str> + Hash + Eq + Clone, G> Grouping<Id, G> {
    /// Room for `owners` owners: a national file has hundreds of thousands,
    /// and growing the map one doubling at a time hashes every id again.
    pub fn with_capacity(owners: usize) -> Self {
        Self {
            groups: Vec::with_capacity(owners),
            positions: HashMap::with_capacity_and_hasher(owners, Default::default()),
        }
    }

    /// Adds a run of `owner_id`'s records: moved as they are into a new group
    /// (named `new_id()`) when the owner has none yet, otherwise `merge`d
    /// into its group.
    pub fn add(
        &mut self,
        owner_id: &str,
        new_id: impl FnOnce() -> Id,
        run: G,
        merge: impl FnOnce(&mut G, G),
    ) {
        match self
            .positions
            .get(owner_id)
            .and_then(|position| self.groups.get_mut(*position))
        {
            Some((_, group)) => merge(group, run),
            None => {
                let id = new_id();
                self.positions.insert(id.clone(), self.groups.len());
                self.groups.push((id, run));
            }
        }
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
        /// owner gets its own records in the order they came, once.
        #[test]
        fn owners_take_their_own_records(
            records in prop::collection::vec((0..6_usize, any::<u8>()), 0..40),
            takers in prop::collection::vec(0..8_usize, 0..20),
        ) {
            let mut grouping: Grouping<String, Vec<u8>> = Grouping::default();
            let mut expected: HashMap<String, Vec<u8>> = HashMap::default();
            for (owner, record) in &records {
                let owner = format!("A{owner}");
                grouping.add(&owner, || owner.clone(), vec![*record], |group, run| group.extend(run));
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
