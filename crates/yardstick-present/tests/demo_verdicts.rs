//! Issue 12, acceptance 1: over the whole demo bundle, every council in its default group
//! (councils of the same type) gets a verdict on every measure where it has a figure and the
//! group has at least four, and every verdict names its method. And acceptance 3's words, as
//! the widget and the command line both take them from this crate: no council is told it lacks
//! a service that its nation's councils run, and counties are sent to their districts.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use yardstick_bundle::{
    AreaCode, Areas, DatasetBuilder, Manifest, parse_areas, parse_manifest_with_catalogue,
    parse_metric_values,
};
use yardstick_present::model::overview::{LineState, OverviewLine, overview_model};
use yardstick_present::words;
use yardstick_stats::{Dataset, GroupSpec};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/demo");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{DEMO}/{path}")).unwrap_or_else(|e| panic!("{DEMO}/{path}: {e}"))
}

fn demo() -> (Manifest, Areas, Dataset) {
    let manifest = parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p)))
        .expect("demo manifest");
    let areas = parse_areas(&read("areas.json")).expect("demo areas");
    let mut builder = DatasetBuilder::new(&areas, None, None);
    for meta in &manifest.metrics {
        let values = parse_metric_values(&read(&meta.file.path)).expect("values");
        builder.add_metric(&manifest, &values).expect("adds");
    }
    (manifest.clone(), areas, builder.build().expect("builds"))
}

#[test]
fn every_council_gets_a_verdict_that_names_its_method_wherever_a_figure_and_four_peers_allow() {
    let (manifest, areas, dataset) = demo();
    let mut verdicts = 0;
    let mut by_distance = 0;
    let mut councils = 0;
    for area in areas.iter().filter(|a| a.is_current()) {
        let model = overview_model(
            &manifest,
            &areas,
            Some(&dataset),
            &|_| LineState::Ready,
            area,
            &GroupSpec::SameType,
            "councils of the same type".to_owned(),
        );
        if !model.lines.is_empty() {
            councils += 1;
        }
        for line in &model.lines {
            let OverviewLine::Ready { metric, comparison } = line else {
                panic!(
                    "{}: {} was not compared: {line:?}",
                    area.name,
                    line.metric().id
                );
            };
            let assessment = &comparison.assessment;
            let group = assessment.description.as_ref().map_or(0, |d| d.n);
            if assessment.value.is_err() || group < 4 {
                continue;
            }
            // Every figure of the group the same (DfE's looked-after children with convictions
            // are 0% in many councils): no spread to measure a distance by, rightly not compared.
            if matches!(
                assessment.verdict,
                Err(yardstick_stats::NotCalculated::NoSpread)
            ) {
                continue;
            }
            let badge = line.badge();
            assert_ne!(
                badge,
                words::NOT_COMPARED,
                "{} ({}) on {}: a figure and {group} in the group, yet not compared: {:?}",
                area.name,
                area.code,
                metric.id,
                assessment.verdict
            );
            let note = line.verdict_note().unwrap_or_default();
            assert!(
                [
                    "by the interval test",
                    "by the control limits",
                    "by the distance rule"
                ]
                .contains(&note.as_str()),
                "{} on {}: the verdict's method is not named: {note:?}",
                area.name,
                metric.id
            );
            verdicts += 1;
            if note == "by the distance rule" {
                by_distance += 1;
                // The distance rule is never worded as a test.
                assert!(!badge.words.contains("significant"), "{}", badge.words);
            }
        }
    }
    // The demo has about 400 councils and 40 measures: most councils have many verdicts, and
    // most of them by the distance rule (few publishers give intervals).
    assert!(councils > 300, "{councils} councils with measures");
    assert!(verdicts > 5_000, "{verdicts} verdicts");
    assert!(
        by_distance > verdicts / 2,
        "{by_distance} of {verdicts} by distance"
    );
}

fn why_not(manifest: &Manifest, areas: &Areas, code: &str, metric: &str) -> (String, String) {
    let area = areas.get(&AreaCode::new(code)).expect("area");
    let meta = manifest.metric(metric).expect("metric");
    let why = yardstick_bundle::not_compared(meta, area, areas)
        .unwrap_or_else(|| panic!("{code} is compared on {metric}"));
    words::not_compared(&why, area, meta.subject(), manifest, areas)
}

#[test]
fn missing_figures_are_explained_truly() {
    let manifest = parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p)))
        .expect("demo manifest");
    let areas = parse_areas(&read("areas.json")).expect("demo areas");
    let recycling = "household-waste-recycling-rate";
    // Cardiff and Fife collect waste; the figures here are England's only.
    for (code, nation) in [("W06000015", "Wales"), ("S12000047", "Scotland")] {
        let (_, detail) = why_not(&manifest, &areas, code, recycling);
        assert!(
            detail.contains("cover England only") && detail.contains(nation),
            "{detail}"
        );
        assert!(!detail.contains("not provide"), "{detail}");
        assert!(!detail.contains("not responsible"), "{detail}");
    }
    // Kent does not collect waste; its districts do, and are named (Ashford and Dover are
    // two of Kent's twelve districts).
    let (title, detail) = why_not(&manifest, &areas, "E10000016", recycling);
    assert_eq!(title, "Kent has no figure for this measure");
    assert!(
        detail.starts_with("Kent does not provide this service"),
        "{detail}"
    );
    assert!(
        detail.contains("Ashford") && detail.contains("Dover"),
        "{detail}"
    );
    // Adur runs no adult social care: West Sussex does.
    let (_, detail) = why_not(
        &manifest,
        &areas,
        "E07000223",
        &manifest
            .metrics
            .iter()
            .find(|m| m.theme == "adult-social-care")
            .expect("an adult social care measure")
            .id,
    );
    assert!(detail.contains("West Sussex"), "{detail}");
}

/// Issue 13: the overview's table is the summary a committee prints, so each row holds the
/// measure, its period, the council's value, the group median, the verdict with the method
/// that reached it, and the change since the previous period.
#[test]
fn the_overview_table_is_a_summary_with_each_verdict_s_method_and_the_change() {
    let (manifest, areas, dataset) = demo();
    let kent = areas.get(&AreaCode::new("E10000016")).expect("Kent");
    let model = overview_model(
        &manifest,
        &areas,
        Some(&dataset),
        &|_| LineState::Ready,
        kent,
        &GroupSpec::SameType,
        "county councils".to_owned(),
    );
    let table = model.table(&manifest);
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Measure",
            "Theme",
            "Period",
            "Kent",
            "Group median",
            "Compared with the group median",
            "Change since the previous period",
        ],
        "no notes column: none of Kent's figures is reported jointly"
    );
    // One row for each measure published for counties (Kent's type, "CTY" in the bundle).
    let county_measures = manifest
        .metrics
        .iter()
        .filter(|m| m.area_types.iter().any(|t| t == "CTY"))
        .count();
    assert!(county_measures >= 25, "{county_measures}");
    assert_eq!(table.rows.len(), county_measures);
    let mut by_distance = 0;
    for row in &table.rows {
        let cell = |i: usize| row.cells[i].shown.as_str();
        let (measure, verdict, change) = (cell(0), cell(5), cell(6));
        assert!(!cell(2).is_empty(), "{measure}: no period");
        let method = [
            ", by the interval test",
            ", by the control limits",
            ", by the distance rule",
        ]
        .iter()
        .find(|m| verdict.ends_with(*m));
        // A row without a verdict says why there is none.
        assert!(
            method.is_some() || verdict.starts_with("– Not compared: "),
            "{measure}: {verdict}"
        );
        by_distance += usize::from(verdict.ends_with("distance rule"));
        assert!(
            change == "–"
                || ["Up ", "Down ", "No change "]
                    .iter()
                    .any(|d| change.starts_with(d))
                    && change.contains(" since "),
            "{measure}: {change}"
        );
    }
    assert!(by_distance > 0);
}
