//! [`InOrder`]: lookups in a map whose keys usually come in its own order.
//! Assessments scored in id order refer to their facilities and
//! consultations in those maps' order, so the entry after the one found last
//! is tried before searching the tree: a search compares the id with a
//! dozen keys scattered in memory, and consultation lookups were about 2 %
//! of a national run's time.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::collections::btree_map::Range;
use std::ops::Bound;

use pba_scorecard::same_id;

/// A map and the entries after the one found last.
#[derive(Debug, Clone)]
pub(crate) struct InOrder<'a, K, V> {
    map: &'a BTreeMap<K, V>,
    /// The entry found last (tried first: an id often repeats), then the
    /// ones after it.
    last: Option<(&'a K, &'a V)>,
    ahead: Range<'a, K, V>,
}

impl<'a, K: Ord + Borrow<str>, V> InOrder<'a, K, V> {
    pub(crate) fn new(map: &'a BTreeMap<K, V>) -> Self {
        Self {
            map,
            last: None,
            ahead: map.range::<str, _>(..),
        }
    }

    /// The value of `id`, as `BTreeMap::get` finds it.
    pub(crate) fn get(&mut self, id: &str) -> Option<&'a V> {
        if let Some((key, value)) = self.last
            && same_id((*key).borrow(), id)
        {
            return Some(value);
        }
        let mut ahead = self.ahead.clone();
        if let Some((key, value)) = ahead.next()
            && same_id((*key).borrow(), id)
        {
            self.last = Some((key, value));
            self.ahead = ahead;
            return Some(value);
        }
        let mut from = self
            .map
            .range::<str, _>((Bound::Included(id), Bound::Unbounded));
        let found = from
            .next()
            .filter(|(key, _)| same_id((*key).borrow(), id))?;
        self.last = Some(found);
        self.ahead = from;
        Some(found.1)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use pba_scorecard::FacilityId;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// In any order, with repeats and unknown ids, every lookup finds
        /// what `BTreeMap::get` finds.
        #[test]
        fn finds_what_get_finds(
            keys in prop::collection::btree_set(0..40_u32, 0..20),
            lookups in prop::collection::vec(0..45_u32, 0..60),
        ) {
            let map: BTreeMap<FacilityId, u32> = keys
                .iter()
                .map(|key| (FacilityId::new(format!("F{key:02}")), *key))
                .collect();
            let mut in_order = InOrder::new(&map);
            for lookup in lookups {
                let id = format!("F{lookup:02}");
                prop_assert_eq!(in_order.get(&id), map.get(id.as_str()));
            }
        }
    }
}
