//! Links to sources and licences named in a bundle. A bundle is data, not code: only `https:`
//! and `http:` addresses become links; anything else (`javascript:`, `data:`) is shown as text.

use leptos::prelude::*;

/// A link out of the widget, or plain text when the address is not a web address.
#[component]
pub fn ExternalLink(
    /// The address from the bundle.
    #[prop(into)]
    href: String,
    /// The link text.
    #[prop(into)]
    text: String,
    /// `rel` beyond `noopener noreferrer`, such as `license`.
    #[prop(optional)]
    licence: bool,
) -> impl IntoView {
    match crate::format::web_address(&href) {
        Some(href) => {
            let rel = if licence {
                "license noopener noreferrer"
            } else {
                "noopener noreferrer"
            };
            view! { <a href=href rel=rel>{text}</a> }.into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}
