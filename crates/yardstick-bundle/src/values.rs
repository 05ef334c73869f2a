//! `metrics/<id>.json`: one metric's values for every area and period.

use std::collections::BTreeSet;
use yardstick_stats::{set_of, sort_with};

use yardstick_stats::AreaCode;

use crate::error::{BundleError, Document};
use crate::period::Period;
use crate::validate::{Problems, TextLimit, check_version, first_unsorted, from_json, shown};
use crate::vocabulary::ValueStatus;
use crate::wire::{MetricValuesWire, ValueWire};

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
    pub status: Option<ValueStatus>,
}

/// A number, or the typed reason there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// A published value.
    Published(Estimate),
    /// No value: suppressed, not available or not applicable.
    Missing(ValueStatus),
}

impl Reading {
    /// The value, if there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Self::Published(estimate) => Some(estimate.value),
            Self::Missing(_) => None,
        }
    }

    /// The status, if any.
    pub fn status(&self) -> Option<ValueStatus> {
        match self {
            Self::Published(estimate) => estimate.status,
            Self::Missing(status) => Some(*status),
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
    let reading = match (wire.value, wire.status) {
        (Some(value), status) => {
            if status.is_some_and(ValueStatus::is_missing) {
                problems.push(format!("{at}: has a value but a missing status"));
            }
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
                status,
            })
        }
        (None, Some(status)) if status.is_missing() => {
            let extras = [wire.numerator, wire.denominator, wire.lower, wire.upper];
            if extras.iter().any(Option::is_some) {
                problems.push(format!("{at}: has no value but has limits or counts"));
            }
            Reading::Missing(status)
        }
        (None, _) => {
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
        status: value.reading.status(),
        note: value.note.clone(),
    }
}
