//! Any chart in its accessible wrapper: a visible caption, an image role with a text
//! alternative, a key that names every mark in words, and SVG and PNG downloads. The chart is
//! drawn at the width of its container and redrawn when that changes.
//!
//! A download stands alone: the drawing framed by its title, period, group, key, unit,
//! source, licence and the address of the view (`charts::export`); the PNG is drawn from the
//! same SVG.
//!
//! The width comes from a `ResizeObserver`, whose callback runs after the browser has laid the
//! page out anyway, rather than from reading `clientWidth` as the chart is mounted (which
//! forces a layout in the middle of rendering). A new chart starts at the width the last one
//! was drawn at, so after a change of measure or group it is drawn once, not first at a
//! guess and then again.
//!
//! The callback only measures; the redraw waits for the next animation frame. Redrawing
//! inside the callback changed the observed box within the same observation (a new width
//! gives the drawing, and so the box, a new height; in an iframe embed it also changes the
//! page height that `embed::report_frame_height` observes), and browsers then report
//! "ResizeObserver loop completed with undelivered notifications". The cost: the very first
//! chart on a page shows its guessed width for one frame.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use yardstick_bundle::WebAddress;

use crate::charts::export::{self, ExportText};
use crate::download;

/// Width used before any chart has been measured.
const DEFAULT_WIDTH: u32 = 640;

thread_local! {
    /// The width the last chart on the page was measured at: the best guess for the next.
    static LAST_WIDTH: Cell<u32> = const { Cell::new(DEFAULT_WIDTH) };
}

/// Sets the width the next chart is first drawn at: the width the first program drew the same
/// chart at, when the widget takes over its screen.
pub fn start_width(width: u32) {
    LAST_WIDTH.with(|last| last.set(width));
}

/// Watches an element's width until the chart is removed.
struct WidthWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for WidthWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Draws a chart as SVG at a given width in CSS pixels.
pub type Renderer = Arc<dyn Fn(u32) -> String + Send + Sync>;

/// One entry of a chart's key: a swatch modifier (`ys-key__swatch--chosen`) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    pub swatch: &'static str,
    pub label: String,
}

/// The address of the view on screen, asked for when a chart is saved (a context the
/// comparison page provides): only a vetted `http(s)` address, or none.
#[derive(Clone)]
pub struct ViewAddress(pub Arc<dyn Fn() -> Option<WebAddress> + Send + Sync>);

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
    /// The words a downloaded file carries around the drawing; the key is added from `key`.
    export: ExportText,
    /// Whether to offer the SVG and PNG downloads (a compact embed leaves them to the full
    /// comparison).
    #[prop(default = true)]
    downloads: bool,
) -> impl IntoView {
    let view_address = use_context::<ViewAddress>();
    let canvas = NodeRef::<html::Div>::new();
    let width = RwSignal::new(LAST_WIDTH.with(Cell::get));
    let watch = StoredValue::new_local(None::<WidthWatch>);
    Effect::new(move |_| {
        let Some(element) = canvas.get() else {
            return;
        };
        let measured_element = element.clone();
        // The latest width measured, and whether a frame is already asked for to draw at it:
        // several observations before the next frame give one redraw.
        let latest = Rc::new(Cell::new(0_u32));
        let frame_asked = Rc::new(Cell::new(false));
        // Runs after layout, so reading the width here costs no extra layout.
        let callback = Closure::<dyn FnMut()>::new(move || {
            let measured = u32::try_from(measured_element.client_width()).unwrap_or(0);
            if measured == 0 {
                return;
            }
            LAST_WIDTH.with(|last| last.set(measured));
            latest.set(measured);
            if frame_asked.replace(true) {
                return;
            }
            let (latest, frame_asked) = (Rc::clone(&latest), Rc::clone(&frame_asked));
            let redraw = move || {
                frame_asked.set(false);
                let measured = latest.get();
                // `try_`: the chart may have been removed before the frame came.
                if width
                    .try_get_untracked()
                    .is_some_and(|drawn| drawn != measured)
                {
                    width.try_set(measured);
                }
            };
            let next_frame = Closure::once_into_js(redraw.clone());
            let asked = web_sys::window().and_then(|window| {
                window
                    .request_animation_frame(next_frame.unchecked_ref())
                    .ok()
            });
            // No animation frames (no window): draw now, as before.
            if asked.is_none() {
                redraw();
            }
        });
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&element);
                watch.update_value(|watch| {
                    if let Some(old) = watch.replace(WidthWatch {
                        observer,
                        _callback: callback,
                    }) {
                        old.observer.disconnect();
                    }
                });
            }
            // Without ResizeObserver (very old browsers), measure once.
            Err(_) => {
                let measured = u32::try_from(element.client_width()).unwrap_or(0);
                if measured > 0 {
                    width.set(measured);
                }
            }
        }
    });
    on_cleanup(move || {
        watch.update_value(|watch| {
            if let Some(watch) = watch.take() {
                watch.observer.disconnect();
            }
        });
    });

    let draw = Arc::clone(&render);
    let svg = Memo::new(move |_| draw(width.get()));
    let export = Arc::new(ExportText {
        key: key.iter().map(|entry| entry.label.clone()).collect(),
        ..export
    });
    // The file as saved: read when the button is pressed, so it holds the drawing and the
    // address as they are then.
    let standalone = move || {
        let address = view_address
            .as_ref()
            .and_then(|ViewAddress(address)| address());
        export::standalone(&svg.get_untracked(), &export, address.as_ref())
    };
    let to_png = standalone.clone();
    let svg_stem = file_stem.clone();
    let save_svg = move |_| download::svg(&format!("{svg_stem}.svg"), &standalone());
    let save_png = move |_| download::png(&format!("{file_stem}.png"), &to_png());
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
            {downloads.then(|| view! {
                <div class="ys-chart__actions">
                    <button type="button" class="ys-button ys-button--secondary" on:click=save_svg>
                        "Download chart (SVG)"
                    </button>
                    <button type="button" class="ys-button ys-button--secondary" on:click=save_png>
                        "Download chart (PNG)"
                    </button>
                </div>
            })}
        </figure>
    }
}
