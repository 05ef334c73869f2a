//! What one widget has fetched so far, and the engine's dataset built from it.
//!
//! Files are fetched on first use and kept: a metric file when a view needs it, the context
//! variables when a nearest-neighbour group is asked for, the published groups when a
//! published group is, or when the reader comes to the group choice that offers them. Each entry is loading, ready or failed (with a retry), so views can
//! show progress and never a blank page.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use yardstick_bundle::{
    ContextTable, DatasetBuilder, MapMeta, MapShapes, MetricValues, PeerGroups,
};
use yardstick_stats::{Dataset, GroupSpec};

use crate::api::{self, BundleLocation, LoadError};
use crate::state::BundleIndex;

/// The state of one fetched file.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

impl<T> Load<T> {
    /// The value, when ready.
    pub fn ready(self) -> Option<T> {
        match self {
            Self::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// Which of a metric's files a view needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every period (trends, the overview's direction of travel).
    Series,
    /// The latest period only: the smallest download for the first view.
    Latest,
}

/// Which optional files a computation needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub context: bool,
    pub groups: bool,
}

impl Needs {
    /// What a group spec needs: context variables for nearest neighbours, the published lists
    /// for a published group.
    pub fn for_spec(spec: &GroupSpec) -> Self {
        Self {
            context: matches!(spec, GroupSpec::Nearest(_)),
            groups: matches!(spec, GroupSpec::Published(_)),
        }
    }

    /// Both, for the peer group view.
    pub fn all() -> Self {
        Self {
            context: true,
            groups: true,
        }
    }
}

/// A dataset shared by the views that use it; equal when it is the same build.
#[derive(Debug, Clone)]
pub struct SharedDataset(pub Arc<Dataset>);

impl PartialEq for SharedDataset {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The files one widget has fetched.
#[derive(Debug, Clone, Copy)]
pub struct Store {
    location: StoredValue<BundleLocation>,
    /// The manifest and areas; a new index whenever a part of the catalogue arrives.
    index: RwSignal<Arc<BundleIndex>>,
    /// Parts of the catalogue (schema 2.0) fetched or being fetched, by their index.
    parts: RwSignal<BTreeMap<usize, Load<()>>>,
    /// Metric files by path.
    metrics: RwSignal<BTreeMap<String, Load<Arc<MetricValues>>>>,
    context: RwSignal<Option<Load<Arc<ContextTable>>>>,
    groups: RwSignal<Option<Load<Arc<PeerGroups>>>>,
    /// Map files by map id.
    maps: RwSignal<BTreeMap<String, Load<Arc<MapShapes>>>>,
    /// Requests already started, so a file is fetched once however often it is read.
    started: StoredValue<BTreeSet<Fetch>>,
}

/// One file a store fetches.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Fetch {
    /// A part of the catalogue, by its index in the manifest's `catalogue`.
    Part(usize),
    /// A metric file, by its path in the bundle.
    Metric(String),
    /// The context variables.
    Context,
    /// The published peer groups.
    Groups,
    /// A map's outlines, by the map's id.
    Map(String),
}

impl Store {
    /// A store that already holds `first` (a metric file's path and values), if given.
    pub fn new(
        location: BundleLocation,
        index: Arc<BundleIndex>,
        first: Option<(String, Arc<MetricValues>)>,
    ) -> Self {
        let mut metrics = BTreeMap::new();
        let mut started = BTreeSet::new();
        if let Some((path, values)) = first {
            started.insert(Fetch::Metric(path.clone()));
            metrics.insert(path, Load::Ready(values));
        }
        Self {
            location: StoredValue::new(location),
            index: RwSignal::new(index),
            parts: RwSignal::new(BTreeMap::new()),
            metrics: RwSignal::new(metrics),
            context: RwSignal::new(None),
            groups: RwSignal::new(None),
            maps: RwSignal::new(BTreeMap::new()),
            started: StoredValue::new(started),
        }
    }

    /// The manifest and areas (tracked: it changes when a part of the catalogue arrives).
    pub fn index(&self) -> Arc<BundleIndex> {
        self.index.get()
    }

    /// The manifest and areas, untracked.
    pub fn index_untracked(&self) -> Arc<BundleIndex> {
        self.index.get_untracked()
    }

    /// Whether the whole metadata of measure `id` is in (tracked); starts the download of
    /// the part of the catalogue that holds it on first use.
    pub fn meta(&self, id: &str) -> Load<()> {
        let index = self.index();
        if index.manifest.metric(id).is_some() {
            return Load::Ready(());
        }
        let Some((part, entry)) = index.manifest.part_to_fetch(id) else {
            return Load::Failed(LoadError::Invalid {
                url: self.location().file_url("manifest.json"),
                detail: format!("the bundle has no measure called “{id}”"),
            });
        };
        if self.start(Fetch::Part(part)) {
            let store = *self;
            let entry = entry.clone();
            spawn_local(async move {
                let index = store.index_untracked();
                let loaded =
                    api::load_catalogue_part(&store.location(), &index.manifest, part, &entry)
                        .await;
                match loaded {
                    Ok(metas) => {
                        store.index.update(|index| {
                            let mut grown = BundleIndex::clone(index);
                            grown.manifest.add_part(metas);
                            *index = Arc::new(grown);
                        });
                        store.parts.update(|p| {
                            p.insert(part, Load::Ready(()));
                        });
                    }
                    Err(error) => store.parts.update(|p| {
                        p.insert(part, Load::Failed(error));
                    }),
                }
            });
        }
        self.parts
            .with(|p| p.get(&part).cloned())
            .unwrap_or(Load::Loading)
    }

    /// Whether the whole metadata of every measure in `ids` is in (tracked): failed as soon
    /// as one part fails, loading until every part is in.
    pub fn metas(&self, ids: &[String]) -> Load<()> {
        let mut state = Load::Ready(());
        for id in ids {
            match self.meta(id) {
                Load::Ready(()) => {}
                Load::Loading => state = Load::Loading,
                Load::Failed(error) => return Load::Failed(error),
            }
        }
        state
    }

    /// Where the bundle is.
    pub fn location(&self) -> BundleLocation {
        self.location.get_value()
    }

    /// Whether `fetch` is still to be started; from now on it counts as started.
    fn start(&self, fetch: Fetch) -> bool {
        let mut fresh = false;
        self.started
            .update_value(|started| fresh = started.insert(fetch));
        fresh
    }

    /// A metric's whole series (tracked); starts the download on first use.
    pub fn metric(&self, id: &str) -> Load<Arc<MetricValues>> {
        self.metric_part(id, Part::Series)
    }

    /// A metric's values for `part` (tracked). The whole series, once in, serves the latest
    /// period too, so asking for the latest period after the series fetches nothing.
    pub fn metric_part(&self, id: &str, part: Part) -> Load<Arc<MetricValues>> {
        let index = self.index();
        let Some(meta) = index.manifest.metric(id) else {
            return Load::Failed(LoadError::Invalid {
                url: self.location().file_url("manifest.json"),
                detail: format!("the bundle has no measure called “{id}”"),
            });
        };
        let entry = match (part, &meta.latest_file) {
            (Part::Latest, Some(latest)) => {
                let series = self.metrics.with(|m| m.get(&meta.file.path).cloned());
                if let Some(Load::Ready(values)) = series {
                    return Load::Ready(values);
                }
                latest.clone()
            }
            _ => meta.file.clone(),
        };
        if self.start(Fetch::Metric(entry.path.clone())) {
            let store = *self;
            let meta = meta.clone();
            let entry = entry.clone();
            spawn_local(async move {
                let state = match api::load_metric(&store.location(), &meta, &entry).await {
                    Ok(values) => Load::Ready(Arc::new(values)),
                    Err(error) => Load::Failed(error),
                };
                store.metrics.update(|m| {
                    m.insert(entry.path, state);
                });
            });
        }
        self.metrics
            .with(|m| m.get(&entry.path).cloned())
            .unwrap_or(Load::Loading)
    }

    /// The context variables (tracked); starts the download on first use.
    pub fn context(&self) -> Load<Arc<ContextTable>> {
        if self.start(Fetch::Context) {
            let store = *self;
            spawn_local(async move {
                let index = store.index_untracked();
                let state = match api::load_context(&store.location(), &index.manifest).await {
                    Ok(table) => Load::Ready(Arc::new(table)),
                    Err(error) => Load::Failed(error),
                };
                store.context.set(Some(state));
            });
        }
        self.context.get().unwrap_or(Load::Loading)
    }

    /// A map's outlines (tracked); starts the download on first use, so a bundle's maps are
    /// fetched only by a reader who opens one.
    pub fn map(&self, map: &MapMeta) -> Load<Arc<MapShapes>> {
        if self.start(Fetch::Map(map.id.clone())) {
            let store = *self;
            let map = map.clone();
            spawn_local(async move {
                let index = store.index();
                let state = match api::load_map(&store.location(), &index.manifest, &map).await {
                    Ok(shapes) => Load::Ready(Arc::new(shapes)),
                    Err(error) => Load::Failed(error),
                };
                store.maps.update(|m| {
                    m.insert(map.id, state);
                });
            });
        }
        self.maps
            .with(|m| m.get(&map.id).cloned())
            .unwrap_or(Load::Loading)
    }

    /// The published peer groups (tracked); starts the download on first use.
    pub fn groups(&self) -> Load<Arc<PeerGroups>> {
        if self.start(Fetch::Groups) {
            let store = *self;
            spawn_local(async move {
                let index = store.index_untracked();
                let state = match api::load_peer_groups(&store.location(), &index.manifest).await {
                    Ok(groups) => Load::Ready(Arc::new(groups)),
                    Err(error) => Load::Failed(error),
                };
                store.groups.set(Some(state));
            });
        }
        self.groups.get().unwrap_or(Load::Loading)
    }

    /// The published peer groups if they are already in, without fetching them. Untracked:
    /// a view that needs them (a published group) waits for them through [`Self::dataset_of`],
    /// and the others are not drawn again when the group choice's download of them arrives
    /// (the reader may be in the choice).
    pub fn groups_if_loaded(&self) -> Option<Arc<PeerGroups>> {
        self.groups.with_untracked(|g| match g {
            Some(Load::Ready(groups)) => Some(Arc::clone(groups)),
            _ => None,
        })
    }

    /// Forgets every failed download so the next read tries again.
    pub fn retry_failed(&self) {
        let failed_files: Vec<String> = self.metrics.with_untracked(|m| {
            m.iter()
                .filter(|(_, state)| matches!(state, Load::Failed(_)))
                .map(|(id, _)| id.clone())
                .collect()
        });
        let failed_parts: Vec<usize> = self.parts.with_untracked(|p| {
            p.iter()
                .filter(|(_, state)| matches!(state, Load::Failed(_)))
                .map(|(part, _)| *part)
                .collect()
        });
        let context_failed = matches!(self.context.get_untracked(), Some(Load::Failed(_)));
        let groups_failed = matches!(self.groups.get_untracked(), Some(Load::Failed(_)));
        let failed_maps: Vec<String> = self.maps.with_untracked(|m| {
            m.iter()
                .filter(|(_, state)| matches!(state, Load::Failed(_)))
                .map(|(id, _)| id.clone())
                .collect()
        });
        self.started.update_value(|started| {
            started.retain(|fetch| match fetch {
                Fetch::Part(part) => !failed_parts.contains(part),
                Fetch::Metric(path) => !failed_files.contains(path),
                Fetch::Context => !context_failed,
                Fetch::Groups => !groups_failed,
                Fetch::Map(id) => !failed_maps.contains(id),
            });
        });
        if !failed_maps.is_empty() {
            self.maps.update(|m| {
                for id in &failed_maps {
                    m.remove(id);
                }
            });
        }
        self.metrics.update(|m| {
            for path in &failed_files {
                m.remove(path);
            }
        });
        self.parts.update(|p| {
            for part in &failed_parts {
                p.remove(part);
            }
        });
        if context_failed {
            self.context.set(None);
        }
        if groups_failed {
            self.groups.set(None);
        }
    }

    /// The engine's dataset for these metrics and needs (tracked). Loading until every file
    /// is in; failed as soon as one fails.
    pub fn dataset(&self, metric_ids: &[String], needs: Needs) -> Load<SharedDataset> {
        self.dataset_of(metric_ids, Part::Series, needs)
    }

    /// Like [`Store::dataset`], with each metric's `part`.
    pub fn dataset_of(
        &self,
        metric_ids: &[String],
        part: Part,
        needs: Needs,
    ) -> Load<SharedDataset> {
        let context = if needs.context {
            match self.context() {
                Load::Ready(table) => Some(table),
                Load::Loading => return Load::Loading,
                Load::Failed(error) => return Load::Failed(error),
            }
        } else {
            None
        };
        let groups = if needs.groups {
            match self.groups() {
                Load::Ready(groups) => Some(groups),
                Load::Loading => return Load::Loading,
                Load::Failed(error) => return Load::Failed(error),
            }
        } else {
            None
        };
        let mut files = Vec::with_capacity(metric_ids.len());
        for id in metric_ids {
            match self.metric_part(id, part) {
                Load::Ready(values) => files.push(values),
                Load::Loading => return Load::Loading,
                Load::Failed(error) => return Load::Failed(error),
            }
        }
        let index = self.index();
        let mut builder = DatasetBuilder::new(&index.areas, context.as_deref(), groups.as_deref());
        for values in &files {
            if let Err(error) = builder.add_metric(&index.manifest, values) {
                return Load::Failed(LoadError::Invalid {
                    url: self.location().file_url("manifest.json"),
                    detail: error.to_string(),
                });
            }
        }
        match builder.build() {
            Ok(dataset) => Load::Ready(SharedDataset(Arc::new(dataset))),
            Err(error) => Load::Failed(LoadError::Invalid {
                url: self.location().file_url("manifest.json"),
                detail: error.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Needs;
    use yardstick_stats::GroupSpec;

    fn check(spec: &str, context: bool, groups: bool) {
        let spec: GroupSpec = spec.parse().expect("a valid spec");
        assert_eq!(Needs::for_spec(&spec), Needs { context, groups }, "{spec}");
    }

    #[test]
    fn a_group_needs_the_files_its_kind_reads() {
        check("type", false, false);
        check("all", false, false);
        check("list:E08000009,E08000010", false, false);
        check("nearest:15;scale=robust", true, false);
        check("published:cipfa-nearest", false, true);
    }
}
