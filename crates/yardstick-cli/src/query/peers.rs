//! `yardstick peers`: an area's peer group under a group spec, with why each nearest
//! neighbour is near and how the group overlaps with the published lists.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, bail};
use yardstick_bundle::{AreaCode, Manifest, metric};
use yardstick_stats::{DistanceMeasure, GroupSpec, Overlap, PeerGroup, Scaling, ServiceScope};

use yardstick_present::model::peers::published_overlaps;
use yardstick_present::{notes, words};

use crate::json;

use super::text::{self, pairs, table};
use super::{Bundle, Format, Wanted, parse_spec, resolve_area, resolve_metric};

/// The engine's peer group, the candidates' scope, and the group's overlap with each
/// published list the bundle has for the area; `--format json` prints it converted to
/// [`json::peers::PeersOutput`].
#[derive(Debug)]
pub struct PeersOutput {
    /// Which areas could be peers (the service scope).
    pub scope: ServiceScope,
    /// The engine's answer.
    pub group: PeerGroup,
    /// Overlap with each published group that lists the area, sorted by group id.
    pub overlaps: Vec<PublishedOverlap>,
}

/// The overlap of the group with one published list.
#[derive(Debug)]
pub struct PublishedOverlap {
    /// The published group's id.
    pub published: String,
    /// Its title.
    pub title: String,
    /// The engine's overlap: this group first, the published list second.
    pub overlap: Overlap,
}

/// Runs `yardstick peers`.
pub fn run(
    dir: &Path,
    area: &str,
    group: &str,
    metric_id: Option<&str>,
    format: Format,
) -> Result<String> {
    let spec = parse_spec(group)?;
    let manifest = Bundle::manifest(dir)?;
    let meta = match metric_id {
        Some(id) => Some(resolve_metric(&manifest, id)?.clone()),
        None => None,
    };
    let scope = meta.as_ref().map(|meta| metric(meta).service);
    let bundle = Bundle::load(dir, manifest, Wanted::NoMetrics)?;
    let code = resolve_area(&bundle.areas, area)?;
    let scope = match scope {
        Some(scope) => scope,
        None => default_scope(&bundle, &code)?,
    };
    // With a metric, the group holds the councils in force in its latest period, as the
    // widget's peer view has it for the period on screen.
    let during = meta
        .as_ref()
        .map(|meta| yardstick_bundle::period_span(meta.latest_period));
    let output = peers(&bundle, &code, &spec, scope, during)?;
    // A published group used for a metric of a theme it was not built for says so.
    let purpose = match (&spec, &meta, &bundle.groups) {
        (GroupSpec::Published(id), Some(meta), Some(groups)) => groups
            .group(id)
            .and_then(|group| notes::group_purpose(group, meta, &bundle.manifest)),
        _ => None,
    };
    match format {
        Format::Json => json::render("peers", json::peers::PeersOutput::from(&output)),
        Format::Table => Ok(as_table(&bundle, &output, purpose)),
        Format::Csv => as_csv(&output),
    }
}

/// Without a metric, the candidates are the councils that share at least one service with the
/// area in this bundle: the union of the area types of every metric that covers its type.
fn default_scope(bundle: &Bundle, code: &AreaCode) -> Result<ServiceScope> {
    let area_type = bundle
        .areas
        .get(code)
        .map(|a| a.area_type.clone())
        .unwrap_or_default();
    let types: BTreeSet<String> = bundle
        .manifest
        .metrics
        .iter()
        .filter(|m| m.area_types.contains(&area_type))
        .flat_map(|m| m.area_types.iter().cloned())
        .collect();
    if types.is_empty() {
        let kind = type_name(&bundle.manifest, &area_type);
        bail!(
            "{code} is {} {kind}, and no metric in this bundle is for that kind of area, so it \
             has no peers; choose a council",
            article(&kind)
        );
    }
    Ok(ServiceScope::AreaTypes(types))
}

fn peers(
    bundle: &Bundle,
    code: &AreaCode,
    spec: &GroupSpec,
    scope: ServiceScope,
    during: Option<yardstick_stats::Span>,
) -> Result<PeersOutput> {
    let group = match during {
        Some(span) => bundle.dataset.peers_during(code, spec, &scope, span)?,
        None => bundle.dataset.peers(code, spec, &scope)?,
    };
    // The widget's peer view counts the same overlaps with the same function.
    let overlaps = published_overlaps(&bundle.dataset, &group, &scope)
        .into_iter()
        .map(|o| PublishedOverlap {
            published: o.id,
            title: o.title,
            overlap: o.overlap,
        })
        .collect();
    Ok(PeersOutput {
        scope,
        group,
        overlaps,
    })
}

fn type_name(manifest: &Manifest, id: &str) -> String {
    manifest
        .area_type(id)
        .map_or_else(|| id.to_owned(), |t| t.singular.clone())
}

fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

fn name(bundle: &Bundle, code: &AreaCode) -> String {
    bundle
        .areas
        .get(code)
        .map_or_else(String::new, |a| a.name.clone())
}

fn scope_text(manifest: &Manifest, scope: &ServiceScope) -> String {
    match scope {
        ServiceScope::AllAreas => "every area".to_owned(),
        ServiceScope::AreaTypes(types) => {
            let mut names: Vec<String> = manifest
                .area_types
                .iter()
                .filter(|t| types.contains(&t.id))
                .map(|t| t.plural.clone())
                .collect();
            // Types the manifest does not declare still show, by id.
            names.extend(
                types
                    .iter()
                    .filter(|t| manifest.area_type(t).is_none())
                    .cloned(),
            );
            names.join(", ")
        }
    }
}

fn as_table(bundle: &Bundle, output: &PeersOutput, purpose: Option<String>) -> String {
    let group = &output.group;
    let manifest = &bundle.manifest;
    let area_type = bundle
        .areas
        .get(&group.area)
        .map(|a| type_name(manifest, &a.area_type))
        .unwrap_or_default();
    let mut text = format!(
        "{} ({}), {area_type}\n",
        name(bundle, &group.area),
        group.area
    );
    let mut lines = vec![(
        "Group",
        format!(
            "{} ({})",
            bundle.group_name(&group.area, &group.spec, None),
            group.spec
        ),
    )];
    if let Some(purpose) = purpose {
        lines.push(("Note", purpose));
    }
    lines.extend([
        ("Candidates", scope_text(manifest, &output.scope)),
        ("Members", group.members.len().to_string()),
    ]);
    text += &pairs(&lines);
    text.push('\n');
    let ended = |code: &AreaCode| {
        bundle
            .areas
            .get(code)
            .and_then(|a| a.end)
            .map_or_else(String::new, |end| format!("ended {end}"))
    };
    if let Some(model) = &group.model {
        let rows: Vec<Vec<String>> = group
            .members
            .iter()
            .map(|m| {
                let why = m.neighbour.as_ref();
                let largest = why
                    .and_then(|n| n.shares.iter().max_by(|a, b| a.share.total_cmp(&b.share)))
                    .map_or_else(String::new, |s| {
                        format!("{} ({:.0}%)", s.variable, 100.0 * s.share)
                    });
                vec![
                    m.rank.map_or_else(String::new, |r| r.to_string()),
                    m.code.to_string(),
                    m.name.clone(),
                    why.map_or_else(String::new, |n| format!("{:.3}", n.distance)),
                    why.map_or_else(String::new, |n| format!("{:.1}", n.similarity)),
                    largest,
                    why.map_or_else(String::new, |n| n.imputed.join(", ")),
                    ended(&m.code),
                ]
            })
            .collect();
        text += &table(
            &[
                "rank",
                "code",
                "name",
                "distance",
                "similarity",
                "largest share of the distance",
                "imputed",
                "note",
            ],
            &rows,
        );
        text.push('\n');
        let variables: Vec<String> = model
            .variables
            .iter()
            .map(|v| {
                let mut s = v.id.clone();
                if v.log {
                    s += " (log)";
                }
                if v.weight != 1.0 {
                    let _ = write!(s, " ×{}", v.weight);
                }
                s
            })
            .collect();
        let mut lines = vec![
            ("Variables", variables.join(", ")),
            (
                "Scaling",
                match model.scale {
                    Scaling::ZScore => "z-scores (mean and standard deviation)".to_owned(),
                    Scaling::Robust => "robust (median and 1.4826 × MAD)".to_owned(),
                },
            ),
            (
                "Distance",
                match model.distance {
                    DistanceMeasure::Euclidean => "weighted Euclidean".to_owned(),
                    DistanceMeasure::Mahalanobis => format!(
                        "Mahalanobis, covariance shrunk by {}",
                        model.shrinkage.unwrap_or_default()
                    ),
                },
            ),
            ("Areas compared", model.candidates.to_string()),
        ];
        if !model.dropped.is_empty() {
            let dropped: Vec<String> = model
                .dropped
                .iter()
                .map(|d| format!("{} ({})", d.id, words::not_calculated(d.reason)))
                .collect();
            lines.push(("Variables left out", dropped.join(", ")));
        }
        if !model.imputed_for_area.is_empty() {
            lines.push((
                "Imputed for this area",
                format!("{} (the median)", model.imputed_for_area.join(", ")),
            ));
        }
        text += &pairs(&lines);
    } else {
        let rows: Vec<Vec<String>> = group
            .members
            .iter()
            .map(|m| {
                vec![
                    m.rank.map_or_else(String::new, |r| r.to_string()),
                    m.code.to_string(),
                    m.name.clone(),
                    bundle
                        .areas
                        .get(&m.code)
                        .map(|a| type_name(manifest, &a.area_type))
                        .unwrap_or_default(),
                    m.band.clone().unwrap_or_default(),
                    ended(&m.code),
                ]
            })
            .collect();
        text += &table(&["rank", "code", "name", "type", "band", "note"], &rows);
    }
    if !group.excluded.is_empty() {
        text += "\nLeft out\n";
        let rows: Vec<Vec<String>> = group
            .excluded
            .iter()
            .map(|e| {
                vec![
                    e.code.to_string(),
                    name(bundle, &e.code),
                    words::exclusion(e.reason).to_owned(),
                ]
            })
            .collect();
        text += &table(&["code", "name", "reason"], &rows);
    }
    if !output.overlaps.is_empty() {
        text += "\nOverlap with published groups\n";
        let rows: Vec<Vec<String>> = output
            .overlaps
            .iter()
            .map(|o| {
                let size = o.overlap.shared_count + o.overlap.only_second.len();
                vec![
                    o.published.clone(),
                    format!("{} of {size}", o.overlap.shared_count),
                    text::or_reason(&o.overlap.jaccard, |j| format!("{j:.3}")),
                ]
            })
            .collect();
        text += &table(&["published group", "shared", "Jaccard"], &rows);
    }
    text
}

fn as_csv(output: &PeersOutput) -> Result<String> {
    let rows: Vec<Vec<String>> = output
        .group
        .members
        .iter()
        .map(|m| {
            let why = m.neighbour.as_ref();
            vec![
                m.rank.map_or_else(String::new, |r| r.to_string()),
                m.code.to_string(),
                m.name.clone(),
                m.band.clone().unwrap_or_default(),
                why.map_or_else(String::new, |n| n.distance.to_string()),
                why.map_or_else(String::new, |n| n.similarity.to_string()),
                why.map_or_else(String::new, |n| n.imputed.join(";")),
            ]
        })
        .collect();
    text::csv(
        &[
            "rank",
            "code",
            "name",
            "band",
            "distance",
            "similarity",
            "imputed",
        ],
        &rows,
    )
}

impl From<&PeersOutput> for json::peers::PeersOutput {
    fn from(output: &PeersOutput) -> Self {
        use json::peers::{GroupOutput, OverlapOutput, PublishedOverlapOutput, ScopeOutput};
        Self {
            scope: ScopeOutput::from(&output.scope),
            group: GroupOutput::from(&output.group),
            overlaps: output
                .overlaps
                .iter()
                .map(|o| PublishedOverlapOutput {
                    published: o.published.clone(),
                    title: o.title.clone(),
                    overlap: OverlapOutput::from(&o.overlap),
                })
                .collect(),
        }
    }
}
