//! The catalogue (schema 2.0): a small index of every measure in the manifest, and the
//! measures' whole metadata in parts fetched when a view needs them.
//!
//! Up to 1.x the manifest carried every metric's metadata, so it grew with every measure and
//! the first view downloaded all of it. Since 2.0 the manifest carries, per measure, only what
//! the pickers need to list, search and mark it ([`MeasureEntry`]), and each measure's whole
//! metadata ([`MetricMeta`], with its values files and their digests) lives in one part of the
//! catalogue, `catalogue/<name>.json`, listed with its digest in the manifest's `catalogue`.
//! A reader adds parts to its [`Manifest`] as it fetches them ([`Manifest::add_part`]).

use std::collections::BTreeSet;

use yardstick_stats::sort_with;

use crate::error::{BundleError, Document};
use crate::manifest::{FileEntry, Manifest, MetricMeta, metric_from_wire_checked};
use crate::measure::{MeasureEntry, Scoped};
use crate::subject::Subject;
use crate::validate::{Problems, check_version, from_json};
use crate::wire::CatalogueWire;

impl Scoped for MetricMeta {
    fn subject(&self) -> Subject {
        MetricMeta::subject(self)
    }
    fn compared_types(&self) -> &[String] {
        &self.area_types
    }
    fn all_area_types(&self) -> &[String] {
        MetricMeta::all_area_types(self)
    }
    fn coverage(&self) -> &[String] {
        &self.coverage
    }
}

impl MeasureEntry {
    /// The entry a 2.0 writer lists for `meta`, kept in part `part` of the catalogue. (For
    /// writers only: [`search_words`] needs Unicode's case tables, which the widget does not
    /// link.)
    pub fn in_part(meta: &MetricMeta, part: usize) -> Self {
        Self {
            search: search_words(meta),
            part: Some(part),
            ..Self::of_metric(meta)
        }
    }

    /// Whether `meta` says what this entry says of it.
    fn agrees_with(&self, meta: &MetricMeta) -> bool {
        self.id == meta.id
            && self.title == meta.title
            && self.short_title == meta.short_title
            && self.theme == meta.theme
            && self.subject == meta.subject
            && self.area_types == meta.area_types
            && self.all_area_types == meta.all_area_types
            && self.coverage == meta.coverage
    }
}

/// Words of four letters or more that say nothing about a measure, left out of its search
/// words.
const COMMON_WORDS: [&str; 24] = [
    "about", "also", "been", "between", "both", "data", "each", "from", "have", "into", "more",
    "only", "other", "over", "such", "than", "that", "their", "there", "these", "this", "were",
    "which", "with",
];

/// How many of the description's words a 2.0 index keeps for search.
pub const SEARCH_WORDS: usize = 12;

/// The search text a 2.0 writer keeps in the index: the first [`SEARCH_WORDS`] words of the
/// description (lower case, letters and digits only, at least four characters, not one of a
/// few common words) that the titles do not already hold, each once. The whole description would cost the index about
/// 30 KB Brotli for the LAIT measures alone; these words keep a description's distinctive
/// terms ("truancy", "unauthorised") findable.
pub fn search_words(meta: &MetricMeta) -> String {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut seen: BTreeSet<String> = words(&meta.title)
        .into_iter()
        .chain(words(&meta.short_title))
        .collect();
    let mut kept: Vec<String> = Vec::new();
    for word in words(&meta.description) {
        if kept.len() == SEARCH_WORDS {
            break;
        }
        if word.chars().count() >= 4
            && !COMMON_WORDS.contains(&word.as_str())
            && seen.insert(word.clone())
        {
            kept.push(word);
        }
    }
    kept.join(" ")
}

/// Reads and validates part `part` of `manifest`'s catalogue: every metric is checked as a
/// 1.x manifest's metric was, must be a measure the index puts in this part, saying what the
/// index says of it, and the part must hold every measure the index puts in it.
pub fn parse_catalogue(
    bytes: &[u8],
    manifest: &Manifest,
    part: usize,
) -> Result<Vec<MetricMeta>, BundleError> {
    check_version(bytes, Document::Catalogue)?;
    let wire: CatalogueWire = from_json(bytes, Document::Catalogue)?;
    let mut problems = Problems::default();
    let metrics: Vec<MetricMeta> = wire
        .metrics
        .iter()
        .filter_map(|metric| metric_from_wire_checked(&mut problems, manifest, metric))
        .collect();
    let mut ids = BTreeSet::new();
    for meta in &metrics {
        if !ids.insert(meta.id.as_str()) {
            problems.push(format!("metric {:?} appears more than once", meta.id));
        }
        match manifest.measure(&meta.id) {
            Some(entry) if entry.part == Some(part) => {
                if !entry.agrees_with(meta) {
                    problems.push(format!(
                        "metric {:?}: its titles, theme or scope differ from the manifest's \
                         measures",
                        meta.id
                    ));
                }
            }
            _ => problems.push(format!(
                "metric {:?} is not a measure the manifest puts in part {part}",
                meta.id
            )),
        }
    }
    for entry in manifest.measures.iter().filter(|e| e.part == Some(part)) {
        if !ids.contains(entry.id.as_str()) {
            problems.push(format!(
                "measure {:?} of part {part} is missing from it",
                entry.id
            ));
        }
    }
    problems.finish(Document::Catalogue)?;
    Ok(metrics)
}

impl Manifest {
    /// The index entry of the measure with this id.
    pub fn measure(&self, id: &str) -> Option<&MeasureEntry> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The part of the catalogue to fetch for `id`'s metadata: `None` when it is already in
    /// [`Manifest::metrics`] or the bundle has no such measure.
    pub fn part_to_fetch(&self, id: &str) -> Option<(usize, &FileEntry)> {
        if self.metric(id).is_some() {
            return None;
        }
        let part = self.measure(id)?.part?;
        Some((part, self.catalogue.get(part)?))
    }

    /// Whether every measure's metadata is in [`Manifest::metrics`].
    pub fn is_complete(&self) -> bool {
        self.metrics.len() == self.measures.len()
    }

    /// The parts of the catalogue whose metadata is not in yet, in order.
    pub fn parts_missing(&self) -> Vec<usize> {
        let mut parts: Vec<usize> = Vec::new();
        for entry in &self.measures {
            if let Some(part) = entry.part
                && self.metric(&entry.id).is_none()
                && !parts.contains(&part)
            {
                parts.push(part);
            }
        }
        parts
    }

    /// Adds the metadata of a part read by [`parse_catalogue`], keeping `metrics` in the
    /// index's order; metrics already in are left as they are.
    pub fn add_part(&mut self, metas: Vec<MetricMeta>) {
        for meta in metas {
            if self.metric(&meta.id).is_none() {
                self.metrics.push(meta);
            }
        }
        let position = |id: &str| {
            self.measures
                .iter()
                .position(|m| m.id == id)
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<(usize, MetricMeta)> = self
            .metrics
            .drain(..)
            .map(|m| (position(&m.id), m))
            .collect();
        sort_with(&mut order, |a, b| a.0.cmp(&b.0));
        self.metrics = order.into_iter().map(|(_, m)| m).collect();
    }
}

/// Reads `manifest.json` and every part of its catalogue, so that the manifest holds every
/// metric's metadata (as a 1.x manifest did): for tools and tests that read a whole bundle.
/// `read` gives a file's bytes by its path in the bundle; each part's size and SHA-256 are
/// checked against the manifest's listing.
pub fn parse_manifest_with_catalogue(
    bytes: &[u8],
    mut read: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Result<Manifest, BundleError> {
    let mut manifest = crate::manifest::parse_manifest(bytes)?;
    let parts = manifest.catalogue.clone();
    for (index, entry) in parts.iter().enumerate() {
        let unreadable = |what: &str| BundleError::Invalid {
            document: Document::Catalogue,
            problems: vec![format!("{}: {what}", entry.path)],
        };
        let part = read(&entry.path).ok_or_else(|| unreadable("cannot be read"))?;
        if part.len() as u64 != entry.bytes || crate::hash::sha256_hex(&part) != entry.sha256 {
            return Err(unreadable(
                "its size or SHA-256 differs from the manifest's",
            ));
        }
        let metas = parse_catalogue(&part, &manifest, index)?;
        manifest.add_part(metas);
    }
    Ok(manifest)
}
