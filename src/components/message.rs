//! A message in place of a view: an error with a way forward, never a blank page.

use leptos::prelude::*;

/// A boxed message with a title, an explanation and, optionally, a retry button.
#[component]
pub fn Message(
    /// The headline.
    #[prop(into)]
    title: String,
    /// What happened and what the reader can do.
    #[prop(into)]
    detail: String,
    /// Whether this is an error (announced at once) rather than a notice.
    #[prop(optional)]
    error: bool,
    /// Called when the reader asks to try again; no button when absent.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let class = if error {
        "ys-message ys-message--error"
    } else {
        "ys-message"
    };
    view! {
        <div class=class role=if error { "alert" } else { "status" }>
            <p class="ys-message__title">{title}</p>
            <p>{detail}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="ys-button" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            })}
        </div>
    }
}
