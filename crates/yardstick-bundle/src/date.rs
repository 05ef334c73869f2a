//! Calendar dates, as the bundle writes them (`2023-03-31`).

use std::fmt;

use crate::error::PeriodError;

/// Full English month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day in the Gregorian calendar between the years 1000 and 9999.
///
/// Ordering is chronological. There is no clock here: dates come from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, or `None` when the day does not exist (30 February) or the year is outside 1000–9999.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, extended format).
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let bad = || PeriodError::BadDate(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(bad());
        }
        let year = digits(text.get(0..4)).ok_or_else(bad)?;
        let month = digits(text.get(5..7)).ok_or_else(bad)?;
        let day = digits(text.get(8..10)).ok_or_else(bad)?;
        let month = u8::try_from(month).map_err(|_| bad())?;
        let day = u8::try_from(day).map_err(|_| bad())?;
        let year = u16::try_from(year).map_err(|_| bad())?;
        Self::new(year, month, day).ok_or_else(bad)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` months later, clamped to the end of a shorter month
    /// (31 January + 1 month = 28 or 29 February); `None` past the year 9999.
    pub fn add_months(self, months: u32) -> Option<Self> {
        let index = u32::from(self.year) * 12 + u32::from(self.month) - 1 + months;
        let year = u16::try_from(index / 12).ok()?;
        let month = u8::try_from(index % 12 + 1).ok()?;
        let day = self.day.min(days_in_month(year, month));
        Self::new(year, month, day)
    }

    /// Days since 1 January 1970 (negative before it), by Howard Hinnant's `days_from_civil`:
    /// years counted from March, so that 29 February is the last day of its year, in 400-year
    /// eras of 146,097 days. This is how the engine counts days (`yardstick_stats::Span`).
    pub fn day_number(self) -> i32 {
        let (month, day) = (i32::from(self.month), i32::from(self.day));
        let year = i32::from(self.year) - i32::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day before, or `None` before 1 January 1000.
    pub fn previous_day(self) -> Option<Self> {
        if self.day > 1 {
            return Self::new(self.year, self.month, self.day - 1);
        }
        if self.month > 1 {
            let month = self.month - 1;
            return Self::new(self.year, month, days_in_month(self.year, month));
        }
        Self::new(self.year.checked_sub(1)?, 12, 31)
    }

    /// "31 March 2022".
    pub fn long_label(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The full English name of a month (1 = January); empty for a number outside 1–12.
pub(crate) fn month_name(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|index| MONTHS.get(index))
        .copied()
        .unwrap_or("")
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// All-ASCII-digit text as a number; `None` for anything else (signs, spaces, empty). Shared
/// with the command line's reader of publishers' period labels.
#[allow(clippy::disallowed_methods, reason = "an integer: no float parser")]
pub fn digits(text: Option<&str>) -> Option<u32> {
    let text = text?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date = Date::parse("2024-02-29").unwrap();
        assert_eq!(date.to_string(), "2024-02-29");
        assert_eq!(date.long_label(), "29 February 2024");
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-1-01",
            "20230101",
            "",
            "２０２３-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn day_numbers_count_from_1970() {
        // Unix time of midnight UTC divided by 86,400: 0, 946684800, 1709164800 (2024-02-29),
        // 1709251200 (2024-03-01); 1 January 1000 is 354,285 days before 1970 (970 years of
        // 365 days and 235 leap days: 243 multiples of 4 from 1000 to 1968, less the eight
        // centuries 1000, 1100, 1300, 1400, 1500, 1700, 1800 and 1900).
        for (text, expected) in [
            ("1970-01-01", 0),
            ("2000-01-01", 10_957),
            ("2024-02-29", 19_782),
            ("2024-03-01", 19_783),
            ("1000-01-01", -354_285),
            ("1969-12-31", -1),
        ] {
            assert_eq!(Date::parse(text).unwrap().day_number(), expected, "{text}");
        }
    }

    #[test]
    fn adds_months_with_clamping() {
        let date = Date::parse("2023-01-31").unwrap();
        assert_eq!(date.add_months(1).unwrap().to_string(), "2023-02-28");
        assert_eq!(date.add_months(12).unwrap().to_string(), "2024-01-31");
        assert_eq!(
            Date::parse("2023-03-01")
                .unwrap()
                .previous_day()
                .unwrap()
                .to_string(),
            "2023-02-28"
        );
    }
}
