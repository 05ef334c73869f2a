//! Time periods: ISO 8601 on the wire, British labels on screen.
//!
//! ONS writes a period as a start date with an optional ISO 8601 duration
//! (`2022-04-01/P1Y` is the financial year 2022-23), as the bundle does. Reading the other
//! publishers' labels (`2022-23`, `2014-16`, `2025 (prov)`) is the `yardstick` command's work.

use std::cmp::Ordering;
use std::fmt;

use crate::date::{Date, digits, month_name};
use crate::error::PeriodError;

/// The longest duration a period may have, in years; anything longer is a typo.
const MAX_YEARS: u32 = 100;

/// How long a period lasts. Twelve months is always written as one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Length {
    /// A single day: a count or a position on that date.
    Instant,
    /// Whole months, fewer than twelve or not a multiple of twelve.
    Months(u32),
    /// Whole years.
    Years(u32),
}

impl Length {
    fn months(self) -> u32 {
        match self {
            Self::Instant => 0,
            Self::Months(months) => months,
            Self::Years(years) => years * 12,
        }
    }

    fn from_months(months: u32) -> Self {
        if months == 0 {
            Self::Instant
        } else if months.is_multiple_of(12) {
            Self::Years(months / 12)
        } else {
            Self::Months(months)
        }
    }
}

/// What kind of period a [`Period`] is, derived from its start and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// A single date (`2022-03-31`): a snapshot such as "as at 31 March".
    Date,
    /// One calendar month (`2022-03-01/P1M`).
    Month,
    /// A calendar quarter (`2022-01-01/P3M`).
    Quarter,
    /// Any other run of whole months (`2022-02-01/P3M`).
    Months,
    /// 1 January to 31 December (`2022-01-01/P1Y`).
    CalendarYear,
    /// 1 April to 31 March (`2022-04-01/P1Y`).
    FinancialYear,
    /// 1 August or 1 September to the following summer (`2022-09-01/P1Y`).
    AcademicYear,
    /// Twelve months from any other date (`2015-11-16/P1Y`).
    Year,
    /// Several years pooled into one value (`2019-01-01/P3Y`).
    MultiYear,
}

/// A time period: a start date and a length, ordered by start and then by length.
///
/// ```
/// use yardstick_bundle::{Period, PeriodKind};
///
/// let year = Period::parse_iso("2022-04-01/P1Y").unwrap();
/// assert_eq!(year.kind(), PeriodKind::FinancialYear);
/// assert_eq!(year.label(), "2022-23");
/// assert_eq!(year.to_string(), "2022-04-01/P1Y");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    start: Date,
    length: Length,
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.length.months().cmp(&other.length.months()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Period {
    /// A single day.
    pub fn date(date: Date) -> Self {
        Self {
            start: date,
            length: Length::Instant,
        }
    }

    /// `months` whole months from `start`; `None` for zero or more than a hundred years, or
    /// when the last day would be after 31 December 9999, the last [`Date`].
    pub fn months(start: Date, months: u32) -> Option<Self> {
        if months == 0 || months > MAX_YEARS * 12 {
            return None;
        }
        last_day(start, months)?;
        Some(Self {
            start,
            length: Length::from_months(months),
        })
    }

    /// `years` whole years from `start`; `None` for zero or more than a hundred years.
    pub fn years(start: Date, years: u32) -> Option<Self> {
        Self::months(start, years.checked_mul(12)?)
    }

    /// The financial year starting 1 April of `year` (2022 gives 2022-23).
    pub fn financial_year(year: u16) -> Option<Self> {
        Self::years(Date::new(year, 4, 1)?, 1)
    }

    /// The calendar year.
    pub fn calendar_year(year: u16) -> Option<Self> {
        Self::years(Date::new(year, 1, 1)?, 1)
    }

    /// The academic year starting 1 September of `year` (2022 gives 2022-23).
    pub fn academic_year(year: u16) -> Option<Self> {
        Self::years(Date::new(year, 9, 1)?, 1)
    }

    /// Parses ISO 8601 as ONS publishes it: `YYYY-MM-DD`, or `YYYY-MM-DD/PnY` or `/PnM`.
    pub fn parse_iso(text: &str) -> Result<Self, PeriodError> {
        let bad = || PeriodError::Unrecognised(text.to_owned());
        let Some((start, duration)) = text.split_once('/') else {
            return Ok(Self::date(Date::parse(text)?));
        };
        let start = Date::parse(start)?;
        let duration = duration.strip_prefix('P').ok_or_else(bad)?;
        let unit_at = duration.len().checked_sub(1).ok_or_else(bad)?;
        let (count, unit) = (duration.get(..unit_at), duration.get(unit_at..));
        let count = digits(count).ok_or_else(bad)?;
        let period = match unit {
            Some("Y") => Self::years(start, count),
            Some("M") => Self::months(start, count),
            _ => None,
        };
        period.ok_or_else(bad)
    }

    /// The first day.
    pub fn start(self) -> Date {
        self.start
    }

    /// The last day (the start itself for a single date).
    pub fn end(self) -> Date {
        match self.length {
            Length::Instant => self.start,
            // `months` refuses a period without a last day, so the fallback is never taken.
            length => last_day(self.start, length.months()).unwrap_or(self.start),
        }
    }

    /// The length in whole months (0 for a single date).
    pub fn length_in_months(self) -> u32 {
        self.length.months()
    }

    /// What kind of period this is.
    pub fn kind(self) -> PeriodKind {
        let (month, day) = (self.start.month(), self.start.day());
        match self.length {
            Length::Instant => PeriodKind::Date,
            Length::Months(1) if day == 1 => PeriodKind::Month,
            Length::Months(3) if day == 1 && month % 3 == 1 => PeriodKind::Quarter,
            Length::Months(_) => PeriodKind::Months,
            Length::Years(1) if day == 1 && month == 1 => PeriodKind::CalendarYear,
            Length::Years(1) if day == 1 && month == 4 => PeriodKind::FinancialYear,
            Length::Years(1) if day == 1 && (month == 8 || month == 9) => PeriodKind::AcademicYear,
            Length::Years(1) => PeriodKind::Year,
            Length::Years(_) => PeriodKind::MultiYear,
        }
    }

    /// The label a British reader expects, in one style for every kind (documented in
    /// `docs/bundle-format.md`, Periods): a year that spans two calendar years is "2022-23"
    /// whether it is a financial or an academic year (the kind says which); "2022" a calendar
    /// year; months, quarters and dates are written in full ("March 2022", "January to March
    /// 2022", "31 March 2022"); a pool of years is "2019 to 2021" ("2013-14 to 2015-16"); a
    /// span that starts on another day says the day it ends ("Year to 15 November 2016").
    pub fn label(self) -> String {
        let start = self.start;
        let (year, month, day) = (start.year(), start.month(), start.day());
        match (self.kind(), self.length) {
            (PeriodKind::Date, _) => start.long_label(),
            (PeriodKind::Month, _) => format!("{} {year}", month_name(month)),
            (PeriodKind::CalendarYear, _) => year.to_string(),
            (PeriodKind::FinancialYear | PeriodKind::AcademicYear, _) => split_year_label(year),
            (PeriodKind::MultiYear, Length::Years(years)) if day == 1 => {
                let last = year_offset(year, years - 1);
                match month {
                    1 => format!("{year} to {last}"),
                    4 | 8 | 9 => {
                        format!("{} to {}", split_year_label(year), split_year_label(last))
                    }
                    _ => self.month_range_label(),
                }
            }
            (PeriodKind::Quarter | PeriodKind::Months | PeriodKind::Year, _) if day == 1 => {
                self.month_range_label()
            }
            (_, Length::Years(1)) => format!("Year to {}", self.end().long_label()),
            (_, Length::Years(years)) => format!("{years} years to {}", self.end().long_label()),
            (_, Length::Months(1)) => format!("Month to {}", self.end().long_label()),
            _ => format!(
                "{} months to {}",
                self.length.months(),
                self.end().long_label()
            ),
        }
    }

    /// "January to March 2022", or "November 2021 to January 2022" across a new year.
    fn month_range_label(self) -> String {
        let first = self.start;
        let last = self.end();
        let (first_month, last_month) = (month_name(first.month()), month_name(last.month()));
        if first.year() == last.year() {
            format!("{first_month} to {last_month} {}", last.year())
        } else {
            format!(
                "{first_month} {} to {last_month} {}",
                first.year(),
                last.year()
            )
        }
    }
}

impl fmt::Display for Period {
    /// The ISO 8601 form used on the wire.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.length {
            Length::Instant => write!(f, "{}", self.start),
            Length::Months(months) => write!(f, "{}/P{months}M", self.start),
            Length::Years(years) => write!(f, "{}/P{years}Y", self.start),
        }
    }
}

/// The last day of `months` months from `start`: the day before the same day `months` later.
/// When that day is in the year 10000, only a period from the first of a month that ends with
/// December 9999 still has a last day, 31 December 9999.
fn last_day(start: Date, months: u32) -> Option<Date> {
    if let Some(next) = start.add_months(months) {
        return next.previous_day();
    }
    let last_month = start.add_months(months.checked_sub(1)?)?;
    if start.day() == 1 && last_month.year() == 9999 && last_month.month() == 12 {
        Date::new(9999, 12, 31)
    } else {
        None
    }
}

fn year_offset(year: u16, years: u32) -> u16 {
    u16::try_from(u32::from(year) + years).unwrap_or(year)
}

/// A year across two calendar years, financial or academic: "2022-23".
fn split_year_label(year: u16) -> String {
    format!("{year}-{:02}", (year + 1) % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_iso(iso: &str, kind: PeriodKind, label: &str) {
        let period = Period::parse_iso(iso).unwrap();
        assert_eq!(period.kind(), kind, "{iso}");
        assert_eq!(period.label(), label, "{iso}");
        assert_eq!(period.to_string(), iso, "{iso}");
    }

    #[test]
    fn iso_periods_have_kinds_and_british_labels() {
        check_iso("2022-04-01/P1Y", PeriodKind::FinancialYear, "2022-23");
        check_iso("1999-04-01/P1Y", PeriodKind::FinancialYear, "1999-00");
        check_iso("2022-01-01/P1Y", PeriodKind::CalendarYear, "2022");
        check_iso("2022-09-01/P1Y", PeriodKind::AcademicYear, "2022-23");
        check_iso("2019-08-01/P1Y", PeriodKind::AcademicYear, "2019-20");
        check_iso(
            "2022-01-01/P3M",
            PeriodKind::Quarter,
            "January to March 2022",
        );
        check_iso(
            "2021-11-01/P3M",
            PeriodKind::Months,
            "November 2021 to January 2022",
        );
        check_iso("2022-03-01/P1M", PeriodKind::Month, "March 2022");
        check_iso("2022-03-31", PeriodKind::Date, "31 March 2022");
        check_iso("2019-01-01/P3Y", PeriodKind::MultiYear, "2019 to 2021");
        check_iso(
            "2013-04-01/P3Y",
            PeriodKind::MultiYear,
            "2013-14 to 2015-16",
        );
        check_iso(
            "2013-09-01/P3Y",
            PeriodKind::MultiYear,
            "2013-14 to 2015-16",
        );
        check_iso("2019-01-01/P5Y", PeriodKind::MultiYear, "2019 to 2023");
        check_iso(
            "2012-02-01/P1Y",
            PeriodKind::Year,
            "February 2012 to January 2013",
        );
    }

    #[test]
    fn odd_starts_say_where_they_end() {
        // Fingertips' obesity figures run from 16 November: the label names the last day,
        // as "year to" statistics do, so that it reads like the other kinds' labels.
        check_iso(
            "2015-11-16/P1Y",
            PeriodKind::Year,
            "Year to 15 November 2016",
        );
        check_iso(
            "2015-11-16/P3Y",
            PeriodKind::MultiYear,
            "3 years to 15 November 2018",
        );
        check_iso(
            "2022-02-15/P3M",
            PeriodKind::Months,
            "3 months to 14 May 2022",
        );
        check_iso(
            "2022-02-15/P1M",
            PeriodKind::Months,
            "Month to 14 March 2022",
        );
    }

    #[test]
    fn twelve_months_is_one_year() {
        assert_eq!(
            Period::parse_iso("2022-04-01/P12M").unwrap(),
            Period::parse_iso("2022-04-01/P1Y").unwrap()
        );
    }

    #[test]
    fn refuses_iso_text_it_cannot_read() {
        for bad in [
            "",
            "2022-04-01/P0Y",
            "2022-04-01/P1D",
            "2022-04-01/",
            "2022-13-01",
            "P1Y",
            "2022-04-01/P101Y",
        ] {
            assert!(Period::parse_iso(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sorts_by_start_then_length() {
        let mut periods: Vec<Period> = [
            "2022-04-01/P1Y",
            "2022-01-01/P3Y",
            "2022-01-01/P1Y",
            "2022-01-01",
            "2022-01-01/P3M",
        ]
        .iter()
        .map(|text| Period::parse_iso(text).unwrap())
        .collect();
        periods.sort();
        let sorted: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(
            sorted,
            [
                "2022-01-01",
                "2022-01-01/P3M",
                "2022-01-01/P1Y",
                "2022-01-01/P3Y",
                "2022-04-01/P1Y"
            ]
        );
    }
}
