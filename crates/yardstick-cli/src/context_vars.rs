//! Context variables for nearest-neighbour peer groups: population, deprivation and others,
//! one row per area.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use yardstick_bundle::{
    AreaCode, ContextRow, ContextTable, ContextVariable, MetricValues, Period, Reading, Transform,
};

use crate::config::{ContextConfig, ContextFrom, KeyKind};
use crate::report::{Input, Rejection, Report};
use crate::sources::lookup::AreaLookup;
use crate::sources::period_label::{YearType, parse_source_label};
use crate::sources::{CsvFile, parse_number, round_to_places};

/// Builds the context table: every configured variable for every area that has any.
pub fn build(
    configs: &[ContextConfig],
    base: &Path,
    lookup: &AreaLookup,
    metrics: &[MetricValues],
    report: &mut Report,
) -> Result<ContextTable> {
    let mut variables = Vec::new();
    let mut columns: Vec<BTreeMap<AreaCode, f64>> = Vec::new();
    for config in configs {
        let mut latest_period = None;
        let column = match &config.from {
            ContextFrom::Population => lookup
                .areas
                .iter()
                .filter_map(|a| Some((a.code.clone(), a.population?.value as f64)))
                .collect(),
            ContextFrom::PopulationDensity => lookup
                .areas
                .iter()
                .filter_map(|a| {
                    let km2 = lookup.area_km2.get(&a.code)?;
                    let people = a.population?.value as f64;
                    // Derived here, published by no one, so no publisher's file can disagree:
                    // one place (a tenth of a person per square kilometre) rather than the 17
                    // digits of a division. docs/bundle-format.md (context.json) says so.
                    Some((a.code.clone(), round_to_places(people / km2, 1)))
                })
                .collect(),
            ContextFrom::Csv {
                file,
                key_column,
                key,
                value_column,
                counties_by_weighted_mean,
            } => {
                let input = Input::new(&base.join(file), format!("context variable {}", config.id));
                let mut column =
                    read_column(&input, key_column, *key, value_column, lookup, report)?;
                if *counties_by_weighted_mean {
                    weighted_county_means(&mut column, lookup);
                }
                column
            }
            ContextFrom::Metric { metric } => {
                let values = metrics
                    .iter()
                    .find(|m| &m.metric == metric)
                    .with_context(|| {
                        format!("context {}: no metric {metric:?} in this bundle", config.id)
                    })?;
                latest_period = values.periods().last().copied();
                values
                    .values()
                    .iter()
                    .filter(|v| Some(v.period) == latest_period)
                    .filter_map(|v| match v.reading {
                        Reading::Published(e) => Some((v.area.clone(), e.value)),
                        Reading::Missing(_) => None,
                    })
                    .collect()
            }
        };
        let configured: Option<Period> = config
            .period
            .as_deref()
            .map(|p| parse_source_label(p, YearType::Unspecified).map(|read| read.period))
            .transpose()
            .with_context(|| format!("context {}: period", config.id))?;
        // A variable taken from a metric is for the metric's latest period.
        let period = configured.or(latest_period);
        variables.push(ContextVariable {
            id: config.id.clone(),
            title: config.title.clone(),
            description: config.description.clone(),
            unit: config.unit.clone(),
            period,
            source: config.source.clone(),
            transform: if config.log {
                Transform::Log
            } else {
                Transform::None
            },
        });
        columns.push(column);
    }
    let areas: BTreeSet<&AreaCode> = columns.iter().flat_map(BTreeMap::keys).collect();
    let rows = areas
        .into_iter()
        .map(|area| ContextRow {
            area: area.clone(),
            values: columns.iter().map(|c| c.get(area).copied()).collect(),
        })
        .collect();
    Ok(ContextTable { variables, rows })
}

fn read_column(
    input: &Input,
    key_column: &str,
    key: KeyKind,
    value_column: &str,
    lookup: &AreaLookup,
    report: &mut Report,
) -> Result<BTreeMap<AreaCode, f64>> {
    let mut csv = CsvFile::open(&input.path)?;
    let (key_index, value_index) = (csv.column(key_column)?, csv.column(value_column)?);
    // Each area's value, with the line it came from and whether it came under a former code.
    let mut column: BTreeMap<AreaCode, (u64, f64, bool)> = BTreeMap::new();
    while let Some(row) = csv.next_counted(input, report) {
        let text = row.get(key_index);
        let (code, recoded) = match key {
            KeyKind::Gss => match lookup.resolve(text) {
                Some(resolved) => {
                    let recoded = !matches!(resolved, crate::sources::lookup::Resolved::Current(_));
                    (resolved.code().clone(), recoded)
                }
                None => {
                    match lookup.skip_reason(text) {
                        Some(reason) => report.skipped(input, reason),
                        None => report.reject(
                            input,
                            row.line,
                            Rejection::UnknownArea,
                            format!("area {text:?}"),
                        ),
                    }
                    continue;
                }
            },
            KeyKind::Mysociety => match lookup.by_mysociety_code(text) {
                Some(code) => (code.clone(), false),
                None => {
                    report.reject(
                        input,
                        row.line,
                        Rejection::UnknownArea,
                        format!("mySociety code {text:?}"),
                    );
                    continue;
                }
            },
        };
        if row.get(value_index).is_empty() {
            // The publisher gives no figure for this area: the variable is unknown for it.
            report.skipped(input, "no value given (left unknown)");
            continue;
        }
        let Some(value) = parse_number(row.get(value_index)) else {
            report.reject(
                input,
                row.line,
                Rejection::NotANumber,
                format!("{:?}", row.get(value_index)),
            );
            continue;
        };
        if let Some((earlier, earlier_value, earlier_recoded)) = column.get(&code) {
            if *earlier_value == value {
                report.merged(input, "identical duplicate of another row");
                continue;
            }
            // Neither is kept: take back the earlier row's count and reject both.
            let earlier = *earlier;
            if *earlier_recoded {
                report.unmerge(input, "same-area recode onto the current code");
            } else {
                report.unkeep(input);
            }
            column.remove(&code);
            for line in [earlier, row.line] {
                report.reject(
                    input,
                    line,
                    Rejection::ConflictingDuplicate,
                    format!("{code} given twice with different values; neither is kept"),
                );
            }
            continue;
        }
        column.insert(code.clone(), (row.line, value, recoded));
        if recoded {
            report.merged(input, "same-area recode onto the current code");
        } else {
            report.kept(input);
        }
    }
    Ok(column
        .into_iter()
        .map(|(code, (_, value, _))| (code, value))
        .collect())
}

/// Counties get the population-weighted mean of their current districts, when every district
/// has both a value and a population (deprivation is published for districts only). The mean
/// is derived, not published, so the noise of its arithmetic is removed (`denoise`).
fn weighted_county_means(column: &mut BTreeMap<AreaCode, f64>, lookup: &AreaLookup) {
    let mut sums: BTreeMap<AreaCode, (f64, f64, bool)> = BTreeMap::new();
    for area in lookup.areas.iter().filter(|a| a.is_current()) {
        let Some(parent) = &area.parent else { continue };
        let entry = sums.entry(parent.clone()).or_insert((0.0, 0.0, true));
        match (column.get(&area.code), area.population) {
            (Some(value), Some(population)) => {
                entry.0 += value * population.value as f64;
                entry.1 += population.value as f64;
            }
            _ => entry.2 = false,
        }
    }
    for (county, (weighted, population, complete)) in sums {
        let is_current_county = lookup.areas.get(&county).is_some_and(|a| a.is_current());
        if complete && population > 0.0 && is_current_county && !column.contains_key(&county) {
            column.insert(county, crate::sources::denoise(weighted / population));
        }
    }
}
