//! Maps (since 1.3): the outlines of a tier's councils, drawn once by the builder as SVG path
//! data in a fixed projected frame, and the manifest's `maps` entries that say which area
//! types each map covers. A reader never computes geometry: it draws the paths as given.

use std::collections::BTreeSet;

use yardstick_stats::AreaCode;

use crate::error::{BundleError, Document};
use crate::validate::{
    Problems, TextLimit, check_version, first_unsorted, from_json, is_bundle_path,
};
use crate::wire::{MapAreaWire, MapMetaWire, MapWire};

/// The longest path data one council may have, in bytes. The demo's largest (Highland,
/// with its islands) is a few kilobytes; this only stops a hostile file filling a page.
pub const MAX_PATH_BYTES: usize = 100_000;

/// The largest width or height of a map's frame, in its own units.
pub const MAX_FRAME: u32 = 100_000;

/// A map the bundle offers, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapMeta {
    /// URL-safe id (`lower`), also the file's name: `maps/<id>.json`.
    pub id: String,
    /// What it shows ("Districts, unitary authorities, metropolitan districts and London boroughs").
    pub title: String,
    /// The area types whose councils it outlines.
    pub area_types: Vec<String>,
    /// The map file, which `files` lists with its size and hash.
    pub path: String,
    /// Lines that must be shown with the map (the boundaries' copyright).
    pub attribution: Vec<String>,
}

impl MapMeta {
    /// Whether this map outlines every council of `area_types`.
    pub fn covers(&self, area_types: &[String]) -> bool {
        !area_types.is_empty() && area_types.iter().all(|t| self.area_types.contains(t))
    }
}

/// A map file: the frame and every council's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapShapes {
    /// The map's id, as the manifest names it.
    pub map: String,
    /// The frame, `0 0 width height` in the paths' units (north up).
    pub width: u32,
    pub height: u32,
    /// Every council's outline, sorted by code.
    pub areas: Vec<MapArea>,
}

/// One council's outline: SVG path data of absolute moves (`M`), relative lines (`l`) and
/// closes (`z`), integers only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapArea {
    pub area: AreaCode,
    pub path: String,
}

impl MapShapes {
    /// The outline of `code`, if the map has one.
    pub fn outline(&self, code: &AreaCode) -> Option<&str> {
        self.areas
            .binary_search_by(|a| a.area.cmp(code))
            .ok()
            .and_then(|index| self.areas.get(index))
            .map(|a| a.path.as_str())
    }
}

/// Whether `path` is path data of the restricted form a map file uses: it starts with a move,
/// holds only `M`, `l`, `z`, digits, minus signs, spaces and commas, and ends with a close.
pub fn is_outline(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= MAX_PATH_BYTES
        && path.starts_with('M')
        && path.ends_with('z')
        && path
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'M' | b'l' | b'z' | b'-' | b' ' | b','))
}

/// Reads and validates a map file: a slug id, a frame within [`MAX_FRAME`], areas sorted by
/// code without repeats, and outlines of the restricted form ([`is_outline`]).
pub fn parse_map(bytes: &[u8]) -> Result<MapShapes, BundleError> {
    check_version(bytes, Document::Map)?;
    let wire: MapWire = from_json(bytes, Document::Map)?;
    let mut problems = Problems::default();
    problems.slug("map", &wire.map);
    for (name, size) in [("width", wire.width), ("height", wire.height)] {
        if size == 0 || size > MAX_FRAME {
            problems.push(format!("{name} {size} is not between 1 and {MAX_FRAME}"));
        }
    }
    let areas: Vec<MapArea> = wire
        .areas
        .iter()
        .map(|a| {
            let at = format!("area {:?}", a.area);
            let area = problems.area_code(&at, &a.area);
            if !is_outline(&a.path) {
                problems.push(format!(
                    "{at}: the path is not an outline of moves, relative lines and closes \
                     ({} bytes; at most {MAX_PATH_BYTES})",
                    a.path.len()
                ));
            }
            MapArea {
                area,
                path: a.path.clone(),
            }
        })
        .collect();
    if let Some((index, _)) = first_unsorted(&areas.iter().map(|a| &a.area).collect::<Vec<_>>()) {
        problems.push(format!(
            "areas are not sorted by code without repeats (at area {})",
            index + 1
        ));
    }
    problems.finish(Document::Map)?;
    Ok(MapShapes {
        map: wire.map,
        width: wire.width,
        height: wire.height,
        areas,
    })
}

/// The manifest's maps, validated: unique slug ids, known area types, a path `maps/<id>.json`
/// that `files` lists, and attribution lines within the limits.
pub(crate) fn maps_from_wire(
    problems: &mut Problems,
    wire: &[MapMetaWire],
    area_types: &BTreeSet<&str>,
    files: &BTreeSet<&str>,
) -> Vec<MapMeta> {
    let mut ids = BTreeSet::new();
    wire.iter()
        .map(|map| {
            let at = format!("map {:?}", map.id);
            problems.slug(&at, &map.id);
            if !ids.insert(map.id.as_str()) {
                problems.push(format!("{at} appears more than once"));
            }
            problems.not_blank(&at, &map.title);
            problems.text(&at, "title", &map.title, TextLimit::Title);
            if map.area_types.is_empty() {
                problems.push(format!("{at} names no area types"));
            }
            for area_type in &map.area_types {
                if !area_types.contains(area_type.as_str()) {
                    problems.push(format!("{at} names an unknown area type {area_type:?}"));
                }
            }
            let expected = format!("maps/{}.json", map.id);
            if map.path != expected || !is_bundle_path(&map.path) {
                problems.push(format!("{at}: its path must be {expected:?}"));
            } else if !files.contains(map.path.as_str()) {
                problems.push(format!("{at}: files does not list {:?}", map.path));
            }
            for line in &map.attribution {
                problems.text(&at, "attribution line", line, TextLimit::Prose);
            }
            MapMeta {
                id: map.id.clone(),
                title: map.title.clone(),
                area_types: map.area_types.clone(),
                path: map.path.clone(),
                attribution: map.attribution.clone(),
            }
        })
        .collect()
}

pub(crate) fn map_meta_to_wire(map: &MapMeta) -> MapMetaWire {
    MapMetaWire {
        id: map.id.clone(),
        title: map.title.clone(),
        area_types: map.area_types.clone(),
        path: map.path.clone(),
        attribution: map.attribution.clone(),
    }
}

pub(crate) fn map_to_wire_parts(shapes: &MapShapes) -> (MapWire, Vec<MapAreaWire>) {
    (
        MapWire {
            schema_version: crate::version::CURRENT_VERSION.to_string(),
            map: shapes.map.clone(),
            width: shapes.width,
            height: shapes.height,
            areas: Vec::new(),
        },
        shapes
            .areas
            .iter()
            .map(|a| MapAreaWire {
                area: a.area.to_string(),
                path: a.path.clone(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::encode_map;

    fn check(path: &str, expected: bool) {
        assert_eq!(is_outline(path), expected, "{path:?}");
    }

    #[test]
    fn outlines_are_moves_lines_and_closes_only() {
        check("M0 0l10 0 0 10-10 0z", true);
        check("M0 0l10 0 0 10-10 0zM20 20l1 1-2 0z", true);
        check("", false);
        check("l1 1z", false);
        check("M0 0l10 0 0 10", false);
        check("M0 0c1 1 2 2 3 3z", false);
        check("M0 0l1e3 0z", false);
        check("M0 0l1 1z\"/><script>", false);
    }

    #[test]
    fn a_map_file_reads_back_as_written() {
        let shapes = MapShapes {
            map: "lower".to_owned(),
            width: 100,
            height: 200,
            areas: vec![
                MapArea {
                    area: AreaCode::new("E06000001"),
                    path: "M0 0l10 0 0 10z".to_owned(),
                },
                MapArea {
                    area: AreaCode::new("E08000009"),
                    path: "M5 5l1 0 0 1z".to_owned(),
                },
            ],
        };
        let bytes = encode_map(&shapes);
        assert_eq!(parse_map(&bytes).ok(), Some(shapes.clone()));
        assert_eq!(
            shapes.outline(&AreaCode::new("E08000009")),
            Some("M5 5l1 0 0 1z")
        );
        assert_eq!(shapes.outline(&AreaCode::new("E08000010")), None);
    }

    #[test]
    fn unsorted_areas_and_foreign_paths_are_refused() {
        let text = r#"{"schema_version":"1.3","map":"lower","width":10,"height":10,"areas":[
{"area":"E2","path":"M0 0l1 1z"},
{"area":"E1","path":"M0 0C1 1z"}]}"#;
        let error = parse_map(text.as_bytes()).err().map(|e| e.to_string());
        let error = error.unwrap_or_default();
        assert!(error.contains("not sorted"), "{error}");
        assert!(error.contains("area \"E1\": the path"), "{error}");
    }
}
