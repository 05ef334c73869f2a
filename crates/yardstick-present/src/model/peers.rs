//! The peer group view as plain data: who is in the group and why, from the engine's
//! `PeerGroup`, with names and variable titles from the bundle.

use yardstick_bundle::{ContextTable, Manifest};
use yardstick_stats::{DistanceMeasure, Overlap, PeerGroup, Scaling, ServiceScope};

use crate::chart::{ShareBarsInput, ShareRow};
use crate::format;
use crate::table::{Cell, Column, Row, Table};

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
