//! Any chart in its accessible wrapper: a visible caption, an image role with a text
//! alternative, a key that names every mark in words, and SVG and PNG downloads. The chart is
//! drawn at the width of its container and redrawn when that changes.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use crate::download;

/// Width used before the figure has been measured.
const DEFAULT_WIDTH: u32 = 640;

/// Draws a chart as SVG at a given width in CSS pixels.
pub type Renderer = Arc<dyn Fn(u32) -> String + Send + Sync>;

/// One entry of a chart's key: a swatch modifier (`ys-key__swatch--chosen`) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    pub swatch: &'static str,
    pub label: String,
}

/// A chart sized to its container, with caption, text alternative, key and downloads.
#[component]
pub fn ChartFigure(
    /// Draws the chart at a width.
    render: Renderer,
    /// The visible caption.
    #[prop(into)]
    caption: String,
    /// The text alternative for the chart as a whole.
    #[prop(into)]
    description: String,
    /// What each mark means, in words.
    #[prop(optional)]
    key: Vec<KeyEntry>,
    /// File name for downloads, without extension.
    #[prop(into)]
    file_stem: String,
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

    let draw = Arc::clone(&render);
    let svg = Memo::new(move |_| draw(width.get()));
    let svg_stem = file_stem.clone();
    let save_svg = move |_| download::svg(&format!("{svg_stem}.svg"), &svg.get_untracked());
    let save_png = move |_| download::png(&format!("{file_stem}.png"), &svg.get_untracked());
    let key = (!key.is_empty()).then(|| {
        view! {
            <ul class="ys-chart__key">
                {key
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <span class=format!("ys-key__swatch {}", entry.swatch)></span>
                                {entry.label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
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
            {key}
            <div class="ys-chart__actions">
                <button type="button" class="ys-button ys-button--secondary" on:click=save_svg>
                    "Download chart (SVG)"
                </button>
                <button type="button" class="ys-button ys-button--secondary" on:click=save_png>
                    "Download chart (PNG)"
                </button>
            </div>
        </figure>
    }
}
