//! The widget's reactive state: the reader's selection (kept in step with the page URL when the
//! widget owns it) and the loaded bundle. Plain models live elsewhere; this module only wraps
//! them in signals.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use yardstick_bundle::{FileEntry, Manifest, MetricMeta, MetricValues};

use crate::api::{self, BundleLocation, LoadError};
use crate::embed::{self, ContentHash, Controls, Parts};
use crate::origin::Refusal;
use crate::selection::Selection;
use crate::theme::Theme;

/// How one mounted widget is configured, from its element's `data-` attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Where the bundle is, or why it may not be read from where the page asked.
    pub bundle: Result<BundleLocation, RefusedBundle>,
    /// The selection to start from (attributes, then the page URL when `sync_url`).
    pub initial: Selection,
    /// Whether this widget reads and writes the page's query string. Only one widget on a
    /// page can, so embeds with several widgets keep their state to themselves.
    pub sync_url: bool,
    /// Whether this widget sets the document's title: only on a page of its own.
    pub names_document: bool,
    /// Prefix that keeps element ids unique when a page holds several widgets.
    pub id_prefix: String,
    /// The absolute URL of the widget's own folder (widget.js, embed.html, the full view).
    pub assets: String,
    /// The `data-bundle` (or `bundle` parameter) as written, when not the default: snippets
    /// repeat it.
    pub bundle_param: Option<String>,
    /// How much navigation the widget shows.
    pub controls: Controls,
    /// What the comparison shows besides its sentence, chart and source.
    pub parts: Parts,
    /// The data version the embed is pinned to, if any.
    pub pin: Option<ContentHash>,
    /// Brand colour, font and light or dark, validated.
    pub theme: Theme,
}

pub use yardstick_view::index::BundleIndex;

/// What a widget loaded, and from where: the bundle's own folder, or the archived copy of
/// the version it is pinned to.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedBundle {
    pub index: Arc<BundleIndex>,
    /// Where every further file of this version is fetched from.
    pub location: BundleLocation,
    /// The metric file the first view needs, fetched beside the areas (its path and values).
    pub first: Option<(String, Arc<MetricValues>)>,
}

/// Which metric file the first view will need, so it can be fetched at the same time as the
/// areas rather than after them (one round trip fewer on a slow network).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstFile {
    /// The metric in the selection; the bundle's first when absent or unknown.
    pub metric: Option<String>,
    /// Whether the latest period's file is enough (the compare view of the latest period).
    pub latest_only: bool,
}

impl FirstFile {
    /// What the first view of `selection` needs.
    pub fn for_selection(selection: &Selection) -> Self {
        let view = crate::selection::View::from_param(selection.view.as_deref());
        Self {
            metric: selection.metric.clone(),
            latest_only: view == crate::selection::View::Metric && selection.period.is_none(),
        }
    }

    /// The measure of the first view: the selection's, or the bundle's first.
    fn measure<'a>(&self, manifest: &'a Manifest) -> Option<&'a str> {
        self.metric
            .as_deref()
            .and_then(|id| manifest.measure(id))
            .or_else(|| manifest.measures.first())
            .map(|m| m.id.as_str())
    }

    /// The file of `meta` the first view needs.
    fn file<'a>(&self, meta: &'a MetricMeta) -> &'a FileEntry {
        match (&meta.latest_file, self.latest_only) {
            (Some(latest), true) => latest,
            _ => &meta.file,
        }
    }
}

/// Why a widget has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexError {
    /// A file could not be loaded.
    Load(LoadError),
    /// The pinned version is neither in the archive nor the current one.
    PinnedVersionGone {
        pin: ContentHash,
        /// The current bundle's version, when it could be read.
        current: Option<String>,
    },
    /// A manifest claims to be the pinned version but its bytes say otherwise.
    PinnedVersionAltered { pin: ContentHash, url: String },
    /// The page asked for a bundle the widget may not read (origin.rs).
    Refused(RefusedBundle),
}

/// A bundle reference that was refused, with what was written (shortened) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedBundle {
    written: String,
    refusal: Refusal,
}

impl RefusedBundle {
    pub fn new(written: &str, refusal: Refusal) -> Self {
        let mut shown: String = written.chars().take(80).collect();
        if shown.len() < written.len() {
            shown.push('…');
        }
        Self {
            written: shown,
            refusal,
        }
    }

    pub fn title(&self) -> &'static str {
        "These figures cannot be loaded from there"
    }
}

impl std::fmt::Display for RefusedBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "This page asked the widget to read its data from “{}”, but {}. Nothing was \
             requested from it. A widget reads data only from the site its own files are on, \
             or from sites that the page embedding it lists in data-bundle-origins.",
            self.written, self.refusal
        )
    }
}

impl From<LoadError> for IndexError {
    fn from(error: LoadError) -> Self {
        Self::Load(error)
    }
}

/// Loads the bundle a widget is configured with. Unpinned: the current bundle. Pinned: the
/// current bundle while it is still that version, otherwise the archived copy at
/// `versions/<digits>/` beside the bundle's folder. The version is checked against the
/// manifest's bytes either way, so an embed never shows other figures than it was made with.
pub async fn load_bundle(
    bundle: BundleLocation,
    pin: Option<ContentHash>,
    first: FirstFile,
) -> Result<LoadedBundle, IndexError> {
    let Some(pin) = pin else {
        let manifest = api::load_manifest(&bundle).await?;
        return finish(bundle, manifest, &first).await;
    };
    let is_pinned = |manifest: &Manifest, actual: &str| {
        actual == pin.as_str() && manifest.content_hash == pin.as_str()
    };
    // The current bundle first: until the data is updated it is the pinned version, and a
    // host that keeps no archive then works without a request for a missing file.
    let current = api::load_manifest_hashed(&bundle).await;
    if let Ok((manifest, actual)) = &current
        && is_pinned(manifest, actual)
    {
        return finish(bundle, manifest.clone(), &first).await;
    }
    let archive = BundleLocation::new(embed::archive_base(bundle.base(), &pin));
    match api::load_manifest_hashed(&archive).await {
        Ok((manifest, actual)) if is_pinned(&manifest, &actual) => {
            finish(archive, manifest, &first).await
        }
        Ok(_) => Err(IndexError::PinnedVersionAltered {
            url: archive.file_url("manifest.json"),
            pin,
        }),
        // No such version (403 on hosts that hide what does not exist, such as S3).
        Err(LoadError::Status {
            status: 403 | 404, ..
        }) => Err(IndexError::PinnedVersionGone {
            pin,
            current: current.ok().map(|(manifest, _)| manifest.content_hash),
        }),
        Err(error) => Err(error.into()),
    }
}

/// Fetches the areas and, at the same time, the catalogue part holding the first view's
/// measure (since 2.0) followed by its metric file.
async fn finish(
    location: BundleLocation,
    mut manifest: Manifest,
    first: &FirstFile,
) -> Result<LoadedBundle, IndexError> {
    let part = first
        .measure(&manifest)
        .and_then(|id| manifest.part_to_fetch(id))
        .map(|(index, entry)| (index, entry.clone()));
    // The part, then the metric file it describes, while the areas arrive.
    let first_view = async {
        let metas = match &part {
            Some((index, entry)) => {
                Some(api::load_catalogue_part(&location, &manifest, *index, entry).await?)
            }
            None => None,
        };
        let id = first.measure(&manifest).unwrap_or_default();
        let meta = metas
            .iter()
            .flatten()
            .find(|m| m.id == id)
            .or_else(|| manifest.metric(id));
        let values = match meta.map(|meta| (meta, first.file(meta))) {
            // A failure here is not fatal: the store fetches the file again and reports it.
            Some((meta, file)) => api::load_metric(&location, meta, file)
                .await
                .ok()
                .map(|values| (file.path.clone(), Arc::new(values))),
            None => None,
        };
        Ok::<_, LoadError>((metas, values))
    };
    let (areas, first_view) =
        futures::future::join(api::load_areas(&location, &manifest), first_view).await;
    let (metas, first) = first_view?;
    if let Some(metas) = metas {
        manifest.add_part(metas);
    }
    Ok(LoadedBundle {
        index: Arc::new(BundleIndex {
            manifest,
            areas: areas?,
        }),
        location,
        first,
    })
}

/// The reader's selection, shared by every component of one widget.
#[derive(Debug, Clone, Copy)]
pub struct Navigation {
    selection: RwSignal<Selection>,
    sync_url: bool,
}

impl Navigation {
    /// Starts from `initial`; when the widget owns the URL, follows back and forward.
    pub fn new(initial: Selection, sync_url: bool) -> Self {
        let selection = RwSignal::new(initial);
        if sync_url {
            // Dropped with the page: the widget lives as long as the page does.
            let handle = window_event_listener(leptos::ev::popstate, move |_| {
                selection.set(Selection::from_query(&current_query()));
            });
            std::mem::forget(handle);
        }
        Self {
            selection,
            sync_url,
        }
    }

    /// The current selection, tracked.
    pub fn get(&self) -> Selection {
        self.selection.get()
    }

    /// The current selection, untracked (for event handlers).
    pub fn get_untracked(&self) -> Selection {
        self.selection.get_untracked()
    }

    /// Reads part of the selection, tracked.
    pub fn with<T>(&self, f: impl FnOnce(&Selection) -> T) -> T {
        self.selection.with(f)
    }

    /// A change the reader made: updates the view and adds a history entry, so that back
    /// undoes it and the address bar holds a link to what is on screen.
    pub fn choose(&self, change: impl FnOnce(&mut Selection)) {
        let mut next = self.selection.get_untracked();
        change(&mut next);
        self.go(next);
    }

    /// Shows `next`, as [`Self::choose`] says. Not generic, so that each of the many places
    /// that choose shares one copy of it in the wasm.
    #[inline(never)]
    fn go(&self, next: Selection) {
        if next == self.selection.get_untracked() {
            return;
        }
        if self.sync_url {
            push_query(&next.to_query(&current_query()));
        }
        self.selection.set(next);
    }
}

/// The page's query string, or "" outside a browser.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn push_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let hash = window.location().hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        // A refused pushState (a sandboxed frame) only costs the history entry.
        let _ =
            history.push_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}{hash}")));
    }
}
