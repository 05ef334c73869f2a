//! "Copy link": a link that reproduces exactly what is on screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::state::{Navigation, current_query};

/// Copies `text` to the clipboard and then sets `status`: `done` once the browser confirms,
/// `fallback` when it cannot (no Clipboard API outside a secure context, or a refusal, as in
/// an iframe without `clipboard-write` permission). Nothing claims success before it happened.
pub fn copy_to_clipboard(
    text: String,
    status: RwSignal<String>,
    done: &'static str,
    fallback: String,
) {
    status.set(String::new());
    // `navigator.clipboard` is undefined outside a secure context; calling it then would throw.
    let clipboard = web_sys::window()
        .map(|window| window.navigator())
        .and_then(|navigator| {
            js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()
        })
        .filter(|clipboard| !clipboard.is_undefined() && !clipboard.is_null())
        .map(web_sys::Clipboard::from);
    let Some(clipboard) = clipboard else {
        status.set(fallback);
        return;
    };
    let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text));
    spawn_local(async move {
        status.set(match written.await {
            Ok(_) => done.to_owned(),
            Err(_) => fallback,
        });
    });
}

/// A button that copies a link to the current view, and says so.
#[component]
pub fn CopyLink(
    /// The reader's selection.
    nav: Navigation,
    /// The page the link should open: this page when the widget owns its URL, otherwise the
    /// widget's own page next to its files.
    #[prop(into)]
    page: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let link = move || {
        let query = nav.get().to_query(&current_query());
        format!("{page}{query}")
    };
    let copy = {
        let link = link.clone();
        move |_| {
            let text = link();
            let fallback = format!("Copy this link: {text}");
            copy_to_clipboard(text, status, "Link copied.", fallback);
        }
    };
    view! {
        <div class="ys-share">
            <a class="ys-share__link" href=link>"Link to this view"</a>
            <button type="button" class="ys-button ys-button--secondary" on:click=copy>
                "Copy link"
            </button>
            <span class="ys-share__status" role="status">{move || status.get()}</span>
        </div>
    }
}
