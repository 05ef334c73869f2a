//! The compact group choice beside the verdict of every view, and the confirmation after a
//! change of group.
//!
//! The choice is a native `<select>` of the groups a reader can switch to in one step
//! (`yardstick_present::model::group_choice`), applied by its button through the navigation
//! as the peer group view's editor applies its form, and a link to that editor. A select that
//! navigated on every change would take a keyboard reader through each group between the old
//! one and the new, each a new view that takes the focus away (WCAG 3.2.2); so the button
//! applies it, and the focus returns to the new view's choice.
//!
//! Every view reports the group it drew and its size ([`report`]); when the group is all that
//! changed, a polite live region that outlives the views ([`GroupNotice`]) says so in
//! yardstick-present's words, with the sizes of the groups the views used. A new council,
//! measure, period or view says nothing. Compact embeds (`controls=none`) show neither.

use leptos::prelude::*;
use yardstick_bundle::{Area, MetricMeta};
use yardstick_present::model::group_choice::{GroupOption, group_choices};
use yardstick_present::words::{self, GroupSize};
use yardstick_stats::GroupSpec;

use crate::embed::Controls;
use crate::selection::{Selection, View};
use crate::state::{Navigation, current_query};
use crate::store::Store;

/// What the group choices of one widget share, from its comparison page.
#[derive(Debug, Clone, Copy)]
pub struct GroupChoiceContext {
    store: Store,
    nav: Navigation,
    id_prefix: StoredValue<String>,
    /// False in a compact embed, which shows the view only.
    shown: bool,
    /// The confirmation of the last change of group, or "".
    notice: RwSignal<String>,
    /// The group the last view drew.
    last: StoredValue<Option<Drawn>>,
    /// The reader applied a group: the next choice drawn takes the focus.
    refocus: StoredValue<bool>,
}

/// The group a view drew, and what else was on screen.
#[derive(Debug, Clone)]
struct Drawn {
    /// The selection without its group.
    rest: Selection,
    spec: String,
    name: String,
    size: Option<GroupSize>,
}

impl GroupChoiceContext {
    /// Gives the views of one comparison page their group choice.
    pub fn provide(store: Store, nav: Navigation, id_prefix: &str, controls: Controls) {
        provide_context(Self {
            store,
            nav,
            id_prefix: StoredValue::new(id_prefix.to_owned()),
            shown: controls != Controls::None,
            notice: RwSignal::new(String::new()),
            last: StoredValue::new(None),
            refocus: StoredValue::new(false),
        });
    }
}

fn context() -> Option<GroupChoiceContext> {
    use_context::<GroupChoiceContext>().filter(|c| c.shown)
}

/// Tells the page which group a view drew for `area_name`, named as the view names it, and
/// how many councils it held besides the council. A change of group alone is confirmed; any
/// other change of what is on screen clears the confirmation.
pub fn report(area_name: &str, spec: &GroupSpec, name: &str, size: Option<GroupSize>) {
    let Some(page) = context() else {
        return;
    };
    let mut rest = page.nav.get_untracked();
    rest.group = None;
    let spec = spec.to_string();
    match page.last.get_value() {
        Some(before) if before.rest == rest => {
            if before.spec != spec {
                page.notice.set(words::group_change(
                    area_name,
                    (&before.name, before.size),
                    (name, size),
                ));
            }
        }
        _ => {
            page.refocus.set_value(false);
            if !page.notice.get_untracked().is_empty() {
                page.notice.set(String::new());
            }
        }
    }
    page.last.set_value(Some(Drawn {
        rest,
        spec,
        name: name.to_owned(),
        size,
    }));
}

/// The confirmation of a change of group: a polite live region, kept outside the views so
/// that it is in the page before its words change (a region added with its words is not
/// announced). Empty, and without height, until the reader changes the group.
#[component]
pub fn GroupNotice() -> impl IntoView {
    context().map(|page| {
        view! {
            <p class="ys-group-notice" role="status" data-testid="group-notice">
                {move || page.notice.get()}
            </p>
        }
    })
}

/// The confirmation again, where the reader changed the group further down a long view (the
/// editor), after the view has reported its group; not a live region, since [`GroupNotice`]
/// announces it.
pub fn confirmation() -> Option<impl IntoView + use<>> {
    let text = context()?.notice.get_untracked();
    (!text.is_empty()).then(|| view! { <p class="ys-group-notice">{text}</p> })
}

/// The compact group choice for `area`, whose view drew `spec`, named `name`, of `size`
/// councils besides it (`None` while the view is still loading), for `metric` where the view
/// has one: the group on screen among those a reader can switch to in one step, a button that
/// applies the choice, and a link to the editor on the peer group view. Also reports the
/// group drawn ([`report`]), once its size is known. A plain function rather than a
/// component: the views lend it their model instead of cloning it into props.
pub fn group_choice(
    area: &Area,
    spec: &GroupSpec,
    name: &str,
    size: Option<GroupSize>,
    metric: Option<&MetricMeta>,
) -> Option<AnyView> {
    let page = context()?;
    if size.is_some() {
        report(&area.name, spec, name, size);
    }
    let (store, nav) = (page.store, page.nav);
    let index = store.index();
    let (area, spec, metric) = (area.clone(), spec.clone(), metric.cloned());
    let chosen = StoredValue::new(spec.to_string());
    let select = NodeRef::<leptos::html::Select>::new();
    // The published groups are offered once their file is in. It is fetched when the reader
    // comes to the choice (hover or focus), not for every view: 60 KB that most readers never
    // need. Only the options are drawn again when it arrives, not the view, so the reader in
    // the select keeps the focus.
    let wanted = RwSignal::new(false);
    let options = move || {
        let groups = if wanted.get() {
            store.groups().ready()
        } else {
            store.groups_if_loaded()
        };
        let choices = group_choices(
            &spec,
            &area,
            &index.manifest,
            groups.as_deref(),
            metric.as_ref(),
        );
        let option = |o: GroupOption| {
            let selected = chosen.with_value(|c| *c == o.value);
            view! { <option value=o.value selected=selected>{o.label}</option> }
        };
        let published = (!choices.published.is_empty()).then(|| {
            view! {
                <optgroup label="Published groups">
                    {choices.published.into_iter().map(option).collect_view()}
                </optgroup>
            }
        });
        view! {
            {choices.kinds.into_iter().map(option).collect_view()}
            {published}
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = chosen.get_value();
        let group = (value != "type").then_some(value);
        if nav.get_untracked().group != group {
            page.refocus.set_value(true);
            nav.choose(|s| s.group = group);
        }
    };
    // After "Show" the view is drawn again: its new choice takes the focus back.
    Effect::new(move |_| {
        if let Some(element) = select.get()
            && page.refocus.get_value()
        {
            page.refocus.set_value(false);
            let _ = element.focus();
        }
    });
    let href = {
        let mut editor = nav.get_untracked();
        editor.view = Some(View::Peers.param().to_owned());
        editor.to_query(&current_query())
    };
    let edit = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        nav.choose(|s| s.view = Some(View::Peers.param().to_owned()));
    };
    let id = format!("{}group-choice", page.id_prefix.get_value());
    Some(
        view! {
            <form
            class="ys-group-choice"
            on:submit=apply
            on:pointerenter=move |_| wanted.set(true)
            on:focusin=move |_| wanted.set(true)
            data-testid="group-choice"
        >
                <label class="ys-field__label" for=id.clone()>"Peer group"</label>
                <div class="ys-group-choice__row">
                    <select
                        id=id
                        class="ys-select"
                        node_ref=select
                        on:change=move |ev| chosen.set_value(event_target_value(&ev))
                    >
                        {options}
                    </select>
                    <button type="submit" class="ys-button">"Apply"</button>
                    <a class="ys-group-choice__edit" href=href on:click=edit>"Edit the group"</a>
                </div>
            </form>
        }
        .into_any(),
    )
}
