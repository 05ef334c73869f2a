//! Writing domain types back as bundle documents, byte for byte the same every time.
//!
//! The manifest is pretty-printed JSON. The other documents put one record per line, so a
//! diff between two builds shows exactly which values changed. Struct fields keep their
//! declared order and numbers print in their shortest round-trip form, so equal inputs give
//! equal bytes.

use serde::Serialize;

use crate::areas::{Areas, area_to_wire};
use crate::context::{ContextTable, context_to_wire_parts};
use crate::groups::{PeerGroups, group_to_wire};
use crate::manifest::{Manifest, MetricMeta, catalogue_to_wire, manifest_to_wire};
use crate::maps::{MapShapes, map_to_wire_parts};
use crate::values::{MetricValues, value_to_wire};
use crate::version::CURRENT_VERSION;
use crate::wire::{
    AreasWire, ContextVariableWire, ContextWire, MetricValuesWire, PeerGroupWire, PeerGroupsWire,
};

/// `manifest.json` as bytes: pretty-printed, ending in a newline.
pub fn encode_manifest(manifest: &Manifest) -> Vec<u8> {
    let mut bytes = to_json_pretty(&manifest_to_wire(manifest));
    bytes.push(b'\n');
    bytes
}

/// A map file as bytes (since 1.3), one council's outline per line.
pub fn encode_map(shapes: &MapShapes) -> Vec<u8> {
    let (head, areas) = map_to_wire_parts(shapes);
    let lines = areas.iter().map(to_json);
    with_lines(&to_json(&head), lines, "]}\n")
}

/// A part of the catalogue (schema 2.0) holding `metrics`, one metric per line.
pub fn encode_catalogue(metrics: &[MetricMeta]) -> Vec<u8> {
    let wire = catalogue_to_wire(metrics);
    let head = to_json(&crate::wire::CatalogueWire {
        metrics: Vec::new(),
        ..wire.clone()
    });
    with_lines(&head, wire.metrics.iter().map(to_json), "]}\n")
}

/// `areas.json` as bytes, one area per line.
pub fn encode_areas(areas: &Areas) -> Vec<u8> {
    let head = AreasWire {
        schema_version: CURRENT_VERSION.to_string(),
        areas: Vec::new(),
    };
    let lines = areas.iter().map(|area| to_json(&area_to_wire(area)));
    with_lines(&to_json(&head), lines, "]}\n")
}

/// A metric's values file as bytes, one value per line.
pub fn encode_metric_values(values: &MetricValues) -> Vec<u8> {
    let head = MetricValuesWire {
        schema_version: CURRENT_VERSION.to_string(),
        metric: values.metric.clone(),
        values: Vec::new(),
    };
    let lines = values.values().iter().map(|v| to_json(&value_to_wire(v)));
    with_lines(&to_json(&head), lines, "]}\n")
}

/// `context.json` as bytes, one variable and then one area per line.
pub fn encode_context(table: &ContextTable) -> Vec<u8> {
    let (variables, rows) = context_to_wire_parts(table);
    let head = ContextWire {
        schema_version: CURRENT_VERSION.to_string(),
        variables: Vec::new(),
        rows: Vec::new(),
    };
    // `{"schema_version":"1.0","variables":[],"rows":[]}`: open the first list, close it, open the second.
    let head = to_json(&head);
    let head = head.strip_suffix("[],\"rows\":[]}").unwrap_or(&head);
    let variable_lines = variables.iter().map(|v: &ContextVariableWire| to_json(v));
    let mut bytes = with_lines(head, variable_lines, "],\"rows\":[");
    let row_lines: Vec<String> = rows.iter().map(to_json).collect();
    if !row_lines.is_empty() {
        bytes.push(b'\n');
        bytes.extend_from_slice(row_lines.join(",\n").as_bytes());
    }
    bytes.extend_from_slice(b"\n]}\n");
    bytes
}

/// `peer-groups.json` as bytes: each group opens on its own line, then one member per line.
pub fn encode_peer_groups(groups: &PeerGroups) -> Vec<u8> {
    let head = to_json(&PeerGroupsWire {
        schema_version: CURRENT_VERSION.to_string(),
        groups: Vec::new(),
    });
    let group_texts: Vec<String> = groups
        .groups
        .iter()
        .map(|group| {
            let wire = group_to_wire(group);
            let empty = PeerGroupWire {
                members: Vec::new(),
                ..wire.clone()
            };
            let lines = wire.members.iter().map(to_json);
            let text = with_lines(&to_json(&empty), lines, "]}");
            String::from_utf8_lossy(&text).into_owned()
        })
        .collect();
    with_lines(&head, group_texts.into_iter(), "]}\n")
}

/// Replaces the final `[]}` of `head` (its last, empty list) by the lines, one per line.
fn with_lines(head: &str, lines: impl Iterator<Item = String>, close: &str) -> Vec<u8> {
    let open = head.strip_suffix("[]}").unwrap_or(head);
    let open = if open.ends_with('[') {
        open.to_owned()
    } else {
        format!("{open}[")
    };
    let body: Vec<String> = lines.collect();
    let mut text = open;
    if !body.is_empty() {
        text.push('\n');
        text.push_str(&body.join(",\n"));
    }
    text.push('\n');
    text.push_str(close);
    text.into_bytes()
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs (strings, integers, finite floats) cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn to_json_pretty<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_default()
}
