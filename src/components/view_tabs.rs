//! Switching views: real links (they work in a new tab and without the widget's help), with
//! `aria-current` on the one shown.

use leptos::prelude::*;

use crate::selection::View;
use crate::state::{Navigation, current_query};

/// The row of view links.
#[component]
pub fn ViewTabs(
    /// The reader's selection.
    nav: Navigation,
) -> impl IntoView {
    let current = move || nav.with(|s| View::from_param(s.view.as_deref()));
    let links = View::ALL
        .into_iter()
        .map(|view| {
            let href = move || {
                let mut selection = nav.get();
                selection.view = (view != View::Metric).then(|| view.param().to_owned());
                let query = selection.to_query(&current_query());
                if query.is_empty() {
                    "?".to_owned()
                } else {
                    query
                }
            };
            let follow = move |ev: leptos::ev::MouseEvent| {
                // Let the browser open new tabs and windows itself.
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                nav.choose(|s| s.view = (view != View::Metric).then(|| view.param().to_owned()));
            };
            view! {
                <li class="ys-tabs__item">
                    <a
                        class="ys-tabs__link"
                        href=href
                        aria-current=move || (current() == view).then_some("page")
                        on:click=follow
                    >
                        {view.title()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="ys-tabs" aria-label="Views">
            <ul class="ys-tabs__list">{links}</ul>
        </nav>
    }
}
