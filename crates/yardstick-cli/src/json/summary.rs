//! `yardstick summary --format json`: every metric's latest figures for one area.

use serde::Serialize;
use yardstick_stats::{Summary, SummaryRow};

use super::compare::{BenchmarkOutput, RecentTrendOutput, VerdictOutput};
use super::period_text;
use super::{Figure, Flags, words};

/// Every metric's latest figures for one area, against its group.
#[derive(Debug, Serialize)]
pub struct SummaryOutput {
    /// The area's GSS code.
    pub area: String,
    /// The group spec, as given on the command line.
    pub spec: String,
    /// One row per metric, in the bundle's order.
    pub rows: Vec<SummaryRowOutput>,
}

impl From<&Summary> for SummaryOutput {
    fn from(s: &Summary) -> Self {
        Self {
            area: s.area.to_string(),
            spec: s.spec.to_string(),
            rows: s.rows.iter().map(SummaryRowOutput::from).collect(),
        }
    }
}

/// One metric's latest figures.
#[derive(Debug, Serialize)]
pub struct SummaryRowOutput {
    /// The metric's id.
    pub metric: String,
    /// Its title.
    pub title: String,
    /// Which way is better.
    pub polarity: &'static str,
    /// The latest period in which the area has a value (ISO 8601).
    pub period: Figure<String>,
    /// The same period as people read it (`2022-23`).
    pub period_label: Figure<String>,
    /// The area's value then, as published.
    pub value: Figure<f64>,
    /// The publisher's marks on it.
    pub flags: Flags,
    /// The group's median then.
    pub group_median: Figure<f64>,
    /// The area's quarter of the group.
    pub quartile_band: Figure<&'static str>,
    /// The comparison with the group's benchmark by a significance test.
    pub comparison: Figure<BenchmarkOutput>,
    /// The headline verdict: the test where it could be made, else the distance rule.
    pub verdict: Figure<VerdictOutput>,
    /// The direction of travel since the previous period.
    pub direction: Figure<&'static str>,
    /// The trend over the last five points.
    pub trend: Figure<RecentTrendOutput>,
}

impl From<&SummaryRow> for SummaryRowOutput {
    fn from(row: &SummaryRow) -> Self {
        Self {
            metric: row.metric.clone(),
            title: row.title.clone(),
            polarity: words::polarity(row.polarity),
            period: Figure::from_outcome(&row.period, Clone::clone),
            period_label: Figure::from_outcome(&row.period, |p| period_text(p)),
            value: Figure::number(&row.value),
            flags: Flags::from(row.qualifier),
            group_median: Figure::number(&row.group_median),
            quartile_band: Figure::from_outcome(&row.quartile_band, |b| words::quartile_band(*b)),
            comparison: Figure::from_outcome(&row.comparison, BenchmarkOutput::from),
            verdict: Figure::from_outcome(&row.verdict, VerdictOutput::from),
            direction: Figure::from_outcome(&row.direction, |d| words::travel(*d)),
            trend: Figure::from_outcome(&row.trend, RecentTrendOutput::from),
        }
    }
}
