//! Loading a bundle folder for a query: only the files the question needs, each checked
//! against the manifest before it is parsed.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use yardstick_bundle::{
    Areas, ContextTable, DatasetBuilder, FileEntry, Manifest, MetricValues, PeerGroups,
    content_hash, parse_areas, parse_catalogue, parse_context, parse_manifest, parse_metric_values,
    parse_peer_groups, sha256_hex,
};
use yardstick_present::words;
use yardstick_stats::{AreaCode, Dataset, GroupSpec};

/// Which metric files to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted<'a> {
    /// None: peer groups need only areas, context and published lists.
    NoMetrics,
    /// One metric, by id (already checked against the manifest).
    Metric(&'a str),
    /// Every metric.
    AllMetrics,
}

/// A loaded bundle: the parsed documents a query reports from, and the engine's dataset.
#[derive(Debug)]
pub struct Bundle {
    /// The manifest.
    pub manifest: Manifest,
    /// The areas, for names and former codes.
    pub areas: Areas,
    /// The published peer groups, for their titles.
    pub groups: Option<PeerGroups>,
    /// The metric files read, in the manifest's order: the view models read each member's
    /// reading and note from them, as the widget's do.
    pub metrics: Vec<MetricValues>,
    /// The engine's view of the bundle.
    pub dataset: Dataset,
}

impl Bundle {
    /// A group's name in the widget's words ("metropolitan districts", "Trafford's 10
    /// nearest neighbours", a published group's title).
    pub fn group_name(
        &self,
        area: &AreaCode,
        spec: &GroupSpec,
        subject: Option<yardstick_bundle::Subject>,
    ) -> String {
        let area = self.areas.get(area);
        words::group_name(
            spec,
            area.map_or("", |a| a.name.as_str()),
            area.map_or("", |a| a.area_type.as_str()),
            area.and_then(|a| a.region.as_deref()),
            &self.manifest,
            self.groups.as_ref(),
            subject,
        )
    }

    /// The values of the metric with this id, if its file was read.
    pub fn values(&self, metric: &str) -> Option<&MetricValues> {
        self.metrics.iter().find(|v| v.metric == metric)
    }

    /// Reads and checks `manifest.json` alone.
    pub fn manifest(dir: &Path) -> Result<Manifest> {
        let bytes = read(dir, "manifest.json")?;
        let manifest = parse_manifest(&bytes)
            .with_context(|| format!("{} is not a readable bundle", dir.display()))?;
        let computed = content_hash(&bytes, &manifest.content_hash);
        if computed != manifest.content_hash {
            bail!(
                "{}: manifest.json says its content hash is {} but it hashes to {computed}; \
                 `yardstick check` lists every problem",
                dir.display(),
                manifest.content_hash
            );
        }
        complete(dir, manifest)
    }

    /// Loads the areas, context, published groups and the wanted metrics, checking each
    /// file's size and SHA-256 against the manifest as `yardstick check` does.
    pub fn load(dir: &Path, manifest: Manifest, wanted: Wanted<'_>) -> Result<Self> {
        let listed = |path: &str| manifest.files.iter().find(|f| f.path == path);
        let areas_entry = listed("areas.json")
            .with_context(|| format!("{}: the manifest does not list areas.json", dir.display()))?;
        let areas = parse_areas(&verified(dir, areas_entry)?)?;
        let context: Option<ContextTable> = match listed("context.json") {
            Some(entry) => Some(parse_context(&verified(dir, entry)?)?),
            None => None,
        };
        let groups: Option<PeerGroups> = match listed("peer-groups.json") {
            Some(entry) => Some(parse_peer_groups(&verified(dir, entry)?)?),
            None => None,
        };
        let mut builder = DatasetBuilder::new(&areas, context.as_ref(), groups.as_ref());
        let mut metrics = Vec::new();
        for meta in &manifest.metrics {
            let load = match wanted {
                Wanted::NoMetrics => false,
                Wanted::Metric(id) => meta.id == id,
                Wanted::AllMetrics => true,
            };
            if load {
                let bytes = verified(dir, &meta.file)?;
                let values = parse_metric_values(&bytes)
                    .with_context(|| format!("{}", dir.join(&meta.file.path).display()))?;
                builder.add_metric(&manifest, &values)?;
                metrics.push(values);
            }
        }
        let dataset = builder
            .build()
            .with_context(|| format!("{} cannot be compared", dir.display()))?;
        Ok(Self {
            manifest,
            areas,
            groups,
            metrics,
            dataset,
        })
    }
}

/// Adds every part of the catalogue (schema 2.0), each checked against the manifest's size
/// and SHA-256, so that the manifest holds every metric's metadata.
pub fn complete(dir: &Path, mut manifest: Manifest) -> Result<Manifest> {
    let parts: Vec<FileEntry> = manifest.catalogue.clone();
    for (index, entry) in parts.iter().enumerate() {
        let metas = parse_catalogue(&verified(dir, entry)?, &manifest, index)
            .with_context(|| format!("{}", dir.join(&entry.path).display()))?;
        manifest.add_part(metas);
    }
    Ok(manifest)
}

fn read(dir: &Path, path: &str) -> Result<Vec<u8>> {
    let full = dir.join(path);
    fs::read(&full).with_context(|| format!("cannot read {}", full.display()))
}

/// The file's bytes, if their size and SHA-256 are those the manifest lists.
fn verified(dir: &Path, entry: &FileEntry) -> Result<Vec<u8>> {
    let bytes = read(dir, &entry.path)?;
    let digest = sha256_hex(&bytes);
    if bytes.len() as u64 != entry.bytes || digest != entry.sha256 {
        bail!(
            "{}: {} bytes with SHA-256 {digest}, but the manifest lists {} bytes with {}; \
             the bundle has changed since it was built (`yardstick check` lists every problem)",
            dir.join(&entry.path).display(),
            bytes.len(),
            entry.bytes,
            entry.sha256
        );
    }
    Ok(bytes)
}
