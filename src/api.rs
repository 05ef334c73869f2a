//! The only place that fetches. Bytes come from the static host and go straight to
//! `yardstick-bundle`, which parses and validates them; components never fetch.

use std::fmt;

use gloo_net::http::Request;
use web_sys::RequestCredentials;
use yardstick_bundle::{
    Areas, BundleError, ContextTable, FileEntry, Manifest, MapMeta, MapShapes, MetricMeta,
    MetricValues, PeerGroups, content_hash, parse_areas, parse_catalogue, parse_context,
    parse_manifest, parse_map, parse_metric_values, parse_peer_groups, sha256_hex,
};

/// Why part of a bundle could not be loaded. Each says what the reader can do about it.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request never got an answer (offline, blocked, a CORS refusal).
    Network { url: String, detail: String },
    /// The host answered with an error status.
    Status { url: String, status: u16 },
    /// The file arrived but is not a valid bundle document (including a newer schema).
    Invalid { url: String, detail: String },
    /// The file differs from what the manifest promised: a half-updated bundle or a stale cache.
    Integrity { url: String },
}

impl LoadError {
    /// A short headline for the message box.
    pub fn title(&self) -> &'static str {
        match self {
            Self::Network { .. } => "The data could not be downloaded",
            Self::Status { status: 404, .. } => "A data file is missing",
            Self::Status { .. } => "The data server refused the request",
            Self::Invalid { .. } => "The data could not be read",
            Self::Integrity { .. } => "The data changed while loading",
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network { url, detail } => {
                write!(
                    f,
                    "No answer from {url} ({detail}). Check your connection and try again."
                )
            }
            Self::Status { url, status } => write!(f, "{url} answered with HTTP status {status}."),
            Self::Invalid { url, detail } => write!(f, "{url}: {detail}"),
            Self::Integrity { url } => write!(
                f,
                "{url} does not match the bundle's manifest; the bundle may have been updated \
                 while you were reading. Try again to load the current version."
            ),
        }
    }
}

/// Where a bundle lives: an absolute URL ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleLocation {
    base: String,
}

impl BundleLocation {
    /// `base` is an absolute URL; a missing final `/` is added.
    pub fn new(base: impl Into<String>) -> Self {
        let mut base = base.into();
        if !base.ends_with('/') {
            base.push('/');
        }
        Self { base }
    }

    /// The absolute URL of a file inside the bundle.
    pub fn file_url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// The bundle's folder URL.
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// Fetches a file from any origin that allows it. Credentials are the browser's default
/// (`same-origin`: nothing is sent to another origin), which is also what a page's
/// `<link rel="preload" as="fetch" crossorigin>` uses, so a preloaded file is not fetched twice.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let response = Request::get(url)
        .credentials(RequestCredentials::SameOrigin)
        .send()
        .await
        .map_err(|error| LoadError::Network {
            url: url.to_owned(),
            detail: error.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    response.binary().await.map_err(|error| LoadError::Network {
        url: url.to_owned(),
        detail: error.to_string(),
    })
}

/// Fetches a file the manifest lists and checks its size and SHA-256 against the listing.
async fn fetch_listed(location: &BundleLocation, entry: &FileEntry) -> Result<Vec<u8>, LoadError> {
    let url = location.file_url(&entry.path);
    let bytes = fetch_bytes(&url).await?;
    let size_matches = u64::try_from(bytes.len()).is_ok_and(|len| len == entry.bytes);
    if !size_matches || sha256_hex(&bytes) != entry.sha256 {
        return Err(LoadError::Integrity { url });
    }
    Ok(bytes)
}

fn invalid(url: String, error: BundleError) -> LoadError {
    LoadError::Invalid {
        url,
        detail: error.to_string(),
    }
}

/// The manifest: what the bundle holds.
pub async fn load_manifest(location: &BundleLocation) -> Result<Manifest, LoadError> {
    let url = location.file_url("manifest.json");
    let bytes = fetch_bytes(&url).await?;
    parse_manifest(&bytes).map_err(|error| invalid(url, error))
}

/// The manifest and the content hash its bytes actually have (which a pinned embed compares
/// with the hash it asks for and with the one the manifest declares).
pub async fn load_manifest_hashed(
    location: &BundleLocation,
) -> Result<(Manifest, String), LoadError> {
    let url = location.file_url("manifest.json");
    let bytes = fetch_bytes(&url).await?;
    let manifest = parse_manifest(&bytes).map_err(|error| invalid(url, error))?;
    let actual = content_hash(&bytes, &manifest.content_hash);
    Ok((manifest, actual))
}

/// Fetches one of the manifest's listed files (`areas.json`, `context.json`, ...) and parses it.
async fn load_document<T>(
    location: &BundleLocation,
    manifest: &Manifest,
    path: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, BundleError>,
) -> Result<T, LoadError> {
    let entry = manifest
        .files
        .iter()
        .find(|file| file.path == path)
        .ok_or_else(|| LoadError::Invalid {
            url: location.file_url("manifest.json"),
            detail: format!("the manifest lists no {path}"),
        })?;
    let bytes = fetch_listed(location, entry).await?;
    parse(&bytes).map_err(|error| invalid(location.file_url(&entry.path), error))
}

/// A map's outlines (fetched only when a map is shown).
pub async fn load_map(
    location: &BundleLocation,
    manifest: &Manifest,
    map: &MapMeta,
) -> Result<MapShapes, LoadError> {
    load_document(location, manifest, &map.path, parse_map).await
}

/// The areas.
pub async fn load_areas(
    location: &BundleLocation,
    manifest: &Manifest,
) -> Result<Areas, LoadError> {
    load_document(location, manifest, "areas.json", parse_areas).await
}

/// The context variables for nearest-neighbour groups.
pub async fn load_context(
    location: &BundleLocation,
    manifest: &Manifest,
) -> Result<ContextTable, LoadError> {
    load_document(location, manifest, "context.json", parse_context).await
}

/// The published peer groups.
pub async fn load_peer_groups(
    location: &BundleLocation,
    manifest: &Manifest,
) -> Result<PeerGroups, LoadError> {
    load_document(location, manifest, "peer-groups.json", parse_peer_groups).await
}

/// Part `part` of the catalogue (schema 2.0): the whole metadata of some measures.
pub async fn load_catalogue_part(
    location: &BundleLocation,
    manifest: &Manifest,
    part: usize,
    entry: &FileEntry,
) -> Result<Vec<MetricMeta>, LoadError> {
    let bytes = fetch_listed(location, entry).await?;
    parse_catalogue(&bytes, manifest, part)
        .map_err(|error| invalid(location.file_url(&entry.path), error))
}

/// One of a metric's values files: the whole series (`metric.file`) or its latest period
/// only (`metric.latest_file`).
pub async fn load_metric(
    location: &BundleLocation,
    metric: &MetricMeta,
    file: &FileEntry,
) -> Result<MetricValues, LoadError> {
    let url = location.file_url(&file.path);
    let bytes = fetch_listed(location, file).await?;
    let values = parse_metric_values(&bytes).map_err(|error| invalid(url.clone(), error))?;
    if values.metric != metric.id {
        return Err(LoadError::Invalid {
            url,
            detail: format!(
                "the file holds metric `{}`, but the manifest says `{}`",
                values.metric, metric.id
            ),
        });
    }
    Ok(values)
}
