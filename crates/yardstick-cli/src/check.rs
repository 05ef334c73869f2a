//! `yardstick check`: every problem with a bundle folder, listed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use yardstick_bundle::{
    Areas, FileEntry, Manifest, MetricMeta, MetricValue, MetricValues, content_hash, parse_areas,
    parse_catalogue, parse_context, parse_manifest, parse_map, parse_metric_values,
    parse_peer_groups, scope_problems, sha256_hex,
};

/// Reads one document on its own: its problem, if any.
type ProblemOf = fn(&[u8]) -> Option<String>;

/// Checks a bundle folder and returns every problem found (empty when it is sound): each
/// document against the format's rules, every file's size and SHA-256, the content hash,
/// files missing or not listed, and references between files (metric ids and periods, areas
/// of values, context rows and peer groups, area types).
pub fn check(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let read = |path: &str, problems: &mut Vec<String>| match fs::read(dir.join(path)) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            problems.push(format!("{path}: cannot be read: {error}"));
            None
        }
    };
    let Some(manifest_bytes) = read("manifest.json", &mut problems) else {
        return problems;
    };
    let mut manifest = match parse_manifest(&manifest_bytes) {
        Ok(manifest) => manifest,
        Err(error) => {
            problems.push(error.to_string());
            // Without a manifest nothing can be cross-checked, but every other document can
            // still be read on its own, so that one run names every problem it can.
            let documents: [(&str, ProblemOf); 3] = [
                ("areas.json", |b| {
                    parse_areas(b).err().map(|e| e.to_string())
                }),
                ("context.json", |b| {
                    parse_context(b).err().map(|e| e.to_string())
                }),
                ("peer-groups.json", |b| {
                    parse_peer_groups(b).err().map(|e| e.to_string())
                }),
            ];
            for (path, parse) in documents {
                if let Some(problem) = read(path, &mut problems).and_then(|b| parse(&b)) {
                    problems.push(problem);
                }
            }
            return problems;
        }
    };
    let computed = content_hash(&manifest_bytes, &manifest.content_hash);
    if computed != manifest.content_hash {
        problems.push(format!(
            "manifest.json: content_hash is {} but the manifest hashes to {computed}",
            manifest.content_hash
        ));
    }
    // Since 2.0 the metrics' metadata is in the catalogue's parts: read them all, so that
    // every metric file below is checked as before (their sizes and digests are checked with
    // the other files').
    let parts: Vec<(usize, FileEntry)> = manifest.catalogue.iter().cloned().enumerate().collect();
    for (index, part) in parts {
        let Some(bytes) = read(&part.path, &mut problems) else {
            continue;
        };
        match parse_catalogue(&bytes, &manifest, index) {
            Ok(metas) => manifest.add_part(metas),
            Err(error) => problems.push(format!("{}: {error}", part.path)),
        }
    }
    if !manifest.is_complete() {
        problems.push(format!(
            "manifest.json: {} measures are listed but the catalogue holds the metadata of {}",
            manifest.measures.len(),
            manifest.metrics.len()
        ));
    }
    for file in manifest.all_files() {
        let Some(bytes) = read(&file.path, &mut problems) else {
            continue;
        };
        if bytes.len() as u64 != file.bytes {
            problems.push(format!(
                "{}: {} bytes, but the manifest says {}",
                file.path,
                bytes.len(),
                file.bytes
            ));
        }
        let digest = sha256_hex(&bytes);
        if digest != file.sha256 {
            problems.push(format!(
                "{}: SHA-256 is {digest}, but the manifest says {}",
                file.path, file.sha256
            ));
        }
    }
    unlisted_files(dir, &manifest, &mut problems);
    let areas = read("areas.json", &mut problems).and_then(|bytes| match parse_areas(&bytes) {
        Ok(areas) => Some(areas),
        Err(error) => {
            problems.push(error.to_string());
            None
        }
    });
    let Some(areas) = areas else {
        return problems;
    };
    for area in areas.iter() {
        if manifest.area_type(&area.area_type).is_none() {
            problems.push(format!(
                "areas.json: area {} has type {:?}, which the manifest does not declare",
                area.code, area.area_type
            ));
        }
    }
    check_metrics(dir, &manifest, &areas, &mut problems);
    for map in &manifest.maps {
        let Some(bytes) = read(&map.path, &mut problems) else {
            continue;
        };
        match parse_map(&bytes) {
            Ok(shapes) => {
                if shapes.map != map.id {
                    problems.push(format!(
                        "{}: says it is map {:?}, but the manifest lists it as {:?}",
                        map.path, shapes.map, map.id
                    ));
                }
                for outline in &shapes.areas {
                    match areas.get(&outline.area) {
                        None => problems.push(format!(
                            "{}: outline of unknown area {}",
                            map.path, outline.area
                        )),
                        Some(area) if !map.area_types.contains(&area.area_type) => {
                            problems.push(format!(
                                "{}: outline of {} ({}), a type the map does not cover",
                                map.path, outline.area, area.area_type
                            ));
                        }
                        Some(_) => {}
                    }
                }
            }
            Err(error) => problems.push(format!("{}: {error}", map.path)),
        }
    }
    if let Some(bytes) = read("context.json", &mut problems) {
        match parse_context(&bytes) {
            Ok(context) => {
                for row in &context.rows {
                    if areas.get(&row.area).is_none() {
                        problems.push(format!("context.json: row for unknown area {}", row.area));
                    }
                }
            }
            Err(error) => problems.push(error.to_string()),
        }
    }
    if let Some(bytes) = read("peer-groups.json", &mut problems) {
        match parse_peer_groups(&bytes) {
            Ok(groups) => {
                for group in &groups.groups {
                    for theme in &group.built_for {
                        if manifest.theme(theme).is_none() {
                            problems.push(format!(
                                "peer-groups.json: group {} is built for theme {theme:?}, which the manifest does not list",
                                group.id
                            ));
                        }
                    }
                    if manifest.licence(&group.source.licence).is_none() {
                        problems.push(format!(
                            "peer-groups.json: group {} has licence {:?}, which the manifest does not list",
                            group.id, group.source.licence
                        ));
                    }
                    for member in &group.members {
                        let codes = std::iter::once(&member.area)
                            .chain(member.neighbours.iter().map(|n| &n.area));
                        for code in codes {
                            if areas.get(code).is_none() {
                                problems.push(format!(
                                    "peer-groups.json: group {} refers to unknown area {code}",
                                    group.id
                                ));
                            }
                        }
                    }
                }
            }
            Err(error) => problems.push(error.to_string()),
        }
    }
    problems
}

fn check_metrics(dir: &Path, manifest: &Manifest, areas: &Areas, problems: &mut Vec<String>) {
    for metric in &manifest.metrics {
        let Ok(bytes) = fs::read(dir.join(&metric.file.path)) else {
            continue;
        };
        let values = match parse_metric_values(&bytes) {
            Ok(values) => values,
            Err(error) => {
                problems.push(format!("{}: {error}", metric.file.path));
                continue;
            }
        };
        if values.metric != metric.id {
            problems.push(format!(
                "{}: says it holds {:?}, but the manifest lists it for {:?}",
                metric.file.path, values.metric, metric.id
            ));
        }
        if values.periods() != metric.periods {
            problems.push(format!(
                "{}: its periods differ from the manifest's for {}",
                metric.file.path, metric.id
            ));
        }
        let mut unknown = BTreeSet::new();
        for value in values.values() {
            if areas.get(&value.area).is_none() {
                unknown.insert(value.area.to_string());
            }
        }
        for code in unknown {
            problems.push(format!(
                "{}: values for unknown area {code}",
                metric.file.path
            ));
        }
        problems.extend(
            scope_problems(metric, &values, areas)
                .into_iter()
                .map(|problem| format!("{}: {problem}", metric.file.path)),
        );
        if let Some(latest) = &metric.latest_file {
            check_latest_file(dir, metric, latest, &values, problems);
        }
    }
}

/// A latest-period file must hold exactly the whole file's values for the latest period.
fn check_latest_file(
    dir: &Path,
    metric: &MetricMeta,
    latest: &FileEntry,
    whole: &MetricValues,
    problems: &mut Vec<String>,
) {
    let Ok(bytes) = fs::read(dir.join(&latest.path)) else {
        return;
    };
    let values = match parse_metric_values(&bytes) {
        Ok(values) => values,
        Err(error) => {
            problems.push(format!("{}: {error}", latest.path));
            return;
        }
    };
    if values.metric != metric.id {
        problems.push(format!(
            "{}: says it holds {:?}, but the manifest lists it for {:?}",
            latest.path, values.metric, metric.id
        ));
    }
    let in_whole: Vec<&MetricValue> = whole.for_period(metric.latest_period).collect();
    let in_latest: Vec<&MetricValue> = values.values().iter().collect();
    if in_latest != in_whole {
        problems.push(format!(
            "{}: does not hold exactly the values of {} for {} ({} values, where {} has {})",
            latest.path,
            metric.id,
            metric.latest_period,
            in_latest.len(),
            metric.file.path,
            in_whole.len()
        ));
    }
}

/// Files in the folder that the manifest does not list (hidden files are ignored).
fn unlisted_files(dir: &Path, manifest: &Manifest, problems: &mut Vec<String>) {
    let listed: BTreeSet<String> = manifest
        .all_files()
        .iter()
        .map(|f| f.path.clone())
        .chain(std::iter::once("manifest.json".to_owned()))
        .collect();
    let mut found = Vec::new();
    walk(dir, "", &mut found);
    found.sort();
    for path in found {
        if !listed.contains(&path) {
            problems.push(format!("{path}: in the folder but not in the manifest"));
        }
    }
}

fn walk(dir: &Path, prefix: &str, found: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = format!("{prefix}{name}");
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&entry.path(), &format!("{path}/"), found);
        } else {
            found.push(path);
        }
    }
}
