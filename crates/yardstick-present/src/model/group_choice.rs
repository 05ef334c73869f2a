//! The compact group choice beside every verdict: the groups a reader can switch to in one
//! step (the fixed kinds, nearest neighbours with the default settings, each published group
//! with a list for the council), named as every view, download and the command line name them
//! ([`words::group_name`]). The peer group view's editor builds any other group.

use yardstick_bundle::{Area, Manifest, MetricMeta, PeerGroups};
use yardstick_stats::{GroupSpec, NearestSpec};

use crate::notes;
use crate::words;

/// One group on offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupOption {
    /// The group as the URL writes it (`type`, `nearest:15`, `published:…`).
    pub value: String,
    /// The group in words.
    pub label: String,
}

/// What the choice offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupChoices {
    /// The fixed kinds, nearest neighbours with the default settings where the bundle has
    /// context variables, and the current group when it is none of these (a list of
    /// councils, or nearest neighbours with other settings).
    pub kinds: Vec<GroupOption>,
    /// The published groups that have a list for the council, in the bundle's order.
    pub published: Vec<GroupOption>,
    /// The value of the group on screen.
    pub current: String,
}

/// The groups `area` can be compared with in one step from `current`. `metric` is the measure
/// on screen, if the view has one: it decides who "all councils" are and whether a published
/// group was built for another service; `groups` are the published groups, once loaded.
pub fn group_choices(
    current: &GroupSpec,
    area: &Area,
    manifest: &Manifest,
    groups: Option<&PeerGroups>,
    metric: Option<&MetricMeta>,
) -> GroupChoices {
    let name = |spec: &GroupSpec| {
        words::group_name(
            spec,
            &area.name,
            &area.area_type,
            area.region.as_deref(),
            manifest,
            groups,
            metric.map(MetricMeta::subject),
        )
    };
    let option = |spec: &GroupSpec| GroupOption {
        value: spec.to_string(),
        label: name(spec),
    };
    let mut kinds = vec![option(&GroupSpec::SameType)];
    if area.region.is_some() {
        kinds.push(option(&GroupSpec::SameRegion));
    }
    kinds.push(option(&GroupSpec::All));
    if manifest
        .files
        .iter()
        .any(|file| file.path == "context.json")
    {
        kinds.push(option(&GroupSpec::Nearest(NearestSpec::default())));
    }
    let published: Vec<GroupOption> = groups
        .iter()
        .flat_map(|g| g.groups.iter())
        .filter(|group| group.neighbours_of(&area.code).is_some())
        .map(|group| {
            let others = metric.is_some_and(|m| notes::group_purpose(group, m, manifest).is_some());
            GroupOption {
                value: GroupSpec::Published(group.id.clone()).to_string(),
                label: words::published_choice(&group.title, others),
            }
        })
        .collect();
    let value = current.to_string();
    if !kinds.iter().chain(&published).any(|o| o.value == value) {
        let mut label = name(current);
        if matches!(current, GroupSpec::Nearest(_)) {
            // The default settings are on offer too, perhaps under the same name.
            label.push_str(" (your settings)");
        }
        kinds.push(GroupOption {
            value: value.clone(),
            label,
        });
    }
    GroupChoices {
        kinds,
        published,
        current: value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{
        AreaCode, parse_areas, parse_manifest_with_catalogue, parse_peer_groups,
    };

    const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/demo");

    fn read(path: &str) -> Vec<u8> {
        std::fs::read(format!("{DEMO}/{path}")).unwrap_or_default()
    }

    struct Demo {
        manifest: Manifest,
        areas: yardstick_bundle::Areas,
        groups: PeerGroups,
    }

    fn demo() -> Demo {
        Demo {
            manifest: parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p)))
                .expect("demo manifest"),
            areas: parse_areas(&read("areas.json")).expect("demo areas"),
            groups: parse_peer_groups(&read("peer-groups.json")).expect("demo groups"),
        }
    }

    fn check(code: &str, current: &str, metric: Option<&str>, values: &[&str], labels: &[&str]) {
        let demo = demo();
        let area = demo.areas.get(&AreaCode::new(code)).expect("area");
        let metric = metric.map(|id| demo.manifest.metric(id).expect("metric"));
        let spec: GroupSpec = current.parse().expect("spec");
        let choices = group_choices(&spec, area, &demo.manifest, Some(&demo.groups), metric);
        let all: Vec<&GroupOption> = choices.kinds.iter().chain(&choices.published).collect();
        let got: Vec<&str> = all.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(got, values);
        let got: Vec<&str> = all.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(got, labels);
        assert_eq!(choices.current, spec.to_string());
    }

    #[test]
    fn a_district_is_offered_its_kinds_nearest_neighbours_and_the_ons_groups() {
        // Adur: a non-metropolitan district in the South East, with no DfE list (DfE's
        // neighbours are for upper-tier councils), on recycling.
        check(
            "E07000223",
            "type",
            Some("household-waste-recycling-rate"),
            &[
                "type",
                "region",
                "all",
                "nearest:15",
                "published:ons-similar-areas-global",
                "published:ons-similar-areas-economic",
                "published:ons-similar-areas-demographic",
            ],
            &[
                "non-metropolitan districts",
                "councils in South East responsible for the service",
                "all councils responsible for the service",
                "Adur's 15 nearest neighbours",
                "ONS similar areas (global)",
                "ONS similar areas (economic)",
                "ONS similar areas (demographic)",
            ],
        );
    }

    #[test]
    fn a_group_built_for_another_service_says_so_where_it_is_offered() {
        // Kent on recycling: DfE's neighbours were built for children's services and education.
        let demo = demo();
        let kent = demo.areas.get(&AreaCode::new("E10000016")).expect("Kent");
        let recycling = demo.manifest.metric("household-waste-recycling-rate");
        let choices = group_choices(
            &GroupSpec::SameType,
            kent,
            &demo.manifest,
            Some(&demo.groups),
            recycling,
        );
        let dfe: Vec<&str> = choices
            .published
            .iter()
            .filter(|o| o.value.starts_with("published:dfe"))
            .map(|o| o.label.as_str())
            .collect();
        assert_eq!(
            dfe,
            [
                "DfE statistical neighbours (2025) (built for other services)",
                "DfE statistical neighbours (2021) (built for other services)"
            ]
        );
        // Without a measure (the overview) nothing is said of a service.
        let choices = group_choices(
            &GroupSpec::SameType,
            kent,
            &demo.manifest,
            Some(&demo.groups),
            None,
        );
        assert!(
            choices
                .published
                .iter()
                .any(|o| o.label == "DfE statistical neighbours (2025)")
        );
        assert!(
            choices
                .kinds
                .iter()
                .any(|o| o.label == "all councils with figures")
        );
    }

    #[test]
    fn a_custom_group_on_screen_is_offered_as_it_is() {
        let nearest = "nearest:15;weights=population:2";
        check(
            "E07000223",
            nearest,
            Some("household-waste-recycling-rate"),
            &[
                "type",
                "region",
                "all",
                "nearest:15",
                nearest,
                "published:ons-similar-areas-global",
                "published:ons-similar-areas-economic",
                "published:ons-similar-areas-demographic",
            ],
            &[
                "non-metropolitan districts",
                "councils in South East responsible for the service",
                "all councils responsible for the service",
                "Adur's 15 nearest neighbours",
                "Adur's 15 nearest neighbours (your settings)",
                "ONS similar areas (global)",
                "ONS similar areas (economic)",
                "ONS similar areas (demographic)",
            ],
        );
        let demo = demo();
        let adur = demo.areas.get(&AreaCode::new("E07000223")).expect("Adur");
        let list: GroupSpec = "list:E07000224,E07000225".parse().expect("spec");
        let choices = group_choices(&list, adur, &demo.manifest, None, None);
        let last = choices.kinds.last().expect("options");
        assert_eq!(last.value, "list:E07000224,E07000225");
        assert_eq!(last.label, "a custom list of 2 councils");
        // Before the published groups are in, none is offered.
        assert!(choices.published.is_empty());
    }
}
