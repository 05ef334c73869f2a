//! An outcome as shape and words, never colour alone.

use leptos::prelude::*;

use yardstick_present::words::Badge;

/// A comparison outcome or direction of travel: symbol, words and a tinted border.
#[component]
pub fn OutcomeBadge(
    /// What to show.
    badge: Badge,
    /// Words before the outcome, such as "Compared with the group median:".
    #[prop(optional, into)]
    lead: Option<String>,
    /// How the outcome was reached, in a few words ("distance rule"), after it.
    #[prop(default = None)]
    method: Option<&'static str>,
) -> impl IntoView {
    view! {
        <p class=format!("ys-badge ys-badge--{}", badge.modifier)>
            {lead.map(|l| view! { <span class="ys-badge__lead">{l} " "</span> })}
            <span class="ys-badge__symbol" aria-hidden="true">{badge.symbol}</span>
            " "
            <span class="ys-badge__words">{badge.words}</span>
            {method.map(|m| view! { <span class="ys-badge__method">" (" {m} ")"</span> })}
        </p>
    }
}
