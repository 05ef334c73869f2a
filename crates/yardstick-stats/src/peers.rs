//! Peer groups: fixed groups, published lists, custom lists and transparent nearest neighbours.

use crate::order::sort_with;
use std::collections::BTreeSet;

use crate::dataset::{AreaIndex, ContextVariable, Dataset};
use crate::describe::{quantile_sorted, sorted_finite};
use crate::domain::{Area, AreaCode, ServiceScope, Span};
use crate::error::EngineError;
use crate::linalg::Matrix;
use crate::outcome::{NotCalculated, Outcome};
use crate::spec::{DistanceMeasure, GroupSpec, LogChoice, NearestSpec, NeighbourCount, Scaling};

/// Shrinkage λ of the covariance used by the Mahalanobis distance:
/// `Σ_λ = (1 − λ)·S + λ·diag(S)`, with `S` the sample covariance of the scaled variables over
/// every area that provides the service. Pulling the off-diagonal entries 10% towards zero keeps
/// `Σ_λ` positive definite even when variables are collinear or outnumber areas (the
/// shrinkage-to-diagonal target of Schäfer and Strimmer 2005, with a fixed λ so that results do
/// not depend on an estimator).
pub const MAHALANOBIS_SHRINKAGE: f64 = 0.1;

/// The factor that makes the MAD estimate the standard deviation of normal data.
pub const MAD_TO_SD: f64 = 1.4826;

/// An area's peers for one service.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerGroup {
    /// The area whose peers these are (never one of them).
    pub area: AreaCode,
    /// The spec, in canonical form.
    pub spec: GroupSpec,
    /// A name for charts and legends ("15 nearest neighbours", "DfE statistical neighbours 2025").
    pub label: String,
    /// The peers: by rank where the group is ranked, then by code.
    pub members: Vec<PeerMember>,
    /// Areas left out, and why, sorted by code: those a list named, and for nearest
    /// neighbours the nested areas and those without context values.
    pub excluded: Vec<Exclusion>,
    /// How nearest neighbours were found.
    pub model: Option<NeighbourModel>,
}

impl PeerGroup {
    /// The members' codes, sorted.
    pub fn codes(&self) -> Vec<AreaCode> {
        let mut codes: Vec<AreaCode> = self.members.iter().map(|m| m.code.clone()).collect();
        sort_with(&mut codes, Ord::cmp);
        codes
    }

    /// How this group overlaps with another.
    pub fn overlap(&self, other: &PeerGroup) -> Overlap {
        overlap(&self.codes(), &other.codes())
    }
}

/// One peer.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerMember {
    /// Code.
    pub code: AreaCode,
    /// Name.
    pub name: String,
    /// Rank in a ranked group (1 = closest).
    pub rank: Option<u32>,
    /// The publisher's closeness band, for published lists.
    pub band: Option<String>,
    /// Why a nearest neighbour is near.
    pub neighbour: Option<Neighbour>,
}

/// Why a nearest neighbour is near.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour {
    /// Distance on the scaled variables (smaller is closer).
    pub distance: f64,
    /// `100 × (1 − distance / farthest distance)` over every candidate: 100 for an identical
    /// area, 0 for the least similar candidate (CIPFA rebases so that the farthest is 1; this
    /// is the same rebasing turned into a 0–100 match score like mySociety's).
    pub similarity: f64,
    /// Each variable's share of the squared distance, in the model's variable order; the
    /// shares sum to 1. See [`NeighbourModel`] for their meaning under Mahalanobis.
    pub shares: Vec<VariableShare>,
    /// Variables whose value was imputed for this neighbour (sorted).
    pub imputed: Vec<String>,
}

/// One variable's part in a distance.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableShare {
    /// Variable id.
    pub variable: String,
    /// Share of the squared distance.
    pub share: f64,
}

/// An area a list named but the group leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// The area.
    pub code: AreaCode,
    /// Why.
    pub reason: ExclusionReason,
}

/// Why an area is left out of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExclusionReason {
    /// The area being compared is never its own peer.
    TheAreaItself,
    /// It does not provide the service.
    NoService,
    /// A county and its own districts are nested geographies (ONS rule).
    Nested,
    /// It no longer exists (abolished or merged), so today's context says nothing about it.
    NotInForce,
    /// It has no value for any of the chosen context variables (for example a council that
    /// was abolished before the context data were published), so a position imputed wholly
    /// from medians would say nothing about it.
    NoContext,
}

/// How nearest neighbours were found, for the "why is this near?" view.
///
/// Shares of the squared distance: for the Euclidean distance, variable j's share is
/// `w_j δ_j² / d²` (δ the difference of scaled values), which lies in 0..=1. For Mahalanobis,
/// with `u = √w ∘ δ` and `d² = uᵀ Σ_λ⁻¹ u`, it is `u_j (Σ_λ⁻¹ u)_j / d²`: the shares still sum
/// to 1, but a variable whose difference is already implied by correlated variables can have a
/// small or negative share. When two areas are identical (d = 0) every weighted variable gets
/// an equal share.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourModel {
    /// Variables used, in order.
    pub variables: Vec<ModelVariable>,
    /// Variables left out, and why.
    pub dropped: Vec<DroppedVariable>,
    /// Scaling.
    pub scale: Scaling,
    /// Distance.
    pub distance: DistanceMeasure,
    /// The covariance shrinkage λ for Mahalanobis.
    pub shrinkage: Option<f64>,
    /// Areas that could have been neighbours.
    pub candidates: usize,
    /// Variables imputed for the area itself (sorted).
    pub imputed_for_area: Vec<String>,
    /// Every imputed value, sorted by area then variable.
    pub imputed: Vec<ImputedValue>,
}

/// A variable in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelVariable {
    /// Id.
    pub id: String,
    /// Weight.
    pub weight: f64,
    /// Whether it was log-transformed.
    pub log: bool,
    /// Centre subtracted (mean or median, after the transform).
    pub centre: f64,
    /// Scale divided by (standard deviation or 1.4826 × MAD).
    pub scale: f64,
    /// The median used to fill missing values (after the transform).
    pub imputed_with: f64,
}

/// A variable left out of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedVariable {
    /// Id.
    pub id: String,
    /// Why.
    pub reason: NotCalculated,
}

/// A context value that was missing (or not positive under a log) and filled with the median.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImputedValue {
    /// The area.
    pub area: AreaCode,
    /// The variable.
    pub variable: String,
}

/// The overlap of two groups (for example a computed group and the DfE list).
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// Members of both, sorted.
    pub shared: Vec<AreaCode>,
    /// Members of the first only, sorted.
    pub only_first: Vec<AreaCode>,
    /// Members of the second only, sorted.
    pub only_second: Vec<AreaCode>,
    /// Number shared.
    pub shared_count: usize,
    /// Jaccard index, shared / in either; not calculated when both are empty.
    pub jaccard: Outcome<f64>,
}

/// The overlap of two lists of codes (repeats ignored).
pub fn overlap(first: &[AreaCode], second: &[AreaCode]) -> Overlap {
    let a: BTreeSet<&AreaCode> = crate::order::set_of(first);
    let b: BTreeSet<&AreaCode> = crate::order::set_of(second);
    let shared: Vec<AreaCode> = a.intersection(&b).map(|c| (*c).clone()).collect();
    let either = a.union(&b).count();
    Overlap {
        shared_count: shared.len(),
        jaccard: if either == 0 {
            Err(NotCalculated::NoValues)
        } else {
            Ok(shared.len() as f64 / either as f64)
        },
        shared,
        only_first: a.difference(&b).map(|c| (*c).clone()).collect(),
        only_second: b.difference(&a).map(|c| (*c).clone()).collect(),
    }
}

fn nested(a: &Area, b: &Area) -> bool {
    a.parent.as_ref() == Some(&b.code) || b.parent.as_ref() == Some(&a.code)
}

impl Dataset {
    /// The peers of `area` under `spec`, among areas that provide the service `scope`
    /// describes.
    pub fn peers(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        scope: &ServiceScope,
    ) -> Result<PeerGroup, EngineError> {
        let focus_index = self
            .index_of(area)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        let focus = self
            .areas
            .get(focus_index)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        if !scope.covers(focus) {
            return Err(EngineError::AreaWithoutService(area.clone()));
        }
        let others = || {
            self.areas
                .iter()
                .enumerate()
                .filter(move |(i, a)| *i != focus_index && scope.covers(a))
        };
        let fixed = |label: String, keep: &dyn Fn(&Area) -> bool| PeerGroup {
            area: area.clone(),
            spec: spec.clone(),
            label,
            members: others()
                .filter(|(_, a)| keep(a))
                .map(|(_, a)| member(a, None, None, None))
                .collect(),
            excluded: Vec::new(),
            model: None,
        };
        match spec {
            GroupSpec::All => Ok(fixed("All areas providing the service".to_owned(), &|_| {
                true
            })),
            GroupSpec::SameType => Ok(fixed(
                format!("Areas of the same type ({})", focus.area_type),
                &|a| a.area_type == focus.area_type,
            )),
            GroupSpec::SameRegion => Ok(fixed(
                match &focus.region {
                    Some(region) => format!("Areas in the same region ({region})"),
                    None => "Areas in the same region (none known)".to_owned(),
                },
                &|a| focus.region.is_some() && a.region == focus.region,
            )),
            GroupSpec::List(codes) => {
                let mut listed = Vec::new();
                for code in codes {
                    let index = self
                        .index_of(code)
                        .ok_or_else(|| EngineError::UnknownArea(code.clone()))?;
                    listed.push((index, None, None));
                }
                Ok(self.listed(
                    area,
                    spec,
                    format!("Custom list of {} areas", codes.len()),
                    focus_index,
                    scope,
                    listed,
                ))
            }
            GroupSpec::Published(id) => {
                let group =
                    self.published
                        .get(id)
                        .ok_or_else(|| EngineError::UnknownPublishedGroup {
                            id: id.clone(),
                            known: self.published.keys().cloned().collect(),
                        })?;
                let list =
                    group
                        .lists
                        .get(&focus_index)
                        .ok_or_else(|| EngineError::NoPublishedList {
                            group: id.clone(),
                            area: area.clone(),
                        })?;
                let mut listed = Vec::new();
                for neighbour in list {
                    if let Some(index) = self.index_of(&neighbour.code) {
                        listed.push((index, Some(neighbour.rank), neighbour.band.clone()));
                    }
                }
                Ok(self.listed(area, spec, group.title.clone(), focus_index, scope, listed))
            }
            GroupSpec::Nearest(nearest) => self.nearest(area, spec, nearest, focus_index, scope),
        }
    }

    /// The indices of `group`'s members and of `focus`, in area order without repeats: whom
    /// a group's statistics are computed over.
    /// The group's members in force during `period`, and the area itself, as sorted indices.
    pub(crate) fn members_during(
        &self,
        group: &PeerGroup,
        focus: AreaIndex,
        period: Span,
    ) -> Vec<AreaIndex> {
        let mut members = self.member_indices(group, focus);
        members.retain(|&i| {
            i == focus
                || self
                    .areas
                    .get(i)
                    .is_some_and(|area| area.in_force_during(period))
        });
        members
    }

    /// The peers of `area` under `spec` among the areas in force during `period`: a group
    /// for a period names and counts no council abolished before it began or created after it
    /// ended. Those areas are left out altogether, not listed as excluded: they were not
    /// councils of any kind then. Nearest neighbours are drawn from areas in force today
    /// whatever the period (their context describes areas as they are now).
    pub fn peers_during(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        scope: &ServiceScope,
        period: Span,
    ) -> Result<PeerGroup, EngineError> {
        let mut group = self.peers(area, spec, scope)?;
        group.members.retain(|member| {
            self.area(&member.code)
                .is_none_or(|found| found.in_force_during(period))
        });
        Ok(group)
    }

    pub(crate) fn member_indices(&self, group: &PeerGroup, focus: AreaIndex) -> Vec<AreaIndex> {
        let mut members: Vec<AreaIndex> = group
            .members
            .iter()
            .filter_map(|m| self.index_of(&m.code))
            .chain([focus])
            .collect();
        sort_with(&mut members, Ord::cmp);
        members.dedup();
        members
    }

    fn listed(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        label: String,
        focus_index: AreaIndex,
        scope: &ServiceScope,
        listed: Vec<(AreaIndex, Option<u32>, Option<String>)>,
    ) -> PeerGroup {
        let mut members = Vec::new();
        let mut excluded = Vec::new();
        for (index, rank, band) in listed {
            let Some(a) = self.areas.get(index) else {
                continue;
            };
            let reason = if index == focus_index {
                Some(ExclusionReason::TheAreaItself)
            } else if !scope.covers(a) {
                Some(ExclusionReason::NoService)
            } else {
                None
            };
            match reason {
                Some(reason) => excluded.push(Exclusion {
                    code: a.code.clone(),
                    reason,
                }),
                None => members.push(member(a, rank, band, None)),
            }
        }
        sort_members(&mut members);
        sort_with(&mut excluded, |a, b| a.code.cmp(&b.code));
        excluded.dedup();
        PeerGroup {
            area: area.clone(),
            spec: spec.clone(),
            label,
            members,
            excluded,
            model: None,
        }
    }

    /// Nearest neighbours, in six stages: the variables chosen, the population they are
    /// scaled over, the scaling, the distance from the area to every candidate, the ranking,
    /// and the explanation of each neighbour (shares, imputed values, exclusions).
    fn nearest(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        nearest: &NearestSpec,
        focus_index: AreaIndex,
        scope: &ServiceScope,
    ) -> Result<PeerGroup, EngineError> {
        let focus = self
            .areas
            .get(focus_index)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        let variables = &self.context.variables;
        let chosen = choose_variables(variables, nearest)?;
        let population = nearest_population(
            &self.areas,
            &self.context.values,
            &chosen.columns,
            focus_index,
            scope,
        )
        .ok_or_else(|| EngineError::AreaWithoutService(area.clone()))?;
        let scaled = scale_variables(
            variables,
            &self.context.values,
            &population.rows,
            &chosen,
            nearest,
        )?;
        let factor = covariance_factor(&scaled.columns, nearest.distance)?;
        let mut candidates = distances(&self.areas, focus, &population, &scaled, factor.as_ref())?;
        let candidate_count = candidates.len();
        rank(&mut candidates, &population.rows, &self.areas);
        let take = match nearest.count {
            NeighbourCount::Count(k) => k,
            NeighbourCount::All => candidate_count,
        };
        let explained = explain(&self.areas, focus, population, &scaled, candidates, take);
        let label = match nearest.count {
            NeighbourCount::Count(k) => format!("{} nearest neighbours", k.min(candidate_count)),
            NeighbourCount::All => "All areas by similarity".to_owned(),
        };
        Ok(PeerGroup {
            area: area.clone(),
            spec: spec.clone(),
            label,
            members: explained.members,
            excluded: explained.excluded,
            model: Some(NeighbourModel {
                variables: scaled.variables,
                dropped: scaled.dropped,
                scale: nearest.scale,
                distance: nearest.distance,
                shrinkage: factor.as_ref().map(|_| MAHALANOBIS_SHRINKAGE),
                candidates: candidate_count,
                imputed_for_area: explained.imputed_for_area,
                imputed: explained.imputed,
            }),
        })
    }
}

/// The context columns a nearest-neighbour group measures with, and those it logs first.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChosenVariables {
    /// Column indices, in the order the spec gave (every column when it named none).
    columns: Vec<usize>,
    /// Column indices to take logarithms of.
    logged: Vec<usize>,
}

/// Stage 1, the variables: the spec's variables, weights and log choices checked against the
/// context table's columns.
fn choose_variables(
    variables: &[ContextVariable],
    nearest: &NearestSpec,
) -> Result<ChosenVariables, EngineError> {
    if variables.is_empty() {
        return Err(EngineError::NoContextVariables);
    }
    let known = || variables.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
    let column_of = |id: &str| {
        variables
            .iter()
            .position(|v| v.id == id)
            .ok_or_else(|| EngineError::UnknownVariable {
                variable: id.to_owned(),
                known: known(),
            })
    };
    let columns: Vec<usize> = match &nearest.variables {
        Some(ids) => ids
            .iter()
            .map(|id| column_of(id))
            .collect::<Result<_, _>>()?,
        None => (0..variables.len()).collect(),
    };
    for (id, _) in &nearest.weights {
        let column = column_of(id)?;
        if !columns.contains(&column) {
            return Err(EngineError::UnknownVariable {
                variable: id.clone(),
                known: columns
                    .iter()
                    .filter_map(|&c| variables.get(c).map(|v| v.id.clone()))
                    .collect(),
            });
        }
    }
    let logged: Vec<usize> = match &nearest.log {
        LogChoice::Suggested => (0..variables.len())
            .filter(|&c| variables.get(c).is_some_and(|v| v.log_suggested))
            .collect(),
        LogChoice::None => Vec::new(),
        LogChoice::Variables(ids) => ids
            .iter()
            .map(|id| column_of(id))
            .collect::<Result<_, _>>()?,
    };
    Ok(ChosenVariables { columns, logged })
}

/// The areas a nearest-neighbour group is scaled over and drawn from.
#[derive(Debug, Clone, PartialEq)]
struct Population {
    /// Area indices, in area order.
    rows: Vec<AreaIndex>,
    /// The area whose neighbours are sought.
    focus: AreaIndex,
    /// Its row in `rows`.
    focus_row: usize,
    /// Areas with the service left out: no longer in force, or without any chosen value.
    without_context: Vec<Exclusion>,
}

/// Stage 2, the population: every area with the service and at least one chosen context value
/// (the area itself is kept whatever it has). `None` when the area lacks the service.
fn nearest_population(
    areas: &[Area],
    values: &[Vec<Option<f64>>],
    columns: &[usize],
    focus: AreaIndex,
    scope: &ServiceScope,
) -> Option<Population> {
    let has_context = |i: AreaIndex| {
        values.get(i).is_some_and(|row| {
            columns
                .iter()
                .any(|&c| row.get(c).copied().flatten().is_some())
        })
    };
    let mut without_context = Vec::new();
    let mut rows: Vec<AreaIndex> = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        if !scope.covers(a) {
            continue;
        }
        if i != focus && !a.in_force {
            without_context.push(Exclusion {
                code: a.code.clone(),
                reason: ExclusionReason::NotInForce,
            });
        } else if i == focus || has_context(i) {
            rows.push(i);
        } else {
            without_context.push(Exclusion {
                code: a.code.clone(),
                reason: ExclusionReason::NoContext,
            });
        }
    }
    let focus_row = rows.iter().position(|&i| i == focus)?;
    Some(Population {
        rows,
        focus,
        focus_row,
        without_context,
    })
}

/// The chosen variables after scaling, over the population.
#[derive(Debug, Clone, PartialEq)]
struct Scaled {
    /// The variables kept, with how each was scaled.
    variables: Vec<ModelVariable>,
    /// The variables left out, and why.
    dropped: Vec<DroppedVariable>,
    /// Scaled values, one column per kept variable, one entry per population row.
    columns: Vec<Vec<f64>>,
    /// Per kept variable, which population rows were imputed.
    imputed_rows: Vec<Vec<bool>>,
}

/// Stage 3, the scaling: each chosen variable logged where asked (a value that is not
/// positive then counts as missing), missing values filled with the median, then centred and
/// divided by its spread (mean and standard deviation, or median and 1.4826 × MAD). A
/// variable without values or without spread is dropped.
fn scale_variables(
    variables: &[ContextVariable],
    values: &[Vec<Option<f64>>],
    population: &[AreaIndex],
    chosen: &ChosenVariables,
    nearest: &NearestSpec,
) -> Result<Scaled, EngineError> {
    let mut scaled = Scaled {
        variables: Vec::new(),
        dropped: Vec::new(),
        columns: Vec::new(),
        imputed_rows: Vec::new(),
    };
    for &column in &chosen.columns {
        let Some(variable) = variables.get(column) else {
            continue;
        };
        let log = chosen.logged.contains(&column);
        let raw: Vec<Option<f64>> = population
            .iter()
            .map(|&i| {
                let value = values
                    .get(i)
                    .and_then(|row| row.get(column))
                    .copied()
                    .flatten();
                match value {
                    Some(v) if log => (v > 0.0).then(|| v.ln()),
                    other => other,
                }
            })
            .collect();
        let observed = sorted_finite(raw.iter().flatten().copied());
        let Ok(fill) = quantile_sorted(&observed, 0.5) else {
            scaled.dropped.push(DroppedVariable {
                id: variable.id.clone(),
                reason: NotCalculated::NoValues,
            });
            continue;
        };
        let filled: Vec<f64> = raw.iter().map(|v| v.unwrap_or(fill)).collect();
        let location = match nearest.scale {
            Scaling::ZScore => mean_and_sd(&filled),
            Scaling::Robust => median_and_scaled_mad(&filled),
        };
        let Some((centre, spread)) =
            location.filter(|(_, spread)| spread.is_finite() && *spread > 0.0)
        else {
            scaled.dropped.push(DroppedVariable {
                id: variable.id.clone(),
                reason: NotCalculated::NoSpread,
            });
            continue;
        };
        let weight = nearest
            .weights
            .iter()
            .find(|(id, _)| *id == variable.id)
            .map_or(1.0, |(_, w)| *w);
        scaled
            .columns
            .push(filled.iter().map(|v| (v - centre) / spread).collect());
        scaled
            .imputed_rows
            .push(raw.iter().map(Option::is_none).collect());
        scaled.variables.push(ModelVariable {
            id: variable.id.clone(),
            weight,
            log,
            centre,
            scale: spread,
            imputed_with: fill,
        });
    }
    if scaled.variables.is_empty() {
        return Err(EngineError::NoUsableVariables);
    }
    if scaled.variables.iter().all(|v| v.weight == 0.0) {
        return Err(EngineError::AllWeightsZero);
    }
    Ok(scaled)
}

/// The Cholesky factor of the shrunk covariance for the Mahalanobis distance; `None` for the
/// Euclidean distance.
fn covariance_factor(
    columns: &[Vec<f64>],
    measure: DistanceMeasure,
) -> Result<Option<Matrix>, EngineError> {
    match measure {
        DistanceMeasure::Euclidean => Ok(None),
        DistanceMeasure::Mahalanobis => shrunk_covariance(columns)
            .cholesky()
            .map(Some)
            .ok_or(EngineError::NoUsableVariables),
    }
}

/// One candidate neighbour: its distance, each variable's share of it, and its population row.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    distance: f64,
    shares: Vec<f64>,
    row: usize,
}

/// Stage 4, the distance from the area to every other member of the population but those
/// nested with it.
fn distances(
    areas: &[Area],
    focus: &Area,
    population: &Population,
    scaled: &Scaled,
    factor: Option<&Matrix>,
) -> Result<Vec<Candidate>, EngineError> {
    let root_weights: Vec<f64> = scaled.variables.iter().map(|v| v.weight.sqrt()).collect();
    // Every column has one value per population row, by construction.
    let row_of = |row: usize| -> Result<Vec<f64>, EngineError> {
        scaled
            .columns
            .iter()
            .map(|c| c.get(row).copied())
            .collect::<Option<Vec<f64>>>()
            .ok_or(EngineError::Inconsistent(
                "a context column is short of rows",
            ))
    };
    let focus_values = row_of(population.focus_row)?;
    let mut candidates = Vec::new();
    for (row, &index) in population.rows.iter().enumerate() {
        let Some(candidate) = areas.get(index) else {
            continue;
        };
        if index == population.focus || nested(focus, candidate) {
            continue;
        }
        // u = √w ∘ δ
        let u: Vec<f64> = row_of(row)?
            .iter()
            .zip(&focus_values)
            .zip(&root_weights)
            .map(|((v, f), w)| w * (v - f))
            .collect();
        let (squared, contributions) = squared_distance(&u, factor)?;
        candidates.push(Candidate {
            distance: squared.max(0.0).sqrt(),
            shares: shares(&contributions, squared, &scaled.variables),
            row,
        });
    }
    Ok(candidates)
}

/// The squared distance of the weighted difference `u`, and each variable's contribution to
/// it: `uᵢ²` (Euclidean), or `uᵢ·(Σ⁻¹u)ᵢ` with `Σ = L·Lᵀ` (Mahalanobis).
fn squared_distance(u: &[f64], factor: Option<&Matrix>) -> Result<(f64, Vec<f64>), EngineError> {
    match factor {
        None => {
            let contributions: Vec<f64> = u.iter().map(|x| x * x).collect();
            Ok((contributions.iter().sum::<f64>(), contributions))
        }
        Some(l) => {
            let unsolvable = EngineError::Inconsistent("the covariance does not fit");
            let y = l.solve_lower(u).ok_or(unsolvable.clone())?;
            let x = l.solve_upper_transposed(&y).ok_or(unsolvable)?;
            let contributions: Vec<f64> = u.iter().zip(&x).map(|(a, b)| a * b).collect();
            Ok((y.iter().map(|v| v * v).sum::<f64>(), contributions))
        }
    }
}

/// Each variable's share of a squared distance; an area at distance 0 shares it equally among
/// the variables that weigh anything.
fn shares(contributions: &[f64], squared: f64, variables: &[ModelVariable]) -> Vec<f64> {
    if squared > 0.0 {
        return contributions.iter().map(|c| c / squared).collect();
    }
    let weighted = variables.iter().filter(|v| v.weight > 0.0).count();
    variables
        .iter()
        .map(|v| {
            if v.weight > 0.0 {
                1.0 / weighted as f64
            } else {
                0.0
            }
        })
        .collect()
}

/// Stage 5, the ranking: nearest first, ties broken by area code.
fn rank(candidates: &mut [Candidate], population: &[AreaIndex], areas: &[Area]) {
    let code = |row: usize| {
        population
            .get(row)
            .and_then(|&i| areas.get(i))
            .map(|a| &a.code)
    };
    sort_with(candidates, |a, b| {
        a.distance
            .total_cmp(&b.distance)
            .then_with(|| code(a.row).cmp(&code(b.row)))
    });
}

/// What a nearest-neighbour group says about its members and about the areas left out.
#[derive(Debug, Clone, PartialEq)]
struct Explanation {
    members: Vec<PeerMember>,
    excluded: Vec<Exclusion>,
    imputed: Vec<ImputedValue>,
    imputed_for_area: Vec<String>,
}

/// Stage 6, the explanation: the first `take` ranked candidates as members with their
/// distance, similarity, shares and imputed variables; every imputed value; and the areas
/// left out, sorted by code.
fn explain(
    areas: &[Area],
    focus: &Area,
    population: Population,
    scaled: &Scaled,
    ranked: Vec<Candidate>,
    take: usize,
) -> Explanation {
    let farthest = ranked.iter().map(|c| c.distance).fold(0.0, f64::max);
    let mut members = Vec::new();
    for (position, candidate) in ranked.into_iter().take(take).enumerate() {
        let Some(area) = population
            .rows
            .get(candidate.row)
            .and_then(|&i| areas.get(i))
        else {
            continue;
        };
        // One share per kept variable, paired by zipping.
        debug_assert_eq!(candidate.shares.len(), scaled.variables.len());
        let neighbour = Neighbour {
            distance: candidate.distance,
            similarity: similarity(candidate.distance, farthest),
            shares: candidate
                .shares
                .into_iter()
                .zip(&scaled.variables)
                .map(|(share, variable)| VariableShare {
                    variable: variable.id.clone(),
                    share,
                })
                .collect(),
            imputed: imputed_at(scaled, candidate.row),
        };
        let rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
        members.push(member(area, Some(rank), None, Some(neighbour)));
    }
    let mut imputed = Vec::new();
    for (row, &index) in population.rows.iter().enumerate() {
        if let Some(a) = areas.get(index) {
            for variable in imputed_at(scaled, row) {
                imputed.push(ImputedValue {
                    area: a.code.clone(),
                    variable,
                });
            }
        }
    }
    let mut excluded: Vec<Exclusion> = population
        .rows
        .iter()
        .filter_map(|&i| areas.get(i))
        .filter(|a| nested(focus, a))
        .map(|a| Exclusion {
            code: a.code.clone(),
            reason: ExclusionReason::Nested,
        })
        .chain(population.without_context)
        .collect();
    sort_with(&mut excluded, |a, b| a.code.cmp(&b.code));
    Explanation {
        members,
        excluded,
        imputed,
        imputed_for_area: imputed_at(scaled, population.focus_row),
    }
}

/// `100 × (1 − distance / farthest)`: 100 for an identical area, 0 for the farthest candidate.
fn similarity(distance: f64, farthest: f64) -> f64 {
    if farthest > 0.0 {
        100.0 * (1.0 - distance / farthest)
    } else {
        100.0
    }
}

/// The ids of the variables imputed for a population row, sorted.
fn imputed_at(scaled: &Scaled, row: usize) -> Vec<String> {
    // One entry per kept variable in `imputed_rows`, and one row per population member in each.
    debug_assert_eq!(scaled.imputed_rows.len(), scaled.variables.len());
    let mut ids: Vec<String> = scaled
        .imputed_rows
        .iter()
        .zip(&scaled.variables)
        .filter(|(rows, _)| {
            debug_assert!(row < rows.len(), "row {row} of {}", rows.len());
            rows.get(row) == Some(&true)
        })
        .map(|(_, variable)| variable.id.clone())
        .collect();
    sort_with(&mut ids, Ord::cmp);
    ids
}

fn member(
    area: &Area,
    rank: Option<u32>,
    band: Option<String>,
    neighbour: Option<Neighbour>,
) -> PeerMember {
    PeerMember {
        code: area.code.clone(),
        name: area.name.clone(),
        rank,
        band,
        neighbour,
    }
}

/// Ranked members first by rank, then unranked; ties by code.
fn sort_members(members: &mut [PeerMember]) {
    sort_with(members, |a, b| {
        let key = |m: &PeerMember| m.rank.unwrap_or(u32::MAX);
        key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
    });
}

/// Mean and sample standard deviation (n − 1); `None` for fewer than two values, which have
/// no spread to scale by.
fn mean_and_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let squares: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    Some((mean, (squares / (n - 1.0)).sqrt()))
}

/// Median and 1.4826 × MAD; `None` when there are no finite values.
fn median_and_scaled_mad(values: &[f64]) -> Option<(f64, f64)> {
    let sorted = sorted_finite(values.iter().copied());
    let median = quantile_sorted(&sorted, 0.5).ok()?;
    let deviations = sorted_finite(sorted.iter().map(|v| (v - median).abs()));
    let mad = quantile_sorted(&deviations, 0.5).ok()?;
    Some((median, MAD_TO_SD * mad))
}

/// `(1 − λ)·S + λ·diag(S)` for the sample covariance `S` of the columns.
fn shrunk_covariance(columns: &[Vec<f64>]) -> Matrix {
    let p = columns.len();
    let means: Vec<f64> = columns
        .iter()
        .map(|c| c.iter().sum::<f64>() / (c.len().max(1) as f64))
        .collect();
    let rows = columns.first().map_or(0, Vec::len);
    let denominator = (rows.max(2) - 1) as f64;
    let mut matrix = Matrix::zeros(p);
    for (i, (a, mean_a)) in columns.iter().zip(&means).enumerate() {
        for (j, (b, mean_b)) in columns.iter().zip(&means).enumerate().skip(i) {
            let covariance = a
                .iter()
                .zip(b)
                .map(|(x, y)| (x - mean_a) * (y - mean_b))
                .sum::<f64>()
                / denominator;
            let shrunk = if i == j {
                covariance
            } else {
                (1.0 - MAHALANOBIS_SHRINKAGE) * covariance
            };
            // i and j index `columns`, and the matrix is as wide as it.
            let _inside = matrix.set(i, j, shrunk).and(matrix.set(j, i, shrunk));
            debug_assert!(_inside.is_some());
        }
    }
    debug_assert_eq!(matrix.size(), p);
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variable(id: &str, log_suggested: bool) -> ContextVariable {
        ContextVariable {
            id: id.to_owned(),
            log_suggested,
        }
    }

    fn area(code: &str, area_type: &str) -> Area {
        Area {
            code: AreaCode::from(code),
            name: code.to_owned(),
            area_type: area_type.to_owned(),
            region: None,
            parent: None,
            in_force: true,
            first_day: None,
            last_day: None,
        }
    }

    fn model_variable(id: &str, weight: f64) -> ModelVariable {
        ModelVariable {
            id: id.to_owned(),
            weight,
            log: false,
            centre: 0.0,
            scale: 1.0,
            imputed_with: 0.0,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn variables_are_taken_in_the_order_named_and_logged_as_suggested() {
        let variables = [
            variable("population", true),
            variable("density", false),
            variable("age", false),
        ];
        let spec = NearestSpec {
            variables: Some(vec!["age".to_owned(), "population".to_owned()]),
            weights: vec![("age".to_owned(), 2.0)],
            ..NearestSpec::default()
        };
        let chosen = choose_variables(&variables, &spec).unwrap();
        assert_eq!(chosen.columns, [2, 0]);
        assert_eq!(chosen.logged, [0]);
        let none = NearestSpec {
            log: LogChoice::None,
            ..NearestSpec::default()
        };
        let every = choose_variables(&variables, &none).unwrap();
        assert_eq!(every.columns, [0, 1, 2]);
        assert!(every.logged.is_empty());
    }

    #[test]
    fn unknown_variables_and_weights_on_unchosen_ones_are_refused() {
        let variables = [variable("a", false), variable("b", false)];
        let unknown = NearestSpec {
            variables: Some(vec!["c".to_owned()]),
            ..NearestSpec::default()
        };
        assert_eq!(
            choose_variables(&variables, &unknown),
            Err(EngineError::UnknownVariable {
                variable: "c".to_owned(),
                known: vec!["a".to_owned(), "b".to_owned()],
            })
        );
        let unchosen = NearestSpec {
            variables: Some(vec!["a".to_owned()]),
            weights: vec![("b".to_owned(), 2.0)],
            ..NearestSpec::default()
        };
        assert_eq!(
            choose_variables(&variables, &unchosen),
            Err(EngineError::UnknownVariable {
                variable: "b".to_owned(),
                known: vec!["a".to_owned()],
            })
        );
        assert_eq!(
            choose_variables(&[], &NearestSpec::default()),
            Err(EngineError::NoContextVariables)
        );
    }

    #[test]
    fn the_population_keeps_the_area_and_those_with_a_chosen_value() {
        let mut gone = area("E4", "UA");
        gone.in_force = false;
        let areas = [
            area("E1", "UA"),
            area("E2", "UA"),
            area("E3", "UA"),
            gone,
            area("E5", "CTY"),
        ];
        // E1 (the area) has nothing, E2 a value, E3 only an unchosen one.
        let values = vec![
            vec![None, None],
            vec![Some(1.0), None],
            vec![None, Some(5.0)],
            vec![Some(2.0), None],
            vec![Some(3.0), None],
        ];
        let scope = ServiceScope::area_types(["UA"]);
        let population = nearest_population(&areas, &values, &[0], 0, &scope).unwrap();
        assert_eq!(population.rows, [0, 1]);
        assert_eq!(population.focus_row, 0);
        let reasons: Vec<(&str, ExclusionReason)> = population
            .without_context
            .iter()
            .map(|e| (e.code.as_str(), e.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("E3", ExclusionReason::NoContext),
                ("E4", ExclusionReason::NotInForce)
            ]
        );
        // An area outside the service has no population to be compared in.
        assert_eq!(nearest_population(&areas, &values, &[0], 4, &scope), None);
    }

    #[test]
    fn scaling_fills_with_the_median_and_drops_what_cannot_be_scaled() {
        let variables = [
            variable("x", false),
            variable("flat", false),
            variable("empty", false),
        ];
        let values = vec![
            vec![Some(1.0), Some(7.0), None],
            vec![Some(3.0), Some(7.0), None],
            vec![None, Some(7.0), None],
            vec![Some(8.0), Some(7.0), None],
        ];
        let chosen = ChosenVariables {
            columns: vec![0, 1, 2],
            logged: Vec::new(),
        };
        let scaled = scale_variables(
            &variables,
            &values,
            &[0, 1, 2, 3],
            &chosen,
            &NearestSpec::default(),
        )
        .unwrap();
        // x: 1, 3, (3), 8: the median 3 fills the gap; mean 3.75, sd 2.986...
        let [x] = scaled.variables.as_slice() else {
            panic!("{:?}", scaled.variables)
        };
        assert_eq!(x.imputed_with, 3.0);
        assert!(close(x.centre, 3.75));
        let sd = ((2.75f64.powi(2) + 0.75f64.powi(2) * 2.0 + 4.25f64.powi(2)) / 3.0).sqrt();
        assert!(close(x.scale, sd));
        assert!(close(scaled.columns[0][3], (8.0 - 3.75) / sd));
        assert_eq!(scaled.imputed_rows, [vec![false, false, true, false]]);
        let dropped: Vec<(&str, NotCalculated)> = scaled
            .dropped
            .iter()
            .map(|d| (d.id.as_str(), d.reason))
            .collect();
        assert_eq!(
            dropped,
            [
                ("flat", NotCalculated::NoSpread),
                ("empty", NotCalculated::NoValues)
            ]
        );
    }

    #[test]
    fn a_logged_value_that_is_not_positive_is_imputed() {
        let variables = [variable("people", true)];
        let values = vec![
            vec![Some(std::f64::consts::E)],
            vec![Some(0.0)],
            vec![Some(1.0)],
        ];
        let chosen = ChosenVariables {
            columns: vec![0],
            logged: vec![0],
        };
        let scaled = scale_variables(
            &variables,
            &values,
            &[0, 1, 2],
            &chosen,
            &NearestSpec::default(),
        )
        .unwrap();
        // ln e = 1 and ln 1 = 0; ln 0 does not exist, so the median 0.5 stands in.
        assert!(scaled.variables[0].log);
        assert!(close(scaled.variables[0].imputed_with, 0.5));
        assert_eq!(scaled.imputed_rows, [vec![false, true, false]]);
        let zero_weight = NearestSpec {
            weights: vec![("people".to_owned(), 0.0)],
            ..NearestSpec::default()
        };
        assert_eq!(
            scale_variables(&variables, &values, &[0, 1, 2], &chosen, &zero_weight),
            Err(EngineError::AllWeightsZero)
        );
    }

    #[test]
    fn distances_are_euclidean_or_through_the_covariance_factor() {
        let u = [3.0, 4.0];
        let (squared, contributions) = squared_distance(&u, None).unwrap();
        assert_eq!(squared, 25.0);
        assert_eq!(contributions, [9.0, 16.0]);
        // Σ = diag(4, 1): L = diag(2, 1), so d² = 9/4 + 16 = 18.25.
        let mut sigma = Matrix::zeros(2);
        sigma.set(0, 0, 4.0).unwrap();
        sigma.set(1, 1, 1.0).unwrap();
        let factor = sigma.cholesky().unwrap();
        let (squared, contributions) = squared_distance(&u, Some(&factor)).unwrap();
        assert!(close(squared, 18.25));
        assert!(close(contributions[0], 2.25) && close(contributions[1], 16.0));
        assert!(
            covariance_factor(&[vec![1.0, 2.0]], DistanceMeasure::Euclidean)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn shares_sum_to_one_and_split_a_zero_distance_among_weighted_variables() {
        let variables = [
            model_variable("a", 1.0),
            model_variable("b", 0.0),
            model_variable("c", 2.0),
        ];
        let shares_of_25 = shares(&[9.0, 0.0, 16.0], 25.0, &variables);
        assert_eq!(shares_of_25, [0.36, 0.0, 0.64]);
        assert_eq!(shares(&[0.0, 0.0, 0.0], 0.0, &variables), [0.5, 0.0, 0.5]);
    }

    #[test]
    fn candidates_skip_the_area_and_its_nested_areas() {
        let mut district = area("E07000001", "NMD");
        district.parent = Some(AreaCode::from("E10000001"));
        let areas = [area("E06000001", "UA"), district, area("E10000001", "CTY")];
        let population = Population {
            rows: vec![0, 1, 2],
            focus: 2,
            focus_row: 2,
            without_context: Vec::new(),
        };
        let scaled = Scaled {
            variables: vec![model_variable("x", 4.0)],
            dropped: Vec::new(),
            columns: vec![vec![1.0, 5.0, 0.0]],
            imputed_rows: vec![vec![false, false, false]],
        };
        let candidates = distances(&areas, &areas[2], &population, &scaled, None).unwrap();
        // Only the unitary remains; its distance is √4 · |1 − 0|.
        assert_eq!(
            candidates,
            [Candidate {
                distance: 2.0,
                shares: vec![1.0],
                row: 0
            }]
        );
    }

    #[test]
    fn ranking_is_by_distance_then_by_code() {
        let areas = [area("E3", "UA"), area("E1", "UA"), area("E2", "UA")];
        let candidate = |distance: f64, row: usize| Candidate {
            distance,
            shares: Vec::new(),
            row,
        };
        let mut candidates = vec![candidate(2.0, 0), candidate(1.0, 2), candidate(1.0, 1)];
        rank(&mut candidates, &[0, 1, 2], &areas);
        let order: Vec<usize> = candidates.iter().map(|c| c.row).collect();
        // E1 and E2 tie at 1.0 and go by code; E3 is farther.
        assert_eq!(order, [1, 2, 0]);
    }

    #[test]
    fn the_explanation_scores_similarity_and_names_imputed_and_excluded_areas() {
        let mut district = area("E07000001", "NMD");
        district.parent = Some(AreaCode::from("E10000001"));
        let areas = [
            area("E06000001", "UA"),
            area("E06000002", "UA"),
            district,
            area("E10000001", "CTY"),
        ];
        let population = Population {
            rows: vec![0, 1, 2, 3],
            focus: 3,
            focus_row: 3,
            without_context: vec![Exclusion {
                code: AreaCode::from("E06000000"),
                reason: ExclusionReason::NoContext,
            }],
        };
        let scaled = Scaled {
            variables: vec![model_variable("x", 1.0), model_variable("y", 1.0)],
            dropped: Vec::new(),
            columns: Vec::new(),
            imputed_rows: vec![
                vec![false, true, false, true],
                vec![false, true, false, false],
            ],
        };
        let ranked = vec![
            Candidate {
                distance: 1.0,
                shares: vec![0.25, 0.75],
                row: 1,
            },
            Candidate {
                distance: 4.0,
                shares: vec![1.0, 0.0],
                row: 0,
            },
        ];
        let explained = explain(&areas, &areas[3], population, &scaled, ranked, 1);
        let [first] = explained.members.as_slice() else {
            panic!("{:?}", explained.members)
        };
        assert_eq!(first.code.as_str(), "E06000002");
        assert_eq!(first.rank, Some(1));
        let neighbour = first.neighbour.as_ref().unwrap();
        // The farthest candidate (4.0) scores 0 even when it is not taken.
        assert!(close(neighbour.similarity, 75.0));
        assert_eq!(neighbour.imputed, ["x", "y"]);
        assert_eq!(neighbour.shares[1].variable, "y");
        assert_eq!(explained.imputed_for_area, ["x"]);
        assert_eq!(explained.imputed.len(), 3);
        let excluded: Vec<&str> = explained.excluded.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(excluded, ["E06000000", "E07000001"]);
        assert_eq!(similarity(0.0, 0.0), 100.0);
    }
}
