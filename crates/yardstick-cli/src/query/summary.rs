//! `yardstick summary`: every metric's latest figures for one area.

use std::path::Path;

use anyhow::Result;
use yardstick_bundle::{AreaCode, MetricMeta};
use yardstick_stats::{CompareOptions, NotCalculated, Summary, SummaryRow};

use yardstick_present::{format, words};

use crate::json::{self, Reason, summary::SummaryOutput, words as json_words};

use super::text::{self, pairs, table};
use super::{Bundle, Format, Wanted, parse_spec, period_text, resolve_area};

/// Runs `yardstick summary`; the JSON is [`SummaryOutput`], converted from the engine's
/// [`Summary`].
pub fn run(dir: &Path, area: &str, group: &str, format: Format) -> Result<String> {
    let spec = parse_spec(group)?;
    let manifest = Bundle::manifest(dir)?;
    let bundle = Bundle::load(dir, manifest, Wanted::AllMetrics)?;
    let code = resolve_area(&bundle.areas, area)?;
    let summary = bundle
        .dataset
        .summary(&code, &spec, CompareOptions::default())?;
    match format {
        Format::Json => json::render("summary", SummaryOutput::from(&summary)),
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
fn cells(meta: Option<&MetricMeta>, row: &SummaryRow, not_compared: Option<String>) -> Vec<String> {
    let shown = |v: &f64| meta.map_or_else(|| format::number(*v, 2), |m| format::value(m, *v));
    let period = row
        .period
        .as_ref()
        .map_or_else(|_| String::new(), |p| period_text(p));
    let Ok(value) = &row.value else {
        let why = not_compared.unwrap_or_else(|| {
            row.value
                .as_ref()
                .err()
                .map_or_else(String::new, |why| text::not_compared(*why))
        });
        return vec![row.metric.clone(), period, why];
    };
    vec![
        row.metric.clone(),
        period,
        format!("{}{}", shown(value), text::qualifier(row.qualifier)),
        text::or_reason(&row.group_median, shown),
        text::or_reason(&row.quartile_band, |b| text::band(*b).to_owned()),
        match &row.verdict {
            Ok(verdict) => format!(
                "{}, by the {}",
                words::verdict(*verdict).words,
                words::verdict_method_short(verdict.method)
            ),
            Err(reason) => words::not_calculated_note(*reason),
        },
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
            bundle.group_name(&summary.area, &summary.spec, None),
            summary.spec
        ),
    )]);
    text.push('\n');
    let rows: Vec<Vec<String>> = summary
        .rows
        .iter()
        .map(|row| {
            let meta = bundle.manifest.metric(&row.metric);
            // Why the council has no place in this metric, in the widget's words.
            let why = meta
                .zip(bundle.areas.get(&summary.area))
                .and_then(|(meta, area)| {
                    yardstick_bundle::not_compared(meta, area, &bundle.areas).map(|why| {
                        words::not_compared(
                            &why,
                            area,
                            meta.subject(),
                            &bundle.manifest,
                            &bundle.areas,
                        )
                        .1
                    })
                });
            cells(meta, row, why)
        })
        .collect();
    text += &table(
        &[
            "metric",
            "period",
            "value",
            "group median",
            "quartile band",
            "compared with the group",
            "since previous",
            "recent trend",
        ],
        &rows,
    );
    text
}

fn as_csv(summary: &Summary) -> Result<String> {
    // The words and reasons of the JSON output.
    let reason = |why: Option<&NotCalculated>| why.map_or("", |why| Reason::from(*why).reason);
    let word = |w: Option<&'static str>| w.unwrap_or_default().to_owned();
    let rows: Vec<Vec<String>> = summary
        .rows
        .iter()
        .map(|row| {
            vec![
                row.metric.clone(),
                row.period.clone().unwrap_or_default(),
                row.period
                    .as_ref()
                    .map_or_else(|_| String::new(), |p| period_text(p)),
                text::csv_number(row.value),
                text::csv_number(row.group_median),
                word(row.quartile_band.ok().map(json_words::quartile_band)),
                word(
                    row.comparison
                        .as_ref()
                        .ok()
                        .map(|c| json_words::judgement(c.judgement)),
                ),
                word(
                    row.verdict
                        .as_ref()
                        .ok()
                        .map(|v| json_words::judgement(v.judgement)),
                ),
                word(
                    row.verdict
                        .as_ref()
                        .ok()
                        .map(|v| json_words::verdict_method(v.method)),
                ),
                word(row.direction.ok().map(json_words::travel)),
                word(
                    row.trend
                        .as_ref()
                        .ok()
                        .map(|t| json_words::trend_marker(t.marker)),
                ),
                reason(row.value.as_ref().err()).to_owned(),
                reason(row.comparison.as_ref().err()).to_owned(),
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
            "verdict",
            "verdict_method",
            "direction",
            "recent_trend",
            "value_not_calculated",
            "comparison_not_calculated",
        ],
        &rows,
    )
}
