//! `yardstick summary`: every metric's latest figures for one area.

use std::path::Path;

use anyhow::Result;
use yardstick_bundle::{AreaCode, MetricMeta};
use yardstick_stats::{CompareOptions, NotCalculated, Summary, SummaryRow};

use yardstick_present::format;

use super::text::{self, pairs, table};
use super::{Bundle, Format, Wanted, parse_spec, period_text, resolve_area};

/// Runs `yardstick summary`; the JSON is the engine's [`Summary`].
pub fn run(dir: &Path, area: &str, group: &str, format: Format) -> Result<String> {
    let spec = parse_spec(group)?;
    let manifest = Bundle::manifest(dir)?;
    let bundle = Bundle::load(dir, manifest, Wanted::AllMetrics)?;
    let code = resolve_area(&bundle.areas, area)?;
    let summary = bundle
        .dataset
        .summary(&code, &spec, CompareOptions::default())?;
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(&summary)? + "\n"),
        Format::Table => Ok(as_table(&bundle, &summary)),
        Format::Csv => as_csv(&summary),
    }
}

fn name(bundle: &Bundle, code: &AreaCode) -> String {
    bundle
        .areas
        .get(code)
        .map_or_else(String::new, |a| a.name.clone())
}

/// The row's figures in the metric's units, or "not compared: reason" once for the row when
/// it has no value.
fn cells(meta: Option<&MetricMeta>, row: &SummaryRow) -> Vec<String> {
    let shown = |v: &f64| meta.map_or_else(|| format::number(*v, 2), |m| format::value(m, *v));
    let period = row
        .period
        .as_ref()
        .map_or_else(|_| String::new(), |p| period_text(p));
    let Ok(value) = &row.value else {
        let why = row
            .value
            .as_ref()
            .err()
            .map_or_else(String::new, |why| text::not_compared(*why));
        return vec![row.metric.clone(), period, why];
    };
    vec![
        row.metric.clone(),
        period,
        format!("{}{}", shown(value), text::flags(&row.flags)),
        text::or_reason(&row.group_median, shown),
        text::or_reason(&row.quartile_band, |b| text::band(*b).to_owned()),
        text::comparison(&row.comparison),
        text::or_reason(&row.direction, |t| text::travel(*t).to_owned()),
        text::or_reason(&row.trend, |t| text::trend_marker(t.marker).to_owned()),
    ]
}

fn as_table(bundle: &Bundle, summary: &Summary) -> String {
    let mut text = format!(
        "{} ({}): every metric, latest period with a value\n",
        name(bundle, &summary.area),
        summary.area
    );
    text += &pairs(&[(
        "Compared with",
        format!(
            "{} ({})",
            bundle.group_name(&summary.area, &summary.spec),
            summary.spec
        ),
    )]);
    text.push('\n');
    let rows: Vec<Vec<String>> = summary
        .rows
        .iter()
        .map(|row| cells(bundle.manifest.metric(&row.metric), row))
        .collect();
    text += &table(
        &[
            "metric",
            "period",
            "value",
            "group median",
            "quartile band",
            "compared with the median",
            "since previous",
            "recent trend",
        ],
        &rows,
    );
    text
}

fn as_csv(summary: &Summary) -> Result<String> {
    // The engine's snake_case reason, as in its JSON.
    let reason = |why: Option<&NotCalculated>| {
        why.and_then(|why| serde_json::to_value(why).ok())
            .and_then(|v| v.get("reason").and_then(|r| r.as_str()).map(str::to_owned))
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = summary
        .rows
        .iter()
        .map(|row| {
            let word = |v: Option<serde_json::Value>| {
                v.and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            vec![
                row.metric.clone(),
                row.period.clone().unwrap_or_default(),
                row.period
                    .as_ref()
                    .map_or_else(|_| String::new(), |p| period_text(p)),
                text::csv_number(row.value),
                text::csv_number(row.group_median),
                word(
                    row.quartile_band
                        .ok()
                        .and_then(|b| serde_json::to_value(b).ok()),
                ),
                word(
                    row.comparison
                        .ok()
                        .and_then(|c| serde_json::to_value(c.judgement).ok()),
                ),
                word(
                    row.direction
                        .ok()
                        .and_then(|t| serde_json::to_value(t).ok()),
                ),
                word(
                    row.trend
                        .ok()
                        .and_then(|t| serde_json::to_value(t.marker).ok()),
                ),
                reason(row.value.as_ref().err()),
                reason(row.comparison.as_ref().err()),
            ]
        })
        .collect();
    text::csv(
        &[
            "metric",
            "period",
            "period_label",
            "value",
            "group_median",
            "quartile_band",
            "comparison",
            "direction",
            "recent_trend",
            "value_not_calculated",
            "comparison_not_calculated",
        ],
        &rows,
    )
}
