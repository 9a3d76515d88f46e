//! Identifier newtypes: an indicator id can never be passed where a facility
//! id is expected. Each shares its text: ids are cloned into every score,
//! list row and map key, so a clone shares the text instead of copying it
//! (readers intern repeated ids). An indicator id holds a pointer (8 bytes)
//! to a text held once for the whole process (`Interned`), which keeps a
//! value of `assessment_values.csv` at 24 bytes and its clones free of
//! reference counts; the other ids hold an `Arc<str>` (16 bytes), one
//! allocation, freed with its last id, for the millions of ids a national
//! dataset reads.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// What an id holds: its text, shared (see the module documentation).
trait Holder {
    fn hold(text: &str) -> Self;
    fn text(&self) -> &str;
    /// Whether both hold the very same text, not only equal ones.
    fn same(&self, other: &Self) -> bool;
}

impl Holder for Arc<str> {
    fn hold(text: &str) -> Self {
        Arc::from(text)
    }

    fn text(&self) -> &str {
        self
    }

    fn same(&self, other: &Self) -> bool {
        Arc::ptr_eq(self, other)
    }
}

/// A text held once for the whole process by every id equal to it. An
/// indicator id is cloned into every value of a national dataset (tens of
/// millions): counting references to a shared text took an atomic operation
/// per clone, where copying this pointer takes none. The texts are the
/// indicator ids of scorecards and datasets, a few hundred, never freed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Interned(&'static String);

impl fmt::Debug for Interned {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, formatter)
    }
}

impl Holder for Interned {
    fn hold(text: &str) -> Self {
        static TEXTS: OnceLock<Mutex<HashMap<&'static str, &'static String>>> = OnceLock::new();
        let mut texts = TEXTS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = texts.get(text) {
            return Self(known);
        }
        let held: &'static String = Box::leak(Box::new(text.to_owned()));
        texts.insert(held.as_str(), held);
        Self(held)
    }

    fn text(&self) -> &str {
        self.0
    }

    fn same(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

macro_rules! identifier {
    ($text:ty; $($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($text);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::new)
            }
        }

        impl $name {
            /// Wraps an identifier.
            pub fn new(value: impl AsRef<str>) -> Self {
                Self(<$text as Holder>::hold(value.as_ref()))
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.0.text()
            }

            /// Whether both hold the very same shared text: a pointer
            /// comparison (readers share one id per text), false for equal
            /// texts held apart.
            #[must_use]
            pub fn shares_text_with(&self, other: &Self) -> bool {
                self.0.same(&other.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::new(value)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
    )*};
}

identifier!(
    Interned;
    /// `indicator.id` inside one scorecard.
    IndicatorId,
);

identifier!(
    Arc<str>;
    /// `scorecard.id` of a scorecard definition; `assessments.scorecard_id`.
    ScorecardId,
    /// `domain.id` inside one scorecard.
    DomainId,
    /// `facilities.facility_id`.
    FacilityId,
    /// `districts.district_id`.
    DistrictId,
    /// `assessments.assessment_id`.
    AssessmentId,
    /// `consultations.consultation_id`.
    ConsultationId,
    /// `transfers.transfer_id`.
    TransferId,
    /// `program.id`.
    ProgramId,
    /// `policy.id`.
    PolicyId,
    /// `dli.id`: a DLI series such as `8` or `6.1`.
    DliId,
);

/// Whether two ids are the same text. National runs compare ids of a few
/// bytes hundreds of millions of times (an indicator with its expected one,
/// a row's owner with the previous row's); up to 16 bytes they are compared
/// as two overlapping words each, without a call to `memcmp`.
#[must_use]
#[inline]
pub fn same_id(left: &str, right: &str) -> bool {
    let (left, right) = (left.as_bytes(), right.as_bytes());
    let length = left.len();
    if length != right.len() {
        return false;
    }
    match length {
        0..=3 => left == right,
        4..=8 => {
            word::<4>(left, 0) == word::<4>(right, 0)
                && word::<4>(left, length - 4) == word::<4>(right, length - 4)
        }
        9..=16 => {
            word::<8>(left, 0) == word::<8>(right, 0)
                && word::<8>(left, length - 8) == word::<8>(right, length - 8)
        }
        _ => left == right,
    }
}

/// `N` bytes of `bytes` from `at`, as they are (`None` past the end).
#[inline]
fn word<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes
        .get(at..at + N)
        .and_then(|slice| <[u8; N]>::try_from(slice).ok())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{FacilityId, IndicatorId, same_id};

    #[test]
    fn equal_indicator_ids_share_one_text_and_compare_as_texts() {
        let first = IndicatorId::new("H01");
        let second = IndicatorId::from(String::from("H01").as_str());
        assert!(first.shares_text_with(&second));
        assert_eq!(first, second);
        assert!(!first.shares_text_with(&IndicatorId::new("H02")));
        assert!(first < IndicatorId::new("H02"));
        assert_eq!(format!("{first:?}"), "IndicatorId(\"H01\")");
        assert_eq!(first.to_string(), "H01");
        // Other ids are allocations of their own, equal by text.
        let facility = FacilityId::new("F1");
        assert!(!facility.shares_text_with(&FacilityId::new("F1")));
        assert_eq!(facility, FacilityId::new("F1"));
    }

    proptest! {
        /// The same answer as `==`, on ids of every length up to 20 bytes:
        /// equal, differing in one byte anywhere, or of other lengths.
        #[test]
        fn same_id_is_text_equality(
            left in "[ab]{0,20}",
            flip in any::<prop::sample::Index>(),
            other in "[ab]{0,20}",
        ) {
            let mut bytes = left.clone().into_bytes();
            if !bytes.is_empty() {
                let at = flip.index(bytes.len());
                if let Some(byte) = bytes.get_mut(at) {
                    *byte = if *byte == b'a' { b'b' } else { b'a' };
                }
            }
            let flipped = String::from_utf8_lossy(&bytes).into_owned();
            prop_assert_eq!(same_id(&left, &flipped), left == flipped);
            prop_assert!(same_id(&left, &left.clone()));
            prop_assert_eq!(same_id(&left, &other), left == other);
        }
    }
}
