//! The compare view: one council among its peer group for one metric and period, with the
//! statistical comparison, the ranked bars, the distribution of every council responsible for
//! the service, the source and the table.
//!
//! A compact embed (`controls=none`) shows only the verdict, the sentence, a short ranked
//! chart and the source, with a link to the full comparison; its `parts` add the statistics,
//! the distribution and the table back (`embed::Parts`).

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::{Manifest, Polarity};

use super::chart_figure::{ChartFigure, KeyEntry, Renderer};
use super::data_table::DataTable;
use super::outcome_badge::OutcomeBadge;
use super::source_note::SourceNote;
use crate::charts::export::ExportText;
use crate::charts::{dot_strip, ranked_bars};
use crate::embed::{Part, Parts};
use yardstick_present::model::metric::{MetricModel, chart_notes, file_stem};
use yardstick_present::words;

/// The compare view.
#[component]
pub fn MetricView(
    /// The bundle's manifest (licences, attribution, data version).
    manifest: Manifest,
    /// What to show.
    model: MetricModel,
    /// The parts shown besides the sentence, chart and source.
    parts: Parts,
    /// The full comparison's address, for a compact view to link to; `None` shows no link.
    full: Option<String>,
) -> impl IntoView {
    let compact = !parts.is_all();
    let polarity = match model.metric.polarity {
        Polarity::HigherIsBetter => "A higher figure is better.",
        Polarity::LowerIsBetter => "A lower figure is better.",
        Polarity::NoJudgement => "Neither a higher nor a lower figure is better in itself.",
    };
    let mut bars_input = model.bars();
    if compact {
        // A short chart has no room for the band as well; the full comparison draws it.
        bars_input.quartiles = None;
    }
    let band = bars_input.quartiles.is_some();
    let fit = if compact {
        ranked_bars::Fit::SHORT
    } else {
        ranked_bars::Fit::FULL
    };
    let bars: Renderer = Arc::new(move |width| {
        let mut input = bars_input.clone();
        input.width = width;
        ranked_bars::render_svg(&ranked_bars::layout_within(&input, fit))
    });
    let strip_input = model.strip();
    let strip: Renderer = Arc::new(move |width| {
        let mut input = strip_input.clone();
        input.width = width;
        dot_strip::render_svg(&dot_strip::layout(&input))
    });
    let period = model.period.label();
    let spec = model.comparison.group.spec.to_string();
    let stem_of = |chart: &str| {
        file_stem(&[
            model.area.code.as_str(),
            &model.metric.id,
            &period,
            &spec,
            chart,
        ])
    };
    let stem = stem_of("table");
    // What every downloaded chart of this view says around its drawing.
    let export_text = |title: String| ExportText {
        title,
        subtitle: vec![
            format!("Period: {period}"),
            format!("Peer group: {} ({spec})", model.group_name),
        ],
        key: Vec::new(),
        notes: chart_notes(&manifest, &model.metric),
    };
    let mut bar_key = vec![KeyEntry {
        swatch: "ys-key__swatch--chosen",
        label: format!("{} (outlined and pointed at)", model.area.name),
    }];
    if let Some(median) = model.median_text() {
        bar_key.push(KeyEntry {
            swatch: "ys-key__swatch--median",
            label: format!("Median of the group: {median} (dashed line)"),
        });
    }
    if band {
        bar_key.push(KeyEntry {
            swatch: "ys-key__swatch--band",
            label: "Middle half of the group, lower to upper quartile (shaded band)".to_owned(),
        });
    }
    if model.bars().bars.iter().any(|b| b.interval.is_some()) {
        bar_key.push(KeyEntry {
            swatch: "ys-key__swatch--whisker",
            label: "95% confidence interval (thin line across each bar end)".to_owned(),
        });
    }
    let strip_key = vec![
        KeyEntry {
            swatch: "ys-key__swatch--ring",
            label: format!("{} (large ringed dot)", model.area.name),
        },
        KeyEntry {
            swatch: "ys-key__swatch--peer",
            label: format!("In the peer group: {} (filled dots)", model.group_name),
        },
        KeyEntry {
            swatch: "ys-key__swatch--other",
            label: format!(
                "Other {} (hollow dots)",
                words::compared(Some(model.metric.subject()))
            ),
        },
    ];
    let statistics = model
        .statistics()
        .into_iter()
        .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
        .collect_view();
    let bars_caption = format!(
        "{}, {}: {} and {}, highest first",
        model.metric.short_title, period, model.area.name, model.group_name
    );
    let strip_caption = format!(
        "{}, {}: all {}",
        model.metric.short_title,
        period,
        words::compared(Some(model.metric.subject()))
    );
    let table = model.table(&manifest);
    let badge = model.badge();
    // A compact view says the verdict's method beside the badge, and its headline alone.
    let (summary, method) = if compact {
        (model.headline(), model.verdict_method())
    } else {
        (model.summary(), None)
    };
    view! {
        <section class=if compact { "ys-view ys-view--compact" } else { "ys-view" }>
            <h2 class="ys-view__title">
                // A compact view names the measure as briefly as its headline does.
                {if compact { model.metric.short_title.clone() } else { model.metric.title.clone() }}
                ": " {model.area.name.clone()}
            </h2>
            <OutcomeBadge badge=badge method=method />
            <p class="ys-summary" data-testid="summary">{summary}</p>
            {model.group_warning.clone().map(|warning| view! {
                <p class="ys-field__hint" data-testid="group-purpose">{warning}</p>
            })}
            <ChartFigure
                render=bars
                caption=if compact {
                    // The headline above names the measure and period.
                    format!("{} and {}, highest first", model.area.name, model.group_name)
                } else {
                    bars_caption.clone()
                }
                description=model.bars_description()
                key=bar_key
                file_stem=stem_of("bars")
                export=export_text(bars_caption)
                downloads=!compact
            />
            // The group choice follows the first chart, so that on a phone the chart is on the
            // first screen (issue 13).
            {super::group_choice::group_choice(
                &model.area,
                &model.comparison.group.spec,
                &model.group_name,
                Some(yardstick_present::words::GroupSize::of(model.comparison.group.peers)),
                Some(&model.metric),
            )}
            {(!compact).then(|| view! {
                <p class="ys-field__hint">{model.metric.description.clone()} " " {polarity}</p>
            })}
            {parts.shows(Part::Statistics).then(|| view! {
            // The statistics an officer quotes fold away on the full page (an embed that asks
            // for them shows them open).
            <details class="ys-fold" open=compact>
                <summary class="ys-fold__summary">
                    "Group statistics: median, quartiles and range"
                </summary>
                <div class="ys-table-wrap" tabindex="0" role="region" aria-label="Group statistics">
                    <table class="ys-table ys-table--facts">
                        <caption class="ys-table__caption">
                            {format!("Group statistics: {} and {}", model.area.name, model.group_name)}
                        </caption>
                        <tbody>{statistics}</tbody>
                    </table>
                </div>
            </details>
            })}
            {parts.shows(Part::Distribution).then(|| view! {
            <ChartFigure
                render=strip
                caption=strip_caption.clone()
                description=model.strip_description()
                key=strip_key
                file_stem=stem_of("distribution")
                export=export_text(strip_caption)
            />
            })}
            <SourceNote manifest=manifest.clone() metric=model.metric.clone() period=model.period compact=compact />
            {parts.shows(Part::Table).then(|| view! { <DataTable table=table file_stem=stem.clone() open=compact /> })}
            {full.map(|href| view! {
                <p class="ys-full-link">
                    <a href=href data-testid="full-comparison">"Full comparison"</a>
                </p>
            })}
        </section>
    }
}
