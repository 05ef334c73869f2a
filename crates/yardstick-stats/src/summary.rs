//! Every metric for one area at a glance, for an overview page.

use std::collections::BTreeMap;

use crate::compare::{BenchmarkComparison, CompareOptions, QuartileBand, Verdict, assess};
use crate::dataset::{AreaIndex, Dataset};
use crate::domain::{
    AreaCode, MetricValue, MissingReason, Polarity, Qualifier, ServiceScope, Span,
};
use crate::error::EngineError;
use crate::outcome::{NotCalculated, Outcome};
use crate::spec::GroupSpec;
use crate::trend::{RecentTrend, SeriesPoint, Travel, series_trend};

/// One metric's line in an area's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// Metric id.
    pub metric: String,
    /// Metric title.
    pub title: String,
    /// Polarity.
    pub polarity: Polarity,
    /// The latest period in which the area has a value.
    pub period: Outcome<String>,
    /// That period's days and nominal length.
    pub span: Outcome<Span>,
    /// The area's value then.
    pub value: Outcome<f64>,
    /// The value's qualifier.
    pub qualifier: Option<Qualifier>,
    /// Median of the group and the area.
    pub group_median: Outcome<f64>,
    /// The area's quartile band.
    pub quartile_band: Outcome<QuartileBand>,
    /// Comparison with the group benchmark by a significance test.
    pub comparison: Outcome<BenchmarkComparison>,
    /// The headline answer, by the test or else the distance rule.
    pub verdict: Outcome<Verdict>,
    /// Direction of travel since the previous comparable period (same length, no overlap).
    pub direction: Outcome<Travel>,
    /// The recent-trend test.
    pub trend: Outcome<RecentTrend>,
}

/// Every metric for one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The area.
    pub area: AreaCode,
    /// The group spec, canonical.
    pub spec: GroupSpec,
    /// One row per metric, sorted by metric id.
    pub rows: Vec<SummaryRow>,
}

impl Dataset {
    /// The latest value of every metric for `area`, with its group median, band, comparison
    /// and trend. The group is resolved once per service scope, and each row compares the
    /// area with the members in force during its period, as [`Dataset::compare`] does.
    pub fn summary(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        options: CompareOptions,
    ) -> Result<Summary, EngineError> {
        let focus = self
            .index_of(area)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        let focus_area = self
            .areas
            .get(focus)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        let mut groups: BTreeMap<&ServiceScope, Vec<AreaIndex>> = BTreeMap::new();
        let missing_value = MetricValue::missing(MissingReason::NotAvailable);
        let mut rows = Vec::with_capacity(self.metrics.len());
        for series in &self.metrics {
            let metric = &series.metric;
            let mut row = SummaryRow {
                metric: metric.id.clone(),
                title: metric.title.clone(),
                polarity: metric.polarity,
                period: Err(NotCalculated::NoService),
                span: Err(NotCalculated::NoService),
                value: Err(NotCalculated::NoService),
                qualifier: None,
                group_median: Err(NotCalculated::NoService),
                quartile_band: Err(NotCalculated::NoService),
                comparison: Err(NotCalculated::NoService),
                verdict: Err(NotCalculated::NoService),
                direction: Err(NotCalculated::NoService),
                trend: Err(NotCalculated::NoService),
            };
            if !metric.service.covers(focus_area) {
                rows.push(row);
                continue;
            }
            if !groups.contains_key(&metric.service) {
                let group = self.peers(area, spec, &metric.service)?;
                let members = self.member_indices(&group, focus);
                groups.insert(&metric.service, members);
            }
            let Some(members) = groups.get(&metric.service) else {
                continue;
            };
            let value_at = |p: usize, i: AreaIndex| {
                series
                    .periods
                    .get(p)
                    .and_then(|period| period.values.get(i))
                    .unwrap_or(&missing_value)
            };
            let latest = (0..series.periods.len())
                .rev()
                .find(|&p| value_at(p, focus).value.finite().is_ok());
            let Some(p) = latest else {
                let reason = match series.periods.len().checked_sub(1) {
                    Some(last) => match value_at(last, focus).value.finite() {
                        Err(missing) => NotCalculated::MissingValue { missing },
                        Ok(_) => NotCalculated::NoValues,
                    },
                    None => NotCalculated::NoValues,
                };
                row.period = Err(reason);
                row.span = Err(reason);
                row.value = Err(reason);
                row.group_median = Err(reason);
                row.quartile_band = Err(reason);
                row.comparison = Err(reason);
                row.verdict = Err(reason);
                row.direction = Err(reason);
                row.trend = Err(reason);
                rows.push(row);
                continue;
            };
            let Some(span) = series.periods.get(p).map(|period| period.span) else {
                continue;
            };
            let area_value = value_at(p, focus);
            let values: Vec<&MetricValue> = members
                .iter()
                .filter(|&&i| {
                    i == focus
                        || self
                            .areas
                            .get(i)
                            .is_some_and(|member| member.in_force_during(span))
                })
                .map(|&i| value_at(p, i))
                .collect();
            let assessment = assess(area_value, &values, metric, options);
            let history: Vec<SeriesPoint<'_>> = series
                .periods
                .iter()
                .take(p + 1)
                .enumerate()
                .map(|(q, period)| SeriesPoint {
                    label: &period.label,
                    span: period.span,
                    value: value_at(q, focus),
                })
                .collect();
            let trend = series_trend(&history, metric.kind, metric.polarity);
            row.period = series
                .periods
                .get(p)
                .map(|period| period.label.clone())
                .ok_or(NotCalculated::NoValues);
            row.span = Ok(span);
            row.value = assessment.value;
            row.qualifier = assessment.qualifier;
            row.group_median = assessment
                .description
                .as_ref()
                .map(|d| d.median)
                .map_err(|r| *r);
            row.quartile_band = assessment
                .position
                .as_ref()
                .map_err(|r| *r)
                .and_then(|position| position.quartile_band);
            row.comparison = assessment.benchmark;
            row.verdict = assessment.verdict;
            row.direction = trend.direction;
            row.trend = trend.recent;
            rows.push(row);
        }
        Ok(Summary {
            area: area.clone(),
            spec: spec.clone(),
            rows,
        })
    }
}
