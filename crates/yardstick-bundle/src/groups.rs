//! `peer-groups.json`: published groups of similar areas (DfE, ONS).

use std::collections::BTreeSet;

use yardstick_stats::AreaCode;

use crate::error::{BundleError, Document};
use crate::manifest::{Source, source_from_wire, source_to_wire};
use crate::validate::{Problems, TextLimit, check_version, first_unsorted, from_json};
use crate::vocabulary::Closeness;
use crate::wire::{NeighbourWire, PeerGroupMemberWire, PeerGroupWire, PeerGroupsWire};

/// A ranked neighbour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    /// The neighbouring area.
    pub area: AreaCode,
    /// The publisher's closeness band, where given.
    pub closeness: Option<Closeness>,
}

/// One area's published neighbours, closest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerGroupMember {
    /// The area.
    pub area: AreaCode,
    /// Its neighbours, rank 1 first.
    pub neighbours: Vec<Neighbour>,
}

/// A published set of neighbour lists, such as DfE statistical neighbours 2025.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerGroup {
    /// URL-safe id.
    pub id: String,
    /// Title for display.
    pub title: String,
    /// How the publisher chose the neighbours.
    pub description: String,
    /// Where the lists come from.
    pub source: Source,
    /// One entry per area, sorted by code.
    pub members: Vec<PeerGroupMember>,
    /// The ids of the manifest's themes the publisher built the group for (DfE's statistical
    /// neighbours: children's services and education), without repeats; empty for a group
    /// built for no service in particular (ONS similar areas) and in bundles before 1.2.
    /// A reader offering the group for a metric of another theme should say so.
    pub built_for: Vec<String>,
}

impl PeerGroup {
    /// The published neighbours of an area.
    pub fn neighbours_of(&self, area: &AreaCode) -> Option<&[Neighbour]> {
        self.members
            .binary_search_by(|member| member.area.cmp(area))
            .ok()
            .and_then(|index| self.members.get(index))
            .map(|member| member.neighbours.as_slice())
    }

    /// Whether the publisher built the group for another service than `theme`'s: false for a
    /// general-purpose group (no `built_for`) and for a group built for `theme`.
    pub fn built_for_another_theme(&self, theme: &str) -> bool {
        !self.built_for.is_empty() && !self.built_for.iter().any(|t| t == theme)
    }
}

/// All published peer groups of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeerGroups {
    /// The groups, in display order.
    pub groups: Vec<PeerGroup>,
}

impl PeerGroups {
    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&PeerGroup> {
        self.groups.iter().find(|group| group.id == id)
    }
}

/// Reads and validates `peer-groups.json`: unique group ids, members sorted by area, no area
/// its own neighbour, no neighbour listed twice.
pub fn parse_peer_groups(bytes: &[u8]) -> Result<PeerGroups, BundleError> {
    check_version(bytes, Document::PeerGroups)?;
    let wire: PeerGroupsWire = from_json(bytes, Document::PeerGroups)?;
    let mut problems = Problems::default();
    let mut ids = BTreeSet::new();
    let groups = wire
        .groups
        .iter()
        .filter_map(|group| {
            let at = format!("group {:?}", group.id);
            problems.slug(&at, &group.id);
            if !ids.insert(group.id.as_str()) {
                problems.push(format!("{at} appears more than once"));
            }
            let members: Vec<PeerGroupMember> = group
                .members
                .iter()
                .map(|member| member_from_wire(&mut problems, &at, member))
                .collect();
            if let Some((index, _)) =
                first_unsorted(&members.iter().map(|m| &m.area).collect::<Vec<_>>())
            {
                problems.push(format!(
                    "{at}: member {} is out of order or repeats an area",
                    index + 1
                ));
            }
            problems.text(&at, "title", &group.title, TextLimit::Title);
            problems.text(&at, "description", &group.description, TextLimit::Prose);
            let mut themes = BTreeSet::new();
            for theme in &group.built_for {
                problems.slug(&format!("{at} built_for"), theme);
                if !themes.insert(theme.as_str()) {
                    problems.push(format!("{at}: built_for names {theme:?} twice"));
                }
            }
            Some(PeerGroup {
                id: group.id.clone(),
                title: group.title.clone(),
                description: group.description.clone(),
                source: source_from_wire(&mut problems, &at, &group.source)?,
                members,
                built_for: group.built_for.clone(),
            })
        })
        .collect();
    problems.finish(Document::PeerGroups)?;
    Ok(PeerGroups { groups })
}

fn member_from_wire(
    problems: &mut Problems,
    at: &str,
    wire: &PeerGroupMemberWire,
) -> PeerGroupMember {
    let at = format!("{at} member {:?}", wire.area);
    let area = problems.area_code(&at, &wire.area);
    let mut seen = BTreeSet::new();
    let neighbours = wire
        .neighbours
        .iter()
        .map(|neighbour| {
            let code = problems.area_code(&at, &neighbour.area);
            if code == area {
                problems.push(format!("{at} is its own neighbour"));
            }
            if !seen.insert(code.clone()) {
                problems.push(format!("{at} lists neighbour {code} twice"));
            }
            Neighbour {
                area: code,
                closeness: neighbour.closeness,
            }
        })
        .collect();
    PeerGroupMember { area, neighbours }
}

pub(crate) fn group_to_wire(group: &PeerGroup) -> PeerGroupWire {
    PeerGroupWire {
        id: group.id.clone(),
        title: group.title.clone(),
        description: group.description.clone(),
        source: source_to_wire(&group.source),
        built_for: group.built_for.clone(),
        members: group
            .members
            .iter()
            .map(|member| PeerGroupMemberWire {
                area: member.area.to_string(),
                neighbours: member
                    .neighbours
                    .iter()
                    .map(|n| NeighbourWire {
                        area: n.area.to_string(),
                        closeness: n.closeness,
                    })
                    .collect(),
            })
            .collect(),
    }
}
