//! Choosing a measure: the widget's combobox ([`super::combobox`]) over the measures' titles,
//! short titles, search words (a 2.0 bundle's index keeps the description's distinctive
//! words; a 1.x bundle's whole description) and themes, with every measure a button away,
//! grouped by theme. It reads only the manifest's index of measures, so it needs none of the
//! catalogue's parts.
//!
//! A measure the chosen council has no figure for (its tier does not provide the service, or
//! its nation is not covered) is marked so in its option's words, and listed after those with
//! figures.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::{Area, Manifest, MeasureEntry, not_compared};
use yardstick_present::words;

use super::combobox::{Choice, Combobox, Group, Listing, Words, normalise};
use crate::state::{BundleIndex, Navigation};

/// How many matches are listed at once.
const MAX_MATCHES: usize = 10;

/// How well a measure's words match a query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    /// The title or short title starts with the words typed, as typed.
    TitleStart = 0,
    /// The words typed, as typed, start a word of the title or short title.
    TitlePhrase = 1,
    /// Every word typed starts a word of the title or short title, in any order.
    TitleWords = 2,
    /// Every word typed starts a word of the titles, the search words or the theme's title.
    Anywhere = 3,
}

/// Measures that match `query`, best first: by [`Rank`] (a title that starts with the words
/// typed, then one that holds them as a phrase, then one that holds every word, then a match
/// that needs the search words or the theme's title too); within each, measures with a figure
/// before those without (`no_figure`); then in the bundle's order. Case and accents do not
/// matter. With hundreds of measures a word such as "absence" is in dozens of titles; the
/// phrase ranks put the titles about it before those that merely mention it.
pub fn search<'a>(
    manifest: &'a Manifest,
    query: &str,
    no_figure: impl Fn(&MeasureEntry) -> bool,
) -> Vec<&'a MeasureEntry> {
    let wanted = normalise(query);
    let words: Vec<&str> = wanted.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let phrase = words.join(" ");
    let holds_all = |text: &str| {
        let have: Vec<&str> = text.split(' ').collect();
        words
            .iter()
            .all(|w| have.iter().any(|word| word.starts_with(w)))
    };
    let phrase_at_a_word =
        |text: &str| text.starts_with(&phrase) || text.contains(&format!(" {phrase}"));
    // Eight places in order (each rank with a figure, then without), each in the bundle's
    // order: no sort needed.
    let mut found: [Vec<&MeasureEntry>; 8] = Default::default();
    for entry in &manifest.measures {
        let title = normalise(&entry.title);
        let short = normalise(&entry.short_title);
        let rank = if title.starts_with(&phrase) || short.starts_with(&phrase) {
            Rank::TitleStart
        } else if phrase_at_a_word(&title) || phrase_at_a_word(&short) {
            Rank::TitlePhrase
        } else if holds_all(&format!("{title} {short}")) {
            Rank::TitleWords
        } else {
            let theme = manifest
                .theme(&entry.theme)
                .map_or("", |t| t.title.as_str());
            let anywhere = normalise(&format!(
                "{} {} {} {theme}",
                entry.title, entry.short_title, entry.search
            ));
            if !holds_all(&anywhere) {
                continue;
            }
            Rank::Anywhere
        };
        if let Some(list) = found.get_mut(rank as usize * 2 + usize::from(no_figure(entry))) {
            list.push(entry);
        }
    }
    found.concat()
}

/// The list for `query`: the best [`MAX_MATCHES`] with the count read aloud; Enter alone
/// chooses the first when the text is its whole title or short title, or it is the only match.
fn matches(
    manifest: &Manifest,
    query: &str,
    no_figure_for: impl Fn(&MeasureEntry) -> Option<String>,
) -> Listing {
    let found = search(manifest, query, |entry| no_figure_for(entry).is_some());
    let wanted = normalise(query);
    let named = found.len() == 1
        || found.first().is_some_and(|entry| {
            normalise(&entry.title) == wanted || normalise(&entry.short_title) == wanted
        });
    let listed: Vec<Choice> = found
        .iter()
        .take(MAX_MATCHES)
        .map(|entry| choice(entry, no_figure_for(entry)))
        .collect();
    let status = match found.len() {
        0 => format!("No measure matches “{}”.", query.trim()),
        1 => "1 measure matches.".to_owned(),
        n if n > listed.len() => {
            format!("{n} measures match; the first {} are listed.", listed.len())
        }
        n => format!("{n} measures match."),
    };
    Listing::flat(listed, status, named)
}

/// Every measure, under its theme's title, in the bundle's order.
fn every_measure(
    manifest: &Manifest,
    no_figure_for: impl Fn(&MeasureEntry) -> Option<String>,
) -> Listing {
    let groups: Vec<Group> = manifest
        .themes
        .iter()
        .map(|theme| Group {
            title: Some(theme.title.clone()),
            options: manifest
                .measures
                .iter()
                .filter(|m| m.theme == theme.id)
                .map(|entry| choice(entry, no_figure_for(entry)))
                .collect(),
        })
        .filter(|group| !group.options.is_empty())
        .collect();
    Listing {
        status: format!("{} measures, grouped by theme.", manifest.measures.len()),
        groups,
        first_is_named: false,
    }
}

/// A measure's option: its title, marked when the chosen council has no figure for it.
fn choice(entry: &MeasureEntry, no_figure_for: Option<String>) -> Choice {
    Choice {
        key: entry.id.clone(),
        label: words::measure_choice(&entry.title, no_figure_for.as_deref()),
        detail: None,
    }
}

/// The measure combobox.
#[component]
pub fn MetricPicker(
    /// The loaded bundle.
    index: Arc<BundleIndex>,
    /// The reader's selection.
    nav: Navigation,
    /// The metric on screen (the default when the selection names none).
    #[prop(into)]
    current: Signal<String>,
    /// The chosen council, if any.
    #[prop(into)]
    area: Signal<Option<Area>>,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let chosen = {
        let index = Arc::clone(&index);
        Signal::derive(move || {
            current.with(|id| {
                index
                    .manifest
                    .measure(id)
                    .map(|entry| entry.title.clone())
                    .unwrap_or_default()
            })
        })
    };
    // The chosen council's name when it has no figure for a measure.
    let no_figure_for = {
        let index = Arc::clone(&index);
        move |entry: &MeasureEntry| {
            area.with(|area| {
                area.as_ref()
                    .filter(|a| not_compared(entry, a, &index.areas).is_some())
                    .map(|a| a.name.clone())
            })
        }
    };
    let search = {
        let index = Arc::clone(&index);
        let no_figure_for = no_figure_for.clone();
        Callback::new(move |query: String| matches(&index.manifest, &query, &no_figure_for))
    };
    let browse = Callback::new(move |()| every_measure(&index.manifest, &no_figure_for));
    let choose = Callback::new(move |id: String| {
        nav.choose(|selection| {
            selection.metric = Some(id);
            // A period belongs to one metric's series; start the new one at its latest.
            selection.period = None;
        });
    });
    view! {
        <Combobox
            id=format!("{id_prefix}metric")
            words=Words {
                label: "Measure",
                hint: "Search by name or theme, for example recycling",
                list: "Measures",
                show_all: Some("Show all measures"),
            }
            chosen=chosen
            search=search
            browse=browse
            choose=choose
        />
    }
}

#[cfg(test)]
mod tests {
    use super::{every_measure, matches, search};
    use yardstick_bundle::{Manifest, MeasureEntry, parse_manifest};

    /// The demo bundle's manifest: its index of measures (titles, search words, themes) is
    /// what readers search.
    fn manifest() -> Manifest {
        parse_manifest(include_bytes!("../../public/data/demo/manifest.json"))
            .expect("the demo manifest parses")
    }

    fn check(query: &str, no_figure: &[&str], expected: &[&str]) {
        let manifest = manifest();
        let found: Vec<&str> = search(&manifest, query, |m: &MeasureEntry| {
            no_figure.contains(&m.id.as_str())
        })
        .into_iter()
        .map(|m| m.id.as_str())
        .collect();
        assert_eq!(found, expected, "searching {query:?}");
    }

    /// The first matches of `query` (with every measure's figure) are `expected`: with
    /// hundreds of measures, what matters is which come first.
    fn check_first(query: &str, expected: &[&str]) {
        let manifest = manifest();
        let found: Vec<&str> = search(&manifest, query, |_| false)
            .into_iter()
            .map(|m| m.id.as_str())
            .collect();
        assert!(
            found.len() >= expected.len(),
            "searching {query:?}: {found:?}"
        );
        assert_eq!(&found[..expected.len()], expected, "searching {query:?}");
    }

    #[test]
    fn a_word_finds_titles_and_short_titles_by_the_start_of_their_words() {
        // "absence" starts a word of dozens of titles (DfE's absence measures); the three
        // titles that hold it as the phrase "absences" at a word's start come first, in the
        // bundle's order, before "Total absence ..." and the rest.
        let absences = [
            "persistent-absences-for-all-pupils",
            "persistent-absences-for-pupils-eligible-for-free-school-meals",
            "persistent-absences-for-pupils-looked-after-by-local-authorities",
        ];
        check_first("absence", &absences);
        check_first("ABSENCES", &absences);
        check(
            "recycling",
            &[],
            &[
                "household-waste-recycling-rate",
                "recycling-contamination-rate",
            ],
        );
        check("bsence", &[], &[]);
    }

    #[test]
    fn every_word_must_match_in_any_order() {
        check("male life", &[], &["healthy-life-expectancy-male"]);
        check(
            "life healthy",
            &[],
            // The description of the good level of development speaks of "healthy
            // development" and "the best start in life", but those words are not among the
            // search words the index keeps for it, so it is no longer found.
            &[
                "healthy-life-expectancy-female",
                "healthy-life-expectancy-male",
            ],
        );
        check("absence recycling", &[], &[]);
    }

    #[test]
    fn title_matches_come_before_description_and_theme_matches() {
        // "Waste" is the theme of three measures; two say so in their titles, and the third
        // ("Collected recycling rejected as contaminated") only in its theme or description.
        let manifest = manifest();
        let found: Vec<&str> = search(&manifest, "waste", |_| false)
            .into_iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(
            &found[..2],
            ["household-waste-recycling-rate", "residual-household-waste"]
        );
        assert!(found.contains(&"recycling-contamination-rate"), "{found:?}");
        // A theme's title alone finds its measures.
        check("council finance", &[], &["council-tax-band-d"]);
    }

    #[test]
    fn accents_case_and_punctuation_do_not_matter() {
        check_first("GCSÉs", &["gcses-in-english-and-maths"]);
        let manifest = manifest();
        let found: Vec<&str> = search(&manifest, "children's looked", |_| false)
            .into_iter()
            .map(|m| m.id.as_str())
            .collect();
        assert!(found.contains(&"children-looked-after-rate"), "{found:?}");
    }

    #[test]
    fn measures_without_a_figure_come_after_those_with_one_in_each_rank() {
        // Residual waste is "not reused, recycled or composted" in its description only.
        check(
            "recycl",
            &["recycling-contamination-rate"],
            &[
                "household-waste-recycling-rate",
                "recycling-contamination-rate",
                "residual-household-waste",
            ],
        );
        check(
            "recycl",
            &["residual-household-waste", "household-waste-recycling-rate"],
            &[
                "recycling-contamination-rate",
                "household-waste-recycling-rate",
                "residual-household-waste",
            ],
        );
    }

    #[test]
    fn the_list_is_marked_counted_and_cut_to_ten() {
        let manifest = manifest();
        let none = |m: &MeasureEntry| {
            (m.id == "household-waste-recycling-rate").then(|| "Kent".to_owned())
        };
        let listing = matches(&manifest, "recycling", none);
        let labels: Vec<&str> = listing.options().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Collected recycling rejected as contaminated",
                "Household waste sent for reuse, recycling or composting (no figure for Kent)",
            ]
        );
        assert_eq!(listing.status, "2 measures match.");
        assert!(!listing.first_is_named, "two matches and no whole title");

        let many = matches(&manifest, "the", |_| None);
        let total = search(&manifest, "the", |_| false).len();
        assert!(total > 10, "{total}");
        assert_eq!(many.len(), 10);
        assert_eq!(
            many.status,
            format!("{total} measures match; the first 10 are listed.")
        );

        assert_eq!(
            matches(&manifest, " zzz ", |_| None).status,
            "No measure matches “zzz”."
        );
        let one = matches(&manifest, "claimant", |_| None);
        assert_eq!(
            (one.status.as_str(), one.first_is_named),
            ("1 measure matches.", true)
        );
        let named = matches(&manifest, "Recycling rate", |_| None);
        assert!(named.first_is_named, "a whole short title");
    }

    #[test]
    fn every_measure_is_listed_under_its_theme() {
        let manifest = manifest();
        let listing = every_measure(&manifest, |_| None);
        assert_eq!(listing.len(), manifest.measures.len());
        assert_eq!(
            listing.status,
            format!("{} measures, grouped by theme.", manifest.measures.len())
        );
        for group in &listing.groups {
            let title = group.title.as_deref().expect("every group has a heading");
            let theme = manifest
                .themes
                .iter()
                .find(|t| t.title == title)
                .expect("a theme of the bundle");
            for option in &group.options {
                let meta = manifest
                    .measure(&option.key)
                    .expect("a measure of the bundle");
                assert_eq!(meta.theme, theme.id, "{} under {title}", meta.id);
            }
        }
    }
}
