//! Identifier newtypes: an indicator id can never be passed where a facility
//! id is expected. Each shares its text through an `Arc`: ids are cloned into
//! every score, list row and map key, so a clone shares the text instead of
//! copying it (readers intern repeated ids). An indicator id holds an
//! `Arc<String>`, one pointer (8 bytes), which keeps a value of
//! `assessment_values.csv` at 24 bytes; the other ids hold an `Arc<str>`
//! (16 bytes), one allocation instead of two and one pointer less to follow,
//! for the millions of ids a national dataset reads.

use std::fmt;
use std::sync::Arc;

/// The text an id shares (see the module documentation).
trait SharedText: AsRef<str> {
    fn shared(text: &str) -> Arc<Self>;
}

impl SharedText for str {
    fn shared(text: &str) -> Arc<Self> {
        Arc::from(text)
    }
}

impl SharedText for String {
    fn shared(text: &str) -> Arc<Self> {
        Arc::new(text.to_owned())
    }
}

macro_rules! identifier {
    ($text:ty; $($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<$text>);

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
                Self(<$text as SharedText>::shared(value.as_ref()))
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                (*self.0).as_ref()
            }

            /// Whether both hold the very same shared text: a pointer
            /// comparison (readers share one id per text), false for equal
            /// texts held apart.
            #[must_use]
            pub fn shares_text_with(&self, other: &Self) -> bool {
                Arc::ptr_eq(&self.0, &other.0)
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
    String;
    /// `indicator.id` inside one scorecard.
    IndicatorId,
);

identifier!(
    str;
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

    use super::same_id;

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
