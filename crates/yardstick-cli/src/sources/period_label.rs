//! Periods as the publishers label them (`2022-23`, `2014-16`, `2025 (prov)`), read into the
//! bundle's [`Period`]s with a hint saying what kind of year the publisher counts in.

use yardstick_bundle::{Date, Period, PeriodError, Qualifier, digits};

/// The kind of year a publisher counts in, used to read labels such as `2023` or `2022/23`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum YearType {
    /// No hint: `2022` is a calendar year, `2022-23` a financial year, `2022/23` an academic year.
    #[default]
    Unspecified,
    /// January to December.
    Calendar,
    /// April to March; a single year `2023` is the financial year ending in it (2022-23).
    Financial,
    /// September to August; a single year `2023` is the academic year ending in it (2022/23).
    Academic,
    /// A position on one day each year; `2023` is that day in 2023.
    Snapshot {
        /// The month of the snapshot.
        month: u8,
        /// The day of the snapshot.
        day: u8,
    },
    /// One month each year ("as at January"); `2023` is that month in 2023.
    MonthOfYear {
        /// The month, 1 to 12.
        month: u8,
    },
}

/// A period read from a publisher's label, with the qualifier the label carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePeriod {
    /// The period.
    pub period: Period,
    /// `Provisional` for `2025 (prov)`, `Revised` for `2018 (Rev)`; `None` otherwise.
    pub qualifier: Option<Qualifier>,
}

/// Reads a period as the source files label it.
///
/// Understands ISO 8601 (`2022-04-01/P1Y`, `2022-03-31`), this crate's own labels
/// ("2022-23", "2022", "January to March 2022", "March 2022", "31 March 2022",
/// "2019 to 2021", "2013-14 to 2015-16"), DfE's pooled years (`2014-16`, `2013/14-15/16`),
/// and a trailing `(prov)`, `(Rev)`, `(Final)` or `(OT)` (outturn). `year_type` says what a
/// bare year such as `2023` means.
///
/// ```
/// use yardstick_bundle::Qualifier;
/// use yardstick_cli::{YearType, parse_source_label};
///
/// let read = parse_source_label("2025 (prov)", YearType::Academic).unwrap();
/// assert_eq!(read.period.to_string(), "2024-09-01/P1Y");
/// assert_eq!(read.period.label(), "2024-25");
/// assert_eq!(read.qualifier, Some(Qualifier::Provisional));
/// assert_eq!(parse_source_label("2014-16", YearType::Calendar).unwrap().period.label(), "2014 to 2016");
/// ```
pub fn parse_source_label(text: &str, year_type: YearType) -> Result<SourcePeriod, PeriodError> {
    let trimmed = text.trim();
    let (body, qualifier) = split_status_suffix(trimmed)?;
    let period = parse_label_body(body, year_type)
        .ok_or_else(|| PeriodError::Unrecognised(text.to_owned()))?;
    Ok(SourcePeriod { period, qualifier })
}

fn split_status_suffix(text: &str) -> Result<(&str, Option<Qualifier>), PeriodError> {
    let Some(open) = text.find('(') else {
        return Ok((text, None));
    };
    let body = text.get(..open).unwrap_or("").trim_end();
    let suffix = text
        .get(open..)
        .unwrap_or("")
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_ascii_lowercase();
    let qualifier = match suffix.as_str() {
        "prov" | "provisional" | "p" => Some(Qualifier::Provisional),
        "rev" | "revised" | "r" => Some(Qualifier::Revised),
        "final" | "ot" | "outturn" => None,
        "est" | "estimated" | "e" => Some(Qualifier::Estimated),
        _ => return Err(PeriodError::Unrecognised(text.to_owned())),
    };
    Ok((body, qualifier))
}

fn parse_label_body(body: &str, year_type: YearType) -> Option<Period> {
    if body.is_empty() {
        return None;
    }
    let bytes = body.as_bytes();
    if bytes.len() >= 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && let Ok(period) = Period::parse_iso(body)
    {
        return Some(period);
    }
    if let Some((first, last)) = body.split_once(" to ") {
        return parse_range_label(first.trim(), last.trim(), year_type);
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    match words.as_slice() {
        [day, month, year] => {
            let date = Date::new(
                year4(year)?,
                month_from_name(month)?,
                u8::try_from(digits(Some(day))?).ok()?,
            )?;
            Some(Period::date(date))
        }
        [month, year] => Period::months(Date::new(year4(year)?, month_from_name(month)?, 1)?, 1),
        [single] => parse_year_token(single, year_type),
        _ => None,
    }
}

/// "2019 to 2021", "2013-14 to 2015-16", "Jan to Mar 2022", "Nov 2021 to Jan 2022".
fn parse_range_label(first: &str, last: &str, year_type: YearType) -> Option<Period> {
    if let (Some(first), Some(last)) = (
        parse_year_token(first, year_type),
        parse_year_token(last, year_type),
    ) && first.length_in_months() == 12
        && last.length_in_months() == 12
    {
        let years = u32::from(last.start().year()).checked_sub(u32::from(first.start().year()))?;
        return Period::years(first.start(), years + 1);
    }
    let last_words: Vec<&str> = last.split_whitespace().collect();
    let [last_month, last_year] = last_words.as_slice() else {
        return None;
    };
    let last_year = year4(last_year)?;
    let last_month = month_from_name(last_month)?;
    let first_words: Vec<&str> = first.split_whitespace().collect();
    let (first_month, first_year) = match first_words.as_slice() {
        [month] => (month_from_name(month)?, last_year),
        [month, year] => (month_from_name(month)?, year4(year)?),
        _ => return None,
    };
    let start = Date::new(first_year, first_month, 1)?;
    let months = (i64::from(last_year) * 12 + i64::from(last_month))
        - (i64::from(first_year) * 12 + i64::from(first_month))
        + 1;
    Period::months(start, u32::try_from(months).ok()?)
}

/// One token of years: `2023`, `2022-23`, `2022/23`, `2014-16`, `2013/14-15/16`.
fn parse_year_token(token: &str, year_type: YearType) -> Option<Period> {
    if let Some(year) = year4(token) {
        return single_year(year, year_type);
    }
    // `2013/14-15/16`: a pool of split years, first to last.
    if let Some((first, last)) = token.split_once('-')
        && first.contains('/')
        && last.contains('/')
    {
        let (first_start, _) = split_year(first, '/')?;
        let (last_start_short, _) = last.split_once('/')?;
        let last_start = expand_two_digit(first_start, digits(Some(last_start_short))?)?;
        let years = u32::from(last_start).checked_sub(u32::from(first_start))? + 1;
        return Period::years(split_year_start(first_start, year_type, '/')?, years);
    }
    for separator in ['-', '/'] {
        if let Some((first, last)) = split_year(token, separator) {
            let span = u32::from(last).checked_sub(u32::from(first))?;
            return match span {
                1 => Period::years(split_year_start(first, year_type, separator)?, 1),
                2..=9 if separator == '-' => Period::years(pool_start(first, year_type)?, span + 1),
                _ => None,
            };
        }
    }
    None
}

/// `2022-23` → (2022, 2023); the second part may be two or four digits.
fn split_year(token: &str, separator: char) -> Option<(u16, u16)> {
    let (first, last) = token.split_once(separator)?;
    let first = year4(first)?;
    let last = match last.len() {
        2 => expand_two_digit(first, digits(Some(last))?)?,
        4 => year4(last)?,
        _ => return None,
    };
    (last > first).then_some((first, last))
}

/// The first year at or after `first` whose last two digits are `two_digits`.
fn expand_two_digit(first: u16, two_digits: u32) -> Option<u16> {
    let two_digits = u16::try_from(two_digits).ok().filter(|d| *d < 100)?;
    let century = first - first % 100;
    let candidate = century + two_digits;
    if candidate >= first {
        Some(candidate)
    } else {
        candidate.checked_add(100)
    }
}

/// The start of a year that spans two calendar years (`2022-23`, `2022/23`).
fn split_year_start(first: u16, year_type: YearType, separator: char) -> Option<Date> {
    match year_type {
        YearType::Academic => Date::new(first, 9, 1),
        YearType::Financial | YearType::Calendar => Date::new(first, 4, 1),
        YearType::Unspecified if separator == '/' => Date::new(first, 9, 1),
        _ => Date::new(first, 4, 1),
    }
}

/// The start of a pool of years (`2014-16`): calendar years unless the publisher counts otherwise.
fn pool_start(first: u16, year_type: YearType) -> Option<Date> {
    match year_type {
        YearType::Financial => Date::new(first, 4, 1),
        YearType::Academic => Date::new(first, 9, 1),
        _ => Date::new(first, 1, 1),
    }
}

fn single_year(year: u16, year_type: YearType) -> Option<Period> {
    match year_type {
        YearType::Unspecified | YearType::Calendar => Period::calendar_year(year),
        YearType::Financial => Period::financial_year(year.checked_sub(1)?),
        YearType::Academic => Period::academic_year(year.checked_sub(1)?),
        YearType::Snapshot { month, day } => Some(Period::date(Date::new(year, month, day)?)),
        YearType::MonthOfYear { month } => Period::months(Date::new(year, month, 1)?, 1),
    }
}

fn year4(text: &str) -> Option<u16> {
    if text.len() != 4 {
        return None;
    }
    u16::try_from(digits(Some(text))?)
        .ok()
        .filter(|year| (1000..=9999).contains(year))
}

/// The month numbered by a full name or three-letter abbreviation, any case: the names
/// [`Period::label`] writes ("March 2022"), so that the bundle's own labels read back.
fn month_from_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    (1u8..=12).find(|&month| {
        let full = Date::new(2000, month, 1)
            .and_then(|start| Period::months(start, 1))
            .map(|period| period.label())
            .and_then(|label| label.strip_suffix(" 2000").map(str::to_ascii_lowercase));
        full.is_some_and(|full| lower == full || (lower.len() == 3 && full.starts_with(&lower)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_it_cannot_read() {
        for bad in [
            "",
            "0",
            "2022-04-01/P0Y",
            "2022-04-01/P1D",
            "2022-04-01/",
            "2022-13-01",
            "2022-21",
            "2025 (maybe)",
            "P1Y",
            "2022-04-01/P101Y",
        ] {
            assert!(
                parse_source_label(bad, YearType::Unspecified).is_err(),
                "{bad:?}"
            );
        }
    }

    fn check_label(text: &str, year_type: YearType, iso: &str, qualifier: Option<Qualifier>) {
        let read = parse_source_label(text, year_type).unwrap();
        assert_eq!(read.period.to_string(), iso, "{text}");
        assert_eq!(read.qualifier, qualifier, "{text}");
    }

    #[test]
    fn reads_publishers_labels() {
        use YearType::*;
        check_label("2022-23", Unspecified, "2022-04-01/P1Y", None);
        check_label("2015/16", Financial, "2015-04-01/P1Y", None);
        check_label("2015/16", Academic, "2015-09-01/P1Y", None);
        check_label("2023", Academic, "2022-09-01/P1Y", None);
        check_label("2023", Financial, "2022-04-01/P1Y", None);
        check_label("2023", Calendar, "2023-01-01/P1Y", None);
        check_label("2023", Snapshot { month: 9, day: 30 }, "2023-09-30", None);
        check_label("2023", MonthOfYear { month: 1 }, "2023-01-01/P1M", None);
        check_label("2014-16", Calendar, "2014-01-01/P3Y", None);
        check_label("2013/14-15/16", Financial, "2013-04-01/P3Y", None);
        check_label(
            "2025 (prov)",
            Calendar,
            "2025-01-01/P1Y",
            Some(Qualifier::Provisional),
        );
        check_label(
            "2018 (Rev)",
            Calendar,
            "2018-01-01/P1Y",
            Some(Qualifier::Revised),
        );
        check_label("2020 (Final)", Calendar, "2020-01-01/P1Y", None);
        check_label("2016-17 (OT)", Financial, "2016-04-01/P1Y", None);
        check_label("1999-00", Unspecified, "1999-04-01/P1Y", None);
        check_label(" 2022-04-01/P1Y ", Unspecified, "2022-04-01/P1Y", None);
    }

    #[test]
    fn the_bundles_own_labels_read_back() {
        for iso in [
            "2022-04-01/P1Y",
            "1999-04-01/P1Y",
            "2022-01-01/P1Y",
            "2022-09-01/P1Y",
            "2022-01-01/P3M",
            "2021-11-01/P3M",
            "2022-03-01/P1M",
            "2022-03-31",
            "2019-01-01/P3Y",
            "2013-04-01/P3Y",
            "2013-09-01/P3Y",
            "2012-02-01/P1Y",
        ] {
            let period = Period::parse_iso(iso).unwrap();
            // A financial and an academic year share a label ("2022-23"): the kind of year a
            // metric counts in says which, as a publisher's hint does.
            let year_type = if period.start().month() == 9 {
                YearType::Academic
            } else {
                YearType::Unspecified
            };
            let reread = parse_source_label(&period.label(), year_type).unwrap();
            assert_eq!(reread.period, period, "label {} of {iso}", period.label());
        }
    }

    #[test]
    fn months_are_read_by_name_and_abbreviation() {
        assert_eq!(month_from_name("January"), Some(1));
        assert_eq!(month_from_name("sep"), Some(9));
        assert_eq!(month_from_name("DECEMBER"), Some(12));
        assert_eq!(month_from_name("Sept"), None);
        assert_eq!(month_from_name("ja"), None);
    }

    // period_label fuzz target: a pool of years running past 9999 was accepted, and its last
    // day, which no `Date` can hold, came out as its first.
    #[test]
    fn pools_of_years_ending_after_9999_are_refused() {
        let label = parse_source_label("9922/14-13/1416", YearType::MonthOfYear { month: 1 });
        assert!(label.is_err(), "{label:?}");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_label_text_never_panics(text in "\\PC{0,30}") {
            for year_type in [YearType::Unspecified, YearType::Financial, YearType::Academic, YearType::Calendar] {
                let _ = parse_source_label(&text, year_type);
            }
        }

        #[test]
        fn period_labels_read_back(year in 1900u16..2100, month in 1u8..=12, years in 1u32..5) {
            for period in [
                Period::years(Date::new(year, 4, 1).unwrap(), years).unwrap(),
                Period::years(Date::new(year, 1, 1).unwrap(), years).unwrap(),
                Period::months(Date::new(year, month, 1).unwrap(), 1).unwrap(),
                Period::date(Date::new(year, month, 28).unwrap()),
            ] {
                let read = parse_source_label(&period.label(), YearType::Unspecified).unwrap();
                proptest::prop_assert_eq!(read.period, period);
            }
        }
    }
}
