//! Issue 4's benchmarks, on synthetic data from a fixed linear congruential generator:
//! nearest neighbours for 400 areas × 30 variables (target under 2 ms natively), and an
//! all-metrics summary for one area over 500 metrics × 400 areas (target under 20 ms).
//!
//! `cargo bench -p yardstick-stats` (add `-- --quick` for a faster, rougher run).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick_stats::{CompareOptions, ServiceScope};

mod synthetic;

use synthetic::{code, dataset, spec};

fn benches(c: &mut Criterion) {
    let data = dataset();
    let area = code(137);
    let scope = ServiceScope::AllAreas;
    for (name, text) in [
        ("nearest neighbours 400x30 euclidean", "nearest:15"),
        (
            "nearest neighbours 400x30 mahalanobis",
            "nearest:15;distance=mahalanobis",
        ),
    ] {
        let group = spec(text);
        c.bench_function(name, |b| {
            b.iter(|| data.peers(black_box(&area), black_box(&group), &scope))
        });
    }
    for (name, text) in [
        ("summary 500 metrics x 400 areas, all", "all"),
        ("summary 500 metrics x 400 areas, nearest:15", "nearest:15"),
    ] {
        let group = spec(text);
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
}

criterion_group! {
    name = engine;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(engine);
