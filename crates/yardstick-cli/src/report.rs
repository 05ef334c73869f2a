//! The build report: what happened to every input row.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// Why a row was not used. Each reason is counted and every rejected row is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rejection {
    /// A row with a different number of fields from the header.
    WrongColumns,
    /// The value is neither a number nor a known missing-value marker.
    NotANumber,
    /// A confidence limit, numerator or denominator is not a number.
    BadExtra,
    /// The period is in no format the builder understands.
    UnknownPeriod,
    /// The area code is not in the bundle's areas (nor a former code of one).
    UnknownArea,
    /// Another row gave a different value for the same area and period.
    ConflictingDuplicate,
    /// The status column holds a marker the configuration does not map.
    UnknownStatus,
    /// Blank value and no status saying why.
    BlankValue,
    /// The status says the value is missing, but a number is given.
    ValueWithMissingStatus,
    /// Any other malformed row.
    Malformed,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WrongColumns => "wrong number of columns",
            Self::NotANumber => "value is not a number",
            Self::BadExtra => "limit, numerator or denominator is not a number",
            Self::UnknownPeriod => "unknown period format",
            Self::UnknownArea => "unknown area code",
            Self::ConflictingDuplicate => "conflicting duplicate",
            Self::UnknownStatus => "unknown status marker",
            Self::BlankValue => "blank value without a status",
            Self::ValueWithMissingStatus => "value given with a missing-value status",
            Self::Malformed => "malformed row",
        })
    }
}

/// One use of an input file: the file and what it was read for. A file read for two
/// purposes (IMD as a metric and as a context variable) is read and counted once per use, so
/// the counts of each use add up on their own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// What it was read for: "metric imd-2025-average-score", "context variable population".
    pub purpose: String,
}

impl Input {
    pub fn new(path: &Path, purpose: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            purpose: purpose.into(),
        }
    }
}

/// A rejected row, with where it is and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RejectedRow {
    /// The file.
    pub file: PathBuf,
    /// 1-based line number of the row's start.
    pub line: u64,
    /// Why.
    pub reason: Rejection,
    /// The offending text and context.
    pub detail: String,
    /// What the file was being read for.
    pub purpose: String,
}

/// Counts for one input file.
#[derive(Debug, Default, Clone)]
pub struct FileCounts {
    /// Data rows read (header excluded).
    pub read: u64,
    /// Rows whose value is in the bundle as read.
    pub kept: u64,
    /// Rows folded into another: same-area recodes, identical duplicates.
    pub merged: BTreeMap<String, u64>,
    /// Rows deliberately not used (another measure, a geography the bundle does not cover).
    pub skipped: BTreeMap<String, u64>,
    /// Rows rejected, by reason.
    pub rejected: BTreeMap<Rejection, u64>,
}

impl FileCounts {
    pub fn merged_total(&self) -> u64 {
        self.merged.values().sum()
    }
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }
    /// Whether every row read is kept, merged, skipped or rejected.
    pub fn balances(&self) -> bool {
        self.read == self.kept + self.merged_total() + self.skipped_total() + self.rejected_total()
    }
}

/// The report of one build.
#[derive(Debug, Default)]
pub struct Report {
    files: BTreeMap<Input, FileCounts>,
    rejected: Vec<RejectedRow>,
    /// Notes about the lookups (corrections applied, links that could not be made).
    pub notes: Vec<String>,
    /// The project root or config folder, to print shorter paths.
    pub base: PathBuf,
}

impl Report {
    pub fn new(base: &Path) -> Self {
        Self {
            base: base.to_path_buf(),
            ..Self::default()
        }
    }

    fn counts(&mut self, input: &Input) -> &mut FileCounts {
        self.files.entry(input.clone()).or_default()
    }

    pub fn read(&mut self, file: &Input) {
        self.counts(file).read += 1;
    }

    pub fn kept(&mut self, file: &Input) {
        self.counts(file).kept += 1;
    }

    pub fn unkeep(&mut self, file: &Input) {
        let counts = self.counts(file);
        counts.kept = counts.kept.saturating_sub(1);
    }

    pub fn unmerge(&mut self, file: &Input, why: &str) {
        if let Some(count) = self.counts(file).merged.get_mut(why) {
            *count = count.saturating_sub(1);
        }
    }

    pub fn merged(&mut self, file: &Input, why: &str) {
        *self.counts(file).merged.entry(why.to_owned()).or_default() += 1;
    }

    pub fn skipped(&mut self, file: &Input, why: &str) {
        *self.counts(file).skipped.entry(why.to_owned()).or_default() += 1;
    }

    pub fn reject(
        &mut self,
        file: &Input,
        line: u64,
        reason: Rejection,
        detail: impl Into<String>,
    ) {
        *self.counts(file).rejected.entry(reason).or_default() += 1;
        self.rejected.push(RejectedRow {
            file: file.path.clone(),
            line,
            reason,
            detail: detail.into(),
            purpose: file.purpose.clone(),
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Every rejected row, sorted by file and line.
    pub fn rejected_rows(&self) -> Vec<RejectedRow> {
        let mut rows = self.rejected.clone();
        rows.sort();
        rows
    }

    /// How many rows were rejected in all.
    pub fn rejected_count(&self) -> usize {
        self.rejected.len()
    }

    /// Counts per use of each file.
    pub fn files(&self) -> &BTreeMap<Input, FileCounts> {
        &self.files
    }

    /// The counts of every use of every file, added up.
    pub fn totals(&self) -> FileCounts {
        let mut totals = FileCounts::default();
        for counts in self.files.values() {
            totals.read += counts.read;
            totals.kept += counts.kept;
            for (why, count) in &counts.merged {
                *totals.merged.entry(why.clone()).or_default() += count;
            }
            for (why, count) in &counts.skipped {
                *totals.skipped.entry(why.clone()).or_default() += count;
            }
            for (reason, count) in &counts.rejected {
                *totals.rejected.entry(*reason).or_default() += count;
            }
        }
        totals
    }

    fn short<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, str> {
        path.strip_prefix(&self.base)
            .unwrap_or(path)
            .to_string_lossy()
    }

    /// The counts table, notes and every rejected row, as printed after a build.
    pub fn render(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "rows read, kept, merged, skipped and rejected per input file and use:"
        );
        for (input, counts) in &self.files {
            let _ = writeln!(
                text,
                "  {} [{}]: read {}, kept {}, merged {}, skipped {}, rejected {}{}",
                self.short(&input.path),
                input.purpose,
                counts.read,
                counts.kept,
                counts.merged_total(),
                counts.skipped_total(),
                counts.rejected_total(),
                if counts.balances() {
                    ""
                } else {
                    " (DOES NOT BALANCE)"
                }
            );
            for (why, count) in &counts.merged {
                let _ = writeln!(text, "      merged {count}: {why}");
            }
            for (why, count) in &counts.skipped {
                let _ = writeln!(text, "      skipped {count}: {why}");
            }
            for (why, count) in &counts.rejected {
                let _ = writeln!(text, "      rejected {count}: {why}");
            }
        }
        let totals = self.totals();
        let _ = writeln!(
            text,
            "  total: read {}, kept {}, merged {}, skipped {}, rejected {}",
            totals.read,
            totals.kept,
            totals.merged_total(),
            totals.skipped_total(),
            totals.rejected_total()
        );
        for note in &self.notes {
            let _ = writeln!(text, "note: {note}");
        }
        let rows = self.rejected_rows();
        if !rows.is_empty() {
            let _ = writeln!(text, "rejected rows ({}):", rows.len());
            for row in rows {
                let _ = writeln!(
                    text,
                    "  {}:{}: {}: {} [{}]",
                    self.short(&row.file),
                    row.line,
                    row.reason,
                    row.detail,
                    row.purpose
                );
            }
        }
        text
    }
}
