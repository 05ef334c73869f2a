//! The trend view: the council's series against its group's median and interquartile range,
//! the direction of travel, the recent-trend test and the trend relative to the group.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::Manifest;

use super::chart_figure::{ChartFigure, KeyEntry, Renderer};
use super::data_table::DataTable;
use super::source_note::SourceNote;
use crate::charts::export::ExportText;
use crate::charts::trend_line;
use yardstick_present::model::metric::{chart_notes, file_stem};
use yardstick_present::model::trend::TrendModel;

/// The trend view.
#[component]
pub fn TrendView(
    /// The bundle's manifest.
    manifest: Manifest,
    /// What to show.
    model: TrendModel,
) -> impl IntoView {
    let input = model.chart();
    let has_provisional = input
        .points
        .iter()
        .flatten()
        .any(|p| p.marker != trend_line::MarkerKind::Plain);
    let render: Renderer = Arc::new(move |width| {
        let mut sized = input.clone();
        sized.width = width;
        trend_line::render_svg(&trend_line::layout(&sized))
    });
    let mut key = vec![
        KeyEntry {
            swatch: "ys-key__swatch--line",
            label: format!("{} (solid line, filled dots)", model.area.name),
        },
        KeyEntry {
            swatch: "ys-key__swatch--median",
            label: format!("Median of {} (dashed line)", model.group_name),
        },
        KeyEntry {
            swatch: "ys-key__swatch--band",
            label: "Middle half of the group, lower to upper quartile (shaded band)".to_owned(),
        },
    ];
    if has_provisional {
        key.push(KeyEntry {
            swatch: "ys-key__swatch--hollow",
            label: "Provisional figure (hollow dot); revised figure (square)".to_owned(),
        });
    }
    let findings = model
        .findings()
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    let spec = model.latest.group.spec.to_string();
    let first = model.rows.first().map(|r| r.period.label());
    let last = model.rows.last().map(|r| r.period.label());
    let periods = match (first, last) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(only), _) => only,
        _ => String::new(),
    };
    let stem = file_stem(&[
        model.area.code.as_str(),
        &model.metric.id,
        &periods,
        &spec,
        "trend",
    ]);
    let caption = format!(
        "{}: {} against the median of {}",
        model.metric.short_title, model.area.name, model.group_name
    );
    let export = ExportText {
        title: caption.clone(),
        subtitle: vec![
            format!("Periods: {periods}"),
            format!("Peer group: {} ({spec})", model.group_name),
        ],
        key: Vec::new(),
        notes: chart_notes(&manifest, &model.metric),
    };
    let table = model.table(&manifest);
    let latest = model
        .rows
        .last()
        .map_or(model.metric.latest_period, |r| r.period);
    view! {
        <section class="ys-view">
            <h2 class="ys-view__title">
                {model.metric.title.clone()} " over time: " {model.area.name.clone()}
            </h2>
            <ul class="ys-findings" data-testid="findings">{findings}</ul>
            <ChartFigure
                render=render
                caption=caption
                description=model.description()
                key=key
                file_stem=stem.clone()
                export=export
            />
            // After the chart, as on the compare view, so a phone shows the chart sooner.
            {super::group_choice::group_choice(
                &model.area,
                &model.latest.group.spec,
                &model.group_name,
                Some(yardstick_present::words::GroupSize::of(model.latest.group.peers)),
                Some(&model.metric),
            )}
            <SourceNote manifest=manifest.clone() metric=model.metric.clone() period=latest />
            <DataTable table=table file_stem=stem />
        </section>
    }
}
