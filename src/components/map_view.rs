//! The map view: every council of the measure's tier on a choropleth for the chosen period,
//! the chosen council outlined thick and its peer group dashed, with the legend, the
//! boundaries' attribution and the group's table beside it.
//!
//! Keyboard: the map is one tab stop (the chosen council); the arrow keys move the focus from
//! council to council in alphabetical order, Home and End to the first and last (a roving tab
//! stop, as in the WAI-ARIA toolbar pattern). Each council is an image named by its figure,
//! so the screen reader says "Trafford (chosen): 57.1%, group median 45.0%" as it arrives.
//! The same words show under the map for sighted keyboard and mouse users.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use yardstick_bundle::Manifest;

use super::data_table::DataTable;
use super::source_note::SourceNote;
use crate::charts::choropleth;
use yardstick_present::model::map::MapModel;
use yardstick_present::model::metric::{MetricModel, file_stem};

/// The council element an event happened on, if any.
fn area_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    element
        .class_list()
        .contains("ys-map__area")
        .then_some(element)
}

/// The map view.
#[component]
pub fn MapView(
    /// The bundle's manifest (licences, attribution).
    manifest: Manifest,
    /// The comparison the map shows (its table and source).
    model: MetricModel,
    /// The map: shapes, classes and words.
    map: MapModel,
    /// Prefix for element ids, unique to this widget on the page.
    id_prefix: String,
) -> impl IntoView {
    let readout = RwSignal::new(None::<String>);
    let show = move |target: Option<web_sys::EventTarget>| {
        if let Some(label) = area_of(target).and_then(|a| a.get_attribute("aria-label")) {
            readout.set(Some(label));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(current) = area_of(ev.target()) else {
            return;
        };
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => current.next_element_sibling(),
            "ArrowLeft" | "ArrowUp" => current.previous_element_sibling(),
            "Home" => current
                .parent_element()
                .and_then(|p| p.first_element_child()),
            "End" => current
                .parent_element()
                .and_then(|p| p.last_element_child()),
            _ => return,
        };
        ev.prevent_default();
        if let Some(next) = next.and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) {
            let _ = current.set_attribute("tabindex", "-1");
            let _ = next.set_attribute("tabindex", "0");
            let _ = next.focus();
        }
    };
    let svg = choropleth::render_svg(&map.input);
    let inset = choropleth::render_inset_svg(&map.input)
        .zip(map.inset_title.clone())
        .map(|(svg, title)| {
            view! {
                <div class="ys-map__inset" data-testid="map-inset">
                    <p class="ys-map__inset-title">{title}</p>
                    <div class="ys-map__canvas" inner_html=svg></div>
                </div>
            }
        });
    let legend = map
        .classes
        .iter()
        .map(|class| {
            view! {
                <li class="ys-map__class">
                    <span inner_html=choropleth::swatch_svg(Some(class.shade))></span>
                    {format!("{} ({})", class.range, class.count)}
                    {class.holds_median.then_some(" ◆ group median")}
                </li>
            }
        })
        .collect_view();
    let no_figure = map.no_figure.clone().map(|text| {
        view! {
            <li class="ys-map__class">
                <span inner_html=choropleth::swatch_svg(None)></span>
                {text}
            </li>
        }
    });
    let period = model.period.label();
    let stem = file_stem(&[
        model.area.code.as_str(),
        &model.metric.id,
        &period,
        &model.comparison.group.spec.to_string(),
        "table",
    ]);
    let table = model.table(&manifest);
    let keys_id = format!("{id_prefix}map-keys");
    view! {
        <section class="ys-view ys-view--map">
            <h2 class="ys-view__title">{model.metric.title.clone()} ": " {model.area.name.clone()}</h2>
            <p class="ys-summary" data-testid="summary">{model.headline()}</p>
            <div class="ys-map">
                <figure class="ys-map__figure">
                    <figcaption class="ys-chart__caption">{map.caption.clone()}</figcaption>
                    <p class="ys-field__hint" id=keys_id.clone()>{map.keys}</p>
                    <div
                        class="ys-map__canvas"
                        role="group"
                        aria-label=map.description.clone()
                        aria-describedby=keys_id
                        data-testid="map"
                        inner_html=svg
                        on:keydown=on_key
                        on:focusin=move |ev| show(ev.target())
                        on:mouseover=move |ev| show(ev.target())
                    ></div>
                    <p class="ys-map__readout" aria-hidden="true" data-testid="map-readout">
                        {move || readout.get().unwrap_or_else(|| "\u{a0}".to_owned())}
                    </p>
                    {inset}
                    <div class="ys-map__legend">
                        <p class="ys-map__scale">{map.scale.clone()}</p>
                        <ul class="ys-map__classes">{legend}{no_figure}</ul>
                        {map.median.clone().map(|m| view! { <p class="ys-map__median">{m}</p> })}
                    </div>
                    <p class="ys-map__attribution">{map.attribution.join(" ")}</p>
                </figure>
                <div class="ys-map__table">
                    <DataTable table=table file_stem=stem open=true />
                </div>
            </div>
            <SourceNote manifest=manifest.clone() metric=model.metric.clone() period=model.period />
        </section>
    }
}
