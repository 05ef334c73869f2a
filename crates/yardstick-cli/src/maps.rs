//! Maps: councils' boundaries from a layer of a TopoJSON file, turned once, at build time,
//! into the SVG path data a bundle's map file holds, so that the widget only draws.
//!
//! The steps, in order:
//! 1. decode the file's arcs (delta-encoded integers under a quantising transform) into
//!    longitude and latitude;
//! 2. project every point onto a transverse Mercator plane on a sphere of radius 6,371 km,
//!    central meridian 2° W and origin 49° N (the British National Grid's, without its
//!    ellipsoid, scale factor or false origin: at the scale of a page the difference is
//!    invisible), in metres, north up;
//! 3. simplify each **arc** (a stretch of border, shared by the two areas on either side of
//!    it) with Douglas-Peucker at the map's `tolerance_m`, keeping its end points, so that
//!    neighbours' borders are simplified once and stay joined;
//! 4. snap the points to a grid of `grid_m` metres (integers; the frame's top left corner is
//!    0 0), drop repeated points and rings left with fewer than three;
//! 5. write each council's rings as `M x y l dx dy … z`.
//!
//! A council of the map's area types without a boundary in the layer is reported, as is a
//! council whose every ring vanished at the tolerance (it is then drawn from its unsimplified
//! arcs, snapped to the grid).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use yardstick_bundle::{AreaCode, Areas, MapArea, MapMeta, MapShapes};

use crate::config::MapConfig;
use crate::report::Report;

/// The radius of the sphere the projection uses, in metres.
const RADIUS_M: f64 = 6_371_000.0;
/// The projection's central meridian and latitude of origin, in degrees.
const CENTRAL_MERIDIAN: f64 = -2.0;
const ORIGIN_LATITUDE: f64 = 49.0;

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<Vec<f64>>>,
    transform: Option<Transform>,
    objects: BTreeMap<String, Layer>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Layer {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
        #[serde(default)]
        properties: BTreeMap<String, serde_json::Value>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        #[serde(default)]
        properties: BTreeMap<String, serde_json::Value>,
    },
    #[serde(other)]
    Other,
}

/// A point on the projected plane, in metres east and north.
type Point = (f64, f64);

/// Projects longitude and latitude (degrees) onto the plane: spherical transverse Mercator.
pub fn project(longitude: f64, latitude: f64) -> Point {
    let (lambda, phi) = (
        (longitude - CENTRAL_MERIDIAN).to_radians(),
        latitude.to_radians(),
    );
    let b = phi.cos() * lambda.sin();
    let x = 0.5 * RADIUS_M * ((1.0 + b) / (1.0 - b)).ln();
    let y = RADIUS_M * (phi.tan().atan2(lambda.cos()) - ORIGIN_LATITUDE.to_radians());
    (x, y)
}

/// The distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// Douglas-Peucker simplification of an open line (Douglas and Peucker, 1973): keeps both
/// ends and every point farther than `tolerance` from the line through the points kept on
/// either side of it.
pub fn simplify(points: &[Point], tolerance: f64) -> Vec<Point> {
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    let last_index = points.len() - 1;
    let mut stack = vec![(0, first, last_index, last)];
    while let Some((from, a, to, b)) = stack.pop() {
        let farthest = points
            .iter()
            .enumerate()
            .take(to)
            .skip(from + 1)
            .map(|(i, p)| (i, *p, distance_to_segment(*p, a, b)))
            .fold(
                None,
                |best: Option<(usize, Point, f64)>, candidate| match best {
                    Some(b) if b.2 >= candidate.2 => Some(b),
                    _ => Some(candidate),
                },
            );
        if let Some((index, point, distance)) = farthest
            && distance > tolerance
        {
            if let Some(k) = keep.get_mut(index) {
                *k = true;
            }
            stack.push((from, a, index, point));
            stack.push((index, point, to, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .enumerate()
        .filter_map(|(i, (p, k))| (k || i == 0 || i == last_index).then_some(*p))
        .collect()
}

/// Simplifies one arc: an arc that closes on itself (an island drawn as one arc) is split at
/// its point farthest from the start, so that it cannot collapse to its end points alone.
fn simplify_arc(points: &[Point], tolerance: f64) -> Vec<Point> {
    let closed = points.len() > 3 && points.first() == points.last();
    let Some(&start) = points.first().filter(|_| closed) else {
        return simplify(points, tolerance);
    };
    let far = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, distance_to_segment(*p, start, start)))
        .fold((0, 0.0), |best, c| if c.1 > best.1 { c } else { best })
        .0;
    let (Some(head), Some(tail)) = (points.get(..=far), points.get(far..)) else {
        return simplify(points, tolerance);
    };
    let mut first = simplify(head, tolerance);
    first.extend(simplify(tail, tolerance).into_iter().skip(1));
    first
}

/// The arcs of a topology as projected points.
fn decode_arcs(topology: &Topology) -> Vec<Vec<Point>> {
    topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut qx, mut qy) = (0.0, 0.0);
            arc.iter()
                .filter_map(|position| {
                    let (&x, &y) = (position.first()?, position.get(1)?);
                    Some(match &topology.transform {
                        Some(t) => {
                            qx += x;
                            qy += y;
                            project(
                                qx * t.scale[0] + t.translate[0],
                                qy * t.scale[1] + t.translate[1],
                            )
                        }
                        None => project(x, y),
                    })
                })
                .collect()
        })
        .collect()
}

/// A layer's polygons by area code: each a list of rings, each ring a list of arc indexes.
type Rings = Vec<Vec<i64>>;

fn polygons_by_code(layer: &Layer, code_property: &str) -> BTreeMap<String, Vec<Rings>> {
    let mut by_code = BTreeMap::new();
    for geometry in &layer.geometries {
        let (polygons, properties) = match geometry {
            Geometry::Polygon { arcs, properties } => (vec![arcs.clone()], properties),
            Geometry::MultiPolygon { arcs, properties } => (arcs.clone(), properties),
            Geometry::Other => continue,
        };
        if let Some(code) = properties.get(code_property).and_then(|v| v.as_str()) {
            by_code.insert(code.to_owned(), polygons);
        }
    }
    by_code
}

/// One ring from its arcs (a negative index `!i` is arc `i` reversed), each arc after the
/// first without its first point, which is the previous arc's last.
fn ring_points(ring: &[i64], arcs: &[Vec<Point>]) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::new();
    for &index in ring {
        let (arc, reversed) = if index >= 0 {
            (usize::try_from(index).ok(), false)
        } else {
            (usize::try_from(!index).ok(), true)
        };
        let Some(arc) = arc.and_then(|i| arcs.get(i)) else {
            continue;
        };
        let mut stretch = arc.clone();
        if reversed {
            stretch.reverse();
        }
        let skip = usize::from(!points.is_empty());
        points.extend(stretch.into_iter().skip(skip));
    }
    points
}

/// The frame: the projected bounds of the drawn points, snapped to the grid.
struct Frame {
    west: f64,
    north: f64,
    grid: f64,
}

impl Frame {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "rounded grid positions within the map's frame, far inside i64"
    )]
    fn snap(&self, (x, y): Point) -> (i64, i64) {
        (
            ((x - self.west) / self.grid).round() as i64,
            ((self.north - y) / self.grid).round() as i64,
        )
    }
}

/// A ring on the grid, without repeated points or its closing point; `None` when fewer than
/// three points are left.
fn snapped_ring(points: &[Point], frame: &Frame) -> Option<Vec<(i64, i64)>> {
    let mut snapped: Vec<(i64, i64)> = Vec::with_capacity(points.len());
    for &point in points {
        let p = frame.snap(point);
        if snapped.last() != Some(&p) {
            snapped.push(p);
        }
    }
    while snapped.len() > 1 && snapped.first() == snapped.last() {
        snapped.pop();
    }
    (snapped.len() >= 3).then_some(snapped)
}

/// Writes rings as path data: an absolute move, relative lines, a close.
pub fn path_data(rings: &[Vec<(i64, i64)>]) -> String {
    let mut out = String::new();
    for ring in rings {
        let Some(&(x0, y0)) = ring.first() else {
            continue;
        };
        out.push_str(&format!("M{x0} {y0}l"));
        let mut previous = (x0, y0);
        let mut first = true;
        for &(x, y) in ring.iter().skip(1) {
            for delta in [x - previous.0, y - previous.1] {
                // A minus sign separates numbers by itself.
                if !first && delta >= 0 {
                    out.push(' ');
                }
                out.push_str(&delta.to_string());
                first = false;
            }
            previous = (x, y);
        }
        out.push('z');
    }
    out
}

/// Builds one map for the bundle's councils of the map's area types, noting in the report
/// every council without a boundary.
pub fn build(
    config: &MapConfig,
    base: &Path,
    areas: &Areas,
    report: &mut Report,
) -> Result<(MapMeta, MapShapes)> {
    let at = format!("map {}", config.id);
    let file = base.join(&config.boundaries);
    let bytes =
        std::fs::read(&file).with_context(|| format!("{at}: cannot read {}", file.display()))?;
    let topology: Topology = serde_json::from_slice(&bytes)
        .with_context(|| format!("{at}: {} is not TopoJSON", file.display()))?;
    let layer = topology
        .objects
        .get(&config.layer)
        .with_context(|| format!("{at}: {} has no layer {:?}", file.display(), config.layer))?;
    let by_code = polygons_by_code(layer, &config.code_property);
    let raw = decode_arcs(&topology);
    let simplified: Vec<Vec<Point>> = raw
        .iter()
        .map(|arc| simplify_arc(arc, config.tolerance_m))
        .collect();

    // Each council of the map's types, with its polygons (under its code or a former code).
    let mut chosen: Vec<(AreaCode, &Vec<Rings>)> = Vec::new();
    for area in areas.iter() {
        if !config.area_types.contains(&area.area_type) {
            continue;
        }
        let found = std::iter::once(&area.code)
            .chain(&area.former_codes)
            .find_map(|code| by_code.get(code.as_str()));
        match found {
            Some(polygons) => chosen.push((area.code.clone(), polygons)),
            None => report.note(format!(
                "{at}: {} {} ({}) has no boundary in layer {:?} of {}; it is not drawn",
                area.code,
                area.name,
                area.area_type,
                config.layer,
                config.boundaries.display()
            )),
        }
    }

    // The frame holds every point drawn.
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (_, polygons) in &chosen {
        for ring in polygons.iter().flatten() {
            for (x, y) in ring_points(ring, &raw) {
                west = west.min(x);
                east = east.max(x);
                south = south.min(y);
                north = north.max(y);
            }
        }
    }
    anyhow::ensure!(
        west < east && south < north,
        "{at}: no council has a boundary"
    );
    let frame = Frame {
        west,
        north,
        grid: config.grid_m,
    };
    let (width, height) = frame.snap((east, south));
    let mut shapes = Vec::new();
    for (code, polygons) in chosen {
        let rings_from = |arcs: &[Vec<Point>]| -> Vec<Vec<(i64, i64)>> {
            polygons
                .iter()
                .flatten()
                .filter_map(|ring| snapped_ring(&ring_points(ring, arcs), &frame))
                .collect()
        };
        let mut rings = rings_from(&simplified);
        if rings.is_empty() {
            report.note(format!(
                "{at}: {code}'s outline vanished at {} m and is drawn unsimplified",
                config.tolerance_m
            ));
            rings = rings_from(&raw);
        }
        shapes.push(MapArea {
            area: code,
            path: path_data(&rings),
        });
    }
    let meta = MapMeta {
        id: config.id.clone(),
        title: config.title.clone(),
        area_types: config.area_types.clone(),
        path: format!("maps/{}.json", config.id),
        attribution: config.attribution.clone(),
    };
    let shapes = MapShapes {
        map: config.id.clone(),
        width: u32::try_from(width.max(1) + 1).unwrap_or(u32::MAX),
        height: u32::try_from(height.max(1) + 1).unwrap_or(u32::MAX),
        areas: shapes,
    };
    Ok((meta, shapes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_puts_its_origin_at_zero_and_north_up() {
        let (x, y) = project(-2.0, 49.0);
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6);
        // One degree of latitude on the central meridian is 111.2 km on this sphere
        // (2 pi 6371 km / 360).
        let (_, north) = project(-2.0, 50.0);
        assert!((north - 111_194.9).abs() < 1.0, "{north}");
        // East is positive x: Greenwich at 51.48 N lies about 139 km east of 2 W
        // (2 degrees of longitude times cos 51.48, on the same sphere).
        let (east, _) = project(0.0, 51.48);
        assert!((east - 138_450.0).abs() < 500.0, "{east}");
    }

    #[test]
    fn douglas_peucker_keeps_ends_and_far_points_only() {
        let line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)];
        assert_eq!(
            simplify(&line, 1.0),
            vec![(0.0, 0.0), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
        );
        assert_eq!(simplify(&line, 10.0), vec![(0.0, 0.0), (4.0, 0.0)]);
    }

    #[test]
    fn a_closed_arc_keeps_its_far_side() {
        let island = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ];
        let kept = simplify_arc(&island, 100.0);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert!(kept.contains(&(10.0, 10.0)));
    }

    #[test]
    fn paths_are_relative_and_separated_by_minus_signs() {
        let rings = vec![vec![(10, 20), (15, 20), (15, 12), (10, 12)]];
        assert_eq!(path_data(&rings), "M10 20l5 0 0-8-5 0z");
    }

    /// Two squares side by side sharing one arc, for councils A and B; council C has no
    /// boundary and must be reported, not silently left off.
    #[test]
    fn a_council_without_a_boundary_is_reported_and_neighbours_share_their_border() {
        let dir = std::env::temp_dir().join(format!("yardstick-maps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let topo = r#"{"type":"Topology","arcs":[
            [[0,0],[0,1]],
            [[0,1],[-1,1],[-1,0],[0,0]],
            [[0,0],[1,0],[1,1],[0,1]]],
          "objects":{"councils":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0,1]],"properties":{"code":"E06000001"}},
            {"type":"Polygon","arcs":[[2,-1]],"properties":{"code":"E06000002"}}]}}}"#;
        std::fs::write(dir.join("b.topo.json"), topo).unwrap_or_default();
        let areas = yardstick_bundle::parse_areas(
            br#"{"schema_version":"1.3","areas":[
{"code":"E06000001","name":"A","type":"UA"},
{"code":"E06000002","name":"B","type":"UA"},
{"code":"E06000003","name":"C","type":"UA"}
]}"#,
        )
        .ok();
        let config = MapConfig {
            id: "test".to_owned(),
            title: "Test".to_owned(),
            boundaries: "b.topo.json".into(),
            layer: "councils".to_owned(),
            code_property: "code".to_owned(),
            area_types: vec!["UA".to_owned()],
            tolerance_m: 1.0,
            grid_m: 1000.0,
            attribution: Vec::new(),
        };
        let mut report = Report::new(&dir);
        let built = areas.map(|areas| build(&config, &dir, &areas, &mut report));
        let _ = std::fs::remove_dir_all(&dir);
        let Some(Ok((meta, shapes))) = built else {
            panic!("the map was not built");
        };
        assert_eq!(meta.path, "maps/test.json");
        let codes: Vec<&str> = shapes.areas.iter().map(|a| a.area.as_str()).collect();
        assert_eq!(codes, ["E06000001", "E06000002"]);
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains("E06000003 C (UA) has no boundary")),
            "{:?}",
            report.notes
        );
        // Both outlines pass the reader's check.
        assert!(
            shapes
                .areas
                .iter()
                .all(|a| yardstick_bundle::is_outline(&a.path))
        );
    }

    #[test]
    fn shared_arcs_join_after_reversal() {
        // Two squares sharing the arc from (1,0) to (1,1): the second walks it backwards.
        let arcs = vec![
            vec![(1.0, 0.0), (1.0, 1.0)],
            vec![(1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0)],
            vec![(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0)],
        ];
        assert_eq!(
            ring_points(&[0, 1], &arcs),
            vec![(1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0)]
        );
        assert_eq!(
            ring_points(&[2, !0], &arcs),
            vec![(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
        );
    }
}
