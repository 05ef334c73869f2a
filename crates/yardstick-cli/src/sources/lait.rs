//! The DfE Local Authority Interactive Tool (LAIT) long file: `Short Desc, Data item, Years,
//! LA and Regions, Values, LA Number, Region`, gzip-compressed, one row per measure, council
//! and year; councils by DfE LA number, joined to GSS codes through DfE's lookup.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use yardstick_bundle::{Date, MissingReason};

use crate::report::{Input, Rejection, Report};
use crate::sources::lookup::AreaLookup;
use crate::sources::period_label::{YearType, parse_source_label};
use crate::sources::table::{MetricTable, RawValue, ValueRules, read_value};
use crate::sources::tidy::with_label_qualifier;
use crate::sources::{CsvFile, NextRow, PublisherMeta, parse_number};

/// One metric's measure and how to read it.
pub struct Plan {
    pub measure: String,
    pub year_type: YearType,
    pub lookup: PathBuf,
    pub la_numbers: BTreeMap<String, String>,
    pub skip_la_numbers: Vec<String>,
}

/// What the data dictionary says about a measure.
pub struct DictionaryEntry {
    pub year_type: YearType,
    pub publisher: PublisherMeta,
}

/// The data dictionary by `Measure_short`.
pub type Dictionary = BTreeMap<String, DictionaryEntry>;

/// Reads the LAIT data dictionary. Where a measure appears more than once the first entry wins.
pub fn read_dictionary(path: &Path) -> Result<Dictionary> {
    let mut csv = CsvFile::open(path)?;
    let col = |name: &str| csv.column(name);
    let (short, title, measure, polarity, description, last, next, link, dps, year_type) = (
        col("Measure_short")?,
        col("Chart_title")?,
        col("Measure")?,
        col("Polarity")?,
        col("Description")?,
        col("Last Update")?,
        col("Next Update")?,
        col("Hyperlink(s)")?,
        col("dps")?,
        col("Year_Type")?,
    );
    let mut dictionary = Dictionary::new();
    loop {
        let row = match csv.next_row() {
            NextRow::End => break,
            NextRow::Bad { .. } => continue,
            NextRow::Row(row) => row,
        };
        let key = row.get(short).to_owned();
        if key.is_empty() || dictionary.contains_key(&key) {
            continue;
        }
        // Runs of spaces inside the dictionary's titles ("Achievement of KS2  (RWM)") are
        // typing slips: shown as one by a browser, but two spaces part the columns of the
        // command line's tables, so they are written as one.
        let text = |index: usize| {
            let text = row.get(index);
            (!text.is_empty() && text != "NA").then(|| {
                text.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        let url = text(link).and_then(|links| {
            links
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .map(str::to_owned)
        });
        dictionary.insert(
            key,
            DictionaryEntry {
                year_type: year_type_of(row.get(year_type)),
                publisher: PublisherMeta {
                    title: text(title),
                    short_title: text(measure),
                    description: text(description),
                    decimal_places: row.get(dps).parse().ok(),
                    caveats: Vec::new(),
                    organisation: Some("Department for Education".to_owned()),
                    source_title: Some("Local Authority Interactive Tool (LAIT)".to_owned()),
                    url,
                    published: excel_date(row.get(last)),
                    next_update: excel_date(row.get(next)),
                    polarity_hint: text(polarity),
                },
            },
        );
    }
    Ok(dictionary)
}

/// The dictionary's `Year_Type`: how a bare year such as `2023` is to be read.
fn year_type_of(text: &str) -> YearType {
    match text.trim() {
        "Academic Year" => YearType::Academic,
        "Financial Year" => YearType::Financial,
        "Calendar Year" => YearType::Calendar,
        "Annual (end of Sept)" => YearType::Snapshot { month: 9, day: 30 },
        "Annual - January" => YearType::MonthOfYear { month: 1 },
        // "Annual" measures are counts at 31 March (children on child protection plans).
        "Annual" => YearType::Snapshot { month: 3, day: 31 },
        _ => YearType::Unspecified,
    }
}

/// An Excel serial day number (`45809`) as a date; Excel's day 0 is 30 December 1899.
fn excel_date(text: &str) -> Option<Date> {
    let serial: i64 = text.trim().parse().ok()?;
    // Howard Hinnant's civil_from_days, from days since 1970-01-01.
    let days = serial - 25_569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// DfE LA number to GSS code, by the years each code was in use.
struct LaLookup(BTreeMap<u32, Vec<(u16, u16, String)>>);

impl LaLookup {
    fn read(path: &Path, report: &mut Report) -> Result<Self> {
        let input = &Input::new(path, "DfE LA number lookup");
        let mut csv = CsvFile::open(path)?;
        let (old, new, first, last) = (
            csv.column("old_la_code")?,
            csv.column("new_la_code")?,
            csv.column("first")?,
            csv.column("last")?,
        );
        let mut map: BTreeMap<u32, Vec<(u16, u16, String)>> = BTreeMap::new();
        while let Some(row) = csv.next_counted(input, report) {
            let Some(number) = la_number(row.get(old)) else {
                report.skipped(
                    input,
                    "no DfE LA number (Scotland, Wales, Northern Ireland)",
                );
                continue;
            };
            let year = |i: usize| parse_number(row.get(i)).map(|y| y as u16);
            let (Some(first), Some(last)) = (year(first), year(last)) else {
                report.reject(
                    input,
                    row.line,
                    Rejection::NotANumber,
                    "first or last year".to_owned(),
                );
                continue;
            };
            map.entry(number)
                .or_default()
                .push((first, last, row.get(new).to_owned()));
            report.kept(input);
        }
        for ranges in map.values_mut() {
            ranges.sort();
        }
        Ok(Self(map))
    }

    /// The code in use in `year`, or the code of the nearest year for years outside the lookup.
    fn code(&self, number: u32, year: u16) -> Option<&str> {
        let ranges = self.0.get(&number)?;
        ranges
            .iter()
            .min_by_key(|(first, last, _)| {
                if (*first..=*last).contains(&year) {
                    0
                } else {
                    first.abs_diff(year).min(last.abs_diff(year))
                }
            })
            .map(|(_, _, code)| code.as_str())
    }
}

/// `301.0` or `301` → 301.
fn la_number(text: &str) -> Option<u32> {
    let number = parse_number(text)?;
    (number.fract() == 0.0 && (0.0..10_000.0).contains(&number)).then_some(number as u32)
}

fn rules() -> ValueRules {
    let mut rules = ValueRules::default();
    for (marker, reason) in [
        ("-", MissingReason::NotAvailable),
        ("x", MissingReason::NotAvailable),
        ("..", MissingReason::NotAvailable),
        ("c", MissingReason::Suppressed),
        ("z", MissingReason::NotApplicable),
    ] {
        rules.missing.insert(marker.to_owned(), reason);
    }
    rules.blank = Some(MissingReason::NotAvailable);
    rules
}

/// Reads the LAIT file once for every metric that takes a measure from it.
pub fn read_file(
    input: &Input,
    plans: &[(usize, Plan)],
    lookup: &AreaLookup,
    tables: &mut [MetricTable],
    report: &mut Report,
) -> Result<()> {
    let mut la_lookups: BTreeMap<PathBuf, LaLookup> = BTreeMap::new();
    for (_, plan) in plans {
        if !la_lookups.contains_key(&plan.lookup) {
            la_lookups.insert(plan.lookup.clone(), LaLookup::read(&plan.lookup, report)?);
        }
    }
    let by_measure: BTreeMap<&str, (usize, &Plan)> = plans
        .iter()
        .map(|(table, plan)| (plan.measure.as_str(), (*table, plan)))
        .collect();
    let path = &input.path;
    let mut csv = CsvFile::open(path)?;
    let col = |name: &str| csv.column(name);
    let (measure, years, name, values, number) = (
        col("Short Desc")?,
        col("Years")?,
        col("LA and Regions")?,
        col("Values")?,
        col("LA Number")?,
    );
    let rules = rules();
    while let Some(row) = csv.next_counted(input, report) {
        let Some((table, plan)) = by_measure.get(row.get(measure)) else {
            report.skipped(input, "measure not selected");
            continue;
        };
        let number_text = row.get(number);
        let short_number = number_text.trim_end_matches(".0");
        if plan.skip_la_numbers.iter().any(|n| n == short_number) {
            report.skipped(
                input,
                &format!(
                    "LA number {short_number} ({}) has no area in this bundle",
                    row.get(name)
                ),
            );
            continue;
        }
        let read = match parse_source_label(row.get(years), plan.year_type) {
            Ok(read) => read,
            Err(error) => {
                report.reject(input, row.line, Rejection::UnknownPeriod, error.to_string());
                continue;
            }
        };
        let code = match plan.la_numbers.get(short_number) {
            Some(code) => code.clone(),
            None => {
                let lookup_year = lookup_year(read.period.end());
                let found = la_number(number_text)
                    .zip(la_lookups.get(&plan.lookup))
                    .and_then(|(n, l)| l.code(n, lookup_year));
                match found {
                    Some(code) => code.to_owned(),
                    None => {
                        report.reject(
                            input,
                            row.line,
                            Rejection::UnknownArea,
                            format!(
                                "LA number {number_text:?} ({}) is not in the lookup",
                                row.get(name)
                            ),
                        );
                        continue;
                    }
                }
            }
        };
        let raw = RawValue {
            value: row.get(values),
            ..RawValue::default()
        };
        match read_value(raw, &rules) {
            Ok((reading, note)) => {
                let reading = with_label_qualifier(reading, read.qualifier);
                if let Some(table) = tables.get_mut(*table) {
                    table.offer(
                        &code,
                        lookup,
                        read.period,
                        reading,
                        note,
                        input,
                        row.line,
                        report,
                    );
                }
            }
            Err((reason, detail)) => report.reject(input, row.line, reason, detail),
        }
    }
    Ok(())
}

/// The year whose LA codes apply to a period: codes change on 1 April, so a period is
/// counted in the financial year its last day falls in (31 March 2023 → 2022).
fn lookup_year(end: Date) -> u16 {
    if end.month() <= 3 {
        end.year().saturating_sub(1)
    } else {
        end.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_dates() {
        // 45809 is 1 June 2025 in Excel's 1900 date system.
        assert_eq!(excel_date("45809").unwrap().to_string(), "2025-06-01");
        assert_eq!(excel_date("NA"), None);
    }
}
