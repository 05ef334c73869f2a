//! The Yardstick widget: compare a council with its peers, in the browser, from static files.
//!
//! [`mount_all`] finds every element marked `data-yardstick` and mounts one independent widget
//! in each; the element's `data-` attributes configure it (docs/embedding.md). The page's
//! `<body>` is never assumed to be ours.

pub mod api;
/// The charts, in their own crate so that a program without Leptos can draw them too.
pub use yardstick_charts as charts;
/// What a page asks to see, decided in a plain crate that the first program shares.
pub use yardstick_view::{origin, selection};
pub mod components;
pub mod download;
pub mod embed;
pub mod input;
pub mod state;
pub mod store;
pub mod theme;
pub mod view_state;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::components::comparison_page::ComparisonPage;
use crate::components::message::Message;
use crate::embed::ContentHash;
use crate::selection::query_value;
use crate::state::{FirstFile, IndexError, Navigation, WidgetConfig, current_query, load_bundle};
use crate::view_state::{RawState, Settings};

/// The widget's stylesheet inside a shadow root, next to widget.js. `cargo xtask build`
/// derives it from style/yardstick.css and style/embed.css (see xtask/src/site/widget_css.rs).
const SHADOW_STYLESHEET: &str = "yardstick-widget.css";
/// Marks an element that already holds a widget, so a page that loads widget.js twice does
/// not mount two.
const MOUNTED: &str = "data-yardstick-mounted";

/// How a widget sits in its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Isolation {
    /// In a shadow root: the host page's styles cannot reach the widget and the widget's
    /// cannot reach the page. The default, for script embeds on other people's pages.
    Shadow,
    /// Directly in the element (`data-isolation="none"`): only for Yardstick's own pages,
    /// whose stylesheet is the widget's.
    Page,
}

/// Mounts a widget into every element that asks for one.
pub fn mount_all() {
    register_root_size();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all("[data-yardstick]") else {
        return;
    };
    let count = elements.length();
    let mut report_height = None;
    for index in 0..count {
        let Some(element) = elements
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if element.has_attribute(MOUNTED) {
            continue;
        }
        let _ = element.set_attribute(MOUNTED, "");
        let placement = read_placement(&element);
        let config = read_config(&read_raw(&element, index, count, &placement));
        if placement.frame && report_height.is_none() {
            report_height = Some(placement.embed_id.clone());
        }
        mount_one(&document, &element, placement.isolation, config);
    }
    if let Some(id) = report_height {
        embed::report_frame_height(id);
    }
}

/// Where and how one widget is placed, apart from what it shows.
struct Placement {
    isolation: Isolation,
    /// The element fills an embed page inside an iframe (`data-frame`, as in embed.html):
    /// its state comes from the page URL, which it never rewrites, and the page reports
    /// its height to the host.
    frame: bool,
    /// The id the host gave this embed, echoed in every height message.
    embed_id: Option<String>,
}

fn read_placement(element: &web_sys::HtmlElement) -> Placement {
    let frame = element.has_attribute("data-frame");
    let isolation = match element.get_attribute("data-isolation").as_deref() {
        Some("none") => Isolation::Page,
        _ => Isolation::Shadow,
    };
    let embed_id = frame
        .then(|| query_value(&current_query(), "id"))
        .flatten()
        .and_then(|id| embed::embed_id(&id));
    Placement {
        isolation,
        frame,
        embed_id,
    }
}

/// Reads a mount point's `data-` attributes and the page's address as they are written;
/// `view_state::configure` decides what they mean.
fn read_raw(
    element: &web_sys::HtmlElement,
    position: u32,
    widgets: u32,
    placement: &Placement,
) -> RawState {
    let data = element.dataset();
    let attribute = |name: &str| data.get(name).filter(|v| !v.trim().is_empty());
    let assets = attribute("yardstickAssets")
        .or_else(|| web_sys::window()?.document()?.base_uri().ok().flatten())
        .unwrap_or_default();
    RawState {
        attributes: Settings::read(attribute),
        bundle_origins: attribute("bundleOrigins"),
        url_state: attribute("urlState"),
        query: current_query(),
        frame: placement.frame,
        own_page: placement.isolation == Isolation::Page,
        position,
        widgets,
        assets,
    }
}

/// The widget's configuration from its mount point; relative bundle paths are resolved
/// against the widget's own files by the browser's URL parser.
fn read_config(raw: &RawState) -> WidgetConfig {
    view_state::configure(raw, |path| {
        web_sys::Url::new_with_base(path, &raw.assets)
            .map(|url| url.href())
            .unwrap_or_else(|_| path.to_owned())
    })
}

/// Builds the widget's root element and mounts the app in it: at once on Yardstick's own
/// pages; in a shadow root once its stylesheet has arrived (until then the element's own
/// content, the no-JavaScript fallback, stays on screen).
fn mount_one(
    document: &web_sys::Document,
    element: &web_sys::HtmlElement,
    isolation: Isolation,
    config: WidgetConfig,
) {
    let in_page = |config: WidgetConfig| {
        if take_over_first_screen(element) {
            // widget.js swaps the two once this widget's own first view is in place.
            let _ = element.set_attribute(HANDOVER, "");
        } else {
            element.set_inner_html("");
        }
        apply_theme(element, &config);
        leptos::mount::mount_to(element.clone(), move || view! { <App config=config /> }).forget();
    };
    if isolation == Isolation::Page {
        in_page(config);
        return;
    }
    // The first program built the shadow root and drew in it: mount beside its screen, whose
    // stylesheet is in already.
    if let Some(root) = first_program_root(element) {
        if take_over_first_screen(&root) {
            let _ = root.set_attribute(HANDOVER, "");
        } else {
            root.set_inner_html("");
        }
        apply_theme(&root, &config);
        leptos::mount::mount_to(root, move || view! { <App config=config /> }).forget();
        return;
    }
    let Some(parts) = shadow_parts(document, element, &config.assets) else {
        // Some elements (<li>, <figure>, <td>...) cannot hold a shadow root: a widget
        // without the isolation beats none.
        if element.shadow_root().is_none() {
            in_page(config);
        }
        return;
    };
    apply_theme(&parts.root, &config);
    let ShadowParts {
        slot,
        frame,
        root,
        link,
    } = parts;
    let start: Rc<RefCell<Option<Start>>> = Rc::new(RefCell::new(Some(Box::new(move || {
        slot.remove();
        frame.set_hidden(false);
        leptos::mount::mount_to(root, move || view! { <App config=config /> }).forget();
    }))));
    // Mount whether the stylesheet loads or fails (an unstyled widget beats a blank box),
    // and only once.
    let once = Closure::<dyn FnMut()>::new(move || {
        let start = start.borrow_mut().take();
        if let Some(start) = start {
            start();
        }
    });
    link.set_onload(Some(once.as_ref().unchecked_ref()));
    link.set_onerror(Some(once.as_ref().unchecked_ref()));
    once.forget();
}

/// Set while the widget renders, hidden, beside the first program's screen
/// (style/yardstick.css); widget.js removes it and that screen in one frame.
const HANDOVER: &str = "data-ys-handover";

/// Whether the first program (crates/yardstick-first) has drawn its screen in `element`; if so,
/// the widget's charts start at the width the first chart was drawn at, so that the widget,
/// rendered hidden, draws the same chart and nothing moves when it is shown.
fn take_over_first_screen(element: &web_sys::HtmlElement) -> bool {
    let drawn = element
        .query_selector(":scope > [data-yardstick-first]")
        .ok()
        .flatten()
        .is_some();
    if drawn
        && let Some(width) = element
            .get_attribute("data-yardstick-first-width")
            .and_then(|text| input::browser_number(&text))
            .filter(|width| (1.0..=100_000.0).contains(width))
    {
        components::chart_figure::start_width(width as u32);
    }
    drawn
}

/// The root the first program made in a script embed's shadow root, built as
/// [`shadow_parts`] builds it (`.ys-embed-root` holding the root), if it made one.
fn first_program_root(element: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    element
        .shadow_root()?
        .query_selector(".ys-embed-root > div")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Mounting a widget, run once.
type Start = Box<dyn FnOnce()>;

/// The elements of a shadow-root widget.
struct ShadowParts {
    /// Shows the host element's own content until the widget is ready.
    slot: web_sys::Element,
    /// `.ys-embed-root`: resets everything the host page's styles could pass down.
    frame: web_sys::HtmlElement,
    /// `.ys-widget`: where the app mounts.
    root: web_sys::HtmlElement,
    link: web_sys::HtmlLinkElement,
}

fn shadow_parts(
    document: &web_sys::Document,
    element: &web_sys::HtmlElement,
    assets: &str,
) -> Option<ShadowParts> {
    let shadow = element
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .ok()?;
    let create = |tag: &str| document.create_element(tag).ok();
    let slot = create("slot")?;
    let link = create("link")?
        .dyn_into::<web_sys::HtmlLinkElement>()
        .ok()?;
    link.set_rel("stylesheet");
    link.set_href(&format!("{assets}{SHADOW_STYLESHEET}"));
    let frame = create("div")?.dyn_into::<web_sys::HtmlElement>().ok()?;
    frame.set_class_name("ys-embed-root");
    frame.set_hidden(true);
    let root = create("div")?.dyn_into::<web_sys::HtmlElement>().ok()?;
    frame.append_child(&root).ok()?;
    shadow.append_child(&slot).ok()?;
    shadow.append_child(&link).ok()?;
    shadow.append_child(&frame).ok()?;
    Some(ShadowParts {
        slot,
        frame,
        root,
        link,
    })
}

/// Marks the root with the theme, the controls and the brand, and sets the theme's custom
/// properties through the CSSOM (a strict CSP blocks `style` attributes, not this).
fn apply_theme(root: &web_sys::HtmlElement, config: &WidgetConfig) {
    let _ = root.class_list().add_1("ys-widget");
    let _ = root.set_attribute("data-ys-theme", config.theme.mode.param());
    let _ = root.set_attribute("data-ys-controls", config.controls.param());
    if config.theme.brand.is_some() {
        let _ = root.set_attribute("data-ys-brand", "");
    }
    let style = root.style();
    for (name, value) in config.theme.custom_properties() {
        let _ = style.set_property(name, &value);
    }
}

/// Registers `--ys-rem` as a length, so that the widget's sizes in a shadow root follow the
/// reader's default font size rather than the host page's `html { font-size }` (which `rem`
/// would follow). Registering twice throws; the first registration stands.
fn register_root_size() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(css) = js_sys::Reflect::get(&window, &"CSS".into()) else {
        return;
    };
    let Ok(register) = js_sys::Reflect::get(&css, &"registerProperty".into()) else {
        return;
    };
    let Some(register) = register.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let definition = js_sys::Object::new();
    for (key, value) in [
        ("name", wasm_bindgen::JsValue::from_str("--ys-rem")),
        ("syntax", "<length>".into()),
        ("inherits", true.into()),
        ("initialValue", "16px".into()),
    ] {
        let _ = js_sys::Reflect::set(&definition, &key.into(), &value);
    }
    let _ = register.call1(&css, &definition);
}

/// One widget: loads the bundle's manifest and areas (of the pinned version, when pinned),
/// then shows the comparison page.
#[component]
pub fn App(
    /// Where the bundle is and what to show first.
    config: WidgetConfig,
) -> impl IntoView {
    let nav = Navigation::new(config.initial.clone(), config.sync_url);
    let (location, pin) = (config.bundle.clone(), config.pin.clone());
    let first = FirstFile::for_selection(&config.initial);
    let index = LocalResource::new(move || {
        let (location, pin, first) = (location.clone(), pin.clone(), first.clone());
        async move {
            match location {
                Ok(location) => load_bundle(location, pin, first).await,
                // Refused before any request: nothing is fetched from where it may not be.
                Err(refused) => Err(IndexError::Refused(refused)),
            }
        }
    });
    view! {
        {move || match index.get() {
            None => view! { <p class="ys-loading" role="status">"Loading the figures…"</p> }.into_any(),
            Some(Err(IndexError::Load(error))) => view! {
                <Message
                    title=error.title()
                    detail=error.to_string()
                    error=true
                    on_retry=Callback::new(move |()| index.refetch())
                />
            }
            .into_any(),
            Some(Err(IndexError::Refused(refused))) => view! {
                <Message title=refused.title() detail=refused.to_string() error=true />
            }
            .into_any(),
            Some(Err(error)) => pin_problem(&error, &config).into_any(),
            Some(Ok(loaded)) => {
                let config = config.clone();
                let note = config.pin.clone().map(|pin| view! {
                    <p class="ys-pin-note">
                        "These figures are data version " <code>{pin.short().to_owned()}</code>
                        ", fixed when this was embedded."
                    </p>
                });
                view! {
                    {note}
                    <ComparisonPage
                        index=loaded.index
                        config=config
                        location=loaded.location
                        nav=nav
                        first=loaded.first
                    />
                }
                .into_any()
            }
        }}
    }
}

/// A pinned version that cannot be shown: say so plainly, and offer the current figures as
/// a link rather than show them in its place.
fn pin_problem(error: &IndexError, config: &WidgetConfig) -> impl IntoView + use<> {
    let current = format!("{}{}", config.assets, config.initial.to_query(""));
    let (title, detail) = match error {
        IndexError::PinnedVersionGone { pin, current } => (
            "The data this embed was made with is no longer available",
            format!(
                "This embed is pinned to data version {} so that its figures never change \
                 without notice. The site it comes from no longer keeps that version{}, so \
                 those figures cannot be shown here.",
                pin.short(),
                current
                    .as_deref()
                    .and_then(ContentHash::parse)
                    .map(|c| format!(" (the current version is {})", c.short()))
                    .unwrap_or_default()
            ),
        ),
        IndexError::PinnedVersionAltered { pin, url } => (
            "The data does not match the version this embed was made with",
            format!(
                "This embed is pinned to data version {}, but {url} holds different data. \
                 The figures are not shown.",
                pin.short()
            ),
        ),
        IndexError::Load(error) => (error.title(), error.to_string()),
        IndexError::Refused(refused) => (refused.title(), refused.to_string()),
    };
    view! {
        <div class="ys-message ys-message--error" role="alert">
            <p class="ys-message__title">{title}</p>
            <p>{detail}</p>
            <p><a href=current>"See the current figures in the full comparison"</a></p>
        </div>
    }
}
