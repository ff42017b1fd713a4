//! Dates on the wire: as chrono writes them, without chrono's formatting machinery.

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};

/// Dates as chrono writes them ("2027-04-15T09:00:00"), the usual ones without going
/// through `fmt` (a third of the open payload's serialisation went to chrono's `Debug`).
pub(crate) fn each<S: Serializer>(v: &[NaiveDateTime], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(Iso))
}

/// One date as [`each`] writes it.
pub(crate) fn one<S: Serializer>(d: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    Iso(d).serialize(s)
}

struct Iso<'a>(&'a NaiveDateTime);

impl Serialize for Iso<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use chrono::Timelike;
        let digits = admiral_core::notation::iso_seconds(*self.0);
        match digits.as_ref().map(|b| std::str::from_utf8(b)) {
            Some(Ok(text)) if self.0.nanosecond() == 0 => s.serialize_str(text),
            _ => self.0.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use proptest::prelude::*;

    proptest! {
        /// The short way writes what chrono writes, for any instant (with or without
        /// fractions of a second, in any year chrono takes).
        #[test]
        fn dates_are_written_as_chrono_writes_them(secs in -70_000_000_000i64..320_000_000_000, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000]) {
            let d = DateTime::from_timestamp(secs, nanos).unwrap().naive_utc();
            let ours = serde_json::to_string(&Iso(&d)).unwrap();
            prop_assert_eq!(ours, serde_json::to_string(&d).unwrap());
        }
    }
}
