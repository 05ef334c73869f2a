//! `yardstick peers --format json`: an area's peer group, the candidates it was drawn from, and
//! its overlap with each published list.

use serde::Serialize;
use yardstick_stats::{AreaCode, NeighbourModel, Overlap, PeerGroup, PeerMember, ServiceScope};

use super::{Figure, Reason, words};

/// An area's peer group.
#[derive(Debug, Serialize)]
pub struct PeersOutput {
    /// Which areas could be peers.
    pub scope: ScopeOutput,
    /// The group.
    pub group: GroupOutput,
    /// The group's overlap with each published list that has one for the area, by list id.
    pub overlaps: Vec<PublishedOverlapOutput>,
}

/// The candidates: every area, or the area types that provide the service.
#[derive(Debug, Serialize)]
pub struct ScopeOutput {
    /// `all_areas` or `area_types`.
    pub kind: &'static str,
    /// For `area_types`: the types' ids, sorted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_types: Option<Vec<String>>,
}

impl From<&ServiceScope> for ScopeOutput {
    fn from(scope: &ServiceScope) -> Self {
        match scope {
            ServiceScope::AllAreas => Self {
                kind: "all_areas",
                area_types: None,
            },
            ServiceScope::AreaTypes(types) => Self {
                kind: "area_types",
                area_types: Some(types.iter().cloned().collect()),
            },
        }
    }
}

/// The peer group.
#[derive(Debug, Serialize)]
pub struct GroupOutput {
    /// The area whose peers these are (never one of them).
    pub area: String,
    /// The group spec, in the engine's canonical form.
    pub spec: String,
    /// The engine's short name for the group.
    pub label: String,
    /// The peers: by rank where the group is ranked, then by code.
    pub members: Vec<MemberOutput>,
    /// Areas a list named that the group leaves out, and why, by code.
    pub excluded: Vec<ExcludedOutput>,
    /// For nearest neighbours, how they were found; otherwise `null`.
    pub model: Option<ModelOutput>,
}

impl From<&PeerGroup> for GroupOutput {
    fn from(group: &PeerGroup) -> Self {
        Self {
            area: group.area.to_string(),
            spec: group.spec.to_string(),
            label: group.label.clone(),
            members: group.members.iter().map(MemberOutput::from).collect(),
            excluded: group
                .excluded
                .iter()
                .map(|e| ExcludedOutput {
                    code: e.code.to_string(),
                    reason: words::exclusion(e.reason),
                })
                .collect(),
            model: group.model.as_ref().map(ModelOutput::from),
        }
    }
}

/// One peer.
#[derive(Debug, Serialize)]
pub struct MemberOutput {
    /// Its GSS code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its rank in a ranked group (1 closest); `null` in an unranked one.
    pub rank: Option<u32>,
    /// The publisher's closeness band, for published lists that have one.
    pub band: Option<String>,
    /// For a nearest neighbour, why it is near; otherwise `null`.
    pub neighbour: Option<NeighbourOutput>,
}

impl From<&PeerMember> for MemberOutput {
    fn from(m: &PeerMember) -> Self {
        Self {
            code: m.code.to_string(),
            name: m.name.clone(),
            rank: m.rank,
            band: m.band.clone(),
            neighbour: m.neighbour.as_ref().map(|n| NeighbourOutput {
                distance: n.distance,
                similarity: n.similarity,
                shares: n
                    .shares
                    .iter()
                    .map(|s| ShareOutput {
                        variable: s.variable.clone(),
                        share: s.share,
                    })
                    .collect(),
                imputed: n.imputed.clone(),
            }),
        }
    }
}

/// Why a nearest neighbour is near.
#[derive(Debug, Serialize)]
pub struct NeighbourOutput {
    /// Distance on the scaled variables (smaller is closer).
    pub distance: f64,
    /// 0 to 100: 100 for an identical area, 0 for the least similar candidate.
    pub similarity: f64,
    /// Each variable's share of the squared distance, in the model's order; they sum to 1.
    pub shares: Vec<ShareOutput>,
    /// Variables imputed for this neighbour, sorted.
    pub imputed: Vec<String>,
}

/// One variable's share of a distance.
#[derive(Debug, Serialize)]
pub struct ShareOutput {
    /// The context variable's id.
    pub variable: String,
    /// Its share of the squared distance.
    pub share: f64,
}

/// An area left out of the group.
#[derive(Debug, Serialize)]
pub struct ExcludedOutput {
    /// Its GSS code.
    pub code: String,
    /// Why (`the_area_itself`, `no_service`, `nested`, `not_in_force`, `no_context`).
    pub reason: &'static str,
}

/// How nearest neighbours were found.
#[derive(Debug, Serialize)]
pub struct ModelOutput {
    /// The variables used, in order.
    pub variables: Vec<VariableOutput>,
    /// Variables left out, and why.
    pub dropped: Vec<DroppedOutput>,
    /// `z_score` or `robust`.
    pub scale: &'static str,
    /// `euclidean` or `mahalanobis`.
    pub distance: &'static str,
    /// The covariance shrinkage for Mahalanobis; `null` for Euclidean.
    pub shrinkage: Option<f64>,
    /// Areas that could have been neighbours.
    pub candidates: usize,
    /// Variables imputed for the area itself, sorted.
    pub imputed_for_area: Vec<String>,
    /// Every imputed value, by area then variable.
    pub imputed: Vec<ImputedOutput>,
}

impl From<&NeighbourModel> for ModelOutput {
    fn from(model: &NeighbourModel) -> Self {
        Self {
            variables: model
                .variables
                .iter()
                .map(|v| VariableOutput {
                    id: v.id.clone(),
                    weight: v.weight,
                    log: v.log,
                    centre: v.centre,
                    scale: v.scale,
                    imputed_with: v.imputed_with,
                })
                .collect(),
            dropped: model
                .dropped
                .iter()
                .map(|d| DroppedOutput {
                    id: d.id.clone(),
                    reason: Reason::from(d.reason),
                })
                .collect(),
            scale: words::scaling(model.scale),
            distance: words::distance(model.distance),
            shrinkage: model.shrinkage,
            candidates: model.candidates,
            imputed_for_area: model.imputed_for_area.clone(),
            imputed: model
                .imputed
                .iter()
                .map(|i| ImputedOutput {
                    area: i.area.to_string(),
                    variable: i.variable.clone(),
                })
                .collect(),
        }
    }
}

/// A context variable in the model.
#[derive(Debug, Serialize)]
pub struct VariableOutput {
    /// Its id.
    pub id: String,
    /// Its weight.
    pub weight: f64,
    /// Whether it was log-transformed.
    pub log: bool,
    /// The centre subtracted (mean or median, after the transform).
    pub centre: f64,
    /// The scale divided by (standard deviation or 1.4826 × MAD).
    pub scale: f64,
    /// The median that filled missing values (after the transform).
    pub imputed_with: f64,
}

/// A variable left out of the model.
#[derive(Debug, Serialize)]
pub struct DroppedOutput {
    /// Its id.
    pub id: String,
    /// Why.
    pub reason: Reason,
}

/// A missing context value filled with the median.
#[derive(Debug, Serialize)]
pub struct ImputedOutput {
    /// The area.
    pub area: String,
    /// The variable.
    pub variable: String,
}

/// The group's overlap with one published list.
#[derive(Debug, Serialize)]
pub struct PublishedOverlapOutput {
    /// The published group's id.
    pub published: String,
    /// Its title.
    pub title: String,
    /// The overlap: this group first, the published list second.
    pub overlap: OverlapOutput,
}

/// The overlap of two groups.
#[derive(Debug, Serialize)]
pub struct OverlapOutput {
    /// Members of both, sorted.
    pub shared: Vec<String>,
    /// Members of the first only, sorted.
    pub only_first: Vec<String>,
    /// Members of the second only, sorted.
    pub only_second: Vec<String>,
    /// How many are shared.
    pub shared_count: usize,
    /// The Jaccard index: shared over in either.
    pub jaccard: Figure<f64>,
}

impl From<&Overlap> for OverlapOutput {
    fn from(o: &Overlap) -> Self {
        let codes = |list: &[AreaCode]| list.iter().map(ToString::to_string).collect();
        Self {
            shared: codes(&o.shared),
            only_first: codes(&o.only_first),
            only_second: codes(&o.only_second),
            shared_count: o.shared_count,
            jaccard: Figure::number(&o.jaccard),
        }
    }
}
