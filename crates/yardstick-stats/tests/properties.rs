//! Property tests of the invariants issue 4 names.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failed test"
)]

use proptest::prelude::*;
use yardstick_stats::*;

fn values(min_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1e6..1e6f64, min_len..60)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn metric(polarity: Polarity) -> Metric {
    Metric {
        id: "m".to_owned(),
        title: "m".to_owned(),
        polarity,
        kind: MetricKind::Other,
        service: ServiceScope::AllAreas,
    }
}

fn polarity() -> impl Strategy<Value = Polarity> {
    prop_oneof![
        Just(Polarity::HigherIsBetter),
        Just(Polarity::LowerIsBetter),
        Just(Polarity::NoJudgement)
    ]
}

fn codes(n: usize) -> Vec<AreaCode> {
    (0..n).map(|i| AreaCode::new(format!("E{i:08}"))).collect()
}

/// A dataset of `rows.len()` unitaries with the given context rows.
fn context_dataset(rows: &[Vec<Option<f64>>], width: usize) -> Dataset {
    let codes = codes(rows.len());
    Dataset::new(DatasetInput {
        areas: codes
            .iter()
            .map(|c| Area {
                code: c.clone(),
                name: c.to_string(),
                area_type: "UA".to_owned(),
                region: None,
                parent: None,
                in_force: true,
                first_day: None,
                last_day: None,
            })
            .collect(),
        context: ContextTable {
            variables: (0..width)
                .map(|j| ContextVariable {
                    id: format!("v{j}"),
                    log_suggested: false,
                })
                .collect(),
            rows: codes
                .iter()
                .zip(rows)
                .map(|(c, row)| ContextRow {
                    area: c.clone(),
                    values: row.clone(),
                })
                .collect(),
        },
        ..DatasetInput::default()
    })
    .unwrap()
}

fn context_rows() -> impl Strategy<Value = (Vec<Vec<Option<f64>>>, usize)> {
    (1usize..5).prop_flat_map(|width| {
        (
            prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.9, -100.0..100.0f64), width),
                3..30,
            ),
            Just(width),
        )
    })
}

fn distance() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(""),
        Just(";distance=mahalanobis"),
        Just(";scale=robust"),
        Just(";scale=robust;distance=mahalanobis")
    ]
}

proptest! {
    #[test]
    fn quartiles_bracket_the_median(values in values(4)) {
        let d = describe(&values).unwrap();
        let q = d.quartiles.unwrap();
        prop_assert!(d.min <= q.q1 && q.q1 <= d.median && d.median <= q.q3 && q.q3 <= d.max);
        prop_assert!(d.mad >= 0.0);
    }

    #[test]
    fn ranks_follow_the_competition_rule(
        values in prop::collection::vec(prop_oneof![-5i32..5, -1000i32..1000], 1..50),
        polarity in polarity(),
    ) {
        let codes = codes(values.len());
        let pairs: Vec<(&AreaCode, f64)> =
            codes.iter().zip(&values).map(|(c, v)| (c, f64::from(*v))).collect();
        let ranked = rank_values(&pairs, polarity);
        prop_assert_eq!(ranked.len(), values.len());
        let mut seen: Vec<&AreaCode> = ranked.iter().map(|r| &r.code).collect();
        seen.sort();
        seen.dedup();
        prop_assert_eq!(seen.len(), values.len(), "each area ranked once");
        for (position, r) in ranked.iter().enumerate() {
            let better = ranked.iter().filter(|o| match polarity {
                Polarity::LowerIsBetter => o.value < r.value,
                _ => o.value > r.value,
            }).count();
            prop_assert_eq!(r.rank, better + 1);
            prop_assert!(r.rank <= position + 1);
        }
        // Without ties the ranks are exactly 1..=n.
        let mut distinct = values.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() == values.len() {
            let ranks: Vec<usize> = ranked.iter().map(|r| r.rank).collect();
            prop_assert_eq!(ranks, (1..=values.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn input_order_never_changes_an_assessment(
        (values, shuffled) in values(1).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        polarity in polarity(),
    ) {
        let a: Vec<MetricValue> = values.iter().map(|v| MetricValue::new(*v)).collect();
        let b: Vec<MetricValue> = shuffled.iter().map(|v| MetricValue::new(*v)).collect();
        let metric = metric(polarity);
        let first = assess(&a[0], &a.iter().collect::<Vec<_>>(), &metric, CompareOptions::default());
        let focus = b.iter().position(|v| *v == a[0]).unwrap();
        let second = assess(&b[focus], &b.iter().collect::<Vec<_>>(), &metric, CompareOptions::default());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn scaling_scales_the_median_and_keeps_ranks(values in values(1), factor in 1e-3..1e3f64, polarity in polarity()) {
        let scaled: Vec<f64> = values.iter().map(|v| v * factor).collect();
        prop_assert!(close(median(&scaled).unwrap(), factor * median(&values).unwrap()));
        let codes = codes(values.len());
        let rank = |vs: &[f64]| {
            let pairs: Vec<(&AreaCode, f64)> = codes.iter().zip(vs).map(|(c, v)| (c, *v)).collect();
            rank_values(&pairs, polarity).into_iter().map(|r| (r.code, r.rank)).collect::<Vec<_>>()
        };
        prop_assert_eq!(rank(&values), rank(&scaled));
    }

    #[test]
    fn adding_a_constant_shifts_the_median(values in values(1), shift in -1e4..1e4f64) {
        let shifted: Vec<f64> = values.iter().map(|v| v + shift).collect();
        let expected = median(&values).unwrap() + shift;
        prop_assert!((median(&shifted).unwrap() - expected).abs() <= 1e-9 * 1e6);
    }

    #[test]
    fn an_area_is_never_its_own_peer_and_neighbours_are_the_closest(
        (rows, width) in context_rows(),
        focus in 0usize..30,
        k in 1usize..40,
        options in distance(),
    ) {
        let dataset = context_dataset(&rows, width);
        let focus = AreaCode::new(format!("E{:08}", focus % rows.len()));
        let all: GroupSpec = format!("nearest:all{options}").parse().unwrap();
        let some: GroupSpec = format!("nearest:{k}{options}").parse().unwrap();
        let (Ok(all), Ok(some)) = (
            dataset.peers(&focus, &all, &ServiceScope::AllAreas),
            dataset.peers(&focus, &some, &ServiceScope::AllAreas),
        ) else {
            // Only when every variable is constant or missing.
            return Ok(());
        };
        prop_assert!(all.members.iter().all(|m| m.code != focus));
        // Every other area is a candidate unless it has no context value at all.
        let placeable = rows
            .iter()
            .enumerate()
            .filter(|(i, row)| format!("E{i:08}") != focus.as_str() && row.iter().any(Option::is_some))
            .count();
        prop_assert_eq!(all.members.len(), placeable);
        prop_assert_eq!(all.excluded.len(), rows.len() - 1 - placeable);
        prop_assert_eq!(some.members.len(), k.min(placeable));
        // The k nearest are the first k of the full ranking, and no excluded area is closer.
        prop_assert_eq!(&some.members[..], &all.members[..some.members.len()]);
        let distance = |m: &PeerMember| m.neighbour.as_ref().unwrap().distance;
        if let Some(last) = some.members.last() {
            for other in &all.members[some.members.len()..] {
                prop_assert!(distance(other) >= distance(last));
            }
        }
        for member in &all.members {
            let n = member.neighbour.as_ref().unwrap();
            let total: f64 = n.shares.iter().map(|s| s.share).sum();
            prop_assert!((total - 1.0).abs() < 1e-9, "shares sum to {}", total);
            prop_assert!((0.0..=100.0).contains(&n.similarity));
        }
    }

    #[test]
    fn area_input_order_never_changes_peers(
        (rows, width) in context_rows(),
        seed in any::<u64>(),
    ) {
        let dataset = context_dataset(&rows, width);
        // Rebuild with the rows and areas rotated.
        let codes = codes(rows.len());
        let turn = usize::try_from(seed % rows.len() as u64).unwrap();
        let mut areas: Vec<Area> = dataset.areas().to_vec();
        areas.rotate_left(turn);
        let mut context_rows: Vec<ContextRow> = codes
            .iter()
            .zip(&rows)
            .map(|(c, r)| ContextRow { area: c.clone(), values: r.clone() })
            .collect();
        context_rows.rotate_right(turn);
        let rotated = Dataset::new(DatasetInput {
            areas,
            context: ContextTable {
                variables: dataset.context_variables().to_vec(),
                rows: context_rows,
            },
            ..DatasetInput::default()
        })
        .unwrap();
        let spec: GroupSpec = "nearest:5;distance=mahalanobis".parse().unwrap();
        let focus = &codes[0];
        prop_assert_eq!(
            dataset.peers(focus, &spec, &ServiceScope::AllAreas),
            rotated.peers(focus, &spec, &ServiceScope::AllAreas)
        );
    }

    #[test]
    fn group_specs_round_trip(
        k in prop_oneof![Just(None), (1usize..500).prop_map(Some)],
        vars in prop::option::of(prop::collection::btree_set("[a-z][a-z0-9_-]{0,6}", 1..4)),
        weight in prop::option::of((0.0..100.0f64, "[a-z]{1,5}")),
        robust in any::<bool>(),
        mahalanobis in any::<bool>(),
        log in prop_oneof![Just(LogChoice::Suggested), Just(LogChoice::None), Just(LogChoice::Variables(vec!["x".to_owned()]))],
    ) {
        let spec = GroupSpec::Nearest(NearestSpec {
            count: k.map_or(NeighbourCount::All, NeighbourCount::Count),
            variables: vars.map(|v| v.into_iter().collect()),
            weights: weight.into_iter().map(|(w, name)| (name, w)).collect(),
            scale: if robust { Scaling::Robust } else { Scaling::ZScore },
            distance: if mahalanobis { DistanceMeasure::Mahalanobis } else { DistanceMeasure::Euclidean },
            log,
        });
        let text = spec.to_string();
        prop_assert_eq!(text.parse::<GroupSpec>(), Ok(spec));
        prop_assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:;,=".contains(c)));
    }

    #[test]
    fn intervals_never_panic(
        x in prop_oneof![any::<f64>(), -10.0..1e7f64],
        n in prop_oneof![any::<f64>(), 0.0..1e7f64],
        high in any::<bool>(),
    ) {
        let level = if high { ConfidenceLevel::P998 } else { ConfidenceLevel::P95 };
        for interval in [
            wilson_interval(x, n, level, 100.0),
            poisson_interval(x, level),
            crude_rate_interval(x, n, level, 1000.0),
            ratio_interval(x, n, level, 100.0),
            mean_interval(x, n.abs().sqrt(), n, level),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(interval.lower <= interval.upper);
            prop_assert!(interval.lower.is_finite() && interval.upper.is_finite());
        }
        let _ = describe(&[x, n]);
    }

    /// Issue 12: one change between two figures is a change, not a trend, whatever the kind,
    /// counts or polarity: it is told as up, down or no change, and the trend test declines.
    #[test]
    fn one_change_is_never_called_better_or_worse(
        first in 0.0..1e4f64,
        second in 0.0..1e4f64,
        denominator in 1e4..1e6f64,
        counts in any::<bool>(),
        polarity in polarity(),
    ) {
        let value = |v: f64| {
            if counts {
                MetricValue::new(v / denominator * 100.0).with_counts(v, denominator)
            } else {
                MetricValue::new(v)
            }
        };
        let kind = if counts {
            MetricKind::Proportion { multiplier: 100.0 }
        } else {
            MetricKind::Other
        };
        let (a, b) = (value(first), value(second));
        let year = |n: i32| Span::new(365 * n, 365 * n + 364, 12).unwrap();
        let point = |label, n, value| SeriesPoint { label, span: year(n), value };
        let trend = series_trend(&[point("1", 1, &a), point("2", 2, &b)], kind, polarity);
        prop_assert!(trend.recent.is_err(), "{:?}", trend.recent);
        let expected = if b.value.finite().unwrap() > a.value.finite().unwrap() {
            Travel::Up
        } else if b.value.finite().unwrap() < a.value.finite().unwrap() {
            Travel::Down
        } else {
            Travel::NoChange
        };
        prop_assert_eq!(trend.direction, Ok(expected));
    }

    /// A single step in five figures without counts or intervals (k at one level, then 5 − k at
    /// another) has S = ±k(5 − k) ≤ 6, never a Mann–Kendall trend.
    #[test]
    fn a_single_step_is_never_a_trend(
        before in -1e4..1e4f64,
        after in -1e4..1e4f64,
        k in 1usize..5,
        polarity in polarity(),
    ) {
        let series: Vec<MetricValue> = (0..5)
            .map(|i| MetricValue::new(if i < k { before } else { after }))
            .collect();
        let refs: Vec<&MetricValue> = series.iter().collect();
        let trend = recent_trend(&refs, MetricKind::Other, polarity).unwrap();
        prop_assert_eq!(trend.method, TrendMethod::MannKendall);
        prop_assert_eq!(trend.marker, TrendMarker::NoSignificantChange);
        prop_assert_eq!(trend.progress, None);
    }
}
