//! Collecting one metric's values: one per (area, period), duplicates merged or reported.

use std::collections::{BTreeMap, BTreeSet};

use yardstick_bundle::{
    AreaCode, Estimate, MetricValue, MissingReason, Period, Qualifier, Reading, Status,
};

use crate::report::{Input, Rejection, Report};
use crate::sources::lookup::{AreaLookup, Resolved};
use crate::sources::parse_number;

/// How a value cell, its status and extras are to be read.
#[derive(Debug, Clone, Default)]
pub struct ValueRules {
    /// Value-cell markers meaning "no value", with the reason each means (`-`, `x`).
    pub missing: BTreeMap<String, MissingReason>,
    /// Status-cell markers and what each means.
    pub statuses: BTreeMap<String, StatusRule>,
    /// What an empty value cell means when the status does not say; rejected when `None`.
    pub blank: Option<MissingReason>,
    /// Status text not in `statuses` is kept as a note rather than rejected.
    pub other_status_is_note: bool,
    /// A blank value whose status qualifies a value (ONS `u`, low reliability) means the
    /// publisher withheld it: the reason it is read as, and the note that says so.
    /// Without an entry such a row is rejected.
    pub blank_with_status: BTreeMap<Qualifier, (MissingReason, String)>,
}

/// What a status marker means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRule {
    /// A qualifier of the value, or the reason there is none.
    Status(Status),
    /// Keep the marker's text as a note.
    Note,
}

/// The cells of one value, as text.
#[derive(Debug, Default, Clone, Copy)]
pub struct RawValue<'a> {
    pub value: &'a str,
    pub lower: &'a str,
    pub upper: &'a str,
    pub numerator: &'a str,
    pub denominator: &'a str,
    pub status: &'a str,
    pub note: &'a str,
}

/// Reads a value's cells into a typed reading and note, or says why the row is rejected.
pub fn read_value(
    raw: RawValue<'_>,
    rules: &ValueRules,
) -> Result<(Reading, Option<String>), (Rejection, String)> {
    let mut notes: Vec<String> = Vec::new();
    let status_text = raw.status.trim();
    let status = if status_text.is_empty() {
        None
    } else {
        match rules.statuses.get(status_text) {
            Some(StatusRule::Status(status)) => Some(*status),
            Some(StatusRule::Note) => {
                notes.push(status_text.to_owned());
                None
            }
            None if rules.other_status_is_note => {
                notes.push(status_text.to_owned());
                None
            }
            None => {
                return Err((Rejection::UnknownStatus, format!("status {status_text:?}")));
            }
        }
    };
    if !raw.note.trim().is_empty() {
        notes.push(raw.note.trim().to_owned());
    }
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    let value_text = raw.value.trim();
    if let Some(marker_reason) = rules.missing.get(value_text) {
        return Ok((Reading::Missing(*marker_reason), note));
    }
    if value_text.is_empty() {
        return match (status, rules.blank) {
            (Some(Status::Missing(reason)), _) => Ok((Reading::Missing(reason), note)),
            (Some(Status::Qualified(qualifier)), _) => {
                match rules.blank_with_status.get(&qualifier) {
                    Some((missing, why)) => {
                        let note = match note {
                            Some(note) => format!("{why}; {note}"),
                            None => why.clone(),
                        };
                        Ok((Reading::Missing(*missing), Some(note)))
                    }
                    None => Err((
                        Rejection::BlankValue,
                        format!("empty value with status {status_text:?}"),
                    )),
                }
            }
            (None, Some(blank)) => Ok((Reading::Missing(blank), note)),
            (None, None) => Err((Rejection::BlankValue, "empty value".to_owned())),
        };
    }
    let Some(value) = parse_number(value_text) else {
        return Err((Rejection::NotANumber, format!("value {value_text:?}")));
    };
    let qualifier = match status {
        Some(Status::Missing(_)) => {
            return Err((
                Rejection::ValueWithMissingStatus,
                format!("value {value_text} with status {status_text:?}"),
            ));
        }
        Some(Status::Qualified(qualifier)) => Some(qualifier),
        None => None,
    };
    let extra = |text: &str, what: &str| -> Result<Option<f64>, (Rejection, String)> {
        let text = text.trim();
        if text.is_empty() || rules.missing.contains_key(text) {
            return Ok(None);
        }
        parse_number(text)
            .map(Some)
            .ok_or_else(|| (Rejection::BadExtra, format!("{what} {text:?}")))
    };
    let (lower, upper) = (
        extra(raw.lower, "lower limit")?,
        extra(raw.upper, "upper limit")?,
    );
    if let (Some(lower), Some(upper)) = (lower, upper)
        && lower > upper
    {
        return Err((
            Rejection::Malformed,
            format!("lower limit {lower} above upper limit {upper}"),
        ));
    }
    let estimate = Estimate {
        value,
        numerator: extra(raw.numerator, "numerator")?,
        denominator: extra(raw.denominator, "denominator")?,
        lower,
        upper,
        qualifier,
    };
    Ok((Reading::Published(estimate), note))
}

#[derive(Debug, Clone, Copy)]
enum Counted {
    Kept,
    Recoded,
}

#[derive(Debug)]
struct Entry {
    reading: Reading,
    note: Option<String>,
    file: usize,
    line: u64,
    counted: Counted,
}

/// One metric's values while sources are read.
#[derive(Debug, Default)]
pub struct MetricTable {
    entries: BTreeMap<(AreaCode, Period), Entry>,
    conflicted: BTreeSet<(AreaCode, Period)>,
    files: Vec<Input>,
}

pub(crate) const RECODE: &str = "same-area recode onto the current code";
/// ONS publishes some values under both Barnsley's and Sheffield's old and new codes, with a
/// note on the old one ("Obsolete code since 2025"); the value is the same.
const RECODE_REPEAT: &str =
    "same-area recode repeating the current code's value (only the note differs)";

impl MetricTable {
    fn file_index(&mut self, file: &Input) -> usize {
        match self.files.iter().position(|f| f == file) {
            Some(index) => index,
            None => {
                self.files.push(file.clone());
                self.files.len() - 1
            }
        }
    }

    fn file(&self, index: usize) -> Input {
        self.files
            .get(index)
            .cloned()
            .unwrap_or_else(|| Input::new(std::path::Path::new(""), ""))
    }

    fn uncount(&self, report: &mut Report, entry: &Entry) {
        let file = self.file(entry.file);
        match entry.counted {
            Counted::Kept => report.unkeep(&file),
            Counted::Recoded => report.unmerge(&file, RECODE),
        }
    }

    /// Lands one row's value on its area: kept, merged with an identical duplicate or a
    /// same-area recode, skipped by an area rule of the configuration, or rejected as an
    /// unknown area or a conflicting duplicate. A former code's row with the same reading as
    /// the current code's is merged whatever its note says. Of two different values for the
    /// same area and period, one under a former code and one under the current code, the
    /// current code's is kept; two under the same kind of code are both rejected.
    #[allow(clippy::too_many_arguments, reason = "one row's facts, passed once")]
    pub fn offer(
        &mut self,
        code: &str,
        lookup: &AreaLookup,
        period: Period,
        reading: Reading,
        note: Option<String>,
        file: &Input,
        line: u64,
        report: &mut Report,
    ) {
        let Some(resolved) = lookup.resolve(code) else {
            match lookup.skip_reason(code) {
                Some(reason) => report.skipped(file, reason),
                None => report.reject(file, line, Rejection::UnknownArea, format!("area {code:?}")),
            }
            return;
        };
        let recoded = matches!(resolved, Resolved::Recoded(_));
        let key = (resolved.code().clone(), period);
        let described = format!("{} {}", key.0, period);
        if self.conflicted.contains(&key) {
            report.reject(
                file,
                line,
                Rejection::ConflictingDuplicate,
                format!("{described}: other rows for it conflicted"),
            );
            return;
        }
        let file_index = self.file_index(file);
        let counted = if recoded {
            Counted::Recoded
        } else {
            Counted::Kept
        };
        let new_entry = Entry {
            reading,
            note,
            file: file_index,
            line,
            counted,
        };
        let Some(existing) = self.entries.remove(&key) else {
            match counted {
                Counted::Kept => report.kept(file),
                Counted::Recoded => report.merged(file, RECODE),
            }
            self.entries.insert(key, new_entry);
            return;
        };
        let existing_place = format!(
            "{}:{}",
            self.file(existing.file).path.display(),
            existing.line
        );
        if existing.reading == new_entry.reading && existing.note == new_entry.note {
            report.merged(file, "identical duplicate of another row");
            self.entries.insert(key, existing);
            return;
        }
        let existing_recoded = matches!(existing.counted, Counted::Recoded);
        if existing.reading == new_entry.reading && existing_recoded != recoded {
            if existing_recoded {
                self.uncount(report, &existing);
                report.merged(&self.file(existing.file), RECODE_REPEAT);
                report.kept(file);
                self.entries.insert(key, new_entry);
            } else {
                report.merged(file, RECODE_REPEAT);
                self.entries.insert(key, existing);
            }
            return;
        }
        match (existing_recoded, recoded) {
            (true, false) => {
                self.uncount(report, &existing);
                report.reject(
                    &self.file(existing.file),
                    existing.line,
                    Rejection::ConflictingDuplicate,
                    format!("{described}: former code's value differs from {}:{line} under the current code, which is kept", file.path.display()),
                );
                report.kept(file);
                self.entries.insert(key, new_entry);
            }
            (false, true) => {
                report.reject(
                    file,
                    line,
                    Rejection::ConflictingDuplicate,
                    format!("{described}: former code's value differs from {existing_place} under the current code, which is kept"),
                );
                self.entries.insert(key, existing);
            }
            _ => {
                self.uncount(report, &existing);
                report.reject(
                    &self.file(existing.file),
                    existing.line,
                    Rejection::ConflictingDuplicate,
                    format!(
                        "{described}: differs from {}:{line}; neither is kept",
                        file.path.display()
                    ),
                );
                report.reject(
                    file,
                    line,
                    Rejection::ConflictingDuplicate,
                    format!("{described}: differs from {existing_place}; neither is kept"),
                );
                self.conflicted.insert(key);
            }
        }
    }

    /// The collected values, sorted by area and period.
    pub fn into_values(self) -> Vec<MetricValue> {
        self.entries
            .into_iter()
            .map(|((area, period), entry)| MetricValue {
                area,
                period,
                reading: entry.reading,
                note: entry.note,
            })
            .collect()
    }
}
