//! The engine's validated view of a bundle: areas, context variables, published groups and
//! metric values, indexed for fast comparison.

use crate::order::sort_with;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::domain::{Area, AreaCode, Metric, MetricValue, MissingReason, Span};

/// One context variable (a column of the context table).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextVariable {
    /// URL-safe id, as used in `vars=` and `log=`.
    pub id: String,
    /// Whether the bundle suggests taking logarithms before measuring distances.
    pub log_suggested: bool,
}

/// One area's context values, in the order of the table's variables (`None` where unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextRow {
    /// The area.
    pub area: AreaCode,
    /// One value per variable.
    pub values: Vec<Option<f64>>,
}

/// Variables describing areas (not their services), for nearest-neighbour groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextTable {
    /// The variables, in column order.
    pub variables: Vec<ContextVariable>,
    /// Rows, one per area at most; areas without a row have every value missing.
    pub rows: Vec<ContextRow>,
}

/// One neighbour in a published list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedNeighbour {
    /// The neighbour.
    pub code: AreaCode,
    /// Its published rank (1 = closest).
    pub rank: u32,
    /// The publisher's closeness band, where given (DfE: "Extremely close", ...).
    pub band: Option<String>,
}

/// A published set of neighbour lists (DfE statistical neighbours, ONS similar areas).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedGroups {
    /// The id used in `published:ID`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Each area's list.
    pub lists: Vec<(AreaCode, Vec<PublishedNeighbour>)>,
}

/// One period of a metric: its label (the bundle owns period parsing), the days it covers and
/// the values.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodValues {
    /// Label as displayed and as given to `--period`, e.g. `"2022-23"`.
    pub label: String,
    /// The days the period covers and its nominal length: which earlier periods a change or
    /// trend may be drawn from, and which areas were in force.
    pub span: Span,
    /// Values by area; areas not listed are treated as not available.
    pub values: Vec<(AreaCode, MetricValue)>,
}

/// A metric and its series, periods oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    /// The metric.
    pub metric: Metric,
    /// Periods in time order, oldest first.
    pub periods: Vec<PeriodValues>,
}

/// Everything the engine needs, as plain structs; [`Dataset::new`] validates and indexes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatasetInput {
    /// Every area values may refer to.
    pub areas: Vec<Area>,
    /// Context variables.
    pub context: ContextTable,
    /// Published groups.
    pub published: Vec<PublishedGroups>,
    /// Metrics.
    pub metrics: Vec<MetricSeries>,
}

/// A problem found while building a [`Dataset`]; all are collected before failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetError {
    /// Two areas share a code.
    DuplicateArea(AreaCode),
    /// A code is used but not among the areas.
    UnknownArea {
        /// Where it was used.
        place: String,
        /// The code.
        code: AreaCode,
    },
    /// Two context rows for one area.
    DuplicateContextRow(AreaCode),
    /// A context row's length differs from the number of variables.
    ContextRowLength {
        /// The area.
        area: AreaCode,
        /// Values in the row.
        found: usize,
        /// Variables.
        expected: usize,
    },
    /// Two context variables share an id.
    DuplicateVariable(String),
    /// Two published groups share an id, or one area has two lists in a group.
    DuplicateGroup(String),
    /// Two metrics share an id.
    DuplicateMetric(String),
    /// Two periods of a metric share a label.
    DuplicatePeriod {
        /// The metric.
        metric: String,
        /// The label.
        period: String,
    },
    /// One area has two values in a period.
    DuplicateValue {
        /// The metric.
        metric: String,
        /// The period.
        period: String,
        /// The area.
        area: AreaCode,
    },
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DuplicateArea(code) => write!(f, "area {code} is listed twice"),
            Self::UnknownArea { place, code } => write!(f, "{place}: unknown area {code}"),
            Self::DuplicateContextRow(code) => write!(f, "context: area {code} has two rows"),
            Self::ContextRowLength {
                area,
                found,
                expected,
            } => write!(
                f,
                "context: area {area} has {found} values for {expected} variables"
            ),
            Self::DuplicateVariable(id) => write!(f, "context: variable {id} is listed twice"),
            Self::DuplicateGroup(id) => write!(f, "published group {id} is given twice"),
            Self::DuplicateMetric(id) => write!(f, "metric {id} is given twice"),
            Self::DuplicatePeriod { metric, period } => {
                write!(f, "metric {metric}: period {period} is given twice")
            }
            Self::DuplicateValue {
                metric,
                period,
                area,
            } => write!(
                f,
                "metric {metric}, period {period}: area {area} has two values"
            ),
        }
    }
}

impl std::error::Error for DatasetError {}

/// Index of an area in [`Dataset::areas`].
pub(crate) type AreaIndex = usize;

pub(crate) struct Context {
    pub(crate) variables: Vec<ContextVariable>,
    /// One row per area, by area index; every row has one entry per variable.
    pub(crate) values: Vec<Vec<Option<f64>>>,
}

pub(crate) struct Published {
    pub(crate) title: String,
    pub(crate) lists: BTreeMap<AreaIndex, Vec<PublishedNeighbour>>,
}

pub(crate) struct Period {
    pub(crate) label: String,
    pub(crate) span: Span,
    /// By area index.
    pub(crate) values: Vec<MetricValue>,
}

pub(crate) struct Series {
    pub(crate) metric: Metric,
    pub(crate) periods: Vec<Period>,
}

/// A validated, indexed dataset: build it once from a bundle, then ask it for peer groups,
/// comparisons and summaries.
pub struct Dataset {
    pub(crate) areas: Vec<Area>,
    pub(crate) context: Context,
    pub(crate) published: BTreeMap<String, Published>,
    /// Sorted by metric id.
    pub(crate) metrics: Vec<Series>,
}

impl fmt::Debug for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dataset")
            .field("areas", &self.areas.len())
            .field("context_variables", &self.context.variables.len())
            .field("published", &self.published.keys().collect::<Vec<_>>())
            .field("metrics", &self.metrics.len())
            .finish()
    }
}

impl Dataset {
    /// Validates and indexes `input`, reporting every problem found.
    ///
    /// Cost: sorting the areas, `O(A log A)`; the context table, `O(A × variables)`; and for
    /// each metric a dense table of `periods × A` values, filled in `O(values × log A)`. To add
    /// metrics one at a time, use [`Dataset::insert_metric`] rather than rebuilding.
    pub fn new(input: DatasetInput) -> Result<Self, Vec<DatasetError>> {
        let mut problems = Vec::new();
        let mut areas = input.areas;
        sort_with(&mut areas, |a, b| a.code.cmp(&b.code));
        for pair in areas.windows(2) {
            if let [a, b] = pair
                && a.code == b.code
            {
                problems.push(DatasetError::DuplicateArea(a.code.clone()));
            }
        }
        let find = |code: &AreaCode| areas.binary_search_by(|a| a.code.cmp(code)).ok();
        let unknown = |place: &str, code: &AreaCode, problems: &mut Vec<DatasetError>| {
            let found = find(code);
            if found.is_none() {
                problems.push(DatasetError::UnknownArea {
                    place: place.to_owned(),
                    code: code.clone(),
                });
            }
            found
        };
        for area in &areas {
            if let Some(parent) = &area.parent {
                unknown(&format!("parent of {}", area.code), parent, &mut problems);
            }
        }

        let width = input.context.variables.len();
        let mut seen_variables = BTreeSet::new();
        for variable in &input.context.variables {
            if !seen_variables.insert(variable.id.as_str()) {
                problems.push(DatasetError::DuplicateVariable(variable.id.clone()));
            }
        }
        let mut context_values = vec![vec![None; width]; areas.len()];
        let mut seen_rows = BTreeSet::new();
        for row in input.context.rows {
            if row.values.len() != width {
                problems.push(DatasetError::ContextRowLength {
                    area: row.area.clone(),
                    found: row.values.len(),
                    expected: width,
                });
                continue;
            }
            if !seen_rows.insert(row.area.clone()) {
                problems.push(DatasetError::DuplicateContextRow(row.area.clone()));
                continue;
            }
            if let Some(index) = unknown("context", &row.area, &mut problems)
                && let Some(slot) = context_values.get_mut(index)
            {
                // Non-finite context values are as good as missing (and imputed, flagged).
                *slot = row
                    .values
                    .into_iter()
                    .map(|v| v.filter(|v| v.is_finite()))
                    .collect();
            }
        }

        let mut published = BTreeMap::new();
        for group in input.published {
            let place = format!("published group {}", group.id);
            let mut lists = BTreeMap::new();
            for (area, neighbours) in group.lists {
                for neighbour in &neighbours {
                    unknown(&place, &neighbour.code, &mut problems);
                }
                if let Some(index) = unknown(&place, &area, &mut problems)
                    && lists.insert(index, neighbours).is_some()
                {
                    problems.push(DatasetError::DuplicateGroup(format!(
                        "{} ({area})",
                        group.id
                    )));
                }
            }
            let entry = Published {
                title: group.title,
                lists,
            };
            if published.insert(group.id.clone(), entry).is_some() {
                problems.push(DatasetError::DuplicateGroup(group.id));
            }
        }

        let mut metrics = Vec::new();
        let mut seen_metrics = BTreeSet::new();
        for series in input.metrics {
            if !seen_metrics.insert(series.metric.id.clone()) {
                problems.push(DatasetError::DuplicateMetric(series.metric.id));
                continue;
            }
            metrics.push(index_series(&areas, series, &mut problems));
        }
        sort_with(&mut metrics, |a, b| a.metric.id.cmp(&b.metric.id));

        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            areas,
            context: Context {
                variables: input.context.variables,
                values: context_values,
            },
            published,
            metrics,
        })
    }

    /// Adds one metric to a built dataset, replacing any metric with the same id, after the
    /// same checks [`Dataset::new`] makes of it (known areas, unique periods and values).
    ///
    /// This is how a reader that fetches metric files one at a time (the widget) keeps one
    /// dataset: the cost is that of indexing this metric alone, `O(periods × areas + values ×
    /// log areas)`, whereas [`Dataset::new`] sorts the areas and indexes every context row,
    /// published list and metric again. On failure the dataset is unchanged.
    pub fn insert_metric(&mut self, series: MetricSeries) -> Result<(), Vec<DatasetError>> {
        let mut problems = Vec::new();
        let series = index_series(&self.areas, series, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        match self
            .metrics
            .binary_search_by(|s| s.metric.id.cmp(&series.metric.id))
        {
            Ok(found) => {
                if let Some(slot) = self.metrics.get_mut(found) {
                    *slot = series;
                }
            }
            Err(at) => self.metrics.insert(at, series),
        }
        Ok(())
    }

    /// Every area, sorted by code.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The area with this code.
    pub fn area(&self, code: &AreaCode) -> Option<&Area> {
        self.index_of(code).and_then(|i| self.areas.get(i))
    }

    pub(crate) fn index_of(&self, code: &AreaCode) -> Option<AreaIndex> {
        self.areas.binary_search_by(|a| a.code.cmp(code)).ok()
    }

    /// Every metric, sorted by id.
    pub fn metrics(&self) -> impl Iterator<Item = &Metric> {
        self.metrics.iter().map(|series| &series.metric)
    }

    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.series(id).map(|series| &series.metric)
    }

    pub(crate) fn series(&self, id: &str) -> Option<&Series> {
        self.metrics
            .binary_search_by(|series| series.metric.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.metrics.get(i))
    }

    /// A metric's period labels, oldest first.
    pub fn periods(&self, metric: &str) -> Option<Vec<&str>> {
        self.series(metric)
            .map(|series| series.periods.iter().map(|p| p.label.as_str()).collect())
    }

    /// The context variables, in column order.
    pub fn context_variables(&self) -> &[ContextVariable] {
        &self.context.variables
    }

    /// Ids and titles of the published groups, sorted by id.
    pub fn published_groups(&self) -> Vec<(&str, &str)> {
        self.published
            .iter()
            .map(|(id, group)| (id.as_str(), group.title.as_str()))
            .collect()
    }

    /// The span of one period of a metric, by its label.
    pub fn period_span(&self, metric: &str, period: &str) -> Option<Span> {
        let series = self.series(metric)?;
        series
            .periods
            .iter()
            .find(|p| p.label == period)
            .map(|p| p.span)
    }

    /// One area's value of one metric in one period.
    pub fn value(&self, metric: &str, period: &str, area: &AreaCode) -> Option<&MetricValue> {
        let series = self.series(metric)?;
        let period = series.periods.iter().find(|p| p.label == period)?;
        period.values.get(self.index_of(area)?)
    }
}

/// Indexes one metric's values by area index, recording unknown areas and repeated periods
/// or values in `problems`.
fn index_series(areas: &[Area], series: MetricSeries, problems: &mut Vec<DatasetError>) -> Series {
    let id = series.metric.id.clone();
    let mut periods = Vec::new();
    let mut seen_periods = BTreeSet::new();
    for period in series.periods {
        if !seen_periods.insert(period.label.clone()) {
            problems.push(DatasetError::DuplicatePeriod {
                metric: id.clone(),
                period: period.label.clone(),
            });
        }
        let mut values = vec![MetricValue::missing(MissingReason::NotAvailable); areas.len()];
        let mut filled = vec![false; areas.len()];
        for (area, value) in period.values {
            let Ok(index) = areas.binary_search_by(|a| a.code.cmp(&area)) else {
                problems.push(DatasetError::UnknownArea {
                    place: format!("metric {id}, period {}", period.label),
                    code: area,
                });
                continue;
            };
            if let (Some(slot), Some(done)) = (values.get_mut(index), filled.get_mut(index)) {
                if *done {
                    problems.push(DatasetError::DuplicateValue {
                        metric: id.clone(),
                        period: period.label.clone(),
                        area,
                    });
                }
                *slot = value;
                *done = true;
            }
        }
        periods.push(Period {
            label: period.label,
            span: period.span,
            values,
        });
    }
    Series {
        metric: series.metric,
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MetricKind, Observation, Polarity, ServiceScope};

    fn area(code: &str) -> Area {
        Area {
            code: AreaCode::from(code),
            name: code.to_owned(),
            area_type: "UA".to_owned(),
            region: None,
            parent: None,
            in_force: true,
            first_day: None,
            last_day: None,
        }
    }

    fn series(id: &str, values: &[(&str, f64)]) -> MetricSeries {
        MetricSeries {
            metric: Metric {
                id: id.to_owned(),
                title: id.to_owned(),
                polarity: Polarity::HigherIsBetter,
                kind: MetricKind::Other,
                service: ServiceScope::AllAreas,
            },
            periods: vec![PeriodValues {
                label: "2022".to_owned(),
                span: Span::new(0, 364, 12).unwrap(),
                values: values
                    .iter()
                    .map(|(code, v)| (AreaCode::from(*code), MetricValue::new(*v)))
                    .collect(),
            }],
        }
    }

    #[test]
    fn insert_metric_adds_in_id_order_and_replaces_same_id() {
        let mut dataset = Dataset::new(DatasetInput {
            areas: vec![area("B"), area("A")],
            metrics: vec![series("m", &[("A", 1.0)])],
            ..DatasetInput::default()
        })
        .unwrap();
        dataset.insert_metric(series("c", &[("B", 2.0)])).unwrap();
        dataset.insert_metric(series("m", &[("B", 3.0)])).unwrap();
        let ids: Vec<&str> = dataset.metrics().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["c", "m"]);
        let value = |m: &str, code: &str| {
            dataset
                .value(m, "2022", &AreaCode::from(code))
                .map(|v| v.value)
        };
        assert_eq!(value("m", "B"), Some(Observation::Value(3.0)));
        assert_eq!(
            value("m", "A"),
            Some(Observation::Missing(MissingReason::NotAvailable))
        );
        assert_eq!(value("c", "B"), Some(Observation::Value(2.0)));
    }

    #[test]
    fn insert_metric_with_problems_leaves_dataset_unchanged() {
        let mut dataset = Dataset::new(DatasetInput {
            areas: vec![area("A")],
            metrics: vec![series("m", &[("A", 1.0)])],
            ..DatasetInput::default()
        })
        .unwrap();
        let problems = dataset
            .insert_metric(series("m", &[("Z", 2.0), ("A", 2.0), ("A", 3.0)]))
            .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            dataset
                .value("m", "2022", &AreaCode::from("A"))
                .map(|v| v.value),
            Some(Observation::Value(1.0))
        );
    }
}
