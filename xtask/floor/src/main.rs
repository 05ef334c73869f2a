//! The smallest program that does what the widget's first view must: fetch a JSON file with
//! gloo-net, deserialise it with serde_json, draw a bar chart with plotters' SVG backend and
//! show the same numbers in a Leptos table. `cargo xtask bench-floor` reports its size.

use leptos::prelude::*;
use plotters::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct Bar {
    name: String,
    value: f64,
}

/// The bars as an SVG document, or nothing when plotters fails.
fn chart(bars: &[Bar]) -> Option<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        let top = bars.iter().map(|bar| bar.value).fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(20)
            .y_label_area_size(120)
            .build_cartesian_2d(0.0..top, 0..bars.len())
            .ok()?;
        chart.configure_mesh().draw().ok()?;
        chart
            .draw_series(
                bars.iter()
                    .enumerate()
                    .map(|(i, bar)| Rectangle::new([(0.0, i), (bar.value, i + 1)], BLUE.filled())),
            )
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

async fn load() -> Option<Vec<Bar>> {
    let response = gloo_net::http::Request::get("bars.json")
        .send()
        .await
        .ok()?;
    let bytes = response.binary().await.ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[component]
fn Floor() -> impl IntoView {
    let bars = LocalResource::new(load);
    move || match bars.get() {
        None => view! { <p>"Loading"</p> }.into_any(),
        Some(None) => view! { <p>"The figures could not be loaded."</p> }.into_any(),
        Some(Some(bars)) => {
            let svg = chart(&bars).unwrap_or_default();
            let rows = bars
                .into_iter()
                .map(|bar| view! { <tr><th>{bar.name}</th><td>{format!("{:.1}", bar.value)}</td></tr> })
                .collect_view();
            view! {
                <figure inner_html=svg></figure>
                <table><tbody>{rows}</tbody></table>
            }
            .into_any()
        }
    }
}

fn main() {
    leptos::mount::mount_to_body(Floor);
}
