//! Choosing a metric from the bundle's themed list.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::{Area, not_compared};
use yardstick_present::words;

use crate::state::{BundleIndex, Navigation};

/// A drop-down of every metric, grouped by theme in the bundle's order; a measure the chosen
/// council has no figure for (its tier does not provide the service, or its nation is not
/// covered) is marked so in its option's words.
#[component]
pub fn MetricPicker(
    /// The loaded bundle.
    index: Arc<BundleIndex>,
    /// The reader's selection.
    nav: Navigation,
    /// The metric on screen (the default when the selection names none).
    #[prop(into)]
    current: Signal<String>,
    /// The chosen council, if any.
    #[prop(into)]
    area: Signal<Option<Area>>,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let select_id = format!("{id_prefix}metric");
    let groups: Vec<_> = index
        .manifest
        .themes
        .iter()
        .map(|theme| {
            let options: Vec<_> = index
                .manifest
                .metrics
                .iter()
                .filter(|m| m.theme == theme.id)
                .map(|m| (m.id.clone(), m.clone()))
                .collect();
            (theme.title.clone(), options)
        })
        .filter(|(_, options)| !options.is_empty())
        .collect();
    view! {
        <div class="ys-field">
            <label class="ys-field__label" for=select_id.clone()>"Measure"</label>
            <span class="ys-field__hint">"Grouped by service"</span>
            <select
                id=select_id
                class="ys-select"
                prop:value=move || current.get()
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    nav.choose(|selection| {
                        selection.metric = Some(id);
                        // A period belongs to one metric's series; start the new one at its latest.
                        selection.period = None;
                    });
                }
            >
                {groups
                    .into_iter()
                    .map(|(theme, options)| {
                        view! {
                            <optgroup label=theme>
                                {options
                                    .into_iter()
                                    .map(|(id, meta)| {
                                        let selected = id.clone();
                                        let index = Arc::clone(&index);
                                        let title = move || {
                                            area.with(|area| {
                                                let none = area.as_ref().filter(|a| {
                                                    not_compared(&meta, a, &index.areas).is_some()
                                                });
                                                words::measure_choice(
                                                    &meta.title,
                                                    none.map(|a| a.name.as_str()),
                                                )
                                            })
                                        };
                                        view! {
                                            <option
                                                value=id
                                                selected=move || current.get() == selected
                                            >
                                                {title}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
