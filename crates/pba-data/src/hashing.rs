//! Hash maps keyed by the ids of a file. A national dataset looks up tens of
//! millions of ids; foldhash is several times faster than the standard
//! SipHash on short keys. Its seed is random per process like the standard
//! one's, and no output depends on a map's iteration order.

/// A hash map with foldhash.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
