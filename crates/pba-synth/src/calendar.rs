//! Dates from day-of-year numbers: the generator places visits by ordinal
//! day, then builds a validated [`Date`].

use pba_scorecard::Date;

/// Days in `year`: 365 or 366.
#[must_use]
pub fn days_in_year(year: i32) -> u32 {
    if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
        366
    } else {
        365
    }
}

/// The date of day `ordinal` (1 = 1 January) of `year`; `ordinal` beyond the
/// year's end is clamped to 31 December, 0 to 1 January.
#[must_use]
pub fn date_of(year: i32, ordinal: u32) -> Option<Date> {
    let mut remaining = ordinal.clamp(1, days_in_year(year));
    for month in 1..=12u8 {
        let length = month_length(year, month);
        if remaining <= length {
            return Date::new(year, month, u8::try_from(remaining).ok()?);
        }
        remaining -= length;
    }
    None
}

/// The ordinal day (1 = 1 January) of `date` within its year.
#[must_use]
pub fn ordinal_of(date: Date) -> u32 {
    (1..date.month())
        .map(|month| month_length(date.year(), month))
        .sum::<u32>()
        + u32::from(date.day())
}

fn month_length(year: i32, month: u8) -> u32 {
    (28..=31u8)
        .rev()
        .find(|day| Date::new(year, month, *day).is_some())
        .map_or(0, u32::from)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for year in [2019, 2020] {
            for ordinal in 1..=days_in_year(year) {
                let date = date_of(year, ordinal).unwrap();
                assert_eq!(ordinal_of(date), ordinal);
            }
        }
        assert_eq!(date_of(2020, 60).unwrap().to_string(), "2020-02-29");
        assert_eq!(date_of(2019, 400).unwrap().to_string(), "2019-12-31");
        assert_eq!(date_of(2019, 0).unwrap().to_string(), "2019-01-01");
    }
}
