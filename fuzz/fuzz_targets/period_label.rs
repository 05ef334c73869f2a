//! Periods: ISO 8601 as ONS writes it (`Period::parse_iso`) and the publishers' labels
//! (`parse_source_label`, with each kind of year). Any text gives a period or an error; a
//! period's ISO form reads back to it; its last day is not before its first; and the labels
//! the bundle writes for the kinds the label reader can read back do read back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{Period, PeriodKind};
use yardstick_cli::{YearType, parse_source_label};

const YEAR_TYPES: [YearType; 7] = [
    YearType::Unspecified,
    YearType::Calendar,
    YearType::Financial,
    YearType::Academic,
    YearType::Snapshot { month: 3, day: 31 },
    YearType::Snapshot { month: 9, day: 30 },
    YearType::MonthOfYear { month: 1 },
];

fn check(period: Period, from: &str) {
    let iso = period.to_string();
    assert_eq!(
        Period::parse_iso(&iso),
        Ok(period),
        "{from:?} gave {iso}, which reads back differently"
    );
    let (start, end) = (period.start(), period.end());
    assert!(
        end >= start,
        "{from:?}: {iso} ends on {end}, before it starts"
    );
    if period.length_in_months() > 0 {
        assert!(
            end > start,
            "{from:?}: {iso} lasts months but ends on {end}, the day it starts"
        );
    }
    let label = period.label();
    if label_reads_back(period) {
        match parse_source_label(&label, YearType::Unspecified) {
            Ok(read) => assert_eq!(
                read.period, period,
                "{from:?}: label {label:?} of {iso} reads as {}",
                read.period
            ),
            Err(error) => panic!("{from:?}: label {label:?} of {iso} does not read back: {error}"),
        }
    }
}

/// The kinds whose labels are written in a form `parse_source_label` reads without a hint: all
/// but twelve months from a day other than the first ("Year from 16 November 2015") and
/// academic years from 1 August, whose label is that of the year from 1 September.
fn label_reads_back(period: Period) -> bool {
    let start = period.start();
    match period.kind() {
        PeriodKind::Date
        | PeriodKind::Month
        | PeriodKind::Quarter
        | PeriodKind::CalendarYear
        | PeriodKind::FinancialYear => true,
        PeriodKind::AcademicYear => start.month() == 9,
        PeriodKind::Months | PeriodKind::Year | PeriodKind::MultiYear => {
            start.day() == 1 && start.month() != 8
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(period) = Period::parse_iso(text) {
        check(period, text);
    }
    let year_type = YEAR_TYPES[usize::from(selector) % YEAR_TYPES.len()];
    if let Ok(read) = parse_source_label(text, year_type) {
        check(read.period, text);
    }
});
