//! Data-driven cases through one `check` helper per part of the API, on small hand-made data
//! whose answers can be worked out on paper. Regression tests at the end are named after what
//! broke.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failed test"
)]

use yardstick_stats::*;

fn code(text: &str) -> AreaCode {
    AreaCode::new(text)
}

/// A year of days as the engine counts them: `365 × (year − 2000)` onwards. Leap days do not
/// matter here, only that consecutive years meet without overlapping.
fn financial_year(year: i32) -> Span {
    let first = 365 * (year - 2000);
    Span::new(first, first + 364, 12).unwrap()
}

fn area(code_text: &str, area_type: &str, region: &str, parent: Option<&str>) -> Area {
    Area {
        code: code(code_text),
        name: format!("{code_text} council"),
        area_type: area_type.to_owned(),
        region: Some(region.to_owned()),
        parent: parent.map(code),
        in_force: true,
        first_day: None,
        last_day: None,
    }
}

/// Two counties with districts, and six unitaries; two context variables.
fn fixture() -> Dataset {
    let areas = vec![
        area("C1", "SC", "North", None),
        area("C2", "SC", "South", None),
        area("D1", "SD", "North", Some("C1")),
        area("D2", "SD", "North", Some("C1")),
        area("D3", "SD", "South", Some("C2")),
        area("U1", "UA", "North", None),
        area("U2", "UA", "North", None),
        area("U3", "UA", "South", None),
        area("U4", "UA", "South", None),
        area("U5", "UA", "South", None),
        area("U6", "UA", "North", None),
    ];
    // (density, deprivation): C1 sits between its districts, so only the nesting rule keeps
    // D1 and D2 out of its nearest neighbours.
    let context = [
        ("C1", Some(10.0), Some(20.0)),
        ("C2", Some(30.0), Some(5.0)),
        ("D1", Some(10.5), Some(20.5)),
        ("D2", Some(9.5), Some(19.5)),
        ("D3", Some(31.0), Some(6.0)),
        ("U1", Some(12.0), Some(22.0)),
        ("U2", Some(50.0), Some(40.0)),
        ("U3", Some(14.0), None),
        ("U4", Some(8.0), Some(15.0)),
        ("U5", Some(25.0), Some(30.0)),
        ("U6", Some(11.0), Some(21.0)),
    ];
    let recycling = |rows: &[(&str, f64, f64)]| -> Vec<(AreaCode, MetricValue)> {
        rows.iter()
            .map(|&(c, x, n)| (code(c), MetricValue::new(100.0 * x / n).with_counts(x, n)))
            .collect()
    };
    let periods = (0..6)
        .map(|year| PeriodValues {
            label: format!("20{}-{}", 18 + year, 19 + year),
            span: financial_year(2018 + year),
            values: recycling(&[
                ("D1", 400.0 + 20.0 * f64::from(year), 1000.0),
                ("D2", 450.0, 1000.0),
                ("D3", 380.0, 1000.0),
                ("U1", 420.0, 1000.0),
                ("U2", 500.0, 1000.0),
                ("U3", 300.0, 1000.0),
                ("U4", 410.0, 1000.0),
                ("U5", 390.0, 1000.0),
                ("U6", 440.0, 1000.0),
            ]),
        })
        .collect();
    let recycling = MetricSeries {
        metric: Metric {
            id: "recycling".to_owned(),
            title: "Household waste recycled".to_owned(),
            polarity: Polarity::HigherIsBetter,
            kind: MetricKind::Proportion { multiplier: 100.0 },
            service: ServiceScope::area_types(["SD", "UA"]),
        },
        periods,
    };
    let care = MetricSeries {
        metric: Metric {
            id: "care-delays".to_owned(),
            title: "Delayed transfers of care".to_owned(),
            polarity: Polarity::LowerIsBetter,
            kind: MetricKind::Other,
            service: ServiceScope::area_types(["SC", "UA"]),
        },
        periods: vec![PeriodValues {
            label: "2023-24".to_owned(),
            span: financial_year(2023),
            values: vec![
                (code("C1"), MetricValue::new(5.0)),
                (code("C2"), MetricValue::new(7.0)),
                (code("U1"), MetricValue::new(3.0)),
                (code("U2"), MetricValue::new(f64::NAN)),
                (code("U3"), MetricValue::missing(MissingReason::Suppressed)),
                (code("U4"), MetricValue::new(7.0)),
                (code("U5"), MetricValue::new(9.0)),
            ],
        }],
    };
    Dataset::new(DatasetInput {
        areas,
        context: ContextTable {
            variables: vec![
                ContextVariable {
                    id: "density".to_owned(),
                    log_suggested: true,
                },
                ContextVariable {
                    id: "deprivation".to_owned(),
                    log_suggested: false,
                },
            ],
            rows: context
                .iter()
                .map(|&(c, a, b)| ContextRow {
                    area: code(c),
                    values: vec![a, b],
                })
                .collect(),
        },
        published: vec![PublishedGroups {
            id: "dfe".to_owned(),
            title: "DfE statistical neighbours".to_owned(),
            lists: vec![(
                code("U1"),
                vec![
                    PublishedNeighbour {
                        code: code("U6"),
                        rank: 1,
                        band: Some("Very close".to_owned()),
                    },
                    PublishedNeighbour {
                        code: code("C1"),
                        rank: 2,
                        band: None,
                    },
                    PublishedNeighbour {
                        code: code("D2"),
                        rank: 3,
                        band: None,
                    },
                ],
            )],
        }],
        metrics: vec![recycling, care],
    })
    .unwrap()
}

// ---- peer groups -----------------------------------------------------------------------------

/// Peers of `area` under `spec` for the scope, as `"CODE CODE ... | excluded CODE:reason"`.
fn check_peers(area: &str, spec: &str, scope: &ServiceScope, expected: &str) {
    let dataset = fixture();
    let actual = match dataset.peers(&code(area), &spec.parse().unwrap(), scope) {
        Ok(group) => {
            let mut text = group
                .members
                .iter()
                .map(|m| m.code.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            for exclusion in &group.excluded {
                text.push_str(&format!(" | {}:{:?}", exclusion.code, exclusion.reason));
            }
            text
        }
        Err(error) => format!("error: {error}"),
    };
    assert_eq!(actual, expected, "peers of {area} under {spec}");
}

#[test]
fn fixed_published_listed_and_nearest_groups() {
    let all = ServiceScope::AllAreas;
    let waste = ServiceScope::area_types(["SD", "UA"]);
    let care = ServiceScope::area_types(["SC", "UA"]);
    check_peers("U1", "all", &care, "C1 C2 U2 U3 U4 U5 U6");
    check_peers("U1", "all", &waste, "D1 D2 D3 U2 U3 U4 U5 U6");
    check_peers("U1", "type", &all, "U2 U3 U4 U5 U6");
    check_peers("U1", "region", &waste, "D1 D2 U2 U6");
    check_peers(
        "D1",
        "all",
        &care,
        "error: D1 does not provide this service, so it has no peers for it",
    );
    check_peers("U1", "published:dfe", &all, "U6 C1 D2");
    check_peers("U1", "published:dfe", &waste, "U6 D2 | C1:NoService");
    check_peers(
        "U2",
        "published:dfe",
        &all,
        "error: published group dfe has no list for U2",
    );
    check_peers(
        "U1",
        "published:cipfa",
        &all,
        "error: no published group has the id cipfa; the published groups are dfe",
    );
    check_peers(
        "U1",
        "list:U1,U3,C2",
        &waste,
        "U3 | C2:NoService | U1:TheAreaItself",
    );
    check_peers("U1", "list:U9", &all, "error: no area has the code U9");
    // C1's districts are closest on context but nested, so excluded; U3's missing deprivation
    // is imputed with the median, 20.25, which puts it close to C1.
    check_peers(
        "C1",
        "nearest:3;log=none",
        &all,
        "U6 U1 U3 | D1:Nested | D2:Nested",
    );
    check_peers("D1", "nearest:2;log=none", &all, "U6 D2 | C1:Nested");
    // U3 has no deprivation figure, the only variable chosen, so it cannot be placed.
    check_peers(
        "U1",
        "nearest:2;vars=deprivation",
        &all,
        "U6 D1 | U3:NoContext",
    );
    check_peers(
        "U1",
        "nearest:2;vars=rainfall",
        &all,
        "error: no context variable is called rainfall; the variables are density, deprivation",
    );
    check_peers(
        "U1",
        "nearest:2;weights=density:0,deprivation:0",
        &all,
        "error: every chosen context variable has weight 0",
    );
    // Mahalanobis distances themselves are checked against scipy in tests/reference.rs.
    check_peers("U1", "nearest:1;distance=mahalanobis", &waste, "U6");
}

#[test]
fn nearest_neighbours_explain_themselves() {
    let dataset = fixture();
    let group = dataset
        .peers(
            &code("U1"),
            &"nearest:3".parse().unwrap(),
            &ServiceScope::AllAreas,
        )
        .unwrap();
    let model = group.model.as_ref().unwrap();
    assert_eq!(model.candidates, 10);
    assert_eq!(model.variables.len(), 2);
    assert!(
        model.variables[0].log,
        "density is logged by the bundle's suggestion"
    );
    // U3's missing deprivation is imputed with the median and flagged.
    assert_eq!(
        model.imputed,
        vec![ImputedValue {
            area: code("U3"),
            variable: "deprivation".to_owned()
        }]
    );
    let first = group.members[0].neighbour.as_ref().unwrap();
    let last = dataset
        .peers(
            &code("U1"),
            &"nearest:all".parse().unwrap(),
            &ServiceScope::AllAreas,
        )
        .unwrap();
    let farthest = last.members.last().unwrap().neighbour.as_ref().unwrap();
    assert_eq!(farthest.similarity, 0.0);
    assert!(first.similarity > 90.0 && first.similarity < 100.0);
    let total: f64 = first.shares.iter().map(|s| s.share).sum();
    assert!((total - 1.0).abs() < 1e-12);
    assert_eq!(
        group.members.iter().map(|m| m.rank).collect::<Vec<_>>(),
        vec![Some(1), Some(2), Some(3)]
    );
}

#[test]
fn overlap_counts_shared_members() {
    let o = overlap(
        &[code("A"), code("B"), code("C")],
        &[code("C"), code("D"), code("B"), code("B")],
    );
    assert_eq!(o.shared, vec![code("B"), code("C")]);
    assert_eq!(o.only_first, vec![code("A")]);
    assert_eq!(o.only_second, vec![code("D")]);
    assert_eq!(o.shared_count, 2);
    assert_eq!(o.jaccard, Ok(0.5));
    assert_eq!(overlap(&[], &[]).jaccard, Err(NotCalculated::NoValues));
}

// ---- group statistics and position ------------------------------------------------------------

/// Assesses the first value against all of them (it is included), rendering the figures.
fn check_assessment(values: &[f64], polarity: Polarity, expected: &str) {
    let metric = Metric {
        id: "m".to_owned(),
        title: "m".to_owned(),
        polarity,
        kind: MetricKind::Other,
        service: ServiceScope::AllAreas,
    };
    let values: Vec<MetricValue> = values.iter().map(|v| MetricValue::new(*v)).collect();
    let refs: Vec<&MetricValue> = values.iter().collect();
    let assessment = assess(&values[0], &refs, &metric, CompareOptions::default());
    let actual = match (&assessment.description, &assessment.position) {
        (Ok(d), Ok(p)) => format!(
            "n={} median={} q={:?} mad={} mean={} rank={}/{} tied={} pct={} band={:?} z={:?} mads={:?} ons={:?}",
            d.n,
            d.median,
            d.quartiles.map(|q| (q.q1, q.q3)),
            d.mad,
            d.mean,
            p.rank.rank,
            p.rank.of,
            p.rank.tied,
            p.percentile,
            p.quartile_band,
            p.z_score.map(|z| (z * 1e6).round() / 1e6),
            p.mad_score,
            p.mad_rule,
        ),
        (Err(reason), _) | (_, Err(reason)) => format!("{reason:?}"),
    };
    assert_eq!(actual, expected, "{values:?}");
}

#[test]
fn group_figures_on_paper_examples() {
    use Polarity::*;
    check_assessment(
        &[4.0, 1.0, 2.0, 3.0, 5.0],
        HigherIsBetter,
        "n=5 median=3 q=Ok((2.0, 4.0)) mad=1 mean=3 rank=2/5 tied=1 pct=70 band=Ok(UpperMiddle) z=Ok(0.632456) mads=Ok(1.0) ons=Ok(Similar)",
    );
    check_assessment(
        &[4.0, 1.0, 2.0, 3.0, 5.0],
        LowerIsBetter,
        "n=5 median=3 q=Ok((2.0, 4.0)) mad=1 mean=3 rank=4/5 tied=1 pct=70 band=Ok(UpperMiddle) z=Ok(0.632456) mads=Ok(1.0) ons=Ok(Similar)",
    );
    // Ties share the best rank (1224).
    check_assessment(
        &[7.0, 9.0, 7.0, 3.0],
        HigherIsBetter,
        "n=4 median=7 q=Ok((6.0, 7.5)) mad=1 mean=6.5 rank=2/4 tied=2 pct=50 band=Ok(UpperMiddle) z=Ok(0.19868) mads=Ok(0.0) ons=Ok(Similar)",
    );
    check_assessment(
        &[10.0, 1.0, 2.0, 3.0, 2.5],
        NoJudgement,
        "n=5 median=2.5 q=Ok((2.0, 3.0)) mad=0.5 mean=3.7 rank=1/5 tied=1 pct=90 band=Ok(Highest) z=Ok(1.750676) mads=Ok(15.0) ons=Ok(Higher)",
    );
    // Fewer than four values: no quartiles, no band.
    check_assessment(
        &[2.0, 1.0, 3.0],
        HigherIsBetter,
        "n=3 median=2 q=Err(TooFewValues { needed: 4, found: 3 }) mad=1 mean=2 rank=2/3 tied=1 pct=50 band=Err(TooFewValues { needed: 4, found: 3 }) z=Ok(0.0) mads=Ok(0.0) ons=Ok(Similar)",
    );
    // All equal: no spread, no scores.
    check_assessment(
        &[5.0, 5.0, 5.0, 5.0],
        HigherIsBetter,
        "n=4 median=5 q=Ok((5.0, 5.0)) mad=0 mean=5 rank=1/4 tied=4 pct=50 band=Ok(UpperMiddle) z=Err(NoSpread) mads=Err(NoSpread) ons=Err(NoSpread)",
    );
    // One member.
    check_assessment(
        &[5.0],
        HigherIsBetter,
        "n=1 median=5 q=Err(TooFewValues { needed: 4, found: 1 }) mad=0 mean=5 rank=1/1 tied=1 pct=50 band=Err(TooFewValues { needed: 4, found: 1 }) z=Err(TooFewValues { needed: 2, found: 1 }) mads=Err(NoSpread) ons=Err(NoSpread)",
    );
    // NaN and infinities are missing values, never part of a sum.
    check_assessment(
        &[f64::NAN, 1.0, 2.0],
        HigherIsBetter,
        "MissingValue { missing: NotFinite }",
    );
    check_assessment(
        &[2.0, f64::INFINITY, 1.0, f64::NAN],
        HigherIsBetter,
        "n=2 median=1.5 q=Err(TooFewValues { needed: 4, found: 2 }) mad=0.5 mean=1.5 rank=1/2 tied=1 pct=75 band=Err(TooFewValues { needed: 4, found: 2 }) z=Ok(0.707107) mads=Ok(1.0) ons=Ok(Similar)",
    );
}

#[test]
fn an_empty_group_is_not_compared() {
    let metric = Metric {
        id: "m".to_owned(),
        title: "m".to_owned(),
        polarity: Polarity::HigherIsBetter,
        kind: MetricKind::Other,
        service: ServiceScope::AllAreas,
    };
    let missing = MetricValue::missing(MissingReason::Suppressed);
    let assessment = assess(&missing, &[&missing], &metric, CompareOptions::default());
    assert_eq!(assessment.description, Err(NotCalculated::EmptyGroup));
    assert_eq!(
        assessment.benchmark,
        Err(NotCalculated::MissingValue {
            missing: Absence::Missing(MissingReason::Suppressed)
        })
    );
}

// ---- comparison with a benchmark ----------------------------------------------------------------

/// Compares `value` with a benchmark, rendering the judgement and the level, or the reason.
fn check_benchmark(
    value: MetricValue,
    kind: MetricKind,
    benchmark: f64,
    polarity: Polarity,
    options: CompareOptions,
    expected: &str,
) {
    let actual = match compare_with_benchmark(
        &value,
        kind,
        Benchmark {
            kind: BenchmarkChoice::GroupMedian,
            value: benchmark,
        },
        polarity,
        options,
    ) {
        Ok(c) => format!("{:?} {:?} {:?}", c.judgement, c.significant_at, c.levels),
        Err(reason) => format!("not compared: {reason:?}"),
    };
    assert_eq!(actual, expected);
}

#[test]
fn fingertips_benchmark_outcomes() {
    use Polarity::*;
    let percent = MetricKind::Proportion { multiplier: 100.0 };
    let two = CompareOptions::default();
    let one = CompareOptions {
        levels: Levels::One,
        ..two
    };
    let spc = CompareOptions {
        method: ComparisonMethod::ControlLimits,
        ..two
    };
    // 500 of 1000: Wilson 95% 46.9–53.1, 99.8% 45.1–54.9.
    let half = MetricValue::new(50.0).with_counts(500.0, 1000.0);
    check_benchmark(half, percent, 50.0, HigherIsBetter, two, "Similar None Two");
    check_benchmark(half, percent, 47.0, HigherIsBetter, two, "Similar None Two");
    check_benchmark(
        half,
        percent,
        46.0,
        HigherIsBetter,
        two,
        "Better Some(P95) Two",
    );
    check_benchmark(
        half,
        percent,
        40.0,
        HigherIsBetter,
        two,
        "Best Some(P998) Two",
    );
    check_benchmark(
        half,
        percent,
        40.0,
        HigherIsBetter,
        one,
        "Better Some(P95) One",
    );
    check_benchmark(
        half,
        percent,
        40.0,
        LowerIsBetter,
        two,
        "Worst Some(P998) Two",
    );
    check_benchmark(
        half,
        percent,
        54.0,
        LowerIsBetter,
        two,
        "Better Some(P95) Two",
    );
    check_benchmark(
        half,
        percent,
        60.0,
        NoJudgement,
        two,
        "Lower Some(P998) Two",
    );
    // SPC: limits around 40% for n = 1000 are about 37.0–43.1 (95%) and 35.3–44.9 (99.8%).
    check_benchmark(
        half,
        percent,
        40.0,
        HigherIsBetter,
        spc,
        "Best Some(P998) Two",
    );
    check_benchmark(half, percent, 48.0, HigherIsBetter, spc, "Similar None Two");
    check_benchmark(
        MetricValue::new(50.0),
        percent,
        40.0,
        HigherIsBetter,
        spc,
        "not compared: NoCounts",
    );
    // Published 95% limits only: one level.
    let published = MetricValue::new(10.0).with_limits(9.0, 11.0);
    check_benchmark(
        published,
        MetricKind::Other,
        8.0,
        LowerIsBetter,
        two,
        "Worse Some(P95) One",
    );
    check_benchmark(
        published,
        MetricKind::Other,
        10.5,
        LowerIsBetter,
        two,
        "Similar None One",
    );
    check_benchmark(
        MetricValue::new(10.0).with_limits(11.0, 9.0),
        MetricKind::Other,
        8.0,
        LowerIsBetter,
        two,
        "not compared: InconsistentLimits",
    );
    check_benchmark(
        MetricValue::new(10.0),
        MetricKind::Other,
        8.0,
        LowerIsBetter,
        two,
        "not compared: NoIntervals",
    );
    check_benchmark(
        MetricValue::missing(MissingReason::NotApplicable),
        percent,
        8.0,
        LowerIsBetter,
        two,
        "not compared: MissingValue { missing: Missing(NotApplicable) }",
    );
    check_benchmark(
        MetricValue::new(0.0).with_counts(0.0, 0.0),
        percent,
        8.0,
        LowerIsBetter,
        two,
        "not compared: ZeroDenominator",
    );
    // Counts: 4 events, exact limits 1.09–10.24 at 95%.
    check_benchmark(
        MetricValue::new(4.0),
        MetricKind::Count,
        12.0,
        HigherIsBetter,
        two,
        "Worse Some(P95) Two",
    );
}

// ---- trends ---------------------------------------------------------------------------------------

/// The recent trend of a series, rendered as marker, progress and robustness, or the reason.
fn check_trend(series: &[MetricValue], kind: MetricKind, polarity: Polarity, expected: &str) {
    let refs: Vec<&MetricValue> = series.iter().collect();
    let actual = match recent_trend(&refs, kind, polarity) {
        Ok(t) => {
            let evidence = match t.evidence {
                TrendEvidence::ChiSquared { robust, .. } => format!("robust={robust}"),
                TrendEvidence::Kendall { s, .. } => format!("S={s}"),
            };
            format!("{:?} {:?} {:?} {evidence}", t.method, t.marker, t.progress)
        }
        Err(reason) => format!("cannot be calculated: {reason:?}"),
    };
    assert_eq!(actual, expected);
}

fn proportions(counts: &[(f64, f64)]) -> Vec<MetricValue> {
    counts
        .iter()
        .map(|&(x, n)| MetricValue::new(100.0 * x / n).with_counts(x, n))
        .collect()
}

fn with_se(values: &[(f64, f64)]) -> Vec<MetricValue> {
    values
        .iter()
        .map(|&(v, se)| MetricValue::new(v).with_limits(v - 1.96 * se, v + 1.96 * se))
        .collect()
}

#[test]
fn recent_trend_markers() {
    use Polarity::*;
    let percent = MetricKind::Proportion { multiplier: 100.0 };
    // χ² = 9.50 at n = 1000 (just short of 9.5495, see the next case), 47.5 at n = 5000.
    let short = proportions(&[
        (50.0, 1000.0),
        (55.0, 1000.0),
        (61.0, 1000.0),
        (70.0, 1000.0),
        (80.0, 1000.0),
    ]);
    check_trend(
        &short,
        percent,
        HigherIsBetter,
        "CochranArmitage NoSignificantChange None robust=true",
    );
    let rising = proportions(&[
        (250.0, 5000.0),
        (275.0, 5000.0),
        (305.0, 5000.0),
        (350.0, 5000.0),
        (400.0, 5000.0),
    ]);
    check_trend(
        &rising,
        percent,
        HigherIsBetter,
        "CochranArmitage Increasing Some(Improving) robust=true",
    );
    check_trend(
        &rising,
        percent,
        LowerIsBetter,
        "CochranArmitage Increasing Some(Worsening) robust=true",
    );
    check_trend(
        &rising,
        percent,
        NoJudgement,
        "CochranArmitage Increasing None robust=true",
    );
    let flat = proportions(&[
        (120.0, 400.0),
        (118.0, 410.0),
        (125.0, 405.0),
        (119.0, 398.0),
        (121.0, 402.0),
    ]);
    check_trend(
        &flat,
        percent,
        HigherIsBetter,
        "CochranArmitage NoSignificantChange None robust=false",
    );
    // Only the last five count: an old outlier is ignored.
    let mut long = proportions(&[(990.0, 1000.0)]);
    long.extend(rising.iter().copied());
    check_trend(
        &long,
        percent,
        HigherIsBetter,
        "CochranArmitage Increasing Some(Improving) robust=true",
    );
    let falling = with_se(&[(3.2, 0.1), (3.0, 0.12), (2.7, 0.08), (2.5, 0.1), (2.1, 0.2)]);
    check_trend(
        &falling,
        MetricKind::Other,
        LowerIsBetter,
        "WeightedLeastSquares Decreasing Some(Improving) robust=true",
    );
    // A single jump: significant overall but the sign flips when it is left out.
    let jump = with_se(&[
        (10.0, 0.1),
        (10.0, 0.1),
        (10.0, 0.1),
        (10.0, 0.1),
        (12.0, 0.1),
    ]);
    check_trend(
        &jump,
        MetricKind::Other,
        HigherIsBetter,
        "WeightedLeastSquares NoSignificantChange None robust=false",
    );
    check_trend(
        &rising[..4],
        percent,
        HigherIsBetter,
        "cannot be calculated: TooFewValues { needed: 5, found: 4 }",
    );
    let mut gap = rising.clone();
    gap[2] = MetricValue::missing(MissingReason::Suppressed);
    check_trend(
        &gap,
        percent,
        HigherIsBetter,
        "cannot be calculated: TooFewValues { needed: 5, found: 4 }",
    );
    // Without counts or intervals, Mann–Kendall on the values: five rises in a row are a trend
    // (p = 2/120), four rises and a fall are not (p = 10/120, Kendall's table for n = 5).
    let bare: Vec<MetricValue> = (0..5).map(|i| MetricValue::new(f64::from(i))).collect();
    check_trend(
        &bare,
        MetricKind::Other,
        LowerIsBetter,
        "MannKendall Increasing Some(Worsening) S=10",
    );
    let bare_dip: Vec<MetricValue> = [1.0, 2.0, 3.0, 2.5, 4.0]
        .into_iter()
        .map(MetricValue::new)
        .collect();
    check_trend(
        &bare_dip,
        MetricKind::Other,
        HigherIsBetter,
        "MannKendall NoSignificantChange None S=8",
    );
    let zero_width = with_se(&[(1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0), (5.0, 0.0)]);
    check_trend(
        &zero_width,
        MetricKind::Other,
        HigherIsBetter,
        "cannot be calculated: ZeroDenominator",
    );
    let none = proportions(&[
        (0.0, 10.0),
        (0.0, 10.0),
        (0.0, 10.0),
        (0.0, 10.0),
        (0.0, 10.0),
    ]);
    check_trend(
        &none,
        percent,
        HigherIsBetter,
        "cannot be calculated: NoSpread",
    );
}

// ---- the dataset end to end -----------------------------------------------------------------------

#[test]
fn comparison_through_the_dataset() {
    let dataset = fixture();
    let comparison = dataset
        .compare(
            &code("D1"),
            "recycling",
            None,
            &GroupSpec::All,
            CompareOptions::default(),
        )
        .unwrap();
    assert_eq!(comparison.period, "2023-24");
    assert_eq!(comparison.group.peers, 8);
    let d = comparison.assessment.description.as_ref().unwrap();
    // D1 has 500 of 1000 in 2023-24: values 50, 45, 38, 42, 50, 30, 41, 39, 44 → median 42.
    assert_eq!(d.n, 9);
    assert!((d.median - 42.0).abs() < 1e-12);
    let position = comparison.assessment.position.as_ref().unwrap();
    assert_eq!((position.rank.rank, position.rank.tied), (1, 2));
    assert_eq!(comparison.ranking[0].code, code("D1"));
    assert_eq!(comparison.ranking[1].code, code("U2"));
    let benchmark = comparison.assessment.benchmark.unwrap();
    assert_eq!(benchmark.judgement, Judgement::Best);
    // D1 rose by 2 points a year while the median stood still.
    let trend = comparison.trend.recent.unwrap();
    assert_eq!(trend.marker, TrendMarker::Increasing);
    assert!((trend.slope - 2.0).abs() < 1e-9);
    assert_eq!(comparison.trend.direction, Ok(Travel::Up));
    assert_eq!(
        comparison.relative_trend.unwrap().marker,
        RelativeMarker::ImprovingFasterThanPeers
    );
    assert_eq!(
        dataset
            .compare(
                &code("D1"),
                "recycling",
                Some("1999"),
                &GroupSpec::All,
                CompareOptions::default()
            )
            .unwrap_err()
            .to_string(),
        "metric recycling has no period 1999; its periods are 2018-19, 2019-20, 2020-21, 2021-22, 2022-23, 2023-24"
    );
}

#[test]
fn missing_members_are_listed_with_their_reason() {
    let dataset = fixture();
    let comparison = dataset
        .compare(
            &code("U1"),
            "care-delays",
            None,
            &GroupSpec::All,
            CompareOptions::default(),
        )
        .unwrap();
    let missing: Vec<String> = comparison
        .group
        .missing
        .iter()
        .map(|m| format!("{}:{:?}", m.code, m.reason))
        .collect();
    assert_eq!(
        missing,
        [
            "U2:NotFinite",
            "U3:Missing(Suppressed)",
            "U6:Missing(NotAvailable)"
        ]
    );
    // 3 is the lowest of 5, 7, 3, 7, 9: best for a lower-is-better metric.
    let position = comparison.assessment.position.unwrap();
    assert_eq!((position.rank.rank, position.rank.of), (1, 5));
    assert_eq!(position.rank.order, RankOrder::BestFirst);
}

#[test]
fn summary_has_a_row_per_metric() {
    let dataset = fixture();
    let summary = dataset
        .summary(
            &code("D1"),
            &"nearest:5".parse().unwrap(),
            CompareOptions::default(),
        )
        .unwrap();
    let ids: Vec<&str> = summary.rows.iter().map(|r| r.metric.as_str()).collect();
    assert_eq!(ids, ["care-delays", "recycling"]);
    assert_eq!(summary.rows[0].value, Err(NotCalculated::NoService));
    let recycling = &summary.rows[1];
    assert_eq!(recycling.period.as_deref(), Ok("2023-24"));
    assert_eq!(recycling.value, Ok(50.0));
    assert_eq!(recycling.direction, Ok(Travel::Up));
    assert_eq!(recycling.trend.unwrap().marker, TrendMarker::Increasing);
}

#[test]
fn dataset_reports_every_problem() {
    let mut input = DatasetInput {
        areas: vec![area("A", "UA", "N", Some("Z")), area("A", "UA", "N", None)],
        ..DatasetInput::default()
    };
    input.context.variables = vec![ContextVariable {
        id: "x".to_owned(),
        log_suggested: false,
    }];
    input.context.rows = vec![ContextRow {
        area: code("A"),
        values: vec![],
    }];
    let problems: Vec<String> = Dataset::new(input)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "area A is listed twice",
            "parent of A: unknown area Z",
            "context: area A has 0 values for 1 variables",
        ]
    );
}

// ---- regressions -----------------------------------------------------------------------------------

/// The t quantile lost four digits at 100,000 degrees of freedom when ln B(a, b) was taken as a
/// difference of two large ln Γ values.
#[test]
fn t_quantile_keeps_precision_at_100000_degrees_of_freedom() {
    // scipy.stats.t.ppf(0.9, 100000)
    let expected = 1.2815600314493614;
    let actual = student_t_quantile(0.9, 100_000.0).unwrap();
    assert!((actual - expected).abs() < 1e-12 * expected, "{actual}");
}

/// A nearest-neighbour group once counted a county's own districts as its neighbours.
#[test]
fn county_districts_are_never_its_nearest_neighbours() {
    let dataset = fixture();
    let group = dataset
        .peers(
            &code("C1"),
            &"nearest:all".parse().unwrap(),
            &ServiceScope::AllAreas,
        )
        .unwrap();
    assert!(
        group
            .members
            .iter()
            .all(|m| m.code != code("D1") && m.code != code("D2"))
    );
}

/// An abolished council with no context row was once imputed wholly from medians and so
/// placed at the centre of every distribution, near many areas.
#[test]
fn an_area_without_context_values_is_never_a_nearest_neighbour() {
    let areas = ["A", "B", "C", "D", "Z"]
        .iter()
        .map(|c| area(c, "UA", "North", None))
        .collect();
    let rows = [("A", 1.0), ("B", 2.0), ("C", 4.0), ("D", 8.0)]
        .iter()
        .map(|&(c, v)| ContextRow {
            area: code(c),
            values: vec![Some(v)],
        })
        .collect();
    let dataset = Dataset::new(DatasetInput {
        areas,
        context: ContextTable {
            variables: vec![ContextVariable {
                id: "x".to_owned(),
                log_suggested: false,
            }],
            rows,
        },
        ..DatasetInput::default()
    })
    .unwrap();
    let spec = "nearest:all".parse().unwrap();
    let group = dataset
        .peers(&code("A"), &spec, &ServiceScope::AllAreas)
        .unwrap();
    let members: Vec<&str> = group.members.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(members, ["B", "C", "D"]);
    assert_eq!(
        group.excluded,
        vec![Exclusion {
            code: code("Z"),
            reason: ExclusionReason::NoContext
        }]
    );
    assert_eq!(group.model.unwrap().candidates, 3);
    // The area itself may lack values: it is placed at the medians and flagged, not refused.
    let own = dataset
        .peers(&code("Z"), &spec, &ServiceScope::AllAreas)
        .unwrap();
    assert_eq!(own.model.unwrap().imputed_for_area, ["x"]);
}

/// Regression: abolished councils were offered as nearest neighbours of current ones on
/// today's context values (Barrow-in-Furness, abolished in 2023, was Adur's closest).
#[test]
fn an_abolished_area_is_never_a_nearest_neighbour() {
    let mut areas: Vec<Area> = (0..6)
        .map(|i| area(&format!("E0700000{i}"), "NMD", "South East", None))
        .collect();
    areas[1].in_force = false;
    let context = ContextTable {
        variables: vec![ContextVariable {
            id: "density".to_owned(),
            log_suggested: false,
        }],
        rows: (0..6)
            .map(|i| ContextRow {
                area: AreaCode::new(format!("E0700000{i}")),
                values: vec![Some(f64::from(i))],
            })
            .collect(),
    };
    let dataset = Dataset::new(DatasetInput {
        areas,
        context,
        published: Vec::new(),
        metrics: Vec::new(),
    })
    .expect("a valid dataset");
    let spec: GroupSpec = "nearest:2".parse().expect("a spec");
    let group = dataset
        .peers(&AreaCode::new("E07000000"), &spec, &ServiceScope::AllAreas)
        .expect("peers");
    let codes: Vec<&str> = group.members.iter().map(|m| m.code.as_str()).collect();
    // E07000001 is the closest by value but no longer exists.
    assert_eq!(codes, ["E07000002", "E07000003"]);
    assert!(
        group
            .excluded
            .iter()
            .any(|e| e.code.as_str() == "E07000001" && e.reason == ExclusionReason::NotInForce)
    );
}

// ---- verdicts ---------------------------------------------------------------------------------

/// Issue 12: the headline verdict is the test where intervals exist, the distance rule where
/// they do not and the group has four values or more, and "not compared" only otherwise.
#[test]
fn verdicts_name_their_method_and_fall_back_to_the_distance_rule() {
    let metric = |polarity| Metric {
        id: "m".to_owned(),
        title: "m".to_owned(),
        polarity,
        kind: MetricKind::Other,
        service: ServiceScope::AllAreas,
    };
    let bare = |values: &[f64]| -> Vec<MetricValue> {
        values.iter().map(|&v| MetricValue::new(v)).collect()
    };
    // Median 10, absolute deviations 0, 1, 1, 2, 20: MAD 1, scaled 1.4826. 30 is far above.
    let group = bare(&[10.0, 9.0, 11.0, 8.0, 30.0]);
    let refs: Vec<&MetricValue> = group.iter().collect();
    let far = assess(
        &group[4],
        &refs,
        &metric(Polarity::LowerIsBetter),
        CompareOptions::default(),
    );
    assert_eq!(far.benchmark, Err(NotCalculated::NoIntervals));
    assert_eq!(
        far.verdict,
        Ok(Verdict {
            method: VerdictMethod::DistanceFromMedian,
            direction: Direction::Higher,
            judgement: Judgement::Worse
        })
    );
    // 11 is within 1.4826 of 10: similar.
    let near = assess(
        &group[2],
        &refs,
        &metric(Polarity::LowerIsBetter),
        CompareOptions::default(),
    );
    assert_eq!(near.verdict.map(|v| v.judgement), Ok(Judgement::Similar));
    // Without polarity, higher rather than worse.
    let neutral = assess(
        &group[4],
        &refs,
        &metric(Polarity::NoJudgement),
        CompareOptions::default(),
    );
    assert_eq!(neutral.verdict.map(|v| v.judgement), Ok(Judgement::Higher));
    // Three values are too few for the rule.
    let small = bare(&[10.0, 9.0, 30.0]);
    let small_refs: Vec<&MetricValue> = small.iter().collect();
    let too_few = assess(
        &small[2],
        &small_refs,
        &metric(Polarity::LowerIsBetter),
        CompareOptions::default(),
    );
    assert_eq!(
        too_few.verdict,
        Err(NotCalculated::TooFewValues {
            needed: 4,
            found: 3
        })
    );
    // With published limits the test decides, even in a small group, and says so.
    // Median 10.2 lies below 12's interval [11, 13].
    let limited = [
        MetricValue::new(10.0).with_limits(9.5, 10.5),
        MetricValue::new(10.2).with_limits(9.7, 10.7),
        MetricValue::new(12.0).with_limits(11.0, 13.0),
    ];
    let limited_refs: Vec<&MetricValue> = limited.iter().collect();
    let tested = assess(
        &limited[2],
        &limited_refs,
        &metric(Polarity::HigherIsBetter),
        CompareOptions::default(),
    );
    assert_eq!(
        tested.verdict,
        Ok(Verdict {
            method: VerdictMethod::Test(ComparisonMethod::ConfidenceIntervals),
            direction: Direction::Higher,
            judgement: Judgement::Better
        })
    );
    // A council without a figure gets no verdict, by the reason.
    let missing = MetricValue::missing(MissingReason::Suppressed);
    let none = assess(
        &missing,
        &refs,
        &metric(Polarity::LowerIsBetter),
        CompareOptions::default(),
    );
    assert!(matches!(
        none.verdict,
        Err(NotCalculated::MissingValue { .. })
    ));
}

/// 1 January of `year` as a day number counted from 1 January 1970: 365 days a year plus one
/// for each 29 February before it (every fourth year from 1972; 2000 was a leap year too).
fn january_first(year: i32) -> i32 {
    365 * (year - 1970) + (year - 1969) / 4
}

/// The pool of `years` calendar years from `first_year` (`2019-01-01/P3Y` is 2019 to 2021).
fn pool(first_year: i32, years: i32) -> Span {
    let months = u32::try_from(12 * years).unwrap();
    Span::new(
        january_first(first_year),
        january_first(first_year + years) - 1,
        months,
    )
    .unwrap()
}

#[test]
fn day_numbers_of_the_test_calendar() {
    // Independent anchors: 2000-01-01 is day 10957 and 2024-01-01 day 19723 (Unix time
    // 946684800 and 1704067200 seconds, divided by 86400).
    assert_eq!(january_first(2000), 10_957);
    assert_eq!(january_first(2024), 19_723);
    assert_eq!(
        pool(2019, 3).last() - pool(2019, 3).first() + 1,
        365 * 3 + 1
    );
}

#[test]
fn comparable_history_skips_overlapping_pools_and_other_lengths() {
    let check = |spans: &[Span], expected: &[usize]| {
        assert_eq!(comparable_history(spans), expected, "{spans:?}");
    };
    // Annual series: every year.
    let years: Vec<Span> = (2018..2024).map(|y| pool(y, 1)).collect();
    check(&years, &[0, 1, 2, 3, 4, 5]);
    // Three-year pools published every year, 2015-17 to 2021-23: 2021-23, 2018-20, 2015-17.
    let pools: Vec<Span> = (2015..=2021).map(|y| pool(y, 3)).collect();
    check(&pools, &[0, 3, 6]);
    // A single year among pools is passed over, and so are pools around a single year.
    check(&[pool(2015, 3), pool(2017, 1), pool(2018, 3)], &[0, 2]);
    check(&[pool(2015, 3), pool(2018, 3), pool(2021, 1)], &[2]);
    check(&[], &[]);
}

/// Values of five overlapping three-year pools, 2017-19 to 2021-23, rising by 2 a year with
/// 95% limits ±0.5 (standard error 1/3.92).
fn rising_pools() -> (Vec<Span>, Vec<String>, Vec<MetricValue>) {
    let spans: Vec<Span> = (2017..=2021).map(|y| pool(y, 3)).collect();
    let labels = (2017..=2021).map(|y| format!("{y} to {}", y + 2)).collect();
    let values = [10.0, 12.0, 14.0, 16.0, 18.0]
        .iter()
        .map(|&v| MetricValue::new(v).with_limits(v - 0.5, v + 0.5))
        .collect();
    (spans, labels, values)
}

/// Issue 12: a change between overlapping pools compares data shared two thirds, and a trend
/// test on five overlapping pools counts each year up to three times.
#[test]
fn overlapping_pools_are_never_compared_as_if_independent() {
    let (spans, labels, values) = rising_pools();
    // On all five overlapping points the test would call a rise: the test can fail.
    let refs: Vec<&MetricValue> = values.iter().collect();
    let naive = recent_trend(&refs, MetricKind::Other, Polarity::HigherIsBetter).unwrap();
    assert_eq!(naive.marker, TrendMarker::Increasing);

    let series: Vec<SeriesPoint<'_>> = labels
        .iter()
        .zip(&spans)
        .zip(&values)
        .map(|((label, &span), value)| SeriesPoint { label, span, value })
        .collect();
    let trend = series_trend(&series, MetricKind::Other, Polarity::HigherIsBetter);
    // Walking back from 2021-23: 2020-22 and 2019-21 overlap it; 2018-20 ends before it.
    assert_eq!(trend.history, ["2018 to 2020", "2021 to 2023"]);
    assert_eq!(
        trend.recent,
        Err(NotCalculated::TooFewValues {
            needed: 5,
            found: 2
        })
    );
    // 18 (2021-23) − 12 (2018-20) = 6, i.e. 50% of 12; the pools meet without a gap.
    let change = trend.change_since_previous.unwrap();
    assert_eq!(
        (change.from.as_str(), change.to.as_str()),
        ("2018 to 2020", "2021 to 2023")
    );
    assert_eq!(change.absolute, 6.0);
    assert_eq!(change.percent, Ok(50.0));
    assert!(change.adjacent());
    assert_eq!(trend.direction, Ok(Travel::Up));
    assert_eq!(trend.points, 5);
}

/// Issue 12: the change for a survey held every other year spans a gap, and says so.
#[test]
fn a_change_across_a_gap_names_both_periods_and_is_not_adjacent() {
    let (a, b, c) = (
        MetricValue::new(40.0),
        MetricValue::new(45.0),
        MetricValue::new(42.0),
    );
    let series = [
        SeriesPoint {
            label: "2016-17",
            span: financial_year(2016),
            value: &a,
        },
        SeriesPoint {
            label: "2018-19",
            span: financial_year(2018),
            value: &b,
        },
        SeriesPoint {
            label: "2021-22",
            span: financial_year(2021),
            value: &c,
        },
    ];
    let trend = series_trend(&series, MetricKind::Other, Polarity::HigherIsBetter);
    let change = trend.change_since_previous.unwrap();
    assert_eq!(
        (change.from.as_str(), change.to.as_str()),
        ("2018-19", "2021-22")
    );
    assert_eq!(change.absolute, -3.0);
    assert!(!change.adjacent());
    // Same length, no overlap: every survey year stays in the history.
    assert_eq!(trend.history, ["2016-17", "2018-19", "2021-22"]);
}

/// Issue 12: the dataset's comparison takes the same comparable history for the area, the
/// group median and the trend relative to it.
#[test]
fn comparison_of_pooled_periods_uses_non_overlapping_pools() {
    let (spans, labels, values) = rising_pools();
    let areas = vec![
        area("U1", "UA", "North", None),
        area("U2", "UA", "North", None),
    ];
    let periods = labels
        .iter()
        .zip(&spans)
        .zip(&values)
        .map(|((label, &span), value)| PeriodValues {
            label: label.clone(),
            span,
            values: vec![(code("U1"), *value), (code("U2"), MetricValue::new(11.0))],
        })
        .collect();
    let dataset = Dataset::new(DatasetInput {
        areas,
        metrics: vec![MetricSeries {
            metric: Metric {
                id: "poverty".to_owned(),
                title: "Children in low-income families".to_owned(),
                polarity: Polarity::LowerIsBetter,
                kind: MetricKind::Other,
                service: ServiceScope::AllAreas,
            },
            periods,
        }],
        ..DatasetInput::default()
    })
    .unwrap();
    let c = dataset
        .compare(
            &code("U1"),
            "poverty",
            None,
            &GroupSpec::SameType,
            CompareOptions::default(),
        )
        .unwrap();
    assert_eq!(c.span, pool(2021, 3));
    let change = c.trend.change_since_previous.unwrap();
    assert_eq!(
        (change.from.as_str(), change.absolute),
        ("2018 to 2020", 6.0)
    );
    // Medians of {12, 11} and {18, 11}: 11.5 and 14.5.
    let group_change = c.group_trend.change_since_previous.unwrap();
    assert_eq!(
        (group_change.from.as_str(), group_change.absolute),
        ("2018 to 2020", 3.0)
    );
    assert_eq!(
        c.relative_trend,
        Err(NotCalculated::TooFewValues {
            needed: 5,
            found: 2
        })
    );
}

/// Issue 12: abolished councils were counted among a council's group for periods after they
/// ended (Kent's "county councils" for 2024-25 included Cumbria and Northamptonshire).
#[test]
fn a_group_for_a_period_holds_only_areas_in_force_then() {
    let mut areas: Vec<Area> = (1..=5)
        .map(|i| area(&format!("C{i}"), "SC", "South", None))
        .collect();
    // C2 ended on 31 March 2021, the last day of 2020-21; C3 began on 1 April 2023.
    areas[1].last_day = Some(financial_year(2020).last());
    areas[1].in_force = false;
    areas[2].first_day = Some(financial_year(2023).first());
    let periods = [2020, 2023]
        .into_iter()
        .map(|year| PeriodValues {
            label: format!("{year}"),
            span: financial_year(year),
            values: [("C1", 1.0), ("C4", 2.0), ("C5", 3.0)]
                .into_iter()
                // A stray figure for C2 after its end must not count either.
                .chain((year == 2023).then_some(("C2", 10.0)))
                .map(|(c, v)| (code(c), MetricValue::new(v)))
                .collect(),
        })
        .collect();
    let dataset = Dataset::new(DatasetInput {
        areas,
        metrics: vec![MetricSeries {
            metric: Metric {
                id: "m".to_owned(),
                title: "m".to_owned(),
                polarity: Polarity::NoJudgement,
                kind: MetricKind::Other,
                service: ServiceScope::AllAreas,
            },
            periods,
        }],
        ..DatasetInput::default()
    })
    .unwrap();
    let check = |period: &str, peers: usize, missing: &[&str]| {
        let c = dataset
            .compare(
                &code("C1"),
                "m",
                Some(period),
                &GroupSpec::SameType,
                CompareOptions::default(),
            )
            .unwrap();
        let codes: Vec<&str> = c.group.missing.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(
            (c.group.peers, codes.as_slice()),
            (peers, missing),
            "{period}"
        );
    };
    // 2020-21: C2 still in force (without a figure); C3 not yet.
    check("2020", 3, &["C2"]);
    // 2023-24: C3 in force (without a figure); C2 gone.
    check("2023", 3, &["C3"]);
    let codes = |span| {
        dataset
            .peers_during(
                &code("C1"),
                &GroupSpec::SameType,
                &ServiceScope::AllAreas,
                span,
            )
            .unwrap()
            .codes()
    };
    assert_eq!(
        codes(financial_year(2023)),
        [code("C3"), code("C4"), code("C5")]
    );
    assert_eq!(
        codes(financial_year(2020)),
        [code("C2"), code("C4"), code("C5")]
    );
    // The summary compares each row among the areas of its own period.
    let summary = dataset
        .summary(&code("C1"), &GroupSpec::SameType, CompareOptions::default())
        .unwrap();
    let row = &summary.rows[0];
    assert_eq!(row.span, Ok(financial_year(2023)));
    // Median of C1, C4 and C5 (1, 2, 3), C3 having no figure; with C2's 10 it would be 2.5.
    assert_eq!(row.group_median, Ok(2.0));
}

/// A number that is not finite is the engine's own finding, kept apart from the publisher's
/// reasons (which a bundle can carry).
#[test]
fn a_number_that_is_not_finite_is_absent_by_the_engines_finding() {
    assert_eq!(Observation::Value(2.5).finite(), Ok(2.5));
    assert_eq!(
        Observation::Value(f64::NAN).finite(),
        Err(Absence::NotFinite)
    );
    assert_eq!(
        Observation::Value(f64::NEG_INFINITY).finite(),
        Err(Absence::NotFinite)
    );
    assert_eq!(
        Observation::Missing(MissingReason::Suppressed).finite(),
        Err(Absence::Missing(MissingReason::Suppressed))
    );
}
