//! Issue 15: the map model over the demo bundle. For every measure with a map, every council
//! drawn is shaded exactly when the measure's file gives it a figure, the legend counts every
//! figure once, the chosen council is the keyboard's first stop, and the scale diverges only
//! where figures fall on both sides of zero. The councils drawn are those in force at the end
//! of the period: 2022-23's recycling map has Allerdale, not Cumberland, which replaced it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use yardstick_bundle::{
    AreaCode, DatasetBuilder, Reading, parse_areas, parse_manifest_with_catalogue, parse_map,
    parse_metric_values,
};
use yardstick_present::chart::{Shade, StripRole};
use yardstick_present::model::map::{map_for, map_model};
use yardstick_present::model::metric::metric_model;
use yardstick_stats::GroupSpec;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/demo");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{DEMO}/{path}")).unwrap_or_else(|e| panic!("{DEMO}/{path}: {e}"))
}

#[test]
fn every_demo_map_shades_exactly_the_councils_with_figures() {
    let manifest =
        parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p))).unwrap();
    let areas = parse_areas(&read("areas.json")).unwrap();
    let mut mapped = 0;
    for meta in &manifest.metrics {
        let Some(map) = map_for(&manifest, meta) else {
            continue;
        };
        mapped += 1;
        let shapes = parse_map(&read(&map.path)).unwrap();
        let values = parse_metric_values(&read(&meta.file.path)).unwrap();
        let mut builder = DatasetBuilder::new(&areas, None, None);
        builder.add_metric(&manifest, &values).unwrap();
        let dataset = builder.build().unwrap();
        let period = meta.latest_period;
        // The first current council of a compared type with a figure in the period.
        let figure = |code: &AreaCode| {
            values
                .for_area(code)
                .find(|v| v.period == period)
                .and_then(|v| match v.reading {
                    Reading::Missing(_) => None,
                    _ => v.reading.value(),
                })
        };
        let Some(area) = areas.iter().find(|a| {
            a.is_current() && meta.area_types.contains(&a.area_type) && figure(&a.code).is_some()
        }) else {
            continue;
        };
        let model = metric_model(
            &manifest,
            &areas,
            None,
            &dataset,
            &values,
            area,
            meta,
            period,
            &GroupSpec::SameType,
        )
        .unwrap();
        let map_view = map_model(&model, &areas, map, &shapes);
        let input = &map_view.input;
        for shape in &input.shapes {
            let code = AreaCode::new(shape.code.as_str());
            let compared = areas
                .get(&code)
                .is_some_and(|a| meta.area_types.contains(&a.area_type));
            let has_figure = compared && figure(&code).is_some();
            assert_eq!(
                shape.shade.is_some(),
                has_figure,
                "{}: {} ({})",
                meta.id,
                shape.label,
                shape.code
            );
        }
        let counted: usize = map_view
            .classes
            .iter()
            .map(|c| c.count.split(' ').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(counted, model.everyone.len(), "{}", meta.id);
        assert_eq!(input.tab_stop.as_deref(), Some(area.code.as_str()));
        assert_eq!(
            input
                .shapes
                .iter()
                .filter(|s| s.role == StripRole::Chosen)
                .count(),
            1
        );
        let crosses =
            model.everyone.iter().any(|e| e.2 < 0.0) && model.everyone.iter().any(|e| e.2 > 0.0);
        let diverging = input
            .shapes
            .iter()
            .any(|s| matches!(s.shade, Some(Shade::Below(_) | Shade::Above(_))));
        assert_eq!(crosses, diverging, "{}", meta.id);
    }
    assert!(mapped > 10, "only {mapped} measures have a map");
}

#[test]
fn the_recycling_map_of_2022_23_draws_the_councils_of_the_time() {
    let manifest =
        parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p))).unwrap();
    let areas = parse_areas(&read("areas.json")).unwrap();
    let meta = manifest.metric("household-waste-recycling-rate").unwrap();
    let map = map_for(&manifest, meta).unwrap();
    assert_eq!(map.id, "lower");
    let shapes = parse_map(&read(&map.path)).unwrap();
    let values = parse_metric_values(&read(&meta.file.path)).unwrap();
    let mut builder = DatasetBuilder::new(&areas, None, None);
    builder.add_metric(&manifest, &values).unwrap();
    let dataset = builder.build().unwrap();
    let trafford = areas.get(&AreaCode::new("E08000009")).unwrap();
    let period = meta.latest_period;
    assert_eq!(period.to_string(), "2022-04-01/P1Y");
    let model = metric_model(
        &manifest,
        &areas,
        None,
        &dataset,
        &values,
        trafford,
        meta,
        period,
        &GroupSpec::SameType,
    )
    .unwrap();
    let map_view = map_model(&model, &areas, map, &shapes);
    let drawn: Vec<&str> = map_view
        .input
        .shapes
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    // Allerdale (ended 31 March 2023) is drawn; Cumberland (from 1 April 2023) is not.
    assert!(drawn.contains(&"E07000026"));
    assert!(!drawn.contains(&"E06000063"));
    assert!(drawn.contains(&"E08000009"));
    // Trafford is small on a map of the UK, so an enlarged view shows it with its neighbours
    // Manchester and Salford, and not Cornwall.
    let inset = map_view
        .input
        .inset
        .as_ref()
        .expect("an inset around Trafford");
    let in_inset: Vec<&str> = inset
        .shapes
        .iter()
        .map(|&i| map_view.input.shapes[i].code.as_str())
        .collect();
    for code in ["E08000009", "E08000003", "E08000006"] {
        assert!(in_inset.contains(&code), "{code} not in {in_inset:?}");
    }
    assert!(!in_inset.contains(&"E06000052"));
    assert_eq!(
        map_view.inset_title.as_deref(),
        Some("Around Trafford, enlarged")
    );
}
