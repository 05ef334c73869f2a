//! Issue 12's small print on the demo bundle: jointly reported rows are marked in every table
//! and the CSV, spreads of percentages read "percentage points", the source's date is a
//! publication date only when it is one, and a published group built for another service
//! says so where it is used. (That every demo date in `published` is a publication date is
//! checked where the bundle is built: `yardstick build` takes DEFRA's Oflog date as
//! `accessed`.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a failed test"
)]

use yardstick_bundle::{
    AreaCode, Areas, DatasetBuilder, Manifest, MetricValues, Period, parse_areas,
    parse_manifest_with_catalogue, parse_metric_values, parse_peer_groups,
};
use yardstick_present::model::metric::{MetricModel, metric_model};
use yardstick_present::model::overview::{LineState, overview_model};
use yardstick_present::model::trend::trend_model;
use yardstick_stats::GroupSpec;

const RECYCLING: &str = "household-waste-recycling-rate";
const MID_SUFFOLK: &str = "E07000203";
const BABERGH: &str = "E07000200";
const JOINT: &str = "Joint figure for Babergh and Mid Suffolk";
const COVERED: &str =
    "Included in the joint figure for Babergh and Mid Suffolk, published under Mid Suffolk";

fn demo(file: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../public/data/demo/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Demo {
    manifest: Manifest,
    areas: Areas,
    values: MetricValues,
}

fn recycling() -> Demo {
    Demo {
        manifest: parse_manifest_with_catalogue(&demo("manifest.json"), |p| Some(demo(p))).unwrap(),
        areas: parse_areas(&demo("areas.json")).unwrap(),
        values: parse_metric_values(&demo(&format!("metrics/{RECYCLING}.json"))).unwrap(),
    }
}

fn metric_view(d: &Demo, code: &str, metric: &str, spec: GroupSpec) -> MetricModel {
    let groups = parse_peer_groups(&demo("peer-groups.json")).unwrap();
    let values = if metric == RECYCLING {
        d.values.clone()
    } else {
        parse_metric_values(&demo(&format!("metrics/{metric}.json"))).unwrap()
    };
    let mut builder = DatasetBuilder::new(&d.areas, None, Some(&groups));
    builder.add_metric(&d.manifest, &values).unwrap();
    let dataset = builder.build().unwrap();
    let meta = d.manifest.metric(metric).unwrap();
    let area = d.areas.get(&AreaCode::new(code)).unwrap();
    metric_model(
        &d.manifest,
        &d.areas,
        Some(&groups),
        &dataset,
        &values,
        area,
        meta,
        meta.latest_period,
        &spec,
    )
    .unwrap()
}

/// The CSV line of a council's row.
fn csv_row<'a>(csv: &'a str, code: &str) -> &'a str {
    csv.lines()
        .find(|line| line.contains(&format!(",{code},")))
        .unwrap_or_else(|| panic!("no row for {code} in\n{csv}"))
}

#[test]
fn jointly_reported_rows_are_marked_in_the_table_the_csv_and_the_chart_description() {
    let d = recycling();
    let model = metric_view(&d, MID_SUFFOLK, RECYCLING, GroupSpec::SameType);
    let csv = model.table(&d.manifest).to_csv();
    let mid_suffolk = csv_row(&csv, MID_SUFFOLK);
    assert!(mid_suffolk.starts_with("Mid Suffolk,"), "{mid_suffolk}");
    assert!(mid_suffolk.contains(JOINT), "{mid_suffolk}");
    let babergh = csv_row(&csv, BABERGH);
    assert!(babergh.contains(COVERED), "{babergh}");
    assert!(
        babergh.starts_with("Babergh,E07000200,,"),
        "no figure: {babergh}"
    );
    // Nobody else reports jointly.
    assert_eq!(csv.matches("oint figure for").count(), 2, "{csv}");
    assert!(
        model
            .bars_description()
            .contains(&format!("Mid Suffolk: {JOINT}.")),
        "{}",
        model.bars_description()
    );
}

#[test]
fn the_trend_and_the_overview_mark_a_joint_figure_too() {
    let d = recycling();
    let mut builder = DatasetBuilder::new(&d.areas, None, None);
    builder.add_metric(&d.manifest, &d.values).unwrap();
    let dataset = builder.build().unwrap();
    let meta = d.manifest.metric(RECYCLING).unwrap();
    let area = d.areas.get(&AreaCode::new(MID_SUFFOLK)).unwrap();
    let trend = trend_model(
        &d.manifest,
        &d.areas,
        &dataset,
        &d.values,
        area,
        meta,
        &GroupSpec::SameType,
        "non-metropolitan districts".to_owned(),
    )
    .unwrap();
    // The joint return has no periods: it applies to every one.
    assert!(trend.rows.iter().all(|r| r.joint.as_deref() == Some(JOINT)));
    let periods = meta.periods.len();
    assert!(
        trend
            .description()
            .contains(&format!("{JOINT}: {periods} of {periods} periods.")),
        "{}",
        trend.description()
    );
    assert!(trend.table(&d.manifest).to_csv().contains(JOINT));

    let loaded = |id: &str| {
        if id == RECYCLING {
            LineState::Ready
        } else {
            LineState::Loading
        }
    };
    let overview = overview_model(
        &d.manifest,
        &d.areas,
        Some(&dataset),
        &loaded,
        area,
        &GroupSpec::SameType,
        "non-metropolitan districts".to_owned(),
    );
    let csv = overview.table(&d.manifest).to_csv();
    let line = csv
        .lines()
        .find(|l| l.contains(&d.manifest.metric(RECYCLING).unwrap().title))
        .unwrap();
    assert!(line.ends_with(&format!(",{JOINT}")), "{line}");
    // Not ready, so not marked: a line is marked only from a figure on screen.
    assert_eq!(csv.matches(JOINT).count(), 1, "{csv}");
}

#[test]
fn spreads_of_percentages_are_in_percentage_points() {
    let d = recycling();
    let model = metric_view(&d, MID_SUFFOLK, RECYCLING, GroupSpec::SameType);
    let statistics = model.statistics();
    let row = |label: &str| {
        statistics
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {label} in {statistics:?}"))
    };
    for spread in ["Interquartile range", "Median absolute deviation"] {
        let text = row(spread);
        assert!(text.ends_with(" percentage points"), "{spread}: {text}");
        assert!(!text.contains('%'), "{spread}: {text}");
    }
    // Values themselves keep their per cent sign.
    assert!(row("Median").ends_with('%'));
    // The interquartile range is the upper quartile less the lower, in points.
    let quartiles = model
        .comparison
        .assessment
        .description
        .as_ref()
        .unwrap()
        .quartiles
        .as_ref()
        .unwrap();
    let points = yardstick_present::format::number(quartiles.q3 - quartiles.q1, 1);
    assert_eq!(
        row("Interquartile range"),
        format!("{points} percentage points")
    );
}

#[test]
fn the_csv_says_what_its_date_is() {
    let d = recycling();
    let model = metric_view(&d, MID_SUFFOLK, RECYCLING, GroupSpec::SameType);
    let csv = model.table(&d.manifest).to_csv();
    assert!(
        csv.lines()
            .any(|line| line.trim_end() == "# Accessed 19 April 2023 (publication date not given)"),
        "{csv}"
    );
    assert!(!csv.contains("# Published"), "{csv}");
}

#[test]
fn a_childrens_services_group_used_for_adult_social_care_says_so() {
    let d = recycling();
    // Trafford, an upper-tier council with DfE statistical neighbours.
    let spec = GroupSpec::Published("dfe-statistical-neighbours-2025".to_owned());
    let care = metric_view(&d, "E08000009", "asc-workforce-turnover", spec.clone());
    let warning = "Built by the Department for Education for children's services and \
                   education; used here for adult social care.";
    assert_eq!(care.group_warning.as_deref(), Some(warning));
    assert!(care.table(&d.manifest).to_csv().contains(warning));
    let children = metric_view(&d, "E08000009", "child-protection-plans-repeat", spec);
    assert_eq!(children.group_warning, None);
}

#[test]
fn period_labels_follow_one_style_across_the_demo() {
    // Financial and academic years read alike; dates and odd years are written in full.
    let d = recycling();
    let label = |id: &str| d.manifest.metric(id).unwrap().latest_period.label();
    assert_eq!(label(RECYCLING), "2022-23");
    assert_eq!(label("gcses-in-english-and-maths"), "2024-25");
    assert_eq!(label("gross-median-weekly-pay"), "30 April 2025");
    assert_eq!(
        label("adult-obesity-prevalence"),
        "Year to 15 November 2025"
    );
    assert_eq!(label("cigarette-smokers"), "2020 to 2024");
    assert_eq!(
        Period::parse_iso("2025-01-01/P1M").unwrap().label(),
        "January 2025"
    );
}
