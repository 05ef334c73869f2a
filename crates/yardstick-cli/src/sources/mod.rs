//! Readers for the publishers' files (values, area lookups, period labels), and what they
//! share: CSV with or without gzip and byte-order marks, numbers with float noise, the table
//! every value is collected into, and what a publisher's own metadata says.

pub mod lait;
pub mod lookup;
pub mod ons_els;
pub mod period_label;
pub mod table;
pub mod tidy;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flate2::read::GzDecoder;
use yardstick_bundle::Date;

use crate::report::{Input, Rejection, Report};

/// What the publisher's own metadata says about a metric, used where the configuration is silent.
#[derive(Debug, Default, Clone)]
pub struct PublisherMeta {
    pub title: Option<String>,
    pub short_title: Option<String>,
    pub description: Option<String>,
    pub decimal_places: Option<u8>,
    pub caveats: Vec<String>,
    pub organisation: Option<String>,
    pub source_title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub next_update: Option<Date>,
    /// The publisher's polarity word, to compare with the configuration's.
    pub polarity_hint: Option<String>,
}

/// A CSV file opened for reading, with its header.
pub struct CsvFile {
    pub path: PathBuf,
    headers: Vec<String>,
    reader: csv::Reader<Box<dyn Read>>,
}

/// One data row and the line it starts on.
pub struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

/// What came of reading the next row.
pub enum NextRow {
    Row(Row),
    /// The row could not be read (bad UTF-8, wrong number of fields); the line and why.
    Bad {
        line: u64,
        why: String,
        fields: usize,
    },
    End,
}

impl CsvFile {
    /// Opens a CSV file, decompressing `.gz`, skipping a UTF-8 byte-order mark and trimming
    /// header names.
    pub fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let raw: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut buffered = BufReader::with_capacity(1 << 16, raw);
        let starts_with_bom = buffered
            .fill_buf()
            .with_context(|| format!("cannot read {}", path.display()))?
            .starts_with(b"\xEF\xBB\xBF");
        if starts_with_bom {
            buffered.consume(3);
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(Box::new(buffered) as Box<dyn Read>);
        let headers = reader
            .headers()
            .with_context(|| format!("{}: cannot read the header row", path.display()))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        Ok(Self {
            path: path.to_path_buf(),
            headers,
            reader,
        })
    }

    /// The header names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The index of a named column; an error naming the file and its columns otherwise.
    pub fn column(&self, name: &str) -> Result<usize> {
        match self.headers.iter().position(|h| h == name) {
            Some(index) => Ok(index),
            None => bail!(
                "{}: no column {name:?} (columns are {})",
                self.path.display(),
                self.headers.join(", ")
            ),
        }
    }

    /// The index of a column if it exists.
    pub fn optional_column(&self, name: Option<&str>) -> Result<Option<usize>> {
        name.map(|name| self.column(name)).transpose()
    }

    /// The next readable row, counted as read in `report`. A row that cannot be read is
    /// counted, rejected with its line, and passed over; `None` at the end of the file, or
    /// after a read error that loses the rest of it (rejected like any other bad row).
    pub fn next_counted(&mut self, input: &Input, report: &mut Report) -> Option<Row> {
        loop {
            match self.next_row() {
                NextRow::End => return None,
                NextRow::Bad { line, why, fields } => {
                    report.read(input);
                    report.reject(input, line, Rejection::WrongColumns, why);
                    if fields == usize::MAX {
                        return None;
                    }
                }
                NextRow::Row(row) => {
                    report.read(input);
                    return Some(row);
                }
            }
        }
    }

    /// The next row; a row with a different number of fields from the header is `Bad`.
    pub fn next_row(&mut self) -> NextRow {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => NextRow::End,
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                if record.len() != self.headers.len() {
                    return NextRow::Bad {
                        line,
                        why: format!(
                            "{} fields where the header has {}",
                            record.len(),
                            self.headers.len()
                        ),
                        fields: record.len(),
                    };
                }
                NextRow::Row(Row {
                    line,
                    fields: record.iter().map(str::to_owned).collect(),
                })
            }
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    // The file cannot be read any further (a truncated gzip stream).
                    return NextRow::Bad {
                        line,
                        why: format!("read error, rest of file lost: {error}"),
                        fields: usize::MAX,
                    };
                }
                NextRow::Bad {
                    line,
                    why: error.to_string(),
                    fields: 0,
                }
            }
        }
    }
}

impl Row {
    /// A field by index, trimmed; empty when out of range.
    pub fn get(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", |f| f.trim())
    }

    /// An optional field.
    pub fn get_opt(&self, index: Option<usize>) -> &str {
        index.map_or("", |i| self.get(i))
    }
}

/// Parses a published number: optional sign, digits with optional thousands commas, a
/// decimal part, an exponent. Words, `NaN` and infinities are not numbers.
///
/// The number is the `f64` nearest the publisher's text and nothing else: every digit they
/// published is kept. Binary float noise in the text goes by itself, because
/// `9.3699999999999992` and `9.37` are the same `f64` and the bundle writes the shortest
/// decimal that reads back as it (serde_json's ryu), `9.37`.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let plain: String = if text.contains(',') {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = whole.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = digits.split(',').collect();
        let grouped_by_thousands = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3);
        if !grouped_by_thousands {
            return None;
        }
        let joined = whole.replace(',', "");
        if fraction.is_empty() && !text.contains('.') {
            joined
        } else {
            format!("{joined}.{fraction}")
        }
    } else {
        text.to_owned()
    };
    let looks_numeric = !plain.is_empty()
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && plain.bytes().any(|b| b.is_ascii_digit());
    if !looks_numeric {
        return None;
    }
    plain.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Rounds a figure the builder derives (never a published one) to 12 significant digits, so
/// that the noise of its own arithmetic (`0.30000000000000004`) is not written to the bundle.
/// Twelve digits are far more than any published statistic carries.
pub fn denoise(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    format!("{value:.11e}").parse().unwrap_or(value)
}

/// Rounds to `places` decimal places: to the nearest, from the value's exact binary form
/// (so a tie, which only an exactly representable value such as 0.125 can be, goes to even).
/// Never gives `-0`.
pub fn round_to_places(value: f64, places: u8) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let rounded: f64 = format!("{value:.*}", usize::from(places))
        .parse()
        .unwrap_or(value);
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_that_cannot_be_read_are_counted_rejected_and_passed_over() {
        let dir =
            std::env::temp_dir().join(format!("yardstick-next-counted-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rows.csv");
        std::fs::write(&path, "a,b\n1,2\n3\n4,5,6\n7,8\n").unwrap();
        let mut csv = CsvFile::open(&path).unwrap();
        let input = Input::new(&path, "test");
        let mut report = Report::new(&dir);
        let mut lines = Vec::new();
        while let Some(row) = csv.next_counted(&input, &mut report) {
            lines.push((row.line, row.get(0).to_owned()));
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(lines, [(2, "1".to_owned()), (5, "7".to_owned())]);
        let counts = &report.files()[&input];
        assert_eq!(counts.read, 4);
        assert_eq!(counts.rejected_total(), 2);
        let rejected: Vec<u64> = report.rejected_rows().iter().map(|r| r.line).collect();
        assert_eq!(rejected, [3, 4]);
    }

    #[test]
    fn numbers_keep_every_published_digit() {
        // Binary float noise: the same f64 as 9.37, which the bundle writes as `9.37`.
        let noisy = parse_number("9.3699999999999992").unwrap();
        assert_eq!(noisy, 9.37);
        assert_eq!(serde_json::to_string(&noisy).unwrap(), "9.37");
        // Every digit published is kept, however many (ASC7 and ONS figures carry 10 to 17).
        assert_eq!(parse_number("28.04317139"), Some(28.04317139));
        assert_eq!(parse_number("1031.145464583807"), Some(1031.145464583807));
        assert_eq!(parse_number("531.6078960000001"), Some(531.6078960000001));
        assert_eq!(parse_number(" 1,234.5 "), Some(1234.5));
        assert_eq!(parse_number("-0.25"), Some(-0.25));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in [
            "", "-", "x", "NaN", "inf", "1,23", "12a", "1.2.3", "e", "--1",
        ] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rounding_keeps_the_places_asked_for() {
        for (value, places, expected) in [
            (30.230023454287895, 3, 30.23),
            (29.9500674608297, 3, 29.95),
            (612.29754, 2, 612.3),
            (86.8092, 3, 86.809),
            (642.5, 2, 642.5),
            (-0.0004, 3, 0.0),
            (1234567.891, 0, 1234568.0),
        ] {
            let rounded = round_to_places(value, places);
            assert_eq!(rounded, expected, "{value} to {places}");
            assert!(
                rounded != 0.0 || rounded.is_sign_positive(),
                "-0 from {value}"
            );
        }
    }
}
