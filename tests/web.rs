//! Browser tests (wasm-bindgen-test in headless Chromium): what only a real DOM can show.
//! Logic is tested natively; these check that components render it accessibly.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::expect_used,
    reason = "a helper that cannot set up the page should fail the test"
)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yardstick::components::message::Message;
use yardstick::components::metric_view::MetricView;
use yardstick_bundle::{
    AreaCode, DatasetBuilder, Manifest, parse_areas, parse_manifest, parse_metric_values,
};
use yardstick_present::model::metric::{MetricModel, metric_model};
use yardstick_stats::GroupSpec;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("fixtures/mini-bundle/manifest.json");
const AREAS: &str = include_str!("fixtures/mini-bundle/areas.json");
const VALUES: &str = include_str!("fixtures/mini-bundle/metrics/recycling.json");

/// A fresh element of the given width in the test page.
fn container(width_px: u32) -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let element: web_sys::HtmlElement = document
        .create_element("div")
        .expect("create a div")
        .unchecked_into();
    element
        .style()
        .set_property("width", &format!("{width_px}px"))
        .expect("set a width");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("attach");
    element
}

/// Lets Leptos finish its asynchronous DOM updates.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fires");
}

fn fixture(code: &str) -> (Manifest, MetricModel) {
    let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest");
    let areas = parse_areas(AREAS.as_bytes()).expect("areas");
    let values = parse_metric_values(VALUES.as_bytes()).expect("values");
    let mut builder = DatasetBuilder::new(&areas, None, None);
    builder.add_metric(&manifest, &values).expect("converts");
    let dataset = builder.build().expect("builds");
    let metric = manifest.metric("recycling").expect("metric").clone();
    let area = areas.get(&AreaCode::new(code)).expect("area").clone();
    let model = metric_model(
        &manifest,
        &areas,
        None,
        &dataset,
        &values,
        &area,
        &metric,
        metric.latest_period,
        &GroupSpec::SameType,
    )
    .expect("a comparison");
    (manifest, model)
}

/// Trafford's metric view mounted in a fresh container `width_px` wide, drawn and settled.
async fn metric_view_in(width_px: u32) -> web_sys::HtmlElement {
    let root = container(width_px);
    let (manifest, model) = fixture("E08000009");
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <MetricView manifest=manifest model=model parts=yardstick::embed::Parts::ALL full=None /> },
    )
    .forget();
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn the_chart_has_a_text_alternative_and_a_table_with_the_same_rows() {
    let root = metric_view_in(600).await;

    let chart = root
        .query_selector(".ys-chart__canvas[role=img]")
        .expect("query")
        .expect("the chart has role img");
    let label = chart.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("Trafford is marked, at 40.0%"), "{label}");
    assert!(chart.query_selector("svg").expect("query").is_some());

    let rows = root
        .query_selector_all(".ys-table-block tbody tr")
        .expect("query");
    // Four councils with a figure and Wigan, whose figure is suppressed.
    assert_eq!(rows.length(), 5);
    let chosen = root
        .query_selector(".ys-table__row--chosen")
        .expect("query")
        .expect("a chosen row");
    let text = chosen.text_content().unwrap_or_default();
    assert!(
        text.contains("Trafford") && text.contains("Selected council"),
        "{text}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_chart_is_drawn_at_the_width_of_its_container() {
    let root = metric_view_in(400).await;
    let canvas = root
        .query_selector(".ys-chart__canvas")
        .expect("query")
        .expect("a canvas");
    let svg = canvas
        .query_selector("svg")
        .expect("query")
        .expect("an svg");
    // The figure's own margins (40 px a side without the stylesheet) narrow the canvas.
    let measured = canvas.client_width();
    assert!(measured > 0 && measured <= 400, "canvas {measured} px");
    assert_eq!(svg.get_attribute("width"), Some(measured.to_string()));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_chart_follows_its_container_when_that_narrows() {
    let root = metric_view_in(600).await;
    let svg_width = |root: &web_sys::HtmlElement| {
        root.query_selector(".ys-chart__canvas svg")
            .expect("query")
            .expect("an svg")
            .get_attribute("width")
            .and_then(|w| w.parse::<i32>().ok())
            .expect("a width")
    };
    let wide = svg_width(&root);
    root.style()
        .set_property("width", "450px")
        .expect("set a width");
    settle().await;
    let narrow = svg_width(&root);
    let canvas = root
        .query_selector(".ys-chart__canvas")
        .expect("query")
        .expect("a canvas");
    assert!(narrow < wide, "{wide} px, then {narrow} px");
    assert_eq!(narrow, canvas.client_width());
    root.remove();
}

#[wasm_bindgen_test]
async fn text_from_a_bundle_is_never_markup() {
    let root = container(600);
    let hostile = "<img src=x onerror=\"document.title='owned'\">".to_owned();
    let shown = hostile.clone();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <Message title=shown.clone() detail=shown /> }
    })
    .forget();
    settle().await;
    assert!(root.query_selector("img").expect("query").is_none());
    assert!(root.text_content().unwrap_or_default().contains(&hostile));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_retry_button_calls_back() {
    let root = container(600);
    let pressed = RwSignal::new(0);
    leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Message
                title="Failed"
                detail="Try again"
                error=true
                on_retry=Callback::new(move |()| pressed.update(|n| *n += 1))
            />
        }
    })
    .forget();
    settle().await;
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .expect("query")
        .expect("a retry button")
        .unchecked_into();
    button.click();
    assert_eq!(pressed.get_untracked(), 1);
    assert_eq!(
        root.query_selector("[role=alert]")
            .expect("query")
            .map(|_| ()),
        Some(())
    );
    root.remove();
}
