//! Choosing a council: the widget's combobox ([`super::combobox`]) over councils' names and
//! GSS codes. Enter with no option active chooses only a match the text names exactly (a
//! whole name or code) or the only match.
//!
//! Only councils are offered: areas of the types the bundle's measures are published for
//! ([`council_types`]). Regions, nations and combined authorities are in a bundle as
//! aggregates, and no measure compares them.

use std::sync::Arc;
use yardstick_stats::sort_with;

use leptos::prelude::*;
use yardstick_bundle::{Area, Areas, Manifest, Scoped};

use super::combobox::{self, Combobox, Listing, Words, normalise};
use crate::state::{BundleIndex, Navigation};

/// How many matches are listed at once.
const MAX_MATCHES: usize = 8;

/// What the text in the box finds.
#[derive(Debug, Clone, Default)]
struct Matches {
    /// The text searched for, trimmed.
    query: String,
    /// The best matches, at most [`MAX_MATCHES`].
    listed: Vec<combobox::Choice>,
    /// How many councils match in all.
    total: usize,
    /// Whether the text is the first match's whole name or code.
    exact: bool,
}

impl Matches {
    /// Searches `areas` for councils of `types` that match `query`.
    fn find(areas: &Areas, types: &[String], query: &str) -> Self {
        let found = search(areas, types, query);
        let wanted = normalise(query);
        Self {
            query: query.trim().to_owned(),
            exact: found.first().is_some_and(|area| {
                normalise(&area.name) == wanted || area.code.as_str().to_lowercase() == wanted
            }),
            total: found.len(),
            listed: found
                .into_iter()
                .take(MAX_MATCHES)
                .map(|area| combobox::Choice {
                    key: area.code.to_string(),
                    label: option_label(area),
                    detail: Some(area.code.to_string()),
                })
                .collect(),
        }
    }

    /// What the live region says: how many councils match.
    fn status(&self) -> String {
        match self.total {
            _ if self.query.is_empty() => String::new(),
            0 => format!("No council matches “{}”.", self.query),
            1 => "1 council matches.".to_owned(),
            n if n > self.listed.len() => {
                format!(
                    "{n} councils match; the first {} are listed.",
                    self.listed.len()
                )
            }
            n => format!("{n} councils match."),
        }
    }

    /// The list the combobox shows: Enter alone chooses the first when the text names it or
    /// it is the only match.
    fn listing(self) -> Listing {
        let status = self.status();
        let named = self.exact || self.total == 1;
        Listing::flat(self.listed, status, named)
    }
}

/// The area types that are councils in this bundle: every type a measure is published for,
/// in the manifest's order, once each.
pub fn council_types(manifest: &Manifest) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for area_type in manifest.measures.iter().flat_map(Scoped::all_area_types) {
        if !types.contains(area_type) {
            types.push(area_type.clone());
        }
    }
    types
}

/// The council combobox.
#[component]
pub fn AreaPicker(
    /// The loaded bundle.
    index: Arc<BundleIndex>,
    /// The reader's selection.
    nav: Navigation,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let types = council_types(&index.manifest);
    // The box follows the selection, so back, forward and links elsewhere in the widget
    // change the name it shows.
    let chosen = {
        let index = Arc::clone(&index);
        Signal::derive(move || {
            nav.with(|s| s.area.as_deref().and_then(|code| index.area(code)))
                .map(|area| area.name.clone())
                .unwrap_or_default()
        })
    };
    let search =
        Callback::new(move |query: String| Matches::find(&index.areas, &types, &query).listing());
    let choose = Callback::new(move |code: String| {
        nav.choose(|selection| selection.area = Some(code));
    });
    view! {
        <Combobox
            id=format!("{id_prefix}area")
            words=Words {
                label: "Council",
                hint: "Search by name or GSS code, for example Trafford or E08000009",
                list: "Matching councils",
                show_all: None,
            }
            chosen=chosen
            search=search
            choose=choose
        />
    }
}

/// A council's name as listed, saying when it no longer exists.
fn option_label(area: &Area) -> String {
    match area.end {
        Some(end) => format!("{} (until {})", area.name, end.year()),
        None => area.name.clone(),
    }
}

/// Councils (areas of `types`) whose name or GSS code matches `query`, best first: exact
/// names, then names and codes that start with it, then names with a word that starts with
/// it, then names that contain it; current councils before former ones; then by name and code.
pub fn search<'a>(areas: &'a Areas, types: &[String], query: &str) -> Vec<&'a Area> {
    let wanted = normalise(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, &Area)> = areas
        .iter()
        .filter(|area| types.contains(&area.area_type))
        .filter_map(|area| {
            let name = normalise(&area.name);
            let code = area.code.as_str().to_lowercase();
            let score = if name == wanted || code == wanted {
                0
            } else if name.starts_with(&wanted) || code.starts_with(&wanted) {
                1
            } else if name.split(' ').any(|word| word.starts_with(&wanted)) {
                2
            } else if name.contains(&wanted) {
                3
            } else {
                return None;
            };
            Some((score, area))
        })
        .collect();
    sort_with(&mut scored, |(sa, a), (sb, b)| {
        sa.cmp(sb)
            .then_with(|| a.end.is_some().cmp(&b.end.is_some()))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
    });
    scored.into_iter().map(|(_, area)| area).collect()
}

#[cfg(test)]
mod tests {
    use super::{Matches, council_types, search};
    use crate::components::combobox::normalise;
    use yardstick_bundle::{Areas, parse_areas, parse_manifest};

    const AREAS: &str = r#"{"schema_version":"1.0","areas":[
{"code":"E06000063","name":"Cumberland","type":"UA","start":"2023-04-01","predecessors":["E07000026"]},
{"code":"E07000026","name":"Allerdale","type":"NMD","end":"2023-03-31","successors":["E06000063"]},
{"code":"E07000117","name":"Burnley","type":"NMD"},
{"code":"E08000002","name":"Bury","type":"MD"},
{"code":"E08000009","name":"Trafford","type":"MD"},
{"code":"E08000023","name":"South Tyneside","type":"MD"},
{"code":"E09000002","name":"Barking and Dagenham","type":"LBO"},
{"code":"E09000020","name":"Kensington and Chelsea","type":"LBO"},
{"code":"E09000028","name":"Southwark","type":"LBO"},
{"code":"E12000008","name":"South East","type":"RGN"},
{"code":"E47000002","name":"South Yorkshire Mayoral Combined Authority","type":"COMB"},
{"code":"E92000001","name":"England","type":"CTRY"}
]}"#;

    /// The council types of the fixture, as a bundle's measures would give them.
    fn councils() -> Vec<String> {
        ["NMD", "UA", "MD", "LBO"].map(String::from).to_vec()
    }

    fn areas() -> Areas {
        parse_areas(AREAS.as_bytes()).expect("fixture parses")
    }

    fn check(query: &str, expected: &[&str]) {
        let areas = areas();
        let found: Vec<&str> = search(&areas, &councils(), query)
            .into_iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(found, expected, "searching {query:?}");
    }

    #[test]
    fn names_match_by_start_then_word_then_anywhere() {
        check("bur", &["Burnley", "Bury"]);
        check("dag", &["Barking and Dagenham"]);
        check("chelsea", &["Kensington and Chelsea"]);
        check("rafford", &["Trafford"]);
    }

    #[test]
    fn codes_match_whole_or_by_prefix() {
        check("E08000009", &["Trafford"]);
        check("e0800000", &["Bury", "Trafford"]);
    }

    #[test]
    fn ampersands_and_case_do_not_matter() {
        check("BARKING & DAG", &["Barking and Dagenham"]);
        assert_eq!(normalise("  St. Helens  "), "st helens");
    }

    #[test]
    fn current_councils_come_before_former_ones() {
        check(
            "e0",
            &[
                "Barking and Dagenham",
                "Burnley",
                "Bury",
                "Cumberland",
                "Kensington and Chelsea",
                "South Tyneside",
                "Southwark",
                "Trafford",
                "Allerdale",
            ],
        );
    }

    #[test]
    fn an_empty_query_lists_nothing() {
        check("", &[]);
        check("  ", &[]);
        check("zzz", &[]);
    }

    // Regression: regions ("South East") were offered as if they were councils.
    #[test]
    fn regions_nations_and_combined_authorities_are_not_offered() {
        check("south", &["South Tyneside", "Southwark"]);
        check("E12000008", &[]);
        check("england", &[]);
    }

    #[test]
    fn the_demo_bundles_councils_are_the_types_its_measures_are_published_for() {
        let manifest = parse_manifest(include_bytes!("../../public/data/demo/manifest.json"))
            .expect("the demo manifest parses");
        let mut types = council_types(&manifest);
        types.sort();
        assert_eq!(
            types,
            ["CC", "CTY", "LBO", "MD", "NID", "NMD", "SCO", "UA", "WPA"]
        );
    }

    fn find(query: &str) -> Matches {
        Matches::find(&areas(), &councils(), query)
    }

    fn chosen(query: &str, active: Option<usize>) -> Option<String> {
        find(query)
            .listing()
            .enter_choice(active)
            .map(|c| c.label.clone())
    }

    #[test]
    fn enter_chooses_the_active_option_and_never_guesses_among_several() {
        assert_eq!(chosen("south", Some(1)).as_deref(), Some("Southwark"));
        assert_eq!(chosen("south", None), None, "two matches, none active");
        assert_eq!(
            chosen("bury", None).as_deref(),
            Some("Bury"),
            "the whole name"
        );
        assert_eq!(
            chosen("e08000009", None).as_deref(),
            Some("Trafford"),
            "the code"
        );
        assert_eq!(
            chosen("traf", None).as_deref(),
            Some("Trafford"),
            "the only match"
        );
        assert_eq!(chosen("zzz", None), None);
    }

    #[test]
    fn the_count_of_matches_is_said() {
        assert_eq!(find("south").status(), "2 councils match.");
        assert_eq!(find("traf").status(), "1 council matches.");
        assert_eq!(find(" zzz ").status(), "No council matches “zzz”.");
        assert_eq!(
            find("e0").status(),
            "9 councils match; the first 8 are listed."
        );
        assert_eq!(find("").status(), "");
    }

    #[test]
    fn a_former_council_is_listed_with_its_last_year_and_chosen_by_its_name() {
        let found = find("allerdale");
        let first = found.listed.first().expect("Allerdale matches");
        assert_eq!(first.label, "Allerdale (until 2023)");
        assert_eq!(
            first.key, "E07000026",
            "chosen by its code; the box then shows its name"
        );
    }
}
