//! The ranked bar chart in its accessible wrapper: a visible caption and key, an image role
//! with a text alternative, and a pointer to the table holding the same numbers.

use leptos::html;
use leptos::prelude::*;

use crate::charts::ranked_bars::{self, RankedBarsInput};

/// Width used before the figure has been measured (and in tests without layout).
const DEFAULT_WIDTH: u32 = 640;

/// A ranked bar chart sized to its container.
#[component]
pub fn RankedBarsFigure(
    /// What to draw; the width is filled in from the container.
    input: RankedBarsInput,
    /// The visible caption.
    #[prop(into)]
    caption: String,
    /// The text alternative for the chart as a whole.
    #[prop(into)]
    description: String,
    /// How the chosen council is marked, for the key.
    #[prop(into)]
    chosen_label: String,
    /// The median's label for the key, when there is a median.
    #[prop(into)]
    median_label: Option<String>,
) -> impl IntoView {
    let canvas = NodeRef::<html::Div>::new();
    let width = RwSignal::new(DEFAULT_WIDTH);
    let measure = move || {
        if let Some(element) = canvas.get_untracked() {
            let measured = u32::try_from(element.client_width()).unwrap_or(0);
            if measured > 0 && measured != width.get_untracked() {
                width.set(measured);
            }
        }
    };
    Effect::new(move |_| {
        if canvas.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let svg = Memo::new(move |_| {
        let mut sized = input.clone();
        sized.width = width.get();
        ranked_bars::render_svg(&ranked_bars::layout(&sized))
    });
    view! {
        <figure class="ys-chart">
            <figcaption class="ys-chart__caption">{caption}</figcaption>
            <div
                class="ys-chart__canvas"
                node_ref=canvas
                role="img"
                aria-label=description
                inner_html=move || svg.get()
            ></div>
            <ul class="ys-chart__key">
                <li>
                    <span class="ys-key__swatch ys-key__swatch--chosen"></span>
                    {chosen_label}
                </li>
                {median_label.map(|label| view! {
                    <li><span class="ys-key__swatch ys-key__swatch--median"></span>{label}</li>
                })}
            </ul>
        </figure>
    }
}
