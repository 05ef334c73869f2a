//! The Yardstick widget: compare a council with its peers, in the browser, from static files.
//!
//! [`mount_all`] finds every element marked `data-yardstick` and mounts one independent widget
//! in each; the element's `data-` attributes configure it. The page's `<body>` is never assumed
//! to be ours.

pub mod charts;
pub mod selection;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts a widget into every element that asks for one.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all("[data-yardstick]") else {
        return;
    };
    for index in 0..elements.length() {
        let Some(element) = elements
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        element.set_inner_html("");
        leptos::mount::mount_to(element, || view! { <p class="ys-loading">"Loading…"</p> })
            .forget();
    }
}
