//! A calendar date (`YYYY-MM-DD`), validated, with no time zone: the only
//! date arithmetic pba needs is comparison and fiscal-year membership.

use std::fmt;
use std::str::FromStr;

/// A valid proleptic Gregorian date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{found}` is not a date, expected `YYYY-MM-DD` ({why})")]
pub struct DateError {
    /// The text found.
    pub found: String,
    /// What is wrong with it.
    pub why: &'static str,
}

impl Date {
    /// Builds a date, checking the day exists (`2019-02-30` does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Calendar year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month, 1 to 12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of month, from 1.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 0000-03-01 (a monotone day number, for differences).
    #[must_use]
    pub fn day_number(self) -> i64 {
        let (year, month) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 12)
        } else {
            (i64::from(self.year), i64::from(self.month))
        };
        365 * year + year.div_euclid(4) - year.div_euclid(100)
            + year.div_euclid(400)
            + (153 * (month - 3) + 2) / 5
            + i64::from(self.day)
            - 1
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = |why| DateError {
            found: text.to_owned(),
            why,
        };
        // Read digit by digit: a national dataset has hundreds of thousands
        // of dates, and three integer parses took a visible share of reading
        // `assessments.csv`.
        let bytes = text.as_bytes();
        let digit = |at: usize| {
            bytes
                .get(at)
                .filter(|byte| byte.is_ascii_digit())
                .map(|byte| u16::from(byte - b'0'))
        };
        let number = |mut digits: std::ops::Range<usize>| {
            digits.try_fold(0_u16, |number, at| Some(number * 10 + digit(at)?))
        };
        let shaped =
            bytes.len() == 10 && bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-');
        let (Some(year), Some(month), Some(day), true) =
            (number(0..4), number(5..7), number(8..10), shaped)
        else {
            return Err(error("not in the form YYYY-MM-DD"));
        };
        let month = u8::try_from(month).map_err(|_| error("no such month"))?;
        if !(1..=12).contains(&month) {
            return Err(error("no such month"));
        }
        let day = u8::try_from(day).map_err(|_| error("no such day in that month"))?;
        Self::new(i32::from(year), month, day).ok_or_else(|| error("no such day in that month"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{:04}-{:02}-{:02}",
            self.year, self.month, self.day
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            "2019-12-31".parse::<Date>().map(|d| d.to_string()),
            Ok("2019-12-31".to_owned())
        );
        assert!("2019-02-30".parse::<Date>().is_err());
        assert!("2019-02-29".parse::<Date>().is_err());
        assert!("2020-02-29".parse::<Date>().is_ok());
        assert!("2019-13-01".parse::<Date>().is_err());
        assert!("19-01-01".parse::<Date>().is_err());
        assert!("2019/01/01".parse::<Date>().is_err());
    }

    /// The parser before it read digit by digit: three integer parses.
    fn parsed_by_integers(text: &str) -> Result<Date, DateError> {
        let error = |why| DateError {
            found: text.to_owned(),
            why,
        };
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.get(4) == Some(&b'-')
            && bytes.get(7) == Some(&b'-')
            && bytes
                .iter()
                .enumerate()
                .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
        if !shaped {
            return Err(error("not in the form YYYY-MM-DD"));
        }
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|part| part.parse::<u16>().ok())
                .ok_or_else(|| error("not in the form YYYY-MM-DD"))
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let month = u8::try_from(month).map_err(|_| error("no such month"))?;
        if !(1..=12).contains(&month) {
            return Err(error("no such month"));
        }
        let day = u8::try_from(day).map_err(|_| error("no such day in that month"))?;
        Date::new(i32::from(year), month, day).ok_or_else(|| error("no such day in that month"))
    }

    proptest::proptest! {
        /// Any text, date-shaped or not, parses as the integer parses did.
        #[test]
        fn parses_as_integer_parses_did(
            text in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "[0-9]{4}-[01][0-9]-[0-3][0-9]",
                "[0-9+ -]{8,11}",
                "[0-9a+ -]{4}[0-9+-][0-9a+ -]{2}[0-9+-][0-9a+ -]{2}",
                "[0-9]{4}[0-9+-][0-9a]{2}[0-9+-][0-9a]{2}",
                " ?[0-9]{4}-[01][0-9]-[0-2][0-9][0-9 ]?",
                "\\PC{0,12}",
            ]
        ) {
            proptest::prop_assert_eq!(text.parse::<Date>(), parsed_by_integers(&text));
        }
    }

    #[test]
    fn day_numbers_are_consecutive_across_year_end() {
        let last = "2019-12-31".parse::<Date>().map(Date::day_number);
        let first = "2020-01-01".parse::<Date>().map(Date::day_number);
        assert_eq!(last.map(|day| day + 1), first);
    }
}
