//! Issue 4's benchmarks, on synthetic data from a fixed linear congruential generator:
//! nearest neighbours for 400 areas × 30 variables (target under 2 ms natively), and an
//! all-metrics summary for one area over 500 metrics × 400 areas (target under 20 ms).
//!
//! `cargo bench -p yardstick-stats` (add `-- --quick` for a faster, rougher run).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick_stats::{
    Area, AreaCode, CompareOptions, ContextRow, ContextTable, ContextVariable, Dataset,
    DatasetInput, GroupSpec, Metric, MetricKind, MetricSeries, MetricValue, PeriodValues, Polarity,
    ServiceScope,
};

const AREAS: usize = 400;
const VARIABLES: usize = 30;
const METRICS: usize = 500;
const PERIODS: usize = 5;

/// Knuth's MMIX linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The top 53 bits as a fraction in [0, 1).
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn code(i: usize) -> AreaCode {
    AreaCode::new(format!("E{:08}", 6_000_000 + i))
}

fn dataset() -> Dataset {
    let mut random = Lcg(20_240_401);
    let areas = (0..AREAS)
        .map(|i| Area {
            code: code(i),
            name: format!("Area {i}"),
            area_type: if i % 4 == 0 { "SC" } else { "UA" }.to_owned(),
            region: Some(format!("Region {}", i % 9)),
            parent: None,
        })
        .collect();
    let context = ContextTable {
        variables: (0..VARIABLES)
            .map(|j| ContextVariable {
                id: format!("v{j}"),
                log_suggested: j % 5 == 0,
            })
            .collect(),
        rows: (0..AREAS)
            .map(|i| ContextRow {
                area: code(i),
                values: (0..VARIABLES)
                    .map(|_| {
                        let x = random.next();
                        (x > 0.02).then_some(1.0 + 100.0 * x * x)
                    })
                    .collect(),
            })
            .collect(),
    };
    let metrics = (0..METRICS)
        .map(|m| {
            let proportion = m % 2 == 0;
            MetricSeries {
                metric: Metric {
                    id: format!("metric-{m:03}"),
                    title: format!("Metric {m}"),
                    polarity: if m % 3 == 0 {
                        Polarity::LowerIsBetter
                    } else {
                        Polarity::HigherIsBetter
                    },
                    kind: if proportion {
                        MetricKind::Proportion { multiplier: 100.0 }
                    } else {
                        MetricKind::Other
                    },
                    service: if m % 5 == 0 {
                        ServiceScope::area_types(["SC", "UA"])
                    } else {
                        ServiceScope::AllAreas
                    },
                },
                periods: (0..PERIODS)
                    .map(|p| PeriodValues {
                        label: format!("{}-{}", 2019 + p, 20 + p),
                        values: (0..AREAS)
                            .map(|i| {
                                let x = random.next();
                                let value = if proportion {
                                    let n = 500.0 + (1000.0 * random.next()).floor();
                                    let events = (n * (0.2 + 0.5 * x)).floor();
                                    MetricValue::new(100.0 * events / n).with_counts(events, n)
                                } else {
                                    let v = 50.0 + 20.0 * x;
                                    MetricValue::new(v).with_limits(v - 2.0, v + 2.0)
                                };
                                (code(i), value)
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    Dataset::new(DatasetInput {
        areas,
        context,
        published: Vec::new(),
        metrics,
    })
    .unwrap_or_else(|problems| panic!("synthetic data are valid: {problems:?}"))
}

fn spec(text: &str) -> GroupSpec {
    text.parse()
        .unwrap_or_else(|error| panic!("bench spec: {error}"))
}

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
