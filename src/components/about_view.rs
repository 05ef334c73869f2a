//! About the data: where the figures come from, what they mean, and how every statistic on
//! screen is worked out, in plain English with each method named.

use leptos::prelude::*;

use super::external_link::ExternalLink;
use yardstick_bundle::{Manifest, MetricMeta, Polarity};

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
    let first = metric
        .periods
        .first()
        .map(|p| p.label())
        .unwrap_or_default();
    let last = metric.latest_period.label();
    let responsible = metric
        .area_types
        .iter()
        .filter_map(|id| manifest.area_type(id))
        .map(|t| t.plural.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let published = source
        .published
        .map(|d| d.long_label())
        .unwrap_or_else(|| "not stated by the publisher".to_owned());
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
                <dd>{format!("{first} to {last} ({} periods)", metric.periods.len())}</dd>
                <dt>"Source"</dt>
                <dd>
                    {source.organisation.clone()} ", "
                    <ExternalLink href=source.url.clone() text=source.title.clone() />
                </dd>
                <dt>"Published"</dt>
                <dd>{published}</dd>
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
                <dt>"Peer group"</dt>
                <dd>
                    "The councils a council is compared with. Only councils responsible for the \
                     service are included. “Same type” means councils of the same kind (for \
                     example metropolitan districts). Published groups are the Department for \
                     Education's statistical neighbours and the Office for National Statistics' \
                     similar areas. Nearest neighbours are worked out here from the context \
                     variables you can see and change on the Peer group tab: each variable is \
                     standardised (z-score, or median and median absolute deviation), optionally \
                     log-transformed, and councils are ranked by weighted Euclidean or \
                     Mahalanobis distance. A county and its own districts are never each \
                     other's peers."
                </dd>
                <dt>"Median and quartiles"</dt>
                <dd>
                    "The median is the middle value of the group, including the council itself. \
                     Quartiles use linear interpolation between ordered values (Hyndman and Fan's \
                     type 7, as R, NumPy and Public Health England's Fingertips do); they need at \
                     least four values."
                </dd>
                <dt>"Distance from the median"</dt>
                <dd>
                    "How far the council's value is from the group median, in median absolute \
                     deviations (the median of every member's distance from the median, without \
                     scaling), as the Office for Local Government published it."
                </dd>
                <dt>"Confidence intervals"</dt>
                <dd>
                    "Where the publisher gives limits, they are used as published. Otherwise, \
                     from published counts: Wilson score intervals for proportions; exact Poisson \
                     limits for fewer than 10 events and Byar's approximation above that for \
                     counts, rates and ratios; Dobson's method for directly standardised rates; \
                     Student's t for means. Levels are 95% and 99.8%, as in Fingertips."
                </dd>
                <dt>"Better, similar or worse"</dt>
                <dd>
                    "A council is called better or worse than the group median only when the \
                     median lies outside the council's 95% confidence interval (and best or worst \
                     outside the 99.8% interval). Otherwise it is similar. Without a confidence \
                     interval there is no test, and the figure is shown as not compared. For \
                     measures where neither direction is better, the words are higher and lower."
                </dd>
                <dt>"Trend"</dt>
                <dd>
                    "The recent trend uses the last five periods: a test for trend \
                     (Cochran–Armitage for proportions with counts, weighted least squares \
                     otherwise) at the 99.8% level, called only if the slope keeps its sign when \
                     any one of the five points is left out, as Fingertips does."
                </dd>
                <dt>"Not a league table"</dt>
                <dd>
                    "Yardstick describes values (how many councils have a higher or lower figure) \
                     and says better or worse only when a statistical test supports it. A single \
                     measure never describes a whole council: local choices, context and the \
                     caveats above matter."
                </dd>
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
