//! Where a figure comes from: source, period, publication date, licence, attribution and
//! caveats, under every chart (principle 2: honest numbers).

use leptos::prelude::*;

use super::external_link::ExternalLink;
use yardstick_bundle::{Manifest, MetricMeta, Period};
use yardstick_present::notes;

/// The source lines and caveats for one metric and period.
#[component]
pub fn SourceNote(
    /// The bundle's manifest (licences and attribution).
    manifest: Manifest,
    /// The metric shown.
    metric: MetricMeta,
    /// The period shown.
    period: Period,
    /// A compact comparison's note: the source and licence lines, without the dates, with
    /// the caveats folded (the full comparison has them all).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let source = metric.source.clone();
    let licence = manifest.licence(&source.licence).cloned();
    let dated = (!compact).then(|| format!(" {}.", notes::source_date(&source)));
    let next = source
        .next_update
        .filter(|_| !compact)
        .map(|date| format!(" Next update expected {}.", date.long_label()));
    let caveats = metric.caveats.clone();
    view! {
        <div class="ys-source">
            <p class="ys-source__line">
                "Period: " {period.label()} ". Source: " {source.organisation.clone()} ", "
                <ExternalLink href=source.url.clone() text=source.title.clone() />
                "." {dated} {next}
            </p>
            <p class="ys-source__line">
                "Licence: "
                {match licence {
                    Some(licence) => view! {
                        <ExternalLink href=licence.url text=licence.title licence=true />
                    }
                    .into_any(),
                    None => source.licence.clone().into_any(),
                }}
                ". " {manifest.attribution.join(" ")}
            </p>
            {(!caveats.is_empty()).then(|| view! {
                <details class="ys-source__caveats" open=!compact>
                    <summary>"Caveats"</summary>
                    <ul>
                        {caveats.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}
