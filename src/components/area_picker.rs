//! Choosing a council: a search box that matches names and GSS codes, with the matches as a
//! plain list of buttons (reachable by Tab, read by every screen reader, no custom popup).

use std::sync::Arc;
use yardstick_stats::sort_with;

use leptos::prelude::*;
use yardstick_bundle::{Area, Areas};

use crate::state::{BundleIndex, Navigation};

/// How many matches are listed at once.
const MAX_MATCHES: usize = 8;

/// The council search box and its matches.
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
    let query = RwSignal::new(String::new());
    let matches = {
        let index = Arc::clone(&index);
        Memo::new(move |_| {
            query.with(|q| {
                search(&index.areas, q, MAX_MATCHES)
                    .into_iter()
                    .map(|area| (area.code.to_string(), option_label(area)))
                    .collect::<Vec<_>>()
            })
        })
    };
    let choose = move |code: String| {
        nav.choose(|selection| selection.area = Some(code));
        query.set(String::new());
    };
    let status = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return String::new();
        }
        match matches.with(Vec::len) {
            0 => format!("No council matches “{}”.", q.trim()),
            1 => "1 council matches.".to_owned(),
            n if n == MAX_MATCHES => format!("The first {n} matches are shown."),
            n => format!("{n} councils match."),
        }
    };
    let input_id = format!("{id_prefix}area-search");
    let hint_id = format!("{id_prefix}area-hint");
    let list_id = format!("{id_prefix}area-matches");
    view! {
        <div class="ys-field ys-picker">
            <label class="ys-field__label" for=input_id.clone()>"Council"</label>
            <span class="ys-field__hint" id=hint_id.clone()>
                "Search by name or GSS code, for example Trafford or E08000009"
            </span>
            <input
                id=input_id
                class="ys-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=hint_id
                aria-controls=list_id.clone()
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        if let Some((code, _)) = matches.with_untracked(|m| m.first().cloned()) {
                            choose(code);
                        }
                    }
                }
            />
            <p class="ys-picker__status" aria-live="polite">{status}</p>
            <ul class="ys-picker__results" id=list_id>
                <For
                    each=move || matches.get()
                    key=|(code, _)| code.clone()
                    children=move |(code, label)| {
                        let shown = code.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="ys-picker__option"
                                    on:click=move |_| choose(code.clone())
                                >
                                    {label}
                                    <span class="ys-picker__code">{shown}</span>
                                </button>
                            </li>
                        }
                    }
                />
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

/// Councils whose name or GSS code matches `query`, best first: exact names, then names and
/// codes that start with it, then names with a word that starts with it, then names that
/// contain it; current councils before former ones; then by name and code.
pub fn search<'a>(areas: &'a Areas, query: &str, limit: usize) -> Vec<&'a Area> {
    let wanted = normalise(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, &Area)> = areas
        .iter()
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
    scored
        .into_iter()
        .take(limit)
        .map(|(_, area)| area)
        .collect()
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
    use super::{normalise, search};
    use yardstick_bundle::parse_areas;

    const AREAS: &str = r#"{"schema_version":"1.0","areas":[
{"code":"E06000063","name":"Cumberland","type":"UA","start":"2023-04-01","predecessors":["E07000026"]},
{"code":"E07000026","name":"Allerdale","type":"NMD","end":"2023-03-31","successors":["E06000063"]},
{"code":"E07000117","name":"Burnley","type":"NMD"},
{"code":"E08000002","name":"Bury","type":"MD"},
{"code":"E08000009","name":"Trafford","type":"MD"},
{"code":"E09000002","name":"Barking and Dagenham","type":"LBO"},
{"code":"E09000020","name":"Kensington and Chelsea","type":"LBO"}
]}"#;

    fn check(query: &str, expected: &[&str]) {
        let areas = parse_areas(AREAS.as_bytes()).expect("fixture parses");
        let found: Vec<&str> = search(&areas, query, 8)
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
}
