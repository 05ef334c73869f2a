//! The shape of the output types as JSON, which the command line prints and the widget reads:
//! values are plain, reasons are `{"reason": "..."}`, specs are their text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failed test"
)]

use serde_json::{Value, json};
use yardstick_stats::*;

fn dataset() -> Dataset {
    let areas = ["A", "B", "C"]
        .iter()
        .map(|c| Area {
            code: AreaCode::new(*c),
            name: (*c).to_owned(),
            area_type: "UA".to_owned(),
            region: None,
            parent: None,
            in_force: true,
        })
        .collect();
    let metric = MetricSeries {
        metric: Metric {
            id: "m".to_owned(),
            title: "M".to_owned(),
            polarity: Polarity::HigherIsBetter,
            kind: MetricKind::Other,
            service: ServiceScope::AllAreas,
        },
        periods: vec![PeriodValues {
            label: "2024".to_owned(),
            values: vec![
                (AreaCode::new("A"), MetricValue::new(2.0)),
                (AreaCode::new("B"), MetricValue::new(2.0)),
                (
                    AreaCode::new("C"),
                    MetricValue::missing(MissingReason::Suppressed),
                ),
            ],
        }],
    };
    Dataset::new(DatasetInput {
        areas,
        metrics: vec![metric],
        ..DatasetInput::default()
    })
    .unwrap()
}

#[test]
fn comparison_json_has_plain_values_and_tagged_reasons() {
    let comparison = dataset()
        .compare(
            &AreaCode::new("A"),
            "m",
            None,
            &GroupSpec::All,
            CompareOptions::default(),
        )
        .unwrap();
    let value = serde_json::to_value(&comparison).unwrap();
    assert_eq!(value["group"]["spec"], json!("all"));
    assert_eq!(value["assessment"]["value"], json!(2.0));
    assert_eq!(value["assessment"]["description"]["median"], json!(2.0));
    assert_eq!(
        value["assessment"]["description"]["quartiles"],
        json!({"reason": "too_few_values", "needed": 4, "found": 2})
    );
    assert_eq!(
        value["assessment"]["position"]["z_score"],
        json!({"reason": "no_spread"})
    );
    assert_eq!(
        value["assessment"]["benchmark"],
        json!({"reason": "no_intervals"})
    );
    assert_eq!(
        value["group"]["missing"],
        json!([{"code": "C", "reason": "suppressed"}])
    );
    assert_eq!(value["polarity"], json!("higher_is_better"));
    let back: Comparison = serde_json::from_value(value).unwrap();
    assert_eq!(back, comparison);
}

#[test]
fn summary_and_peer_group_round_trip() {
    let data = dataset();
    let summary = data
        .summary(
            &AreaCode::new("C"),
            &GroupSpec::All,
            CompareOptions::default(),
        )
        .unwrap();
    let text = serde_json::to_string(&summary).unwrap();
    assert!(text.contains(r#""value":{"reason":"missing_value","missing":"suppressed"}"#));
    assert_eq!(serde_json::from_str::<Summary>(&text).unwrap(), summary);
    let group = data
        .peers(
            &AreaCode::new("A"),
            &"list:B,C".parse().unwrap(),
            &ServiceScope::AllAreas,
        )
        .unwrap();
    let value: Value = serde_json::to_value(&group).unwrap();
    assert_eq!(value["spec"], json!("list:B,C"));
    assert_eq!(serde_json::from_value::<PeerGroup>(value).unwrap(), group);
}

#[test]
fn a_bad_spec_in_json_is_a_readable_error() {
    let error = serde_json::from_str::<GroupSpec>(r#""nearest:0""#).unwrap_err();
    assert!(error.to_string().contains("is not a number of neighbours"));
}
