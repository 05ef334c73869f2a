//! "Copy link": a link that reproduces exactly what is on screen.

use leptos::prelude::*;

use crate::state::{Navigation, current_query};

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
            let copied = web_sys::window()
                .map(|w| w.navigator().clipboard())
                .map(|clipboard| clipboard.write_text(&text));
            status.set(match copied {
                Some(_) => "Link copied.".to_owned(),
                None => format!("Copy this link: {text}"),
            });
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
