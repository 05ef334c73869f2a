//! Yardstick's first program: while the full widget (Leptos, about 340 KB of Brotli) downloads,
//! this small one fetches the first view's files and draws its first screen (the verdict, the
//! sentence, the ranked chart and the source line) into each `data-yardstick` element (in a
//! script embed, into a shadow root built as the widget builds it). The full widget then takes
//! the element over (widget.js swaps the two in one frame).
//!
//! It decides what to show exactly as the widget does (`yardstick_view`: the same reading of
//! the element's attributes and the page's address, the same bundle rule, the same checks
//! against the manifest), and draws with the widget's models and charts, so its words, numbers
//! and SVG are the widget's. A view it cannot draw (another view than the comparison, a nearest
//! neighbour group, a pinned or themed embed, a part of the address not understood, a council
//! without a figure) it leaves alone: the widget draws that itself.
//!
//! ```
//! use yardstick_view::selection::Selection;
//!
//! // Only the comparison of a chosen council is drawn first.
//! assert!(yardstick_first::worth_fetching(&Selection::from_query("?area=E07000223")));
//! assert!(!yardstick_first::worth_fetching(&Selection::from_query("?area=E07000223&view=trend")));
//! assert!(!yardstick_first::worth_fetching(&Selection::from_query("?area=E07000223&group=nearest:15")));
//! assert!(!yardstick_first::worth_fetching(&Selection::default()));
//! ```

pub mod screen;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use yardstick_bundle::{
    DatasetBuilder, FileEntry, Manifest, MetricValues, parse_areas, parse_catalogue,
    parse_manifest, parse_metric_values, parse_peer_groups, sha256_hex,
};
use yardstick_present::model::metric::metric_model;
use yardstick_stats::GroupSpec;
use yardstick_view::index::BundleIndex;
use yardstick_view::origin::BundleSource;
use yardstick_view::selection::{Selection, View};
use yardstick_view::view::{AreaChoice, RawState, Settings, choosing_line, decide, resolve};

use crate::screen::Screen;

/// Set by the full widget on an element it has mounted in.
const MOUNTED: &str = "data-yardstick-mounted";
/// The width the first chart was drawn at, for the widget to draw its own at the same.
const FIRST_WIDTH: &str = "data-yardstick-first-width";
/// The chart's width before anything is measured, as in the widget.
const DEFAULT_WIDTH: u32 = 640;

/// Whether a selection may be one the first program draws, before anything is fetched: a
/// council is named, the view is the comparison and the group is not nearest neighbours
/// (which needs the context file and the engine's neighbour search: the widget's work).
pub fn worth_fetching(selection: &Selection) -> bool {
    let view = selection.view.as_deref().map(View::parse);
    let nearest = selection
        .group
        .as_deref()
        .is_some_and(|group| group.trim_start().starts_with("nearest"));
    selection.area.is_some() && matches!(view, None | Some(Some(View::Metric))) && !nearest
}

/// Draws the first screen in every `data-yardstick` element it can; resolves to how many.
#[wasm_bindgen]
pub async fn draw_first() -> u32 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(elements) = document.query_selector_all("[data-yardstick]") else {
        return 0;
    };
    let count = elements.length();
    let mut drawn = 0;
    for index in 0..count {
        let Some(element) = elements
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if draw_one(&element, index, count).await.is_some() {
            drawn += 1;
        }
    }
    drawn
}

/// Reads a number as the widget does in the browser (`parseFloat` after the group spec's own
/// syntax check), without the standard library's float parser.
fn browser_number(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(text)).filter(|v| v.is_finite())
}

/// Draws one element's first screen; `None` where the widget is left to draw it.
async fn draw_one(element: &web_sys::HtmlElement, position: u32, widgets: u32) -> Option<()> {
    if element.has_attribute(MOUNTED) || element.shadow_root().is_some() {
        return None;
    }
    let own_page = element.get_attribute("data-isolation").as_deref() == Some("none");
    let data = element.dataset();
    let attribute = |name: &str| data.get(name).filter(|v| !v.trim().is_empty());
    let window = web_sys::window()?;
    let query = window.location().search().unwrap_or_default();
    let assets = attribute("yardstickAssets")
        .or_else(|| window.document()?.base_uri().ok().flatten())
        .unwrap_or_default();
    let raw = RawState {
        attributes: Settings::read(attribute),
        bundle_origins: attribute("bundleOrigins"),
        url_state: attribute("urlState"),
        query: query.clone(),
        frame: element.has_attribute("data-frame"),
        own_page,
        position,
        widgets,
        assets: assets.clone(),
    };
    let decided = decide(&raw);
    let settings = &decided.settings;
    // A pinned version, a theme, a brand colour or a font: the widget's to draw.
    if settings.pin.is_some()
        || settings.theme.is_some()
        || settings.brand.is_some()
        || settings.font.is_some()
        || !worth_fetching(&settings.selection)
    {
        return None;
    }
    let base = match decided.bundle.ok()? {
        BundleSource::Relative(path) => web_sys::Url::new_with_base(&path, &assets).ok()?.href(),
        BundleSource::Absolute(address) => address.as_str().to_owned(),
    };
    let base = if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    let manifest = parse_manifest(&fetch(&format!("{base}manifest.json")).await?).ok()?;
    // Since 2.0 a measure's metadata is in a part of the catalogue: the part of the measure
    // the address names is asked for together with the areas.
    let areas_entry = listed(&manifest, "areas.json")?.clone();
    let areas_request = start(&listed_url(&base, &areas_entry))?;
    let named_part = settings
        .selection
        .metric
        .as_deref()
        .and_then(|id| manifest.part_to_fetch(id))
        .map(|(part, entry)| (part, entry.clone()));
    let part_request = match &named_part {
        Some((_, entry)) => Some(start(&listed_url(&base, entry))?),
        None => None,
    };
    let areas = parse_areas(&checked(&areas_entry, bytes_of(areas_request).await?)?).ok()?;
    let mut index = BundleIndex { manifest, areas };
    if let (Some((part, entry)), Some(request)) = (named_part, part_request) {
        let bytes = checked(&entry, bytes_of(request).await?)?;
        let metas = parse_catalogue(&bytes, &index.manifest, part).ok()?;
        index.manifest.add_part(metas);
    }
    let mut state = resolve(&settings.selection, &index, browser_number);
    // With no measure in the address, the council's first: its part is known only now.
    if let Some(id) = state.pending.clone() {
        let (part, entry) = index.manifest.part_to_fetch(&id)?;
        let entry = entry.clone();
        let metas = parse_catalogue(&fetch_listed(&base, &entry).await?, &index.manifest, part);
        index.manifest.add_part(metas.ok()?);
        state = resolve(&settings.selection, &index, browser_number);
    }
    let (AreaChoice::Known(area), Some(metric)) = (&state.area, &state.metric) else {
        return None;
    };
    if state.view != View::Metric
        || !state.notices.is_empty()
        || matches!(state.group, GroupSpec::Nearest(_))
    {
        return None;
    }
    let manifest = &index.manifest;
    let groups = match &state.group {
        GroupSpec::Published(_) => Some(
            parse_peer_groups(&fetch_listed(&base, listed(manifest, "peer-groups.json")?).await?)
                .ok()?,
        ),
        _ => None,
    };
    // The comparison of the latest period needs only the latest file, as in the widget.
    let meta = &metric.meta;
    let file = match &meta.latest_file {
        Some(latest) if metric.period == meta.latest_period => latest,
        _ => &meta.file,
    };
    let values: MetricValues = parse_metric_values(&fetch_listed(&base, file).await?).ok()?;
    if values.metric != meta.id {
        return None;
    }
    let mut builder = DatasetBuilder::new(&index.areas, None, groups.as_ref());
    builder.add_metric(manifest, &values).ok()?;
    let dataset = builder.build().ok()?;
    let model = metric_model(
        manifest,
        &index.areas,
        groups.as_ref(),
        &dataset,
        &values,
        area,
        meta,
        metric.period,
        &state.group,
    )
    .ok()?;
    // The widget may have arrived meanwhile: then it has the element.
    if element.has_attribute(MOUNTED) {
        return None;
    }
    let screen = Screen {
        manifest,
        model: &model,
        choosing_line: choosing_line(&state),
        controls: decided.controls,
        compact: !decided.parts.is_all(),
        selection: &settings.selection,
        query: &query,
        id_prefix: format!("ys{position}-"),
    };
    // Where the screen goes: the element itself on Yardstick's own pages; in a script embed,
    // a shadow root built as the widget builds it, shown once its stylesheet is in.
    let root = if own_page {
        element.clone()
    } else {
        shadow_root_for(element, &assets).await?
    };
    let _ = root.class_list().add_1("ys-widget");
    let _ = root.set_attribute("data-ys-theme", "light");
    let _ = root.set_attribute("data-ys-controls", decided.controls.param());
    root.set_inner_html(&screen.markup());
    let canvas = root.query_selector(".ys-first .ys-chart__canvas").ok()??;
    // Measuring here forces one layout, before anything is drawn in the canvas.
    let width = u32::try_from(canvas.client_width())
        .ok()
        .filter(|w| *w > 0)
        .unwrap_or(DEFAULT_WIDTH);
    canvas.set_inner_html(&screen.bars(width));
    let _ = root.set_attribute(FIRST_WIDTH, &width.to_string());
    Some(())
}

/// The widget's stylesheet inside a shadow root, next to widget.js (as in the widget).
const SHADOW_STYLESHEET: &str = "yardstick-widget.css";

/// Builds a script embed's shadow root as the widget does (src/lib.rs, `shadow_parts`): the
/// host element's own content through a slot until the stylesheet is in, then
/// `.ys-embed-root` holding the widget's root, which is returned. The widget finds this root
/// and mounts in it. `None` (nothing drawn) where the element cannot hold a shadow root.
async fn shadow_root_for(
    element: &web_sys::HtmlElement,
    assets: &str,
) -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
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
    // Whether the stylesheet loads or fails, the screen is drawn (an unstyled view beats
    // none), as the widget does.
    let loaded = js_sys::Promise::new(&mut |resolve, _| {
        link.set_onload(Some(&resolve));
        link.set_onerror(Some(&resolve));
    });
    shadow.append_child(&link).ok()?;
    shadow.append_child(&frame).ok()?;
    let _ = JsFuture::from(loaded).await;
    link.set_onload(None);
    link.set_onerror(None);
    slot.remove();
    frame.set_hidden(false);
    Some(root)
}

/// The manifest's entry for one of its listed files.
fn listed<'a>(manifest: &'a Manifest, path: &str) -> Option<&'a FileEntry> {
    manifest.files.iter().find(|file| file.path == path)
}

/// Fetches a listed file and checks its size and SHA-256 against the listing, as the widget
/// does: the first program shows no figure the widget would refuse.
async fn fetch_listed(base: &str, entry: &FileEntry) -> Option<Vec<u8>> {
    checked(entry, fetch(&listed_url(base, entry)).await?)
}

/// Where a listed file is, in the bundle at `base`.
fn listed_url(base: &str, entry: &FileEntry) -> String {
    format!("{base}{}", entry.path.trim_start_matches('/'))
}

/// The bytes of a listed file, if their size and SHA-256 are the listing's.
fn checked(entry: &FileEntry, bytes: Vec<u8>) -> Option<Vec<u8>> {
    let size_matches = u64::try_from(bytes.len()).is_ok_and(|len| len == entry.bytes);
    (size_matches && sha256_hex(&bytes) == entry.sha256).then_some(bytes)
}

/// Fetches a file's bytes (credentials as the browser's default, `same-origin`, as the widget
/// and widget.js's preloads ask, so a preloaded file is not fetched twice).
async fn fetch(url: &str) -> Option<Vec<u8>> {
    bytes_of(start(url)?).await
}

/// Starts a request: it leaves now, and its bytes are awaited with [`bytes_of`], so that two
/// requests can be on the way at once.
fn start(url: &str) -> Option<js_sys::Promise> {
    Some(web_sys::window()?.fetch_with_str(url))
}

/// The bytes of a started request, if it succeeded.
async fn bytes_of(request: js_sys::Promise) -> Option<Vec<u8>> {
    let response: web_sys::Response = JsFuture::from(request).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
