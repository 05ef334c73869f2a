//! From a parsed bundle to the engine's input: the one place where bundle domain types become
//! [`yardstick_stats`] types, so the widget and the command line compare the same numbers.
//!
//! Two ways in:
//!
//! - [`dataset_input`] converts everything at once (the command line, which reads every file);
//! - [`DatasetBuilder`] converts the areas, context and published groups once and then one
//!   metric file at a time, for a reader that fetches only the files a view needs (the widget).
//!   [`metric_series`] alone converts one file for [`Dataset::insert_metric`], which adds it to
//!   an existing dataset without indexing everything again.
//!
//! Periods reach the engine as a label and a [`Span`](stats::Span) (first and last day as day
//! numbers, and the length in months: [`period_span`]), from which the engine decides which
//! periods a change or trend may be drawn from and which areas were in force. The label is the
//! period's ISO 8601 id (`2022-04-01/P1Y`, as on the wire), which is unique and sorts nothing
//! by accident; [`period_from_label`] turns it back into a [`Period`], whose [`Period::label`]
//! is the British text to show ("2022-23"). Areas reach it with their first and last days.

use std::collections::BTreeMap;

use thiserror::Error;
use yardstick_stats::{
    self as stats, AreaCode, Dataset, DatasetError, DatasetInput, Metric, MetricKind, MetricSeries,
    Observation, PeriodValues, PublishedGroups, PublishedNeighbour, ServiceScope,
};

use crate::areas::{Area, Areas};
use crate::context::ContextTable;
use crate::date::Date;
use crate::groups::PeerGroups;
use crate::manifest::{Manifest, MetricMeta};
use crate::period::Period;
use crate::values::{MetricValues, Reading};
use crate::vocabulary::{Closeness, Transform, ValueType};

/// A bundle that cannot be turned into the engine's input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConversionError {
    /// A values file holds a metric the manifest does not list.
    #[error("values for metric {id:?}, which the manifest does not list; it lists {known}")]
    UnknownMetric {
        /// The metric the values file names.
        id: String,
        /// The manifest's metric ids, comma-separated.
        known: String,
    },
    /// Metadata and values are for different metrics.
    #[error("metadata for metric {meta:?} was paired with values for {values:?}")]
    Mismatch {
        /// The metadata's id.
        meta: String,
        /// The values file's id.
        values: String,
    },
    /// The engine refused the input (an unknown area, a repeated value, ...).
    #[error("{}", join(.0))]
    Dataset(Vec<DatasetError>),
}

fn join(problems: &[DatasetError]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The engine's input for a whole bundle: every area, the context table and published groups
/// when given, and one series per values file in `metrics`.
///
/// Each values file is matched to its metadata in `manifest` by id; a file the manifest does
/// not list is an error.
pub fn dataset_input(
    manifest: &Manifest,
    areas: &Areas,
    context: Option<&ContextTable>,
    groups: Option<&PeerGroups>,
    metrics: &[&MetricValues],
) -> Result<DatasetInput, ConversionError> {
    let mut builder = DatasetBuilder::new(areas, context, groups);
    for values in metrics {
        builder.add_metric(manifest, values)?;
    }
    Ok(builder.into_input())
}

/// Collects the engine's input one metric file at a time.
///
/// [`DatasetBuilder::new`] converts the areas, context and published groups (linear in their
/// size); [`DatasetBuilder::add_metric`] converts one values file, `O(values × log periods)`,
/// and touches nothing else. [`DatasetBuilder::build`] hands the input to [`Dataset::new`],
/// which validates and indexes all of it; to grow a dataset that is already built, convert the
/// new file with [`metric_series`] and call [`Dataset::insert_metric`] instead.
///
/// ```
/// use yardstick_bundle::{DatasetBuilder, parse_areas, parse_manifest, parse_metric_values};
/// # let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1/minimal/");
/// # let read = |name: &str| std::fs::read(format!("{fixtures}{name}")).unwrap();
/// let manifest = parse_manifest(&read("manifest.json")).unwrap();
/// let areas = parse_areas(&read("areas.json")).unwrap();
/// let mut builder = DatasetBuilder::new(&areas, None, None);
/// let values = parse_metric_values(&read(&manifest.metrics[0].file.path)).unwrap();
/// builder.add_metric(&manifest, &values).unwrap();
/// let dataset = builder.build().unwrap();
/// assert_eq!(dataset.metrics().count(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatasetBuilder {
    input: DatasetInput,
}

impl DatasetBuilder {
    /// Starts from a bundle's areas, and its context table and published groups if loaded.
    pub fn new(areas: &Areas, context: Option<&ContextTable>, groups: Option<&PeerGroups>) -> Self {
        Self {
            input: DatasetInput {
                areas: areas.iter().map(area).collect(),
                context: context.map(context_table).unwrap_or_default(),
                published: groups.map(published_groups).unwrap_or_default(),
                metrics: Vec::new(),
            },
        }
    }

    /// Adds one values file, with its metadata from `manifest`.
    pub fn add_metric(
        &mut self,
        manifest: &Manifest,
        values: &MetricValues,
    ) -> Result<&mut Self, ConversionError> {
        let meta =
            manifest
                .metric(&values.metric)
                .ok_or_else(|| ConversionError::UnknownMetric {
                    id: values.metric.clone(),
                    known: manifest
                        .metrics
                        .iter()
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
        self.input.metrics.push(metric_series(meta, values)?);
        Ok(self)
    }

    /// The input so far.
    pub fn input(&self) -> &DatasetInput {
        &self.input
    }

    /// The input, for callers that build the [`Dataset`] themselves.
    pub fn into_input(self) -> DatasetInput {
        self.input
    }

    /// Validates and indexes the input (see [`Dataset::new`] for the cost).
    pub fn build(self) -> Result<Dataset, ConversionError> {
        Dataset::new(self.input).map_err(ConversionError::Dataset)
    }
}

/// An area as the engine sees it: code, name, type, region, parent county, and the days it
/// was in force.
///
/// Aggregates (England, regions) and areas no longer in force are kept: values for past
/// periods are published under old codes, a metric's service scope (its area types) decides
/// who is compared, and the area's dates decide in which periods. An area's `end` is its last
/// day in force (Cumbria's is 31 March 2023).
pub fn area(area: &Area) -> stats::Area {
    stats::Area {
        code: area.code.clone(),
        name: area.name.clone(),
        area_type: area.area_type.clone(),
        region: area.region.clone(),
        parent: area.parent.clone(),
        in_force: area.end.is_none(),
        first_day: area.start.map(Date::day_number),
        last_day: area.end.map(Date::day_number),
    }
}

/// The context table, with the bundle's suggested log transform carried over.
pub fn context_table(table: &ContextTable) -> stats::ContextTable {
    stats::ContextTable {
        variables: table
            .variables
            .iter()
            .map(|variable| stats::ContextVariable {
                id: variable.id.clone(),
                log_suggested: variable.transform == Transform::Log,
            })
            .collect(),
        rows: table
            .rows
            .iter()
            .map(|row| stats::ContextRow {
                area: row.area.clone(),
                values: row.values.clone(),
            })
            .collect(),
    }
}

/// Published neighbour lists, ranked 1 (closest) onwards in the order published, with DfE's
/// closeness band as its label ("Very close").
pub fn published_groups(groups: &PeerGroups) -> Vec<PublishedGroups> {
    groups
        .groups
        .iter()
        .map(|group| PublishedGroups {
            id: group.id.clone(),
            title: group.title.clone(),
            lists: group
                .members
                .iter()
                .map(|member| {
                    let neighbours = member
                        .neighbours
                        .iter()
                        .zip(1..)
                        .map(|(neighbour, rank)| PublishedNeighbour {
                            code: neighbour.area.clone(),
                            rank,
                            band: neighbour.closeness.map(|c| closeness_label(c).to_owned()),
                        })
                        .collect();
                    (member.area.clone(), neighbours)
                })
                .collect(),
        })
        .collect()
}

/// DfE's wording of a closeness band.
pub fn closeness_label(closeness: Closeness) -> &'static str {
    match closeness {
        Closeness::ExtremelyClose => "Extremely close",
        Closeness::VeryClose => "Very close",
        Closeness::Close => "Close",
        Closeness::SomewhatClose => "Somewhat close",
        Closeness::NotClose => "Not close",
    }
}

/// A metric's identity and comparison rules: title, polarity, kind, and the area types that
/// provide its service.
pub fn metric(meta: &MetricMeta) -> Metric {
    Metric {
        id: meta.id.clone(),
        title: meta.title.clone(),
        polarity: meta.polarity,
        kind: metric_kind(meta),
        service: ServiceScope::area_types(meta.area_types.iter().cloned()),
    }
}

/// The engine's kind for a metric, from its value type.
///
/// The kind only chooses how an interval is computed *from counts*; a value without a
/// numerator and denominator falls back to the publisher's 95% limits, or to none, whatever
/// the kind. So the mapping can follow the value type alone:
///
/// - a percentage is a proportion × 100 (Wilson score interval when counts are published);
/// - a rate per `rate_per` is a crude rate with that multiplier (Poisson limits on the events);
/// - a count is a count of events (exact Poisson under 10, Byar's otherwise);
/// - a ratio, an amount of money, a score or any other quantity is `Other`: the bundle's
///   ratios are one quantity over another (house prices to earnings), not observed over
///   expected events, so no count-based interval applies.
pub fn metric_kind(meta: &MetricMeta) -> MetricKind {
    match (meta.value_type, meta.rate_per) {
        (ValueType::Percentage, _) => MetricKind::Proportion { multiplier: 100.0 },
        (ValueType::Rate, Some(per)) => MetricKind::CrudeRate {
            multiplier: f64::from(per),
        },
        (ValueType::Count, _) => MetricKind::Count,
        (ValueType::Rate, None)
        | (ValueType::Ratio, _)
        | (ValueType::Currency, _)
        | (ValueType::Score, _)
        | (ValueType::Quantity, _) => MetricKind::Other,
    }
}

/// One metric's series: every period the values file holds (a value or a status), oldest
/// first, each labelled with its ISO id (see [`period_from_label`]).
///
/// Only the file's periods are used, not the manifest's list: a file may hold the latest
/// period alone (a first view need not download the history), and a period it does not hold
/// must be absent rather than appear with every value missing. To add the history later,
/// convert the full file and [`Dataset::insert_metric`] replaces the series.
pub fn metric_series(
    meta: &MetricMeta,
    values: &MetricValues,
) -> Result<MetricSeries, ConversionError> {
    if meta.id != values.metric {
        return Err(ConversionError::Mismatch {
            meta: meta.id.clone(),
            values: values.metric.clone(),
        });
    }
    let mut periods: BTreeMap<Period, Vec<(AreaCode, stats::MetricValue)>> = BTreeMap::new();
    for value in values.values() {
        periods
            .entry(value.period)
            .or_default()
            .push((value.area.clone(), metric_value(&value.reading)));
    }
    Ok(MetricSeries {
        metric: metric(meta),
        periods: periods
            .into_iter()
            .map(|(period, values)| PeriodValues {
                label: period_label(period),
                span: period_span(period),
                values,
            })
            .collect(),
    })
}

/// The engine's label for a period: its ISO 8601 id, as on the wire.
pub fn period_label(period: Period) -> String {
    period.to_string()
}

/// The engine's span of a period: its first and last day as day numbers
/// ([`Date::day_number`]) and its length in months (0 for a single date).
pub fn period_span(period: Period) -> stats::Span {
    // A period never ends before it starts, so the order is already right.
    stats::Span::ordered(
        period.start().day_number(),
        period.end().day_number(),
        period.length_in_months(),
    )
}

/// The period an engine label stands for (the inverse of [`period_label`]).
pub fn period_from_label(label: &str) -> Option<Period> {
    Period::parse_iso(label).ok()
}

/// A reading as the engine's value: the number with its counts, limits and qualifier, or
/// the typed reason it is missing.
pub fn metric_value(reading: &Reading) -> stats::MetricValue {
    match reading {
        Reading::Published(estimate) => stats::MetricValue {
            value: Observation::Value(estimate.value),
            numerator: estimate.numerator,
            denominator: estimate.denominator,
            standard_deviation: None,
            lower_95: estimate.lower,
            upper_95: estimate.upper,
            qualifier: estimate.qualifier,
        },
        Reading::Missing(reason) => stats::MetricValue::missing(*reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MissingReason, Qualifier};
    use crate::{parse_areas, parse_context, parse_manifest, parse_metric_values};
    use crate::{parse_peer_groups, values::Estimate};

    fn estimate(value: f64) -> Estimate {
        Estimate {
            value,
            numerator: None,
            denominator: None,
            lower: None,
            upper: None,
            qualifier: None,
        }
    }

    fn check_value(reading: Reading, expected: stats::MetricValue) {
        assert_eq!(metric_value(&reading), expected, "{reading:?}");
    }

    #[test]
    fn readings_keep_counts_limits_qualifiers_and_typed_missing() {
        check_value(
            Reading::Published(estimate(41.3)),
            stats::MetricValue::new(41.3),
        );
        check_value(
            Reading::Published(Estimate {
                numerator: Some(37.0),
                denominator: Some(212.0),
                lower: Some(12.9),
                upper: Some(23.1),
                qualifier: Some(Qualifier::Provisional),
                ..estimate(17.5)
            }),
            stats::MetricValue::new(17.5)
                .with_counts(37.0, 212.0)
                .with_limits(12.9, 23.1)
                .with_qualifier(Some(Qualifier::Provisional)),
        );
        for qualifier in [
            Qualifier::Revised,
            Qualifier::Estimated,
            Qualifier::LowReliability,
        ] {
            check_value(
                Reading::Published(Estimate {
                    qualifier: Some(qualifier),
                    ..estimate(1.0)
                }),
                stats::MetricValue::new(1.0).with_qualifier(Some(qualifier)),
            );
        }
        for reason in [
            MissingReason::Suppressed,
            MissingReason::NotAvailable,
            MissingReason::NotApplicable,
        ] {
            check_value(
                Reading::Missing(reason),
                stats::MetricValue::missing(reason),
            );
        }
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/v1/minimal/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn manifest() -> Manifest {
        parse_manifest(&fixture("manifest.json")).unwrap()
    }

    #[test]
    fn kinds_follow_value_types() {
        let mut meta = manifest().metrics.remove(0);
        let mut check = |value_type, rate_per, expected| {
            meta.value_type = value_type;
            meta.rate_per = rate_per;
            assert_eq!(metric_kind(&meta), expected, "{value_type:?} {rate_per:?}");
        };
        check(
            ValueType::Percentage,
            None,
            MetricKind::Proportion { multiplier: 100.0 },
        );
        check(
            ValueType::Rate,
            Some(100_000),
            MetricKind::CrudeRate {
                multiplier: 100_000.0,
            },
        );
        check(ValueType::Rate, None, MetricKind::Other);
        check(ValueType::Count, None, MetricKind::Count);
        check(ValueType::Ratio, None, MetricKind::Other);
        check(ValueType::Currency, None, MetricKind::Other);
        check(ValueType::Score, None, MetricKind::Other);
        check(ValueType::Quantity, None, MetricKind::Other);
    }

    #[test]
    fn metric_carries_polarity_and_service_scope() {
        let manifest = manifest();
        for meta in &manifest.metrics {
            let converted = metric(meta);
            assert_eq!(converted.id, meta.id);
            assert_eq!(converted.title, meta.title);
            assert_eq!(converted.polarity, meta.polarity);
            let ServiceScope::AreaTypes(types) = &converted.service else {
                panic!("{}: every bundle metric names its area types", meta.id);
            };
            let mut expected = meta.area_types.clone();
            expected.sort();
            assert_eq!(types.iter().cloned().collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn series_has_every_period_in_order_with_iso_labels() {
        let manifest = manifest();
        let meta = &manifest.metrics[0];
        let values = parse_metric_values(&fixture(&meta.file.path)).unwrap();
        let series = metric_series(meta, &values).unwrap();
        let labels: Vec<&str> = series.periods.iter().map(|p| p.label.as_str()).collect();
        let expected: Vec<String> = values.periods().iter().map(ToString::to_string).collect();
        assert_eq!(labels, expected);
        for period in &series.periods {
            let back = period_from_label(&period.label).unwrap();
            assert_eq!(back.to_string(), period.label);
            let in_file = values.for_period(back).count();
            assert_eq!(period.values.len(), in_file, "{}", period.label);
        }
        let count: usize = series.periods.iter().map(|p| p.values.len()).sum();
        assert_eq!(count, values.values().len());
    }

    #[test]
    fn a_latest_period_file_gives_only_that_period() {
        let manifest = manifest();
        let meta = &manifest.metrics[0];
        let all = parse_metric_values(&fixture(&meta.file.path)).unwrap();
        let latest: Vec<_> = all.for_period(meta.latest_period).cloned().collect();
        let latest = MetricValues::new(meta.id.clone(), latest).unwrap();
        let series = metric_series(meta, &latest).unwrap();
        let labels: Vec<&str> = series.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, [meta.latest_period.to_string()]);
    }

    #[test]
    fn period_labels_round_trip() {
        for text in [
            "2022-04-01/P1Y",
            "2025-03-31",
            "2022-01-01/P3Y",
            "2024-01-01/P3M",
        ] {
            let period = Period::parse_iso(text).unwrap();
            assert_eq!(period_label(period), text);
            assert_eq!(period_from_label(text), Some(period));
        }
        assert_eq!(period_from_label("2022-23"), None);
    }

    #[test]
    fn period_spans_count_days_from_1970_and_keep_the_length() {
        // Day numbers from Python's `(date - date(1970, 1, 1)).days`.
        for (text, first, last, months) in [
            ("2019-01-01/P3Y", 17_897, 18_992, 36),
            ("2022-04-01/P1Y", 19_083, 19_447, 12),
            ("2025-03-31", 20_178, 20_178, 0),
        ] {
            let span = period_span(Period::parse_iso(text).unwrap());
            assert_eq!(
                (span.first(), span.last(), span.months()),
                (first, last, months),
                "{text}"
            );
        }
        let manifest = manifest();
        let meta = &manifest.metrics[0];
        let values = parse_metric_values(&fixture(&meta.file.path)).unwrap();
        for period in metric_series(meta, &values).unwrap().periods {
            let iso = period_from_label(&period.label).unwrap();
            assert_eq!(period.span, period_span(iso));
        }
    }

    #[test]
    fn mismatched_or_unlisted_metric_is_an_error() {
        let manifest = manifest();
        let meta = &manifest.metrics[0];
        let mut values = parse_metric_values(&fixture(&meta.file.path)).unwrap();
        values.metric = "not-in-the-manifest".to_owned();
        assert!(matches!(
            metric_series(meta, &values),
            Err(ConversionError::Mismatch { .. })
        ));
        let areas = parse_areas(&fixture("areas.json")).unwrap();
        let error = dataset_input(&manifest, &areas, None, None, &[&values]).unwrap_err();
        assert!(matches!(error, ConversionError::UnknownMetric { .. }));
        assert!(error.to_string().contains(&meta.id), "{error}");
    }

    #[test]
    fn whole_fixture_bundle_builds_a_dataset() {
        let manifest = manifest();
        let areas = parse_areas(&fixture("areas.json")).unwrap();
        let context = parse_context(&fixture("context.json")).unwrap();
        let groups = parse_peer_groups(&fixture("peer-groups.json")).unwrap();
        let values: Vec<MetricValues> = manifest
            .metrics
            .iter()
            .map(|m| parse_metric_values(&fixture(&m.file.path)).unwrap())
            .collect();
        let refs: Vec<&MetricValues> = values.iter().collect();
        let input = dataset_input(&manifest, &areas, Some(&context), Some(&groups), &refs).unwrap();
        assert_eq!(input.areas.len(), areas.len());
        assert_eq!(input.context.variables.len(), context.variables.len());
        assert_eq!(input.context.rows.len(), context.rows.len());
        assert_eq!(input.published.len(), groups.groups.len());
        for (converted, group) in input.published.iter().zip(&groups.groups) {
            for ((area, list), member) in converted.lists.iter().zip(&group.members) {
                assert_eq!(area, &member.area);
                let codes: Vec<&AreaCode> = list.iter().map(|n| &n.code).collect();
                let published: Vec<&AreaCode> = member.neighbours.iter().map(|n| &n.area).collect();
                assert_eq!(codes, published);
                let ranks: Vec<u32> = list.iter().map(|n| n.rank).collect();
                assert_eq!(ranks, (1..=list.len() as u32).collect::<Vec<_>>());
            }
        }
        let dataset = Dataset::new(input).unwrap();
        assert_eq!(dataset.metrics().count(), manifest.metrics.len());
        // Every published number reaches the engine unchanged.
        for (meta, values) in manifest.metrics.iter().zip(&values) {
            for value in values.values() {
                let engine = dataset
                    .value(&meta.id, &period_label(value.period), &value.area)
                    .unwrap();
                assert_eq!(engine, &metric_value(&value.reading));
            }
        }
    }

    #[test]
    fn published_lists_keep_order_ranks_and_bands() {
        use crate::groups::{Neighbour, PeerGroup, PeerGroupMember};
        let source = manifest().metrics.remove(0).source;
        let neighbour = |code: &str, closeness| Neighbour {
            area: AreaCode::from(code),
            closeness,
        };
        let groups = PeerGroups {
            groups: vec![PeerGroup {
                id: "dfe".to_owned(),
                title: "DfE statistical neighbours".to_owned(),
                description: String::new(),
                source,
                built_for: Vec::new(),
                members: vec![PeerGroupMember {
                    area: AreaCode::from("E06000001"),
                    neighbours: vec![
                        neighbour("E06000003", Some(Closeness::ExtremelyClose)),
                        neighbour("E06000002", Some(Closeness::SomewhatClose)),
                        neighbour("E07000001", None),
                    ],
                }],
            }],
        };
        let expected = vec![PublishedGroups {
            id: "dfe".to_owned(),
            title: "DfE statistical neighbours".to_owned(),
            lists: vec![(
                AreaCode::from("E06000001"),
                vec![
                    PublishedNeighbour {
                        code: AreaCode::from("E06000003"),
                        rank: 1,
                        band: Some("Extremely close".to_owned()),
                    },
                    PublishedNeighbour {
                        code: AreaCode::from("E06000002"),
                        rank: 2,
                        band: Some("Somewhat close".to_owned()),
                    },
                    PublishedNeighbour {
                        code: AreaCode::from("E07000001"),
                        rank: 3,
                        band: None,
                    },
                ],
            )],
        }];
        assert_eq!(published_groups(&groups), expected);
    }

    #[test]
    fn areas_keep_type_region_and_parent() {
        let areas = parse_areas(&fixture("areas.json")).unwrap();
        for a in areas.iter() {
            let converted = area(a);
            assert_eq!(
                (
                    &converted.code,
                    &converted.name,
                    &converted.area_type,
                    &converted.region,
                    &converted.parent
                ),
                (&a.code, &a.name, &a.area_type, &a.region, &a.parent)
            );
            assert_eq!(converted.first_day, a.start.map(Date::day_number));
            assert_eq!(converted.last_day, a.end.map(Date::day_number));
            assert_eq!(converted.in_force, a.end.is_none());
        }
    }

    #[test]
    fn inserting_a_metric_later_equals_building_with_it() {
        let manifest = manifest();
        let areas = parse_areas(&fixture("areas.json")).unwrap();
        let values: Vec<MetricValues> = manifest
            .metrics
            .iter()
            .map(|m| parse_metric_values(&fixture(&m.file.path)).unwrap())
            .collect();
        let mut builder = DatasetBuilder::new(&areas, None, None);
        for v in &values {
            builder.add_metric(&manifest, v).unwrap();
        }
        let whole = builder.build().unwrap();
        let mut grown = DatasetBuilder::new(&areas, None, None).build().unwrap();
        for (meta, v) in manifest.metrics.iter().zip(&values).rev() {
            grown
                .insert_metric(metric_series(meta, v).unwrap())
                .unwrap();
        }
        let ids = |d: &Dataset| d.metrics().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&grown), ids(&whole));
        for meta in &manifest.metrics {
            assert_eq!(grown.periods(&meta.id), whole.periods(&meta.id));
            for label in whole.periods(&meta.id).unwrap() {
                for a in areas.iter() {
                    assert_eq!(
                        grown.value(&meta.id, label, &a.code),
                        whole.value(&meta.id, label, &a.code)
                    );
                }
            }
        }
    }
}
