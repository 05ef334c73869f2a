//! One council among its peers for one metric: summary, ranked bar chart, source and table.

use leptos::prelude::*;

use super::member_table::MemberTable;
use super::message::Message;
use super::ranked_bars_figure::RankedBarsFigure;
use super::source_note::SourceNote;
use crate::comparison::MetricView as Model;
use crate::state::BundleIndex;

/// The metric view for a computed comparison.
#[component]
pub fn MetricView(
    /// The loaded bundle (for the source note).
    index: std::sync::Arc<BundleIndex>,
    /// What to show.
    model: Model,
) -> impl IntoView {
    match model {
        Model::Ranked(comparison) => {
            let comparison = *comparison;
            let caption = format!(
                "{}, {}: {} ({}), highest first",
                comparison.metric.short_title,
                comparison.period.label(),
                comparison.group_name,
                crate::format::count(comparison.ranked.len(), "council", "councils"),
            );
            let chosen_label = format!("{} (outlined and pointed at)", comparison.chosen.name);
            let median_label = comparison
                .median_text()
                .map(|m| format!("Median of the group: {m} (dashed line)"));
            let polarity = match comparison.metric.polarity {
                yardstick_bundle::Polarity::HigherIsBetter => "A higher figure is better.",
                yardstick_bundle::Polarity::LowerIsBetter => "A lower figure is better.",
                yardstick_bundle::Polarity::NoJudgement => {
                    "Neither a higher nor a lower figure is better in itself."
                }
            };
            view! {
                <section class="ys-view">
                    <h2 class="ys-view__title">
                        {comparison.metric.title.clone()} ": " {comparison.chosen.name.clone()}
                    </h2>
                    <p class="ys-summary" data-testid="summary">{comparison.summary()}</p>
                    <p class="ys-field__hint">{comparison.metric.description.clone()} " " {polarity}</p>
                    <RankedBarsFigure
                        input=comparison.chart_input()
                        caption=caption
                        description=comparison.chart_description()
                        chosen_label=chosen_label
                        median_label=median_label
                    />
                    <SourceNote
                        manifest=index.manifest.clone()
                        metric=comparison.metric.clone()
                        period=comparison.period
                    />
                    <MemberTable comparison=comparison />
                </section>
            }
            .into_any()
        }
        Model::NoService { area, metric } => {
            let types = metric
                .area_types
                .iter()
                .filter_map(|id| index.manifest.area_type(id))
                .map(|t| t.plural.to_lowercase())
                .collect::<Vec<_>>()
                .join(", ");
            let kind = index
                .manifest
                .area_type(&area.area_type)
                .map(|t| t.plural.to_lowercase())
                .unwrap_or_else(|| "councils of this type".to_owned());
            view! {
                <Message
                    title=format!("{} has no figure for this measure", area.name)
                    detail=format!(
                        "{} are not responsible for the service that “{}” measures, so it is \
                         published only for {}. Choose another measure or another council.",
                        capitalise(&kind), metric.title, types
                    )
                />
            }
            .into_any()
        }
        Model::NoValues { metric, period } => view! {
            <Message
                title="No figures for this period"
                detail=format!("The bundle has no figures for “{}” in {}.", metric.title, period.label())
            />
        }
        .into_any(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
