//! The Yardstick widget: compare a council with its peers, in the browser, from static files.
//!
//! [`mount_all`] finds every element marked `data-yardstick` and mounts one independent widget
//! in each; the element's `data-` attributes configure it (see README.md, "Embedding"). The
//! page's `<body>` is never assumed to be ours.

pub mod api;
pub mod charts;
pub mod components;
pub mod download;
pub mod format;
pub mod model;
pub mod selection;
pub mod state;
pub mod store;
pub mod table;

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::BundleLocation;
use crate::components::comparison_page::ComparisonPage;
use crate::components::message::Message;
use crate::selection::Selection;
use crate::state::{Navigation, WidgetConfig, current_query, load_index};

/// The bundle a widget shows when its element names none, relative to the widget's files.
const DEFAULT_BUNDLE: &str = "data/demo/";

/// Mounts a widget into every element that asks for one.
pub fn mount_all() {
    install_panic_message();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all("[data-yardstick]") else {
        return;
    };
    let count = elements.length();
    for index in 0..count {
        let Some(element) = elements
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let config = read_config(&element, index, count);
        element.set_inner_html("");
        let _ = element.class_list().add_1("ys-widget");
        leptos::mount::mount_to(element, move || view! { <App config=config /> }).forget();
    }
}

/// Reads a mount point's `data-` attributes; the page URL wins over them when the widget
/// owns the URL (the only widget on the page, unless `data-url-state="off"`).
fn read_config(element: &web_sys::HtmlElement, index: u32, count: u32) -> WidgetConfig {
    let data = element.dataset();
    let attribute = |name: &str| data.get(name).filter(|v| !v.trim().is_empty());
    let assets = attribute("yardstickAssets")
        .or_else(|| web_sys::window()?.document()?.base_uri().ok().flatten())
        .unwrap_or_default();
    let bundle = attribute("bundle").unwrap_or_else(|| DEFAULT_BUNDLE.to_owned());
    let bundle = web_sys::Url::new_with_base(&bundle, &assets)
        .map(|url| url.href())
        .unwrap_or(bundle);
    let sync_url = count == 1 && attribute("urlState").as_deref() != Some("off");
    let mut initial = Selection {
        area: attribute("area"),
        metric: attribute("metric"),
        period: attribute("period"),
        group: attribute("group"),
        view: attribute("view"),
    };
    if sync_url {
        let from_url = Selection::from_query(&current_query());
        initial = Selection {
            area: from_url.area.or(initial.area),
            metric: from_url.metric.or(initial.metric),
            period: from_url.period.or(initial.period),
            group: from_url.group.or(initial.group),
            view: from_url.view.or(initial.view),
        };
    }
    WidgetConfig {
        bundle: BundleLocation::new(bundle),
        initial,
        sync_url,
        id_prefix: format!("ys{index}-"),
    }
}

/// With `panic = "abort"` a panic stops the widget for good; rather than leave a frozen or
/// blank box, say so in every mount point. (Nothing should panic: this is the last resort.)
fn install_panic_message() {
    thread_local!(static INSTALLED: Cell<bool> = const { Cell::new(false) });
    if INSTALLED.with(|done| done.replace(true)) {
        return;
    }
    std::panic::set_hook(Box::new(|_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(elements) = document.query_selector_all("[data-yardstick]") {
            for index in 0..elements.length() {
                if let Some(element) = elements
                    .item(index)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    element.set_text_content(Some(
                        "Sorry, the comparison stopped working. Reload the page to try again.",
                    ));
                }
            }
        }
    }));
}

/// One widget: loads the bundle's manifest and areas, then shows the comparison page.
#[component]
pub fn App(
    /// Where the bundle is and what to show first.
    config: WidgetConfig,
) -> impl IntoView {
    let nav = Navigation::new(config.initial.clone(), config.sync_url);
    let location = config.bundle.clone();
    let index = LocalResource::new(move || load_index(location.clone()));
    view! {
        {move || match index.get() {
            None => view! { <p class="ys-loading" role="status">"Loading the figures…"</p> }.into_any(),
            Some(Err(error)) => view! {
                <Message
                    title=error.title()
                    detail=error.to_string()
                    error=true
                    on_retry=Callback::new(move |()| index.refetch())
                />
            }
            .into_any(),
            Some(Ok(loaded)) => view! {
                <ComparisonPage index=loaded config=config.clone() nav=nav />
            }
            .into_any(),
        }}
    }
}
