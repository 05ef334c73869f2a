//! `areas.json`: every area a bundle has values for, current and former.

use std::collections::BTreeSet;
use yardstick_stats::{set_of, sort_with};

use yardstick_stats::AreaCode;

use crate::date::Date;
use crate::error::{BundleError, Document};
use crate::validate::{Problems, TextLimit, check_version, first_unsorted, from_json};
use crate::wire::{AreaWire, AreasWire, PopulationWire};

/// One area: a council, or an aggregate such as England or a region.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// GSS code, the area's identity.
    pub code: AreaCode,
    /// Name for display ("Trafford").
    pub name: String,
    /// An id from the manifest's area types (`MD`).
    pub area_type: String,
    /// English region or nation name, where there is one.
    pub region: Option<String>,
    /// "England", "Wales", "Scotland" or "Northern Ireland".
    pub nation: Option<String>,
    /// The county council for a district in a two-tier area.
    pub parent: Option<AreaCode>,
    /// The combined authority the council belongs to, if any.
    pub combined_authority: Option<AreaCode>,
    /// First day in force, where known.
    pub start: Option<Date>,
    /// Last day in force; `None` while current.
    pub end: Option<Date>,
    /// Areas this one replaced (sorted).
    pub predecessors: Vec<AreaCode>,
    /// Areas that replaced this one (sorted).
    pub successors: Vec<AreaCode>,
    /// Older codes for exactly the same area (Barnsley's E08000016 before 2025), merged here.
    pub former_codes: Vec<AreaCode>,
    /// Resident population, where known.
    pub population: Option<Population>,
}

impl Area {
    /// Whether the area was still in force at the bundle's build (it has no end date).
    pub fn is_current(&self) -> bool {
        self.end.is_none()
    }
}

/// A population count and the year it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Population {
    /// People.
    pub value: u64,
    /// The year of the estimate (mid-year).
    pub year: u16,
}

/// The areas of a bundle, sorted by code, looked up by code or former code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Areas {
    areas: Vec<Area>,
}

impl Areas {
    /// Sorts the areas by code; fails with every problem if codes repeat or references dangle.
    pub fn new(mut areas: Vec<Area>) -> Result<Self, BundleError> {
        sort_with(&mut areas, |a, b| a.code.cmp(&b.code));
        let mut problems = Problems::default();
        check_areas(&mut problems, &areas);
        problems.finish(Document::Areas)?;
        Ok(Self { areas })
    }

    /// The area with this code (current code only).
    pub fn get(&self, code: &AreaCode) -> Option<&Area> {
        self.areas
            .binary_search_by(|area| area.code.cmp(code))
            .ok()
            .and_then(|index| self.areas.get(index))
    }

    /// The area with this code, or whose former code it is.
    pub fn resolve(&self, code: &AreaCode) -> Option<&Area> {
        self.get(code).or_else(|| {
            self.areas
                .iter()
                .find(|area| area.former_codes.contains(code))
        })
    }

    /// All areas, sorted by code.
    pub fn iter(&self) -> std::slice::Iter<'_, Area> {
        self.areas.iter()
    }

    /// How many areas there are.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The areas as a slice, sorted by code.
    pub fn as_slice(&self) -> &[Area] {
        &self.areas
    }
}

fn check_areas(problems: &mut Problems, areas: &[Area]) {
    let codes: BTreeSet<&AreaCode> = set_of(areas.iter().map(|area| &area.code));
    if codes.len() != areas.len() {
        let mut seen = BTreeSet::new();
        for area in areas {
            if !seen.insert(&area.code) {
                problems.push(format!("area {} appears more than once", area.code));
            }
        }
    }
    let mut former = BTreeSet::new();
    for area in areas {
        let at = format!("area {}", area.code);
        problems.not_blank(&format!("{at} name"), &area.name);
        problems.not_blank(&format!("{at} type"), &area.area_type);
        problems.text(&at, "name", &area.name, TextLimit::Name);
        problems.text(&at, "type", &area.area_type, TextLimit::Name);
        for (what, text) in [("region", &area.region), ("nation", &area.nation)] {
            if let Some(text) = text {
                problems.text(&at, what, text, TextLimit::Name);
            }
        }
        let references = area
            .parent
            .iter()
            .chain(&area.combined_authority)
            .chain(&area.predecessors)
            .chain(&area.successors);
        for reference in references {
            if !codes.contains(reference) {
                problems.push(format!("{at} refers to unknown area {reference}"));
            }
            if reference == &area.code {
                problems.push(format!("{at} refers to itself"));
            }
        }
        for code in &area.former_codes {
            if codes.contains(code) || !former.insert(code) {
                problems.push(format!(
                    "{at}: former code {code} is also an area or another area's former code"
                ));
            }
        }
        if let (Some(start), Some(end)) = (area.start, area.end)
            && end < start
        {
            problems.push(format!("{at} ends ({end}) before it starts ({start})"));
        }
    }
}

/// Reads and validates `areas.json`: codes sorted and unique, references to known areas.
pub fn parse_areas(bytes: &[u8]) -> Result<Areas, BundleError> {
    check_version(bytes, Document::Areas)?;
    let wire: AreasWire = from_json(bytes, Document::Areas)?;
    let mut problems = Problems::default();
    let areas: Vec<Area> = wire
        .areas
        .iter()
        .map(|area| area_from_wire(&mut problems, area))
        .collect();
    if let Some((index, _)) = first_unsorted(&areas.iter().map(|a| &a.code).collect::<Vec<_>>()) {
        problems.push(format!(
            "areas are not sorted by code without repeats (at {})",
            areas.get(index).map(|a| a.code.as_str()).unwrap_or("")
        ));
    }
    check_areas(&mut problems, &areas);
    problems.finish(Document::Areas)?;
    Ok(Areas { areas })
}

fn area_from_wire(problems: &mut Problems, wire: &AreaWire) -> Area {
    let at = format!("area {:?}", wire.code);
    let mut codes = |what: &str, list: &[String]| -> Vec<AreaCode> {
        let codes: Vec<AreaCode> = list
            .iter()
            .map(|code| problems.area_code(&format!("{at} {what}"), code))
            .collect();
        if first_unsorted(&codes).is_some() {
            problems.push(format!("{at}: {what} are not sorted without repeats"));
        }
        codes
    };
    let predecessors = codes("predecessors", &wire.predecessors);
    let successors = codes("successors", &wire.successors);
    let former_codes = codes("former_codes", &wire.former_codes);
    Area {
        code: problems.area_code(&at, &wire.code),
        name: wire.name.clone(),
        area_type: wire.area_type.clone(),
        region: wire.region.clone(),
        nation: wire.nation.clone(),
        parent: wire
            .parent
            .as_ref()
            .map(|code| problems.area_code(&format!("{at} parent"), code)),
        combined_authority: wire
            .combined_authority
            .as_ref()
            .map(|code| problems.area_code(&format!("{at} combined_authority"), code)),
        start: problems.optional_date(&format!("{at} start"), wire.start.as_deref()),
        end: problems.optional_date(&format!("{at} end"), wire.end.as_deref()),
        predecessors,
        successors,
        former_codes,
        population: wire.population.as_ref().map(|p| Population {
            value: p.value,
            year: p.year,
        }),
    }
}

pub(crate) fn area_to_wire(area: &Area) -> AreaWire {
    let strings = |codes: &[AreaCode]| codes.iter().map(ToString::to_string).collect();
    AreaWire {
        code: area.code.to_string(),
        name: area.name.clone(),
        area_type: area.area_type.clone(),
        region: area.region.clone(),
        nation: area.nation.clone(),
        parent: area.parent.as_ref().map(ToString::to_string),
        combined_authority: area.combined_authority.as_ref().map(ToString::to_string),
        start: area.start.map(|d| d.to_string()),
        end: area.end.map(|d| d.to_string()),
        predecessors: strings(&area.predecessors),
        successors: strings(&area.successors),
        former_codes: strings(&area.former_codes),
        population: area.population.map(|p| PopulationWire {
            value: p.value,
            year: p.year,
        }),
    }
}
