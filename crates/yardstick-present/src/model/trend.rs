//! The trend view as plain data: a council's series against its group's median and
//! interquartile range over every period, with the engine's direction of travel, recent-trend
//! test and trend relative to the group.

use yardstick_bundle::{
    Area, Areas, Manifest, MetricMeta, MetricValues, MissingReason, Period, Qualifier, Reading,
};
use yardstick_stats::{CompareOptions, Comparison, Dataset, EngineError, GroupSpec};

use super::metric::{MetricProblem, not_compared_problem, provenance, tick_decimals};
use crate::chart::{MarkerKind, TrendLineInput, TrendPoint};
use crate::format;
use crate::notes;
use crate::table::{Cell, Column, Row, Table};
use crate::words;

/// One period of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub period: Period,
    pub reading: Reading,
    pub note: Option<String>,
    /// Group median, and lower and upper quartiles where there are four or more values.
    pub median: Option<f64>,
    pub quartiles: Option<(f64, f64)>,
    /// Members with a figure.
    pub n: usize,
    /// The mark of the council's figure when it is reported jointly with others
    /// ([`notes::joint_figure`]).
    pub joint: Option<String>,
}

/// Everything the trend view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendModel {
    pub metric: MetricMeta,
    pub area: Area,
    pub group_name: String,
    pub rows: Vec<TrendRow>,
    /// The comparison at the last period, which carries the trend results.
    pub latest: Comparison,
}

/// Builds the trend over every period of the metric.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
pub fn trend_model(
    manifest: &Manifest,
    areas: &Areas,
    dataset: &Dataset,
    values: &MetricValues,
    area: &Area,
    metric: &MetricMeta,
    spec: &GroupSpec,
    group_name: String,
) -> Result<TrendModel, MetricProblem> {
    let engine_error = |error: EngineError| match error {
        EngineError::AreaWithoutService(_) => not_compared_problem(manifest, areas, area, metric),
        other => MetricProblem::Engine(other.to_string()),
    };
    let mut rows = Vec::with_capacity(metric.periods.len());
    let mut latest = None;
    for &period in &metric.periods {
        let comparison = dataset
            .compare(
                &area.code,
                &metric.id,
                Some(&period.to_string()),
                spec,
                CompareOptions::default(),
            )
            .map_err(engine_error)?;
        let value = values.for_area(&area.code).find(|v| v.period == period);
        let description = comparison.assessment.description.as_ref().ok();
        rows.push(TrendRow {
            period,
            reading: value.map_or(Reading::Missing(MissingReason::NotAvailable), |v| v.reading),
            note: value.and_then(|v| v.note.clone()),
            median: description.map(|d| d.median),
            quartiles: description
                .and_then(|d| d.quartiles.as_ref().ok())
                .map(|q| (q.q1, q.q3)),
            n: description.map_or(0, |d| d.n),
            joint: notes::joint_figure(metric, areas, &area.code, period),
        });
        latest = Some(comparison);
    }
    let latest = latest
        .ok_or_else(|| MetricProblem::Engine(format!("“{}” has no periods", metric.title)))?;
    Ok(TrendModel {
        metric: metric.clone(),
        area: area.clone(),
        group_name,
        rows,
        latest,
    })
}

impl TrendModel {
    fn text(&self, value: f64) -> String {
        format::value(&self.metric, value)
    }

    /// What the line chart draws.
    pub fn chart(&self) -> TrendLineInput {
        let values = self
            .rows
            .iter()
            .flat_map(|r| {
                [
                    r.reading.value(),
                    r.median,
                    r.quartiles.map(|q| q.0),
                    r.quartiles.map(|q| q.1),
                ]
            })
            .flatten();
        TrendLineInput {
            periods: self.rows.iter().map(|r| r.period.label()).collect(),
            points: self
                .rows
                .iter()
                .map(|r| match r.reading {
                    Reading::Published(e) => Some(TrendPoint {
                        value: e.value,
                        interval: e.lower.zip(e.upper),
                        marker: match e.qualifier {
                            Some(Qualifier::Provisional) => MarkerKind::Provisional,
                            Some(Qualifier::Revised) => MarkerKind::Revised,
                            _ => MarkerKind::Plain,
                        },
                    }),
                    Reading::Missing(_) => None,
                })
                .collect(),
            median: self.rows.iter().map(|r| r.median).collect(),
            band: self.rows.iter().map(|r| r.quartiles).collect(),
            tick_decimals: tick_decimals(values),
            width: 640,
        }
    }

    /// Sentences about the direction of travel, the recent trend and the trend relative to the
    /// group, each with its badge where it has one.
    pub fn findings(&self) -> Vec<String> {
        let name = &self.area.name;
        let trend = &self.latest.trend;
        let mut out = Vec::new();
        match (&trend.change_since_previous, &trend.direction) {
            (Ok(change), Ok(direction)) => {
                let badge = words::travel(*direction);
                let from = period_label(&change.from);
                let to = period_label(&change.to);
                out.push(format!(
                    "{} {} since {from}: {name}'s figure moved by {} to {to}.",
                    badge.symbol,
                    badge.words,
                    format::change(&self.metric, change.absolute),
                ));
            }
            (Err(reason), _) | (_, Err(reason)) => out.push(format!(
                "No change since the previous period can be given: {}.",
                words::not_calculated(*reason)
            )),
        }
        if let Ok(change) = &trend.change_since_first {
            out.push(format!(
                "Since {}, the figure has moved by {}.",
                period_label(&change.from),
                format::change(&self.metric, change.absolute)
            ));
        }
        match &trend.recent {
            Ok(recent) => out.push(words::recent_trend_sentence(recent)),
            Err(reason) => out.push(format!(
                "Recent trend: cannot be calculated, because {}.",
                words::not_calculated(*reason)
            )),
        }
        match &self.latest.relative_trend {
            Ok(relative) => out.push(format!(
                "Against the group median: {}.",
                words::relative_trend(relative.marker)
            )),
            Err(reason) => out.push(format!(
                "Against the group median: not tested, because {}.",
                words::not_calculated(*reason)
            )),
        }
        out
    }

    /// The chart's text alternative.
    pub fn description(&self) -> String {
        let first = self
            .rows
            .first()
            .map(|r| r.period.label())
            .unwrap_or_default();
        let last = self
            .rows
            .last()
            .map(|r| r.period.label())
            .unwrap_or_default();
        let joint = self
            .rows
            .iter()
            .find_map(|r| r.joint.as_ref())
            .map(|joint| {
                let periods = self.rows.iter().filter(|r| r.joint.is_some()).count();
                format!(" {joint}: {periods} of {} periods.", self.rows.len())
            })
            .unwrap_or_default();
        format!(
            "Line chart of {} for {} from {first} to {last} (solid line), with the median of \
             {} (dashed line) and its interquartile range (shaded band).{joint} The table \
             below lists the same figures.",
            self.metric.short_title, self.area.name, self.group_name
        )
    }

    /// The series as a table.
    pub fn table(&self, manifest: &Manifest) -> Table {
        let decimals = usize::from(self.metric.decimal_places);
        let number = |v: Option<f64>| match v {
            Some(v) => Cell::number(v, self.text(v), decimals),
            None => Cell::gap("–"),
        };
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut notes = Vec::new();
                if let Some(status) = r.reading.status() {
                    notes.push(format::status(status).to_owned());
                }
                if let Some(joint) = &r.joint {
                    notes.push(joint.clone());
                }
                if let Some(note) = &r.note {
                    notes.push(note.clone());
                }
                Row {
                    cells: vec![
                        Cell::text(r.period.label()),
                        match r.reading.value() {
                            Some(v) => Cell::published(v, self.text(v)),
                            None => Cell::gap("No figure"),
                        },
                        number(r.median),
                        number(r.quartiles.map(|q| q.0)),
                        number(r.quartiles.map(|q| q.1)),
                        Cell::number(r.n as f64, r.n.to_string(), 0),
                        Cell::text(notes.join(". ")),
                    ],
                    highlighted: false,
                }
            })
            .collect();
        let latest = self
            .rows
            .last()
            .map_or(self.metric.latest_period, |r| r.period);
        Table {
            caption: format!(
                "{}: {} and the median of {}, by period",
                self.metric.short_title, self.area.name, self.group_name
            ),
            columns: vec![
                Column::text("Period"),
                Column::number(self.area.name.clone()),
                Column::number("Group median"),
                Column::number("Lower quartile"),
                Column::number("Upper quartile"),
                Column::number("Councils with a figure"),
                Column::text("Notes"),
            ],
            rows,
            provenance: provenance(
                manifest,
                &self.metric,
                latest,
                &format!("{} ({})", self.group_name, self.latest.group.spec),
            ),
        }
    }
}

fn period_label(id: &str) -> String {
    yardstick_bundle::period_from_label(id).map_or_else(|| id.to_owned(), Period::label)
}
