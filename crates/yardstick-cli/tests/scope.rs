//! Issue 12 on the committed demo bundle: who is compared on each measure, and what the bundle
//! lets a reader say about a council that is not (its nation has no figures, its tier does not
//! provide the service, or the figures are published for another tier).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::collections::BTreeSet;
use std::fs;

use yardstick_bundle::{
    Areas, DatasetBuilder, Manifest, NotCompared, Subject, not_compared, parse_areas,
    parse_manifest_with_catalogue, parse_metric_values, parse_peer_groups, scope_problems,
};
use yardstick_stats::{AreaCode, CompareOptions, Dataset, EngineError, GroupSpec};

mod common;
use common::demo;

fn manifest() -> Manifest {
    parse_manifest_with_catalogue(&fs::read(demo().join("manifest.json")).unwrap(), |p| {
        fs::read(demo().join(p)).ok()
    })
    .unwrap()
}

fn areas() -> Areas {
    parse_areas(&fs::read(demo().join("areas.json")).unwrap()).unwrap()
}

fn dataset(manifest: &Manifest, areas: &Areas, ids: &[&str]) -> Dataset {
    let mut builder = DatasetBuilder::new(areas, None, None);
    for id in ids {
        let meta = manifest.metric(id).unwrap();
        let values = parse_metric_values(&fs::read(demo().join(&meta.file.path)).unwrap()).unwrap();
        builder.add_metric(manifest, &values).unwrap();
    }
    builder.build().unwrap()
}

fn code(text: &str) -> AreaCode {
    AreaCode::from(text)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const BIRMINGHAM: &str = "E08000025";
const CARDIFF: &str = "W06000015";
const KENT: &str = "E10000016";
const ADUR: &str = "E07000223";
const WEST_SUSSEX: &str = "E10000032";

/// Once the GCSE measure, published for English areas only, listed Welsh, Scottish and
/// Northern Irish councils among its area types, so an English council's group of every
/// council counted 65 councils without figures. Now every member of that group is English,
/// and it holds every English area of the types the figures are published for.
#[test]
fn an_english_councils_group_of_every_council_holds_no_council_without_figures_elsewhere() {
    let manifest = manifest();
    let areas = areas();
    for (id, types) in [
        (
            "gcses-in-english-and-maths",
            &["NMD", "UA", "MD", "LBO", "CTY"][..],
        ),
        (
            "household-waste-recycling-rate",
            &["NMD", "UA", "MD", "LBO", "CC"][..],
        ),
    ] {
        let meta = manifest.metric(id).unwrap();
        assert_eq!(meta.coverage, ["England"], "{id}");
        let dataset = dataset(&manifest, &areas, &[id]);
        let scope = yardstick_bundle::metric(meta).service;
        let group = dataset
            .peers(&code(BIRMINGHAM), &GroupSpec::All, &scope)
            .unwrap();
        let members: BTreeSet<AreaCode> = group.codes().into_iter().collect();
        // Counted from areas.json directly: every area of those types but Birmingham.
        let expected: BTreeSet<AreaCode> = areas
            .iter()
            .filter(|a| types.contains(&a.area_type.as_str()) && a.code.as_str() != BIRMINGHAM)
            .map(|a| a.code.clone())
            .collect();
        assert_eq!(members, expected, "{id}");
        for member in &members {
            let nation = areas.get(member).unwrap().nation.as_deref();
            assert_eq!(nation, Some("England"), "{id}: {member}");
        }
    }
}

/// Cardiff is not told that Welsh councils do not collect waste: they do, and the bundle says
/// so, but its figures cover England only. The engine refuses to compare Cardiff, and the
/// bundle says why.
#[test]
fn cardiff_is_told_the_recycling_figures_cover_england_only() {
    let manifest = manifest();
    let areas = areas();
    let id = "household-waste-recycling-rate";
    let meta = manifest.metric(id).unwrap();
    assert_eq!(meta.subject(), Subject::Service);
    assert!(meta.all_area_types().contains(&"WPA".to_owned()));
    assert!(!meta.area_types.contains(&"WPA".to_owned()));
    let cardiff = areas.get(&code(CARDIFF)).unwrap();
    assert_eq!(
        not_compared(meta, cardiff, &areas),
        Some(NotCompared::OutsideCoverage {
            coverage: strings(&["England"]),
            type_applies: true,
        })
    );
    let dataset = dataset(&manifest, &areas, &[id]);
    let refused = dataset.compare(
        &code(CARDIFF),
        id,
        None,
        &GroupSpec::All,
        CompareOptions::default(),
    );
    assert!(matches!(refused, Err(EngineError::AreaWithoutService(_))));
}

/// Kent collects no waste (its twelve districts do); Adur runs no adult social care (West
/// Sussex does); healthy life expectancy is published for West Sussex, not Adur.
#[test]
fn a_council_without_the_service_or_without_figures_for_its_tier_is_told_who_has_them() {
    let manifest = manifest();
    let areas = areas();
    let kent = areas.get(&code(KENT)).unwrap();
    let Some(NotCompared::NotProvided {
        within, by_parent, ..
    }) = not_compared(
        manifest.metric("household-waste-recycling-rate").unwrap(),
        kent,
        &areas,
    )
    else {
        panic!("Kent provides waste collection?");
    };
    let kent_districts: Vec<AreaCode> = (105..=116).map(|n| code(&format!("E07000{n}"))).collect();
    assert_eq!(within, kent_districts);
    assert_eq!(by_parent, None);
    let adur = areas.get(&code(ADUR)).unwrap();
    assert_eq!(
        not_compared(
            manifest.metric("asc-carer-quality-of-life").unwrap(),
            adur,
            &areas
        ),
        Some(NotCompared::NotProvided {
            providers: strings(&["UA", "MD", "LBO", "CTY", "CC", "WPA", "SCO"]),
            within: Vec::new(),
            by_parent: Some(code(WEST_SUSSEX)),
        })
    );
    let life = manifest.metric("healthy-life-expectancy-female").unwrap();
    assert_eq!(life.subject(), Subject::Area);
    assert!(matches!(
        not_compared(life, adur, &areas),
        Some(NotCompared::NotPublishedForType { by_parent: Some(parent), .. })
            if parent == code(WEST_SUSSEX)
    ));
    // Adur's own pupils' GCSE figures are published, so Adur is compared there.
    let gcses = manifest.metric("gcses-in-english-and-maths").unwrap();
    assert_eq!(not_compared(gcses, adur, &areas), None);
}

/// Every demo measure says what it is about, and its scope agrees with its values.
#[test]
fn every_demo_metric_has_a_subject_and_a_sound_scope() {
    let manifest = manifest();
    let areas = areas();
    for meta in &manifest.metrics {
        assert!(meta.subject.is_some(), "{}: no subject", meta.id);
        assert!(!meta.coverage.is_empty(), "{}: no coverage", meta.id);
        let values = parse_metric_values(&fs::read(demo().join(&meta.file.path)).unwrap()).unwrap();
        assert_eq!(
            scope_problems(meta, &values, &areas),
            Vec::<String>::new(),
            "{}",
            meta.id
        );
    }
}

/// DfE's statistical neighbours were built for children's services: a reader offering them
/// for adult social care has what it needs to warn. ONS's similar areas are general.
#[test]
fn published_groups_say_what_they_were_built_for() {
    let groups = parse_peer_groups(&fs::read(demo().join("peer-groups.json")).unwrap()).unwrap();
    for group in &groups.groups {
        let dfe = group.id.starts_with("dfe-");
        assert_eq!(
            group.built_for,
            if dfe {
                strings(&["childrens-services", "education"])
            } else {
                Vec::new()
            },
            "{}",
            group.id
        );
        assert_eq!(
            group.built_for_another_theme("adult-social-care"),
            dfe,
            "{}",
            group.id
        );
        assert!(!group.built_for_another_theme("childrens-services"));
    }
}
