//! Links to sources and licences named in a bundle. A bundle is data, not code: its addresses
//! are [`WebAddress`]es, which the bundle reader accepts only for absolute `https:` and
//! `http:` addresses, so no other kind of link can be made here.

use leptos::prelude::*;
use yardstick_bundle::WebAddress;

/// A link out of the widget to a vetted web address.
#[component]
pub fn ExternalLink(
    /// The address from the bundle.
    href: WebAddress,
    /// The link text.
    #[prop(into)]
    text: String,
    /// `rel` beyond `noopener noreferrer`, such as `license`.
    #[prop(optional)]
    licence: bool,
) -> impl IntoView {
    let rel = if licence {
        "license noopener noreferrer"
    } else {
        "noopener noreferrer"
    };
    view! { <a href=href.as_str().to_owned() rel=rel>{text}</a> }
}
