//! The one searchable combobox of the widget (the WAI-ARIA combobox pattern with a list
//! autocomplete, as GOV.UK's accessible autocomplete), used by the council search and the
//! measure picker; each supplies its own search, words and choice.
//!
//! The focus stays in the text box; ↓ and ↑ move an active option, which is highlighted and
//! named to assistive technology through `aria-activedescendant`. ↓ from the text goes to the
//! first option and stops at the last; ↑ goes back one, and from the first option back to the
//! text. With nothing typed, ↓ (or the button beside the box, where a picker offers one)
//! lists every choice. Enter chooses the active option; with none active it chooses the first
//! only when the search says so (a match the text names exactly, or the only match), never a
//! guess among several. Escape closes the list and keeps the text; leaving the box (Tab)
//! closes it too. After a choice the box shows the chosen name, and follows the selection as
//! it changes elsewhere (back, forward, links). The count of matches is read aloud.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One option of the list.
#[derive(Debug, Clone)]
pub struct Choice {
    /// What choosing it selects (a GSS code, a measure's id); also the end of its element id.
    pub key: String,
    /// Its words in the list.
    pub label: String,
    /// Words shown after the label in a quieter style (a council's GSS code), if any.
    pub detail: Option<String>,
}

/// Options under one heading; a flat list is one group without a title.
#[derive(Debug, Clone)]
pub struct Group {
    /// The heading, announced as the group's name.
    pub title: Option<String>,
    /// Its options, in order.
    pub options: Vec<Choice>,
}

/// What the list shows for the text in the box, and what is read aloud about it.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The options, in groups.
    pub groups: Vec<Group>,
    /// The sentence the live region says (how many match).
    pub status: String,
    /// Whether Enter with no option active chooses the first: the text names it exactly or
    /// it is the only match.
    pub first_is_named: bool,
}

impl Listing {
    /// A flat list of `options`.
    pub fn flat(options: Vec<Choice>, status: String, first_is_named: bool) -> Self {
        Self {
            groups: vec![Group {
                title: None,
                options,
            }],
            status,
            first_is_named,
        }
    }

    /// Every option, in the order the arrows move through them.
    pub fn options(&self) -> impl Iterator<Item = &Choice> {
        self.groups.iter().flat_map(|g| g.options.iter())
    }

    /// How many options are listed.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.options.len()).sum()
    }

    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The option Enter chooses: the active one; with none active, the first when the search
    /// says the text names it.
    pub fn enter_choice(&self, active: Option<usize>) -> Option<&Choice> {
        match active {
            Some(i) => self.options().nth(i),
            None if self.first_is_named => self.options().next(),
            None => None,
        }
    }
}

/// Where ↓ (`down`) or ↑ moves the active option among `count` listed: ↓ from the text to
/// the first option, stopping at the last; ↑ back one, and from the first to the text.
pub fn step(active: Option<usize>, count: usize, down: bool) -> Option<usize> {
    match (active, down) {
        _ if count == 0 => None,
        (None, true) => Some(0),
        (Some(i), true) => Some((i + 1).min(count - 1)),
        (None | Some(0), false) => None,
        (Some(i), false) => Some((i - 1).min(count - 1)),
    }
}

/// Lower case, accents dropped (é as e, ŵ as w), `&` read as "and", punctuation as spaces,
/// runs of spaces as one: the form both searches compare.
pub fn normalise(text: &str) -> String {
    let spaced: String = text
        .to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| match without_accent(c) {
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A lower-case Latin letter without its accent (the letters of English, Welsh, Scottish
/// Gaelic, Irish and the names they borrow); any other character as it is.
fn without_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        c => c,
    }
}

/// The words of one combobox: its label, hint and the list's name.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The label ("Council").
    pub label: &'static str,
    /// The hint under it, with an example.
    pub hint: &'static str,
    /// The list's accessible name ("Matching councils").
    pub list: &'static str,
    /// The button beside the box that lists every choice, if the picker offers one.
    pub show_all: Option<&'static str>,
}

/// A text box, its list of options and a count read aloud.
#[component]
pub fn Combobox(
    /// Start of the element ids ("{prefix}area"): unique among several widgets on a page.
    #[prop(into)]
    id: String,
    /// Its words.
    words: Words,
    /// What the box shows when the reader is not typing: the chosen option's name.
    #[prop(into)]
    chosen: Signal<String>,
    /// The options that match the text typed (never blank).
    search: Callback<String, Listing>,
    /// Every option, listed with nothing typed; `None` lists nothing.
    #[prop(optional)]
    browse: Option<Callback<(), Listing>>,
    /// Chooses the option with this key.
    choose: Callback<String>,
) -> impl IntoView {
    // What the reader has typed since the last choice; `None` shows the chosen name.
    let typed = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let browsing = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // Every new listing counts as a change (it is made only when the text, the list's state
    // or what a search reads changes), which keeps an equality of listings out of the wasm.
    let listing = Memo::new_with_compare(
        move |_| {
            if !open.get() {
                return Listing::default();
            }
            match (typed.get(), browse) {
                (Some(query), _) if !query.trim().is_empty() => search.run(query),
                (_, Some(browse)) if browsing.get() => browse.run(()),
                _ => Listing::default(),
            }
        },
        |_, _| true,
    );
    let close = move || {
        open.set(false);
        browsing.set(false);
        active.set(None);
    };
    let pick = move |key: String| {
        choose.run(key);
        typed.set(None);
        close();
    };
    let input_id = format!("{id}-search");
    let hint_id = format!("{id}-hint");
    let list_id = format!("{id}-matches");
    let option_prefix = format!("{list_id}-");
    let press_prefix = option_prefix.clone();
    let active_key = move || {
        let i = active.get()?;
        listing.with(|l| l.options().nth(i).map(|c| c.key.clone()))
    };
    let expanded = move || listing.with(|l| !l.is_empty());
    let blank = move || typed.with_untracked(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        key @ ("ArrowDown" | "ArrowUp") => {
            ev.prevent_default();
            if blank() {
                browsing.set(true);
            }
            open.set(true);
            let count = listing.with_untracked(Listing::len);
            active.update(|a| *a = step(*a, count, key == "ArrowDown"));
            // The list scrolls: once redrawn, bring the active option into sight.
            let picker =
                element(ev.target()).and_then(|box_| box_.closest(".ys-picker").ok().flatten());
            request_animation_frame(move || {
                if let Some(picker) = picker {
                    scroll_to_active(&picker);
                }
            });
        }
        "Enter" => {
            ev.prevent_default();
            let key = listing.with_untracked(|l| {
                l.enter_choice(active.get_untracked())
                    .map(|c| c.key.clone())
            });
            if let Some(key) = key {
                pick(key);
            }
        }
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    let show_all = words.show_all.filter(|_| browse.is_some()).map(|text| {
        view! {
            <button
                type="button"
                class="ys-button ys-button--secondary ys-picker__all"
                aria-controls=list_id.clone()
                on:click=move |ev| {
                    typed.set(None);
                    browsing.set(true);
                    open.set(true);
                    active.set(None);
                    // Back to the box beside the button, where the arrows work.
                    let input = element(ev.target())
                        .and_then(|button| button.previous_element_sibling())
                        .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(input) = input {
                        let _ = input.focus();
                    }
                }
            >
                {text}
            </button>
        }
    });
    let item_prefix = option_prefix.clone();
    let option_view = move |(i, choice): (usize, &Choice), active: Option<usize>| {
        let selected = if active == Some(i) { "true" } else { "false" };
        view! {
            <div
                id=format!("{item_prefix}{}", choice.key)
                class="ys-picker__option"
                role="option"
                aria-selected=selected
            >
                {choice.label.clone()}
                {choice.detail.clone().map(|detail| view! {
                    " "
                    <span class="ys-picker__code">{detail}</span>
                })}
            </div>
        }
    };
    view! {
        <div class="ys-field ys-picker">
            <label class="ys-field__label" for=input_id.clone()>{words.label}</label>
            <span class="ys-field__hint" id=hint_id.clone()>
                {words.hint}
                <span class="ys-visually-hidden">
                    ". Use the up and down arrow keys to move through the matches and Enter to choose one."
                </span>
            </span>
            <div class="ys-picker__box">
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
                        move || active_key().map(|key| format!("{option_prefix}{key}"))
                    }
                    prop:value=move || typed.get().unwrap_or_else(|| chosen.get())
                    on:input=move |ev| {
                        typed.set(Some(event_target_value(&ev)));
                        open.set(true);
                        browsing.set(false);
                        active.set(None);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| close()
                />
                {show_all}
            </div>
            <p class="ys-picker__status" aria-live="polite">{move || listing.with(|l| l.status.clone())}</p>
            // One handler for every option, on the list. A press keeps the focus in the box
            // (moving it would close the list first); the click, on release, chooses.
            <div
                class="ys-picker__results"
                id=list_id
                role="listbox"
                aria-label=words.list
                hidden=move || !expanded()
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |ev| {
                    let key = element(ev.target())
                        .and_then(|e| e.closest("[role=option]").ok().flatten())
                        .and_then(|option| {
                            option.id().strip_prefix(press_prefix.as_str()).map(str::to_owned)
                        })
                        .filter(|key| listing.with_untracked(|l| l.options().any(|c| &c.key == key)));
                    if let Some(key) = key {
                        pick(key);
                    }
                }
            >
                // Redrawn in place as the active option moves: the same elements, new attributes.
                {move || {
                    let active = active.get();
                    listing.with(|l| {
                        let mut index = 0;
                        l.groups
                            .iter()
                            .map(|group| {
                                let first = index;
                                index += group.options.len();
                                let options = group
                                    .options
                                    .iter()
                                    .enumerate()
                                    .map(|(i, c)| option_view((first + i, c), active))
                                    .collect::<Vec<_>>();
                                match &group.title {
                                    None => options.into_any(),
                                    Some(title) => view! {
                                        <div role="group" class="ys-picker__group" aria-label=title.clone()>
                                            <div class="ys-picker__group-title" aria-hidden="true">{title.clone()}</div>
                                            {options}
                                        </div>
                                    }
                                    .into_any(),
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                }}
            </div>
        </div>
    }
}

/// An event's target, if it is an element.
fn element(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()
}

/// Scrolls the list of `picker` (positioned, so that its options' offsets are measured from
/// it) just enough to show its active option.
fn scroll_to_active(picker: &web_sys::Element) {
    let find = |selector| {
        picker
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (Some(list), Some(option)) = (find("[role=listbox]"), find("[aria-selected=true]")) else {
        return;
    };
    let (top, bottom) = (
        option.offset_top(),
        option.offset_top() + option.offset_height(),
    );
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
    }
}

#[cfg(test)]
mod tests {
    use super::{Choice, Listing, normalise, step};

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

    #[test]
    fn normalising_drops_case_accents_and_punctuation() {
        assert_eq!(normalise("  St. Helens  "), "st helens");
        assert_eq!(normalise("Ynys Môn"), "ynys mon");
        assert_eq!(
            normalise("Rhondda Cynon Taf / Rhondda Cynon Tâf"),
            "rhondda cynon taf rhondda cynon taf"
        );
        assert_eq!(normalise("Café & Bar"), "cafe and bar");
        assert_eq!(normalise("ŴYDDFA"), "wyddfa");
    }

    fn choice(key: &str) -> Choice {
        Choice {
            key: key.to_owned(),
            label: key.to_owned(),
            detail: None,
        }
    }

    #[test]
    fn enter_chooses_the_active_option_across_groups_and_the_first_only_when_named() {
        let mut listing = Listing::flat(vec![choice("a"), choice("b")], String::new(), false);
        listing.groups.push(super::Group {
            title: Some("More".to_owned()),
            options: vec![choice("c")],
        });
        assert_eq!(listing.len(), 3);
        let key = |l: &Listing, active| l.enter_choice(active).map(|c| c.key.clone());
        assert_eq!(
            key(&listing, Some(2)).as_deref(),
            Some("c"),
            "in the second group"
        );
        assert_eq!(key(&listing, None), None, "none active, none named");
        listing.first_is_named = true;
        assert_eq!(key(&listing, None).as_deref(), Some("a"));
        assert_eq!(key(&listing, Some(7)), None, "past the end");
    }
}
