//! The peer group view as plain data: who is in the group and why, from the engine's
//! `PeerGroup`, with names and variable titles from the bundle.

use yardstick_bundle::{Area, ContextTable, Manifest, PeerGroups, Period, period_span};
use yardstick_stats::{
    Dataset, DistanceMeasure, EngineError, GroupSpec, Overlap, PeerGroup, Scaling, ServiceScope,
};

use crate::chart::{ShareBarsInput, ShareRow};
use crate::format;
use crate::table::{Cell, Column, Row, Table};

/// Everything the peer group view shows: the engine's group, its name in the reader's words,
/// and how it overlaps with the published groups.
#[derive(Debug, Clone, PartialEq)]
pub struct PeersModel {
    /// The council whose peers these are.
    pub area: Area,
    /// The group in words ("county councils"), as every other view says it.
    pub group_name: String,
    /// The engine's answer.
    pub group: PeerGroup,
    /// The overlap with each published group that has a list for the council.
    pub overlaps: Vec<PublishedOverlap>,
}

/// How a group overlaps with one published group.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedOverlap {
    /// The published group's id (`dfe-statistical-neighbours-2025`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The engine's overlap: the group first, the published list second.
    pub overlap: Overlap,
}

/// Asks the engine for the council's peer group and its overlap with the published groups.
///
/// With a period, the group holds only councils in force during it (the engine's
/// `peers_during`), as the comparison for that period does: Kent's county councils for
/// 2024-25 do not include Cumbria or Northamptonshire.
pub fn peers_model(
    dataset: &Dataset,
    manifest: &Manifest,
    groups: Option<&PeerGroups>,
    area: &Area,
    spec: &GroupSpec,
    scope: &ServiceScope,
    period: Option<Period>,
) -> Result<PeersModel, EngineError> {
    let group = match period {
        Some(period) => dataset.peers_during(&area.code, spec, scope, period_span(period))?,
        None => dataset.peers(&area.code, spec, scope)?,
    };
    Ok(PeersModel {
        area: area.clone(),
        group_name: crate::words::group_name(
            spec,
            &area.name,
            &area.area_type,
            area.region.as_deref(),
            manifest,
            groups,
            None,
        ),
        overlaps: published_overlaps(dataset, &group, scope),
        group,
    })
}

/// The group's overlap with every published group of the dataset that has a list for the
/// group's council, in the dataset's order (by id). A published group is not compared with
/// itself, and a published group without a list for the council says nothing about it.
pub fn published_overlaps(
    dataset: &Dataset,
    group: &PeerGroup,
    scope: &ServiceScope,
) -> Vec<PublishedOverlap> {
    dataset
        .published_groups()
        .into_iter()
        .filter_map(|(id, title)| {
            let spec = GroupSpec::Published(id.to_owned());
            if group.spec == spec {
                return None;
            }
            let published = dataset.peers(&group.area, &spec, scope).ok()?;
            Some(PublishedOverlap {
                id: id.to_owned(),
                title: title.to_owned(),
                overlap: group.overlap(&published),
            })
        })
        .collect()
}

impl PeersModel {
    /// "Compared with county councils: 20 councils besides Hampshire."
    pub fn summary(&self) -> String {
        format!(
            "Compared with {}: {} besides {}.",
            self.group_name,
            format::count(self.group.members.len(), "council", "councils"),
            self.area.name
        )
    }

    /// One sentence per published group the group overlaps with.
    pub fn overlap_sentences(&self) -> Vec<String> {
        self.overlaps
            .iter()
            .map(|o| overlap_sentence(&o.overlap, &o.title))
            .collect()
    }

    /// The areas left out, each with why: "E07000001: no longer exists".
    pub fn excluded(&self) -> Vec<String> {
        self.group
            .excluded
            .iter()
            .map(|e| format!("{}: {}", e.code, crate::words::exclusion(e.reason)))
            .collect()
    }
}

/// The service scope the peer view uses: the metric on screen decides who can be a peer.
pub fn scope_for(metric: &yardstick_bundle::MetricMeta) -> ServiceScope {
    ServiceScope::area_types(metric.area_types.iter().cloned())
}

/// A context variable's title, or its id when the bundle has none.
pub fn variable_title(context: Option<&ContextTable>, id: &str) -> String {
    context
        .and_then(|c| c.variables.iter().find(|v| v.id == id))
        .map_or_else(|| id.to_owned(), |v| v.title.clone())
}

/// Sentences describing how a nearest-neighbour group was found.
pub fn model_description(group: &PeerGroup, context: Option<&ContextTable>) -> Vec<String> {
    let Some(model) = &group.model else {
        return Vec::new();
    };
    let variables: Vec<String> = model
        .variables
        .iter()
        .map(|v| {
            let mut text = variable_title(context, &v.id);
            if v.log {
                text.push_str(" (logarithm)");
            }
            if (v.weight - 1.0).abs() > f64::EPSILON {
                text.push_str(&format!(", weight {}", format::number(v.weight, 2)));
            }
            text
        })
        .collect();
    let mut lines = vec![
        format!(
            "Variables: {}.",
            if variables.is_empty() {
                "none".to_owned()
            } else {
                variables.join("; ")
            }
        ),
        match model.scale {
            Scaling::ZScore => "Each variable is standardised to a z-score (mean 0, standard \
                                deviation 1) over every council that could be a neighbour."
                .to_owned(),
            Scaling::Robust => "Each variable is standardised robustly: minus the median, \
                                divided by 1.4826 times the median absolute deviation."
                .to_owned(),
        },
        match model.distance {
            DistanceMeasure::Euclidean => {
                "Distance: weighted Euclidean distance on the standardised values.".to_owned()
            }
            DistanceMeasure::Mahalanobis => format!(
                "Distance: Mahalanobis distance, with the covariance shrunk towards its diagonal \
                 (λ = {}), so variables that move together are not counted twice.",
                model
                    .shrinkage
                    .map_or_else(|| "–".to_owned(), |s| format::number(s, 2))
            ),
        },
        format!(
            "{} councils could be neighbours: those responsible for the service, other than \
             the council itself and any county or district nested with it.",
            model.candidates
        ),
    ];
    for dropped in &model.dropped {
        lines.push(format!(
            "Left out: {}, because {}.",
            variable_title(context, &dropped.id),
            crate::words::not_calculated(dropped.reason)
        ));
    }
    if !model.imputed_for_area.is_empty() {
        let names: Vec<String> = model
            .imputed_for_area
            .iter()
            .map(|id| variable_title(context, id))
            .collect();
        lines.push(format!(
            "The council's own value was missing for {}, and was replaced by the median.",
            names.join(", ")
        ));
    }
    lines
}

/// The members as a table.
pub fn members_table(
    group: &PeerGroup,
    group_name: &str,
    context: Option<&ContextTable>,
    manifest: &Manifest,
) -> Table {
    let nearest = group.model.is_some();
    let mut columns = vec![Column::text("Council"), Column::text("GSS code")];
    if group.members.iter().any(|m| m.rank.is_some()) {
        columns.push(Column::number("Rank (1 = closest)"));
    }
    if group.members.iter().any(|m| m.band.is_some()) {
        columns.push(Column::text("Closeness"));
    }
    let variables: Vec<String> = group
        .model
        .as_ref()
        .map(|m| m.variables.iter().map(|v| v.id.clone()).collect())
        .unwrap_or_default();
    if nearest {
        columns.push(Column::number("Distance"));
        columns.push(Column::number("Similarity (0–100)"));
        for id in &variables {
            columns.push(Column::number(format!(
                "Share: {}",
                variable_title(context, id)
            )));
        }
        columns.push(Column::text("Imputed"));
    }
    let ranked = columns.iter().any(|c| c.title.starts_with("Rank"));
    let banded = columns.iter().any(|c| c.title == "Closeness");
    let rows = group
        .members
        .iter()
        .map(|m| {
            let mut cells = vec![Cell::text(m.name.clone()), Cell::text(m.code.to_string())];
            if ranked {
                cells.push(match m.rank {
                    Some(r) => Cell::number(f64::from(r), r.to_string(), 0),
                    None => Cell::gap(""),
                });
            }
            if banded {
                cells.push(Cell::text(m.band.clone().unwrap_or_default()));
            }
            if nearest {
                match &m.neighbour {
                    Some(n) => {
                        cells.push(Cell::number(n.distance, format::number(n.distance, 2), 3));
                        cells.push(Cell::number(
                            n.similarity,
                            format::number(n.similarity, 0),
                            1,
                        ));
                        for id in &variables {
                            let share = n.shares.iter().find(|s| &s.variable == id);
                            cells.push(match share {
                                Some(s) => Cell::number(
                                    s.share * 100.0,
                                    format!("{}%", format::number(s.share * 100.0, 0)),
                                    1,
                                ),
                                None => Cell::gap("–"),
                            });
                        }
                        cells.push(Cell::text(
                            n.imputed
                                .iter()
                                .map(|id| variable_title(context, id))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ));
                    }
                    None => {
                        for _ in 0..(3 + variables.len()) {
                            cells.push(Cell::gap("–"));
                        }
                    }
                }
            }
            Row {
                cells,
                highlighted: false,
            }
        })
        .collect();
    let mut provenance = vec![format!("Peer group: {group_name} ({})", group.spec)];
    provenance.extend(model_description(group, context));
    provenance.extend(manifest.attribution.iter().cloned());
    provenance.push(format!("Data version: {}", manifest.content_hash));
    Table {
        caption: format!("Members of the peer group: {group_name}"),
        columns,
        rows,
        provenance,
    }
}

/// What the share bars draw: each neighbour's distance split by variable.
pub fn share_bars(group: &PeerGroup, context: Option<&ContextTable>) -> Option<ShareBarsInput> {
    let model = group.model.as_ref()?;
    Some(ShareBarsInput {
        variables: model
            .variables
            .iter()
            .map(|v| variable_title(context, &v.id))
            .collect(),
        rows: group
            .members
            .iter()
            .filter_map(|m| {
                let n = m.neighbour.as_ref()?;
                Some(ShareRow {
                    label: m.name.clone(),
                    similarity: n.similarity,
                    shares: model
                        .variables
                        .iter()
                        .map(|v| {
                            n.shares
                                .iter()
                                .find(|s| s.variable == v.id)
                                .map_or(0.0, |s| s.share)
                        })
                        .collect(),
                })
            })
            .collect(),
        width: 640,
    })
}

/// How to read the share bars, above them: a share is part of the distance between the
/// council and a neighbour, so the longest segment is where the two differ most, which a
/// reader could take for where they are most alike.
pub fn share_reading(area_name: &str) -> String {
    format!(
        "Each bar splits the distance between {area_name} and one neighbour into the part that \
         comes from each context variable: a share is that variable's part of the (squared) \
         distance. The longest segment is where the two councils differ most, not where they \
         are most alike. Every bar is the same length whatever the distance; the similarity \
         score beside it says how near the neighbour is."
    )
}

/// "7 of these 15 are also in DfE statistical neighbours (2025): Jaccard similarity 0.30."
pub fn overlap_sentence(overlap: &Overlap, other: &str) -> String {
    format!(
        "{} of these councils are also in {other} (Jaccard similarity {}: the share of \
         councils in either group that are in both).",
        overlap.shared_count,
        overlap
            .jaccard
            .map_or_else(|_| "not defined".to_owned(), |j| format::number(j, 2))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{
        AreaCode, DatasetBuilder, parse_areas, parse_context, parse_manifest_with_catalogue,
        parse_metric_values, parse_peer_groups,
    };

    const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/demo");

    fn read(path: &str) -> Vec<u8> {
        std::fs::read(format!("{DEMO}/{path}")).unwrap_or_default()
    }

    /// The demo bundle's peer group for `code` under `spec`, among the councils with the
    /// recycling service.
    fn model(code: &str, spec: &str) -> PeersModel {
        let manifest = parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p)))
            .expect("demo manifest");
        let areas = parse_areas(&read("areas.json")).expect("demo areas");
        let context = parse_context(&read("context.json")).expect("demo context");
        let groups = parse_peer_groups(&read("peer-groups.json")).expect("demo groups");
        let dataset = DatasetBuilder::new(&areas, Some(&context), Some(&groups))
            .build()
            .expect("builds");
        let metric = manifest
            .metric("household-waste-recycling-rate")
            .expect("metric");
        let area = areas.get(&AreaCode::new(code)).expect("area").clone();
        let spec: GroupSpec = spec.parse().expect("spec");
        peers_model(
            &dataset,
            &manifest,
            Some(&groups),
            &area,
            &spec,
            &scope_for(metric),
            Some(metric.latest_period),
        )
        .expect("a group")
    }

    /// Issue 13: the share chart was read as "where they are most alike"; the sentence above
    /// it says a share is part of the distance.
    #[test]
    fn the_share_reading_says_a_long_segment_is_a_difference() {
        let text = share_reading("Adur");
        assert!(
            text.contains("distance between Adur and one neighbour"),
            "{text}"
        );
        assert!(
            text.contains("The longest segment is where the two councils differ most, not where they are most alike."),
            "{text}"
        );
    }

    const KENT: &str = "E10000016";
    /// A county-level measure whose latest period is 2024-25.
    const COUNTY_METRIC: &str = "childrens-social-care-re-referrals";

    /// County councils other than Kent in force on some day of `period`, counted from
    /// areas.json by their dates alone, without the engine.
    fn counties_in_force(period: Period) -> Vec<AreaCode> {
        let areas = parse_areas(&read("areas.json")).expect("demo areas");
        areas
            .iter()
            .filter(|a| a.area_type == "CTY" && a.code.as_str() != KENT)
            .filter(|a| a.start.is_none_or(|start| start <= period.end()))
            .filter(|a| a.end.is_none_or(|end| end >= period.start()))
            .map(|a| a.code.clone())
            .collect()
    }

    /// Issue 12: Kent's "county councils" for 2024-25 counted the six abolished ones (the
    /// widget said "26 councils besides Kent").
    #[test]
    fn kents_county_councils_for_2024_25_hold_no_abolished_council() {
        let manifest = parse_manifest_with_catalogue(&read("manifest.json"), |p| Some(read(p)))
            .expect("demo manifest");
        let areas = parse_areas(&read("areas.json")).expect("demo areas");
        let meta = manifest.metric(COUNTY_METRIC).expect("metric").clone();
        let period = meta.latest_period;
        assert_eq!(period.label(), "2024-25");
        let expected = counties_in_force(period);
        // 27 county councils in areas.json, six of which ended before April 2024.
        assert_eq!(expected.len(), 20);
        let values = parse_metric_values(&read(&meta.file.path)).expect("demo values");
        let mut builder = DatasetBuilder::new(&areas, None, None);
        builder.add_metric(&manifest, &values).expect("adds");
        let dataset = builder.build().expect("builds");
        let kent = areas.get(&AreaCode::new(KENT)).expect("Kent").clone();
        let ended_before = |code: &AreaCode| {
            areas
                .get(code)
                .and_then(|a| a.end)
                .is_some_and(|end| end < period.start())
        };

        let peers = peers_model(
            &dataset,
            &manifest,
            None,
            &kent,
            &GroupSpec::SameType,
            &scope_for(&meta),
            Some(period),
        )
        .expect("a group");
        assert_eq!(peers.group.codes(), expected);
        assert_eq!(
            peers.summary(),
            "Compared with county councils: 20 councils besides Kent."
        );

        let model = crate::model::metric::metric_model(
            &manifest,
            &areas,
            None,
            &dataset,
            &values,
            &kent,
            &meta,
            period,
            &GroupSpec::SameType,
        )
        .expect("a comparison");
        assert_eq!(model.comparison.group.peers, expected.len());
        assert!(model.members.iter().all(|m| !ended_before(&m.code)));
        assert!(
            model
                .comparison
                .group
                .missing
                .iter()
                .all(|m| !ended_before(&m.code))
        );
    }

    #[test]
    fn overlaps_are_counted_against_each_published_list_but_not_the_group_itself() {
        let published = model("E08000009", "published:dfe-statistical-neighbours-2025");
        let ids: Vec<&str> = published.overlaps.iter().map(|o| o.id.as_str()).collect();
        assert!(!ids.contains(&"dfe-statistical-neighbours-2025"), "{ids:?}");
        assert!(ids.contains(&"dfe-statistical-neighbours-2021"), "{ids:?}");
        // Trafford's two DfE lists in peer-groups.json, less the county councils (they do not
        // collect waste): 5 councils in the 2025 list, 8 in the 2021 list, all 5 shared
        // (counted from the file with a short Python script, not with this crate).
        let dfe_2021 = published
            .overlaps
            .iter()
            .find(|o| o.id == "dfe-statistical-neighbours-2021")
            .expect("an overlap with the 2021 list");
        assert_eq!(published.group.members.len(), 5);
        assert_eq!(dfe_2021.overlap.shared_count, 5);
        assert_eq!(dfe_2021.overlap.only_second.len(), 3);
        assert_eq!(dfe_2021.overlap.jaccard, Ok(0.625));
        assert_eq!(dfe_2021.title, "DfE statistical neighbours (2021)");
    }

    #[test]
    fn the_summary_names_the_group_and_counts_its_members() {
        let nearest = model("E08000009", "nearest:10");
        assert_eq!(
            nearest.summary(),
            "Compared with Trafford's 10 nearest neighbours: 10 councils besides Trafford."
        );
        assert_eq!(nearest.overlap_sentences().len(), nearest.overlaps.len());
    }
}
