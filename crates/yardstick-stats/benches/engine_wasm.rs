//! Issue 4's benchmarks in the browser: the same work as `benches/engine.rs`, on the same
//! synthetic data, compiled to wasm and timed in headless Chromium by wasm-bindgen-test's port
//! of criterion (wall time from `performance.now()`). Targets: under 5 ms for nearest
//! neighbours of 400 areas × 30 variables, under 40 ms for the all-metrics summary of
//! 500 metrics × 400 areas. It prints figures and asserts nothing.
//!
//! From the workspace root (the runner, wasm-bindgen-test-runner, is set in .cargo/config.toml
//! and drives Chromium through chromedriver; webdriver.json makes it headless):
//!
//! ```text
//! WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/webdriver.json WASM_BINDGEN_TEST_TIMEOUT=600 \
//!     cargo bench -p yardstick-stats --bench engine_wasm --target wasm32-unknown-unknown
//! ```
//!
//! Natively this target only says how to run it.

#[cfg(target_arch = "wasm32")]
mod synthetic;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::hint::black_box;
    use std::sync::OnceLock;
    use std::time::Duration;

    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::{Criterion, wasm_bindgen_bench, wasm_bindgen_test_configure};
    use yardstick_stats::{CompareOptions, Dataset, ServiceScope};

    use super::synthetic::{code, dataset, spec};

    wasm_bindgen_test_configure!(run_in_browser);

    fn data() -> &'static Dataset {
        static DATA: OnceLock<Dataset> = OnceLock::new();
        DATA.get_or_init(dataset)
    }

    /// Lets the page's event loop run (a `setTimeout(0)` task), so that chromedriver's polls
    /// are answered between benchmarks; each benchmark then blocks the page for a few seconds
    /// only, well inside the webdriver's 20-second limit.
    async fn yield_to_the_page() {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            match set_timeout {
                Some(set_timeout) => {
                    let _ = set_timeout.call2(&JsValue::NULL, &resolve, &0.into());
                }
                None => {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Shorter runs than criterion's defaults (3 s warm-up, 5 s of samples, 100,000
    /// resamples), for the same reason.
    fn configure(c: &mut Criterion) {
        *c = std::mem::take(c)
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .nresamples(10_000);
    }

    async fn peers(c: &mut Criterion, name: &str, text: &str) {
        yield_to_the_page().await;
        configure(c);
        let (data, area, group) = (data(), code(137), spec(text));
        c.bench_function(name, |b| {
            b.iter(|| data.peers(black_box(&area), black_box(&group), &ServiceScope::AllAreas))
        });
    }

    async fn summary(c: &mut Criterion, name: &str, text: &str) {
        yield_to_the_page().await;
        configure(c);
        let (data, area, group) = (data(), code(137), spec(text));
        c.bench_function(name, |b| {
            b.iter(|| {
                data.summary(
                    black_box(&area),
                    black_box(&group),
                    CompareOptions::default(),
                )
            })
        });
    }

    #[wasm_bindgen_bench]
    async fn nearest_euclidean(c: &mut Criterion) {
        peers(c, "wasm: nearest neighbours 400x30 euclidean", "nearest:15").await;
    }

    #[wasm_bindgen_bench]
    async fn nearest_mahalanobis(c: &mut Criterion) {
        peers(
            c,
            "wasm: nearest neighbours 400x30 mahalanobis",
            "nearest:15;distance=mahalanobis",
        )
        .await;
    }

    #[wasm_bindgen_bench]
    async fn summary_all(c: &mut Criterion) {
        summary(c, "wasm: summary 500 metrics x 400 areas, all", "all").await;
    }

    #[wasm_bindgen_bench]
    async fn summary_nearest(c: &mut Criterion) {
        summary(
            c,
            "wasm: summary 500 metrics x 400 areas, nearest:15",
            "nearest:15",
        )
        .await;
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    println!(
        "engine_wasm runs in the browser: cargo bench -p yardstick-stats --bench engine_wasm \
         --target wasm32-unknown-unknown (see the comment at the top of benches/engine_wasm.rs)"
    );
}
