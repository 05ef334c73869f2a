//! A measure as the manifest's index lists it (schema 2.0), and what decides who is compared
//! on it: a leaf module, shared by the manifest (which lists the entries) and the catalogue
//! (whose parts hold the rest of each measure's metadata).

use crate::subject::Subject;
use crate::validate::{Problems, TextLimit};
use crate::wire::MeasureWire;

/// One measure as the manifest's index lists it: enough to list, search and mark it in a
/// picker, and to know which part of the catalogue holds the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureEntry {
    /// The metric's id.
    pub id: String,
    /// Its full title.
    pub title: String,
    /// Its short title.
    pub short_title: String,
    /// The id of its theme.
    pub theme: String,
    /// Words a search also matches: a 2.0 builder writes the description's words not already
    /// in the titles; a 1.x manifest's entry holds the whole description.
    pub search: String,
    /// As the metric's `subject`.
    pub subject: Option<Subject>,
    /// As the metric's `area_types`: the types compared.
    pub area_types: Vec<String>,
    /// As the metric's `all_area_types`.
    pub all_area_types: Vec<String>,
    /// As the metric's `coverage`.
    pub coverage: Vec<String>,
    /// The index in the manifest's `catalogue` of the part holding its metadata; `None` in a
    /// 1.x manifest, which holds the metadata itself.
    pub part: Option<usize>,
}

/// What decides who is compared on a measure and why a council is not: the same fields on a
/// measure's index entry and on its whole metadata, so a picker can say "no figure for X"
/// before the metadata is fetched.
pub trait Scoped {
    /// A council service or a fact about the area (a service when the bundle does not say).
    fn subject(&self) -> Subject;
    /// The area types compared.
    fn compared_types(&self) -> &[String];
    /// Every area type the measure applies to in any nation.
    fn all_area_types(&self) -> &[String];
    /// The nations with figures; empty when unknown.
    fn coverage(&self) -> &[String];
    /// Whether councils of `nation` have figures (every nation when coverage is unknown).
    fn covers_nation(&self, nation: Option<&str>) -> bool {
        let coverage = self.coverage();
        coverage.is_empty() || nation.is_some_and(|nation| coverage.iter().any(|c| c == nation))
    }
}

impl Scoped for MeasureEntry {
    fn subject(&self) -> Subject {
        self.subject.unwrap_or(Subject::Service)
    }
    fn compared_types(&self) -> &[String] {
        &self.area_types
    }
    fn all_area_types(&self) -> &[String] {
        if self.all_area_types.is_empty() {
            &self.area_types
        } else {
            &self.all_area_types
        }
    }
    fn coverage(&self) -> &[String] {
        &self.coverage
    }
}

pub(crate) fn measure_from_wire(
    problems: &mut Problems,
    wire: &MeasureWire,
    parts: usize,
) -> MeasureEntry {
    let at = format!("measure {:?}", wire.id);
    problems.slug(&at, &wire.id);
    problems.not_blank(&format!("{at} title"), &wire.title);
    problems.not_blank(&format!("{at} short_title"), &wire.short_title);
    problems.text(&at, "title", &wire.title, TextLimit::Title);
    problems.text(&at, "short_title", &wire.short_title, TextLimit::Title);
    problems.text(&at, "search", &wire.search, TextLimit::Prose);
    if wire.area_types.is_empty() {
        problems.push(format!("{at}: area_types is empty"));
    }
    let part = usize::try_from(wire.part).unwrap_or(usize::MAX);
    if part >= parts {
        problems.push(format!(
            "{at}: part {} is not one of the catalogue's {parts} parts",
            wire.part
        ));
    }
    MeasureEntry {
        id: wire.id.clone(),
        title: wire.title.clone(),
        short_title: wire.short_title.clone(),
        theme: wire.theme.clone(),
        search: wire.search.clone(),
        subject: wire.subject,
        area_types: wire.area_types.clone(),
        all_area_types: wire.all_area_types.clone(),
        coverage: wire.coverage.clone(),
        part: Some(part),
    }
}

pub(crate) fn measure_to_wire(entry: &MeasureEntry) -> MeasureWire {
    MeasureWire {
        id: entry.id.clone(),
        title: entry.title.clone(),
        short_title: entry.short_title.clone(),
        theme: entry.theme.clone(),
        search: entry.search.clone(),
        subject: entry.subject,
        area_types: entry.area_types.clone(),
        all_area_types: entry.all_area_types.clone(),
        coverage: entry.coverage.clone(),
        part: entry
            .part
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(u32::MAX),
    }
}
