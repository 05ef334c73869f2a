//! About the data: where the figures come from, what they mean, and how every statistic on
//! screen is worked out, in plain English with each method named.

use leptos::prelude::*;

use super::external_link::ExternalLink;
use yardstick_bundle::{Manifest, MetricMeta, Polarity};
use yardstick_present::methods::METHODS;
use yardstick_present::notes;

/// The about view for the bundle and the metric on screen.
#[component]
pub fn AboutView(
    /// The bundle's manifest.
    manifest: Manifest,
    /// The metric on screen.
    metric: MetricMeta,
) -> impl IntoView {
    let source = metric.source.clone();
    let licence = manifest.licence(&source.licence).cloned();
    let polarity = match metric.polarity {
        Polarity::HigherIsBetter => "A higher figure is better.",
        Polarity::LowerIsBetter => "A lower figure is better.",
        Polarity::NoJudgement => {
            "Neither a higher nor a lower figure is better in itself, so Yardstick says only \
             “higher” or “lower”, never “better” or “worse”."
        }
    };
    let responsible = metric
        .area_types
        .iter()
        .filter_map(|id| manifest.area_type(id))
        .map(|t| t.plural.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let dated = notes::source_date(&source);
    let next_update = source
        .next_update
        .map(|d| d.long_label())
        .unwrap_or_else(|| "not announced".to_owned());
    let caveats = metric.caveats.clone();
    view! {
        <section class="ys-about">
            <h2 class="ys-view__title">{metric.title.clone()}</h2>
            <dl class="ys-facts">
                <dt>"What it measures"</dt>
                <dd>{metric.description.clone()} " " {polarity}</dd>
                <dt>"Unit"</dt>
                <dd>{if metric.unit.is_empty() { "none".to_owned() } else { metric.unit.clone() }}</dd>
                <dt>"Councils responsible"</dt>
                <dd>{responsible}</dd>
                <dt>"Periods"</dt>
                <dd>{notes::period_span(&metric)}</dd>
                <dt>"Source"</dt>
                <dd>
                    {source.organisation.clone()} ", "
                    <ExternalLink href=source.url.clone() text=source.title.clone() />
                </dd>
                <dt>"Date"</dt>
                <dd>{dated}</dd>
                <dt>"Next update"</dt>
                <dd>{next_update}</dd>
                <dt>"Licence"</dt>
                <dd>
                    {match licence {
                        Some(l) => view! { <ExternalLink href=l.url text=l.title licence=true /> }.into_any(),
                        None => source.licence.clone().into_any(),
                    }}
                </dd>
            </dl>
            {(!caveats.is_empty()).then(|| view! {
                <h3 class="ys-about__heading">"Caveats"</h3>
                <ul>{caveats.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            })}

            <h3 class="ys-about__heading">"How the figures are worked out"</h3>
            <p>
                "Every figure is worked out in your browser from the published values in this \
                 data bundle. Nothing is sent anywhere."
            </p>
            <dl class="ys-facts">
                {METHODS
                    .iter()
                    .map(|method| view! { <dt>{method.term}</dt><dd>{method.explanation}</dd> })
                    .collect_view()}
            </dl>

            <h3 class="ys-about__heading">"This data bundle"</h3>
            <dl class="ys-facts">
                <dt>"Title"</dt>
                <dd>{manifest.title.clone()}</dd>
                <dt>"Data version"</dt>
                <dd><code>{manifest.content_hash.clone()}</code></dd>
                <dt>"Attribution"</dt>
                <dd>{manifest.attribution.join(" ")}</dd>
            </dl>
        </section>
    }
}
