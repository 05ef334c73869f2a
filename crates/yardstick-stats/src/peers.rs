//! Peer groups: fixed groups, published lists, custom lists and transparent nearest neighbours.

use crate::order::sort_with;
use std::collections::BTreeSet;

use crate::dataset::{AreaIndex, Dataset};
use crate::describe::{quantile_sorted, sorted_finite};
use crate::domain::{Area, AreaCode, ServiceScope};
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
        let chosen: Vec<usize> = match &nearest.variables {
            Some(ids) => ids
                .iter()
                .map(|id| column_of(id))
                .collect::<Result<_, _>>()?,
            None => (0..variables.len()).collect(),
        };
        for (id, _) in &nearest.weights {
            let column = column_of(id)?;
            if !chosen.contains(&column) {
                return Err(EngineError::UnknownVariable {
                    variable: id.clone(),
                    known: chosen
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

        // The population the scaling is computed over: every area with the service and at
        // least one chosen context value (the area itself is kept whatever it has).
        let has_context = |i: AreaIndex| {
            self.context.values.get(i).is_some_and(|row| {
                chosen
                    .iter()
                    .any(|&c| row.get(c).copied().flatten().is_some())
            })
        };
        let mut without_context = Vec::new();
        let mut population: Vec<AreaIndex> = Vec::new();
        for (i, a) in self.areas.iter().enumerate() {
            if !scope.covers(a) {
                continue;
            }
            if i != focus_index && !a.in_force {
                without_context.push(Exclusion {
                    code: a.code.clone(),
                    reason: ExclusionReason::NotInForce,
                });
            } else if i == focus_index || has_context(i) {
                population.push(i);
            } else {
                without_context.push(Exclusion {
                    code: a.code.clone(),
                    reason: ExclusionReason::NoContext,
                });
            }
        }
        let focus_row = population
            .iter()
            .position(|&i| i == focus_index)
            .ok_or_else(|| EngineError::AreaWithoutService(area.clone()))?;

        let mut model_variables = Vec::new();
        let mut dropped = Vec::new();
        // Scaled columns, one per kept variable, over `population`.
        let mut columns: Vec<Vec<f64>> = Vec::new();
        // Per kept variable, which population rows were imputed.
        let mut imputed_rows: Vec<Vec<bool>> = Vec::new();
        for &column in &chosen {
            let Some(variable) = variables.get(column) else {
                continue;
            };
            let log = logged.contains(&column);
            let raw: Vec<Option<f64>> = population
                .iter()
                .map(|&i| {
                    let value = self
                        .context
                        .values
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
                dropped.push(DroppedVariable {
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
                dropped.push(DroppedVariable {
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
            columns.push(filled.iter().map(|v| (v - centre) / spread).collect());
            imputed_rows.push(raw.iter().map(Option::is_none).collect());
            model_variables.push(ModelVariable {
                id: variable.id.clone(),
                weight,
                log,
                centre,
                scale: spread,
                imputed_with: fill,
            });
        }
        if model_variables.is_empty() {
            return Err(EngineError::NoUsableVariables);
        }
        if model_variables.iter().all(|v| v.weight == 0.0) {
            return Err(EngineError::AllWeightsZero);
        }
        let root_weights: Vec<f64> = model_variables.iter().map(|v| v.weight.sqrt()).collect();

        let factor = match nearest.distance {
            DistanceMeasure::Euclidean => None,
            DistanceMeasure::Mahalanobis => Some(
                shrunk_covariance(&columns)
                    .cholesky()
                    .ok_or(EngineError::NoUsableVariables)?,
            ),
        };

        // Every column has one value per population row, by construction.
        let row_of = |row: usize| -> Result<Vec<f64>, EngineError> {
            columns
                .iter()
                .map(|c| c.get(row).copied())
                .collect::<Option<Vec<f64>>>()
                .ok_or(EngineError::Inconsistent(
                    "a context column is short of rows",
                ))
        };
        let focus_values = row_of(focus_row)?;
        let mut candidates: Vec<(f64, Vec<f64>, usize)> = Vec::new();
        for (row, &index) in population.iter().enumerate() {
            let Some(candidate) = self.areas.get(index) else {
                continue;
            };
            if index == focus_index || nested(focus, candidate) {
                continue;
            }
            // u = √w ∘ δ
            let u: Vec<f64> = row_of(row)?
                .iter()
                .zip(&focus_values)
                .zip(&root_weights)
                .map(|((v, f), w)| w * (v - f))
                .collect();
            let (squared, contributions) = match &factor {
                None => {
                    let contributions: Vec<f64> = u.iter().map(|x| x * x).collect();
                    (contributions.iter().sum::<f64>(), contributions)
                }
                Some(l) => {
                    let unsolvable = EngineError::Inconsistent("the covariance does not fit");
                    let y = l.solve_lower(&u).ok_or(unsolvable.clone())?;
                    let x = l.solve_upper_transposed(&y).ok_or(unsolvable)?;
                    let contributions: Vec<f64> = u.iter().zip(&x).map(|(a, b)| a * b).collect();
                    (y.iter().map(|v| v * v).sum::<f64>(), contributions)
                }
            };
            let shares = if squared > 0.0 {
                contributions.iter().map(|c| c / squared).collect()
            } else {
                let weighted = model_variables.iter().filter(|v| v.weight > 0.0).count();
                model_variables
                    .iter()
                    .map(|v| {
                        if v.weight > 0.0 {
                            1.0 / weighted as f64
                        } else {
                            0.0
                        }
                    })
                    .collect()
            };
            candidates.push((squared.max(0.0).sqrt(), shares, row));
        }
        let candidate_count = candidates.len();
        sort_with(&mut candidates, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| {
                let code = |row: usize| population.get(row).and_then(|&i| self.areas.get(i));
                code(a.2).map(|a| &a.code).cmp(&code(b.2).map(|b| &b.code))
            })
        });
        let farthest = candidates.iter().map(|c| c.0).fold(0.0, f64::max);
        let take = match nearest.count {
            NeighbourCount::Count(k) => k,
            NeighbourCount::All => candidate_count,
        };
        // One entry per kept variable in `imputed_rows` and in every candidate's shares, and
        // one row per population member in each: the variables are paired by zipping.
        debug_assert_eq!(imputed_rows.len(), model_variables.len());
        let imputed_at = |row: usize| -> Vec<String> {
            let mut ids: Vec<String> = imputed_rows
                .iter()
                .zip(&model_variables)
                .filter(|(rows, _)| {
                    debug_assert!(row < rows.len(), "row {row} of {}", rows.len());
                    rows.get(row) == Some(&true)
                })
                .map(|(_, variable)| variable.id.clone())
                .collect();
            sort_with(&mut ids, Ord::cmp);
            ids
        };
        let mut members = Vec::new();
        for (position, (distance, shares, row)) in candidates.into_iter().take(take).enumerate() {
            let Some(candidate) = population.get(row).and_then(|&i| self.areas.get(i)) else {
                continue;
            };
            let similarity = if farthest > 0.0 {
                100.0 * (1.0 - distance / farthest)
            } else {
                100.0
            };
            let neighbour = Neighbour {
                distance,
                similarity,
                shares: {
                    debug_assert_eq!(shares.len(), model_variables.len());
                    shares
                        .into_iter()
                        .zip(&model_variables)
                        .map(|(share, variable)| VariableShare {
                            variable: variable.id.clone(),
                            share,
                        })
                        .collect()
                },
                imputed: imputed_at(row),
            };
            let rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
            members.push(member(candidate, Some(rank), None, Some(neighbour)));
        }

        let mut imputed = Vec::new();
        for (row, &index) in population.iter().enumerate() {
            if let Some(a) = self.areas.get(index) {
                for variable in imputed_at(row) {
                    imputed.push(ImputedValue {
                        area: a.code.clone(),
                        variable,
                    });
                }
            }
        }
        let mut excluded: Vec<Exclusion> = population
            .iter()
            .filter_map(|&i| self.areas.get(i))
            .filter(|a| nested(focus, a))
            .map(|a| Exclusion {
                code: a.code.clone(),
                reason: ExclusionReason::Nested,
            })
            .chain(without_context)
            .collect();
        sort_with(&mut excluded, |a, b| a.code.cmp(&b.code));
        let imputed_for_area = imputed_at(focus_row);
        let label = match nearest.count {
            NeighbourCount::Count(k) => format!("{} nearest neighbours", k.min(candidate_count)),
            NeighbourCount::All => "All areas by similarity".to_owned(),
        };
        Ok(PeerGroup {
            area: area.clone(),
            spec: spec.clone(),
            label,
            members,
            excluded,
            model: Some(NeighbourModel {
                variables: model_variables,
                dropped,
                scale: nearest.scale,
                distance: nearest.distance,
                shrinkage: factor.as_ref().map(|_| MAHALANOBIS_SHRINKAGE),
                candidates: candidate_count,
                imputed_for_area,
                imputed,
            }),
        })
    }
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
