//! `metrics/<id>.json`: one metric's values for every area and period.

use std::collections::BTreeSet;
use yardstick_stats::{set_of, sort_with};

use yardstick_stats::{AreaCode, MissingReason, Qualifier, Status};

use crate::error::{BundleError, Document};
use crate::period::Period;
use crate::validate::{Problems, TextLimit, check_version, first_unsorted, from_json, shown};
use crate::wire::{MetricValuesWire, StatusWire, ValueWire};

/// A published number with what came with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The value, finite.
    pub value: f64,
    /// The numerator, where published.
    pub numerator: Option<f64>,
    /// The denominator, where published.
    pub denominator: Option<f64>,
    /// Lower 95% confidence limit, where published.
    pub lower: Option<f64>,
    /// Upper 95% confidence limit, where published.
    pub upper: Option<f64>,
    /// Provisional, revised, estimated or low reliability; `None` for a plain value.
    pub qualifier: Option<Qualifier>,
}

/// A number, or the typed reason there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// A published value.
    Published(Estimate),
    /// No value: suppressed, not available or not applicable.
    Missing(MissingReason),
}

impl Reading {
    /// The value, if there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Self::Published(estimate) => Some(estimate.value),
            Self::Missing(_) => None,
        }
    }

    /// The status, if any: the estimate's qualifier or the reason there is none.
    pub fn status(&self) -> Option<Status> {
        match self {
            Self::Published(estimate) => estimate.qualifier.map(Status::Qualified),
            Self::Missing(reason) => Some(Status::Missing(*reason)),
        }
    }
}

/// One area's reading for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricValue {
    /// The area.
    pub area: AreaCode,
    /// The period.
    pub period: Period,
    /// The number or why there is none.
    pub reading: Reading,
    /// A note from the publisher, such as "Reported jointly with Mid Suffolk".
    pub note: Option<String>,
}

/// All values of one metric, sorted by area and then period, one per pair.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricValues {
    /// The metric's id.
    pub metric: String,
    values: Vec<MetricValue>,
}

impl MetricValues {
    /// Sorts the values; fails if an (area, period) pair repeats.
    pub fn new(
        metric: impl Into<String>,
        mut values: Vec<MetricValue>,
    ) -> Result<Self, BundleError> {
        sort_with(&mut values, |a, b| {
            (&a.area, a.period).cmp(&(&b.area, b.period))
        });
        let mut problems = Problems::default();
        for pair in values.windows(2) {
            if let [a, b] = pair
                && a.area == b.area
                && a.period == b.period
            {
                problems.push(format!("{} {} appears more than once", a.area, a.period));
            }
        }
        problems.finish(Document::MetricValues)?;
        Ok(Self {
            metric: metric.into(),
            values,
        })
    }

    /// Every value, sorted by area and then period.
    pub fn values(&self) -> &[MetricValue] {
        &self.values
    }

    /// The values for one period, sorted by area.
    pub fn for_period(&self, period: Period) -> impl Iterator<Item = &MetricValue> {
        self.values
            .iter()
            .filter(move |value| value.period == period)
    }

    /// One area's values, sorted by period.
    pub fn for_area<'a>(&'a self, area: &'a AreaCode) -> impl Iterator<Item = &'a MetricValue> {
        self.values.iter().filter(move |value| &value.area == area)
    }

    /// Every period with a value or a status, sorted.
    pub fn periods(&self) -> Vec<Period> {
        let periods: BTreeSet<Period> = set_of(self.values.iter().map(|value| value.period));
        periods.into_iter().collect()
    }
}

/// Reads and validates a metric's values file.
///
/// Every value has a known status for its kind (a number with at most a qualifying status, or
/// no number with a missing status), finite numbers, lower ≤ upper, and the records are sorted
/// by (area, period) with no pair repeated.
pub fn parse_metric_values(bytes: &[u8]) -> Result<MetricValues, BundleError> {
    check_version(bytes, Document::MetricValues)?;
    let wire: MetricValuesWire = from_json(bytes, Document::MetricValues)?;
    let mut problems = Problems::default();
    problems.slug("metric", &wire.metric);
    let values: Vec<MetricValue> = wire
        .values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| value_from_wire(&mut problems, index, value))
        .collect();
    if values.len() == wire.values.len() {
        let keys: Vec<(&AreaCode, Period)> = values.iter().map(|v| (&v.area, v.period)).collect();
        if let Some((index, order)) = first_unsorted(&keys) {
            let what = if order.is_eq() {
                "repeats an (area, period) pair"
            } else {
                "is out of order (sort by area, then period)"
            };
            problems.push(format!("value {} {what}", index + 1));
        }
    }
    problems.finish(Document::MetricValues)?;
    Ok(MetricValues {
        metric: wire.metric,
        values,
    })
}

fn value_from_wire(problems: &mut Problems, index: usize, wire: &ValueWire) -> Option<MetricValue> {
    let at = format!(
        "value {} ({} {})",
        index + 1,
        shown(&wire.area),
        shown(&wire.period)
    );
    if let Some(note) = &wire.note {
        problems.text(&at, "note", note, TextLimit::Prose);
    }
    let area = problems.area_code(&at, &wire.area);
    let period = problems.period(&at, &wire.period)?;
    let reading = match (wire.value, wire.status.map(Status::from)) {
        (Some(value), status) => {
            let qualifier = match status {
                Some(Status::Qualified(qualifier)) => Some(qualifier),
                Some(Status::Missing(_)) => {
                    problems.push(format!("{at}: has a value but a missing status"));
                    None
                }
                None => None,
            };
            let numbers = [
                Some(value),
                wire.numerator,
                wire.denominator,
                wire.lower,
                wire.upper,
            ];
            if numbers.iter().flatten().any(|n| !n.is_finite()) {
                problems.push(format!("{at}: a number is not finite"));
            }
            if let (Some(lower), Some(upper)) = (wire.lower, wire.upper)
                && lower > upper
            {
                problems.push(format!("{at}: lower limit {lower} is above upper {upper}"));
            }
            Reading::Published(Estimate {
                value,
                numerator: wire.numerator,
                denominator: wire.denominator,
                lower: wire.lower,
                upper: wire.upper,
                qualifier,
            })
        }
        (None, Some(Status::Missing(reason))) => {
            let extras = [wire.numerator, wire.denominator, wire.lower, wire.upper];
            if extras.iter().any(Option::is_some) {
                problems.push(format!("{at}: has no value but has limits or counts"));
            }
            Reading::Missing(reason)
        }
        (None, Some(Status::Qualified(qualifier))) => {
            let word = StatusWire::from(Status::Qualified(qualifier)).as_str();
            problems.push(format!(
                "{at}: has no value, but status {word} qualifies a value; a missing value needs \
                 status suppressed, not_available or not_applicable"
            ));
            return None;
        }
        (None, None) => {
            problems.push(format!(
                "{at}: has no value, so needs status suppressed, not_available or not_applicable"
            ));
            return None;
        }
    };
    Some(MetricValue {
        area,
        period,
        reading,
        note: wire.note.clone(),
    })
}

pub(crate) fn value_to_wire(value: &MetricValue) -> ValueWire {
    let (number, estimate) = match value.reading {
        Reading::Published(estimate) => (Some(estimate.value), Some(estimate)),
        Reading::Missing(_) => (None, None),
    };
    ValueWire {
        area: value.area.to_string(),
        period: value.period.to_string(),
        value: number,
        numerator: estimate.and_then(|e| e.numerator),
        denominator: estimate.and_then(|e| e.denominator),
        lower: estimate.and_then(|e| e.lower),
        upper: estimate.and_then(|e| e.upper),
        status: value.reading.status().map(StatusWire::from),
        note: value.note.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::encode_metric_values;
    use crate::version::CURRENT_VERSION;

    /// A metric-values document of one record, written as the current encoder writes it.
    fn document(record: &str) -> String {
        format!(
            "{{\"schema_version\":\"{CURRENT_VERSION}\",\"metric\":\"x\",\"values\":[\n{record}\n]}}\n"
        )
    }

    /// Parses one record: its reading, or the reader's message.
    fn read(record: &str) -> Result<Reading, String> {
        let values = parse_metric_values(document(record).as_bytes()).map_err(|e| e.to_string())?;
        match values.values() {
            [value] => Ok(value.reading),
            other => Err(format!("{} values", other.len())),
        }
    }

    fn check_refused(record: &str, expected: &str) {
        match read(record) {
            Ok(reading) => panic!("{record} was read as {reading:?}"),
            Err(message) => assert!(message.contains(expected), "{record}: {message}"),
        }
    }

    /// A qualifier says something of a number, so a record with a qualifier and no number is
    /// refused by name; once read, `Reading::Missing` holds only a `MissingReason`, so such a
    /// value has no domain form at all.
    #[test]
    fn a_qualifier_without_a_value_is_refused_with_its_word() {
        for word in ["provisional", "revised", "estimated", "low_reliability"] {
            check_refused(
                &format!(r#"{{"area":"E06000001","period":"2022-04-01/P1Y","status":"{word}"}}"#),
                &format!("has no value, but status {word} qualifies a value"),
            );
        }
        check_refused(
            r#"{"area":"E06000001","period":"2022-04-01/P1Y"}"#,
            "has no value, so needs status suppressed, not_available or not_applicable",
        );
        for word in ["suppressed", "not_available", "not_applicable"] {
            check_refused(
                &format!(
                    r#"{{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"status":"{word}"}}"#
                ),
                "has a value but a missing status",
            );
        }
    }

    /// Every status word is read into its typed place and written back byte for byte.
    #[test]
    fn every_status_word_round_trips_through_its_typed_reading() {
        let published = |qualifier| {
            Reading::Published(Estimate {
                value: 1.5,
                numerator: None,
                denominator: None,
                lower: None,
                upper: None,
                qualifier: Some(qualifier),
            })
        };
        for (record, expected) in [
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"status":"provisional"}"#,
                published(Qualifier::Provisional),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"status":"revised"}"#,
                published(Qualifier::Revised),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"status":"estimated"}"#,
                published(Qualifier::Estimated),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","value":1.5,"status":"low_reliability"}"#,
                published(Qualifier::LowReliability),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","status":"suppressed"}"#,
                Reading::Missing(MissingReason::Suppressed),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","status":"not_available"}"#,
                Reading::Missing(MissingReason::NotAvailable),
            ),
            (
                r#"{"area":"E06000001","period":"2022-04-01/P1Y","status":"not_applicable"}"#,
                Reading::Missing(MissingReason::NotApplicable),
            ),
        ] {
            let bytes = document(record);
            let values = parse_metric_values(bytes.as_bytes());
            let Ok(values) = values else {
                panic!("{record}: {values:?}");
            };
            assert_eq!(
                values
                    .values()
                    .iter()
                    .map(|v| v.reading)
                    .collect::<Vec<_>>(),
                [expected],
                "{record}"
            );
            assert_eq!(
                String::from_utf8_lossy(&encode_metric_values(&values)),
                bytes,
                "{record}"
            );
        }
    }
}
