//! Choosing the period of a metric.

use leptos::prelude::*;
use yardstick_bundle::{MetricMeta, Period};

use crate::state::Navigation;

/// A drop-down of the metric's periods, latest first.
#[component]
pub fn PeriodPicker(
    /// The metric on screen.
    metric: MetricMeta,
    /// The period on screen.
    current: Period,
    /// The reader's selection.
    nav: Navigation,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let id = format!("{id_prefix}period");
    let latest = metric.latest_period;
    let options = metric
        .periods
        .iter()
        .rev()
        .map(|&period| {
            let label = period.label();
            let text = if period == latest {
                format!("{label} (latest)")
            } else {
                label.clone()
            };
            view! { <option value=label selected=period == current>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="ys-field">
            <label class="ys-field__label" for=id.clone()>"Period"</label>
            <select
                id=id
                class="ys-select"
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    let latest_label = latest.label();
                    nav.choose(|s| {
                        s.period = (chosen != latest_label).then_some(chosen);
                    });
                }
            >
                {options}
            </select>
        </div>
    }
}
