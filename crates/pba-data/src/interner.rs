//! [`Interner`]: texts met many times, each made into its value once.

use pba_scorecard::same_id;

use crate::hashing::HashMap;

/// Texts met so far, each made into a `T` (an id, a shared text) once: a
/// national file repeats a few hundred indicator ids tens of millions of
/// times, and a few hundred names and a hundred thousand organizations over
/// a million committee rows. Texts often come in the same order again (the
/// indicators of each owner), so the text after the previous one is tried
/// before the map.
pub(crate) struct Interner<'a, T> {
    positions: HashMap<&'a str, usize>,
    made: Vec<(&'a str, T)>,
    last: usize,
}

impl<T> Default for Interner<'_, T> {
    fn default() -> Self {
        Self {
            positions: HashMap::default(),
            made: Vec::new(),
            last: 0,
        }
    }
}

impl<'a, T: for<'s> From<&'s str> + Clone> Interner<'a, T> {
    /// The value made of `text`, made now if it is new.
    pub(crate) fn intern(&mut self, text: &'a str) -> T {
        let next = self.last.wrapping_add(1);
        if let Some((known, made)) = self.made.get(next)
            && same_id(known, text)
        {
            self.last = next;
            return made.clone();
        }
        let position = *self.positions.entry(text).or_insert(self.made.len());
        if position == self.made.len() {
            self.made.push((text, T::from(text)));
        }
        self.last = position;
        self.made
            .get(position)
            .map_or_else(|| T::from(text), |(_, made)| made.clone())
    }
}
