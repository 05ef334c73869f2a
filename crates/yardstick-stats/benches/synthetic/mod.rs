//! The benchmarks' synthetic data, shared by the native (criterion) and the wasm
//! (wasm-bindgen-test) benchmarks so that both time the same work: 400 areas with 30 context
//! variables, and 500 metrics of 5 periods, from a fixed linear congruential generator.

use yardstick_stats::{
    Area, AreaCode, ContextRow, ContextTable, ContextVariable, Dataset, DatasetInput, GroupSpec,
    Metric, MetricKind, MetricSeries, MetricValue, PeriodValues, Polarity, ServiceScope, Span,
};

pub const AREAS: usize = 400;
pub const VARIABLES: usize = 30;
pub const METRICS: usize = 500;
pub const PERIODS: usize = 5;

/// Knuth's MMIX linear congruential generator: deterministic and dependency-free.
pub struct Lcg(u64);

impl Lcg {
    pub fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The top 53 bits as a fraction in [0, 1).
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub fn code(i: usize) -> AreaCode {
    AreaCode::new(format!("E{:08}", 6_000_000 + i))
}

/// The `p`th of consecutive 365-day years: the engine only compares day numbers.
fn year_span(p: usize) -> Span {
    let first = 365 * i32::try_from(p).unwrap_or(0);
    Span::new(first, first + 364, 12).unwrap_or_else(|| unreachable!("a year ends after it starts"))
}

pub fn dataset() -> Dataset {
    let mut random = Lcg(20_240_401);
    let areas = (0..AREAS)
        .map(|i| Area {
            code: code(i),
            name: format!("Area {i}"),
            area_type: if i % 4 == 0 { "SC" } else { "UA" }.to_owned(),
            region: Some(format!("Region {}", i % 9)),
            parent: None,
            in_force: true,
            first_day: None,
            last_day: None,
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
                        // Consecutive years of 365 days: the engine only compares day numbers.
                        span: year_span(p),
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

pub fn spec(text: &str) -> GroupSpec {
    text.parse()
        .unwrap_or_else(|error| panic!("bench spec: {error}"))
}
