//! Choosing a council: a combobox (the WAI-ARIA pattern, as GOV.UK's accessible autocomplete)
//! that matches councils' names and GSS codes.
//!
//! The focus stays in the text box; ↓ and ↑ move an active option, which is highlighted and
//! named to assistive technology through `aria-activedescendant`. ↓ from the text goes to the
//! first option and stops at the last; ↑ goes back one, and from the first option back to the
//! text. Enter chooses the active option; with none active it chooses only a match the text
//! names exactly (a whole name or code) or the only match, never a guess among several.
//! Escape closes the list and keeps the text; leaving the box (Tab) closes it too. After a
//! choice, and when a page opens with a council chosen, the box holds the council's name.
//!
//! Only councils are offered: areas of the types the bundle's measures are published for
//! ([`council_types`]). Regions, nations and combined authorities are in a bundle as
//! aggregates, and no measure compares them.

use std::sync::Arc;
use yardstick_stats::sort_with;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use yardstick_bundle::{Area, Areas, Manifest};

use crate::state::{BundleIndex, Navigation};

/// How many matches are listed at once.
const MAX_MATCHES: usize = 8;

/// One council in the list.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    /// GSS code.
    code: String,
    /// The name the box shows once it is chosen.
    name: String,
    /// The name as listed, saying when the council no longer exists.
    label: String,
}

/// What the text in the box finds.
#[derive(Debug, Clone, PartialEq, Default)]
struct Matches {
    /// The text searched for, trimmed.
    query: String,
    /// The best matches, at most [`MAX_MATCHES`].
    listed: Vec<Choice>,
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
                .map(|area| Choice {
                    code: area.code.to_string(),
                    name: area.name.clone(),
                    label: option_label(area),
                })
                .collect(),
        }
    }

    /// The listed option Enter chooses: the active one; with none active, the first when the
    /// text names it exactly or it is the only match.
    fn enter_choice(&self, active: Option<usize>) -> Option<&Choice> {
        match active {
            Some(i) => self.listed.get(i),
            None if self.exact || self.total == 1 => self.listed.first(),
            None => None,
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
}

/// Where ↓ (`down`) or ↑ moves the active option among `count` listed: ↓ from the text to
/// the first option, stopping at the last; ↑ back one, and from the first to the text.
fn step(active: Option<usize>, count: usize, down: bool) -> Option<usize> {
    match (active, down) {
        _ if count == 0 => None,
        (None, true) => Some(0),
        (Some(i), true) => Some((i + 1).min(count - 1)),
        (None | Some(0), false) => None,
        (Some(i), false) => Some((i - 1).min(count - 1)),
    }
}

/// The area types that are councils in this bundle: every type a measure is published for,
/// in the manifest's order, once each.
pub fn council_types(manifest: &Manifest) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for area_type in manifest.metrics.iter().flat_map(|m| m.all_area_types()) {
        if !types.contains(area_type) {
            types.push(area_type.clone());
        }
    }
    types
}

/// The council combobox: a text box, its list of matches and a count read aloud.
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
    // What the reader has typed since the last choice; `None` shows the chosen council's
    // name, so the box also follows back, forward and links elsewhere in the widget.
    let typed = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let text = {
        let index = Arc::clone(&index);
        move || {
            typed.get().unwrap_or_else(|| {
                nav.with(|s| s.area.as_deref().and_then(|code| index.area(code)))
                    .map(|area| area.name.clone())
                    .unwrap_or_default()
            })
        }
    };
    let matches = Memo::new(move |_| match (open.get(), typed.get()) {
        (true, Some(query)) => Matches::find(&index.areas, &types, &query),
        _ => Matches::default(),
    });
    let close = move || {
        open.set(false);
        active.set(None);
    };
    let choose = move |choice: Choice| {
        nav.choose(|selection| selection.area = Some(choice.code));
        typed.set(None);
        close();
    };
    let input_id = format!("{id_prefix}area-search");
    let hint_id = format!("{id_prefix}area-hint");
    let list_id = format!("{id_prefix}area-matches");
    let option_prefix = format!("{list_id}-");
    let press_prefix = option_prefix.clone();
    let active_code = move || {
        let i = active.get()?;
        matches.with(|m| m.listed.get(i).map(|c| c.code.clone()))
    };
    let expanded = move || matches.with(|m| !m.listed.is_empty());
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        key @ ("ArrowDown" | "ArrowUp") => {
            ev.prevent_default();
            open.set(true);
            let count = matches.with_untracked(|m| m.listed.len());
            active.update(|a| *a = step(*a, count, key == "ArrowDown"));
        }
        "Enter" => {
            ev.prevent_default();
            let choice =
                matches.with_untracked(|m| m.enter_choice(active.get_untracked()).cloned());
            if let Some(choice) = choice {
                choose(choice);
            }
        }
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    view! {
        <div class="ys-field ys-picker">
            <label class="ys-field__label" for=input_id.clone()>"Council"</label>
            <span class="ys-field__hint" id=hint_id.clone()>
                "Search by name or GSS code, for example Trafford or E08000009"
                <span class="ys-visually-hidden">
                    ". Use the up and down arrow keys to move through the matches and Enter to choose one."
                </span>
            </span>
            <input
                id=input_id
                class="ys-input"
                type="text"
                role="combobox"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                aria-autocomplete="list"
                aria-describedby=hint_id
                aria-controls=list_id.clone()
                aria-expanded=move || if expanded() { "true" } else { "false" }
                aria-activedescendant={
                    let option_prefix = option_prefix.clone();
                    move || active_code().map(|code| format!("{option_prefix}{code}"))
                }
                prop:value=text
                on:input=move |ev| {
                    typed.set(Some(event_target_value(&ev)));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_keydown
                on:blur=move |_| close()
            />
            <p class="ys-picker__status" aria-live="polite">{move || matches.with(Matches::status)}</p>
            // One handler for every option, on the list. A press keeps the focus in the box
            // (moving it would close the list first); the click, on release, chooses.
            <ul
                class="ys-picker__results"
                id=list_id
                role="listbox"
                aria-label="Matching councils"
                hidden=move || !expanded()
                on:mousedown=|ev| ev.prevent_default()
                on:click={
                    move |ev| {
                        let code = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|e| e.closest("[role=option]").ok().flatten())
                            .map(|option| option.id());
                        let choice = code.and_then(|id| {
                            let code = id.strip_prefix(press_prefix.as_str())?;
                            matches.with_untracked(|m| {
                                m.listed.iter().find(|c| c.code == code).cloned()
                            })
                        });
                        if let Some(choice) = choice {
                            choose(choice);
                        }
                    }
                }
            >
                // Redrawn in place as the active option moves: the same elements, new attributes.
                {move || {
                    let active = active.get();
                    matches.with(|m| {
                        m.listed
                            .iter()
                            .enumerate()
                            .map(|(i, choice)| {
                                let selected = if active == Some(i) { "true" } else { "false" };
                                view! {
                                    <li
                                        id=format!("{option_prefix}{}", choice.code)
                                        class="ys-picker__option"
                                        role="option"
                                        aria-selected=selected
                                    >
                                        {choice.label.clone()}
                                        " "
                                        <span class="ys-picker__code">{choice.code.clone()}</span>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                }}
            </ul>
        </div>
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

/// Lower case, `&` read as "and", punctuation as spaces, runs of spaces as one.
fn normalise(text: &str) -> String {
    let spaced: String = text
        .to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{Matches, council_types, normalise, search, step};
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

    #[test]
    fn the_arrows_move_from_the_text_through_the_options_and_back() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), Some(2), "↓ stops at the last");
        assert_eq!(step(Some(2), 3, false), Some(1));
        assert_eq!(
            step(Some(0), 3, false),
            None,
            "↑ from the first goes to the text"
        );
        assert_eq!(step(None, 3, false), None);
        assert_eq!(step(None, 0, true), None, "nothing to move to");
        assert_eq!(step(Some(5), 2, false), Some(1), "a list that shrank");
    }

    fn find(query: &str) -> Matches {
        Matches::find(&areas(), &councils(), query)
    }

    fn chosen(query: &str, active: Option<usize>) -> Option<String> {
        find(query).enter_choice(active).map(|c| c.name.clone())
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
        assert_eq!(first.name, "Allerdale");
    }
}
