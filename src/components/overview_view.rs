//! The overview: every measure that applies to a council, grouped by theme, each with its
//! latest figure, the group median, a spine chart, the comparison and the direction of travel
//! (the Fingertips spine chart and Oflog's "recent data" in one place).

use leptos::prelude::*;
use yardstick_bundle::{Manifest, Subject};
use yardstick_stats::sort_with;

use super::data_table::DataTable;
use super::outcome_badge::OutcomeBadge;
use crate::charts::spine;
use crate::selection::View;
use crate::state::Navigation;
use yardstick_present::format;
use yardstick_present::model::overview::{OverviewLine, OverviewModel};
use yardstick_present::words;

/// Whether the overview's folded tools (shown, order, group) are open on a phone: one per
/// page, provided by the comparison page.
#[derive(Debug, Clone, Copy)]
pub struct OverviewTools(pub RwSignal<bool>);

/// How the overview is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Theme,
    Outcome,
}

/// The overview.
#[component]
pub fn OverviewView(
    /// The bundle's manifest.
    manifest: Manifest,
    /// What to show.
    model: OverviewModel,
    /// The reader's selection (the measure links switch to the compare view).
    nav: Navigation,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let theme = RwSignal::new(String::new());
    let order = RwSignal::new(Order::Theme);
    let themes: Vec<(String, String)> = manifest
        .themes
        .iter()
        .filter(|t| model.lines.iter().any(|l| l.metric().theme == t.id))
        .map(|t| (t.id.clone(), t.title.clone()))
        .collect();
    let theme_titles = themes.clone();
    // Services first, then facts about the area: each line with its subject's heading.
    let lines = StoredValue::new(
        [Subject::Service, Subject::Area]
            .into_iter()
            .flat_map(|subject| {
                let heading = model.heading(subject);
                model
                    .lines_about(subject)
                    .into_iter()
                    .map(move |line| (heading.clone(), line.clone()))
            })
            .collect::<Vec<_>>(),
    );
    let area_name = model.area.name.clone();
    let cards = move || {
        let chosen_theme = theme.get();
        let by_outcome = order.get() == Order::Outcome;
        let mut shown: Vec<(String, OverviewLine)> = lines.get_value();
        shown.retain(|(_, line)| chosen_theme.is_empty() || line.metric().theme == chosen_theme);
        if by_outcome {
            // The services stay before the facts about the area.
            sort_with(&mut shown, |a, b| {
                let area_first = |line: &OverviewLine| line.metric().subject() == Subject::Area;
                (area_first(&a.1), a.1.outcome_order())
                    .cmp(&(area_first(&b.1), b.1.outcome_order()))
            });
        }
        // One group per run of lines with the same heading; a subject's heading opens its
        // first group.
        let mut groups: Vec<(Option<String>, String, Vec<OverviewLine>)> = Vec::new();
        let mut subject_now = String::new();
        for (subject, line) in shown {
            let heading = if by_outcome {
                line.badge().words.to_owned()
            } else {
                theme_titles
                    .iter()
                    .find(|(id, _)| *id == line.metric().theme)
                    .map_or_else(|| line.metric().theme.clone(), |(_, t)| t.clone())
            };
            if subject != subject_now {
                subject_now.clone_from(&subject);
                groups.push((Some(subject), heading, vec![line]));
                continue;
            }
            match groups.last_mut() {
                Some((_, h, items)) if *h == heading => items.push(line),
                _ => groups.push((None, heading, vec![line])),
            }
        }
        groups
            .into_iter()
            .map(|(subject, heading, items)| {
                view! {
                    {subject.map(|s| view! { <h3 class="ys-overview__section-heading">{s}</h3> })}
                    <section class="ys-overview__group">
                        <h4 class="ys-overview__heading">{heading}</h4>
                        <ul class="ys-overview__list">
                            {items
                                .into_iter()
                                .map(|line| card(line, nav, &area_name))
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()
    };
    let theme_id = format!("{id_prefix}overview-theme");
    let tools_id = format!("{id_prefix}overview-tools");
    // Kept by the page, so the tools stay open while the view is drawn again (a file in, a
    // group applied) and the focus can come back to them.
    let tools_open = use_context::<OverviewTools>().map_or_else(|| RwSignal::new(false), |t| t.0);
    let order_id = format!("{id_prefix}overview-order");
    let loading = model.loading();
    let total = model.lines.len();
    let table = model.table(&manifest);
    let stem = format!("overview-{}", model.area.code);
    view! {
        <section class="ys-view">
            <h2 class="ys-view__title">"All measures: " {model.area.name.clone()}</h2>
            <p class="ys-summary">{model.intro()}</p>
            {(loading > 0).then(|| view! {
                <p class="ys-loading" role="status">
                    {format!("Loading: {} of {} measures in so far.", total - loading, total)}
                </p>
            })}
            // On a phone the tools fold behind one button, so the first card's chart is on the
            // first screen; on a wider screen the button is hidden and the tools show.
            <button
                type="button"
                class="ys-unfold"
                aria-controls=tools_id.clone()
                aria-expanded=move || if tools_open.get() { "true" } else { "false" }
                on:click=move |_| tools_open.update(|o| *o = !*o)
            >
                "Show, order or change the group"
            </button>
            <div class="ys-foldable" id=tools_id data-folded=move || (!tools_open.get()).then_some("")>
            {model.group_spec().and_then(|spec| {
                super::group_choice::group_choice(
                    &model.area,
                    spec,
                    &model.group_name,
                    model.group_size(),
                    None,
                )
            })}
            <div class="ys-controls ys-controls--inline">
                <div class="ys-field">
                    <label class="ys-field__label" for=theme_id.clone()>"Show"</label>
                    <select
                        id=theme_id
                        class="ys-select"
                        on:change=move |ev| theme.set(event_target_value(&ev))
                    >
                        <option value="">"Every theme"</option>
                        {themes
                            .into_iter()
                            .map(|(id, title)| view! { <option value=id>{title}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="ys-field">
                    <label class="ys-field__label" for=order_id.clone()>"Order"</label>
                    <select
                        id=order_id
                        class="ys-select"
                        on:change=move |ev| {
                            order.set(if event_target_value(&ev) == "outcome" {
                                Order::Outcome
                            } else {
                                Order::Theme
                            })
                        }
                    >
                        <option value="theme">"By theme"</option>
                        <option value="outcome">"By comparison with the group"</option>
                    </select>
                </div>
            </div>
            </div>
            <div class="ys-overview">{cards}</div>
            {model.left_out().map(|text| view! { <p class="ys-field__hint">{text}</p> })}
            // The summary a committee prints (style: print), in place of the cards.
            <div class="ys-summary-table">
                <DataTable table=table file_stem=stem />
            </div>
        </section>
    }
}

/// One measure's card.
fn card(line: OverviewLine, nav: Navigation, area_name: &str) -> impl IntoView + use<> {
    let metric = line.metric().clone();
    let id = metric.id.clone();
    let href = {
        let mut selection = nav.get_untracked();
        selection.metric = Some(id.clone());
        selection.view = None;
        selection.period = None;
        selection.to_query(&crate::state::current_query())
    };
    let open = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        let id = id.clone();
        nav.choose(|s| {
            s.metric = Some(id);
            s.view = Some(View::Metric.param().to_owned());
            s.period = None;
        });
    };
    let detail = match &line {
        OverviewLine::Loading { .. } => view! { <p class="ys-loading">"Loading…"</p> }.into_any(),
        OverviewLine::Failed { reason, .. } => {
            view! { <p class="ys-card__note">{format!("Not shown: {reason}")}</p> }.into_any()
        }
        OverviewLine::Ready { comparison, .. } => {
            let period = yardstick_bundle::period_from_label(&comparison.period)
                .map_or_else(|| comparison.period.clone(), |p| p.label());
            let value = match comparison.assessment.value {
                Ok(v) => format!("{area_name}: {}", format::value(&metric, v)),
                Err(reason) => {
                    format!("{area_name}: no figure ({})", words::not_calculated(reason))
                }
            };
            let median = comparison
                .assessment
                .description
                .as_ref()
                .ok()
                .map(|d| format!("Group median: {}", format::value(&metric, d.median)));
            let verdict_note = line.verdict_note();
            let change = line.change();
            let tested = line.tested_trend();
            let spine_svg = line
                .spine()
                .map(|input| spine::render_svg(&spine::layout(&input)));
            let spine_label = format!(
                "Spine chart: {area_name}'s figure against the group's range, quartiles and median"
            );
            view! {
                <p class="ys-card__figures">
                    <span class="ys-card__period">{period}</span>
                    " " {value}
                    {median.map(|m| view! { <span class="ys-card__median">" · " {m}</span> })}
                </p>
                {spine_svg.map(|svg| view! {
                    <div class="ys-card__spine" role="img" aria-label=spine_label inner_html=svg></div>
                })}
                <div class="ys-card__badges">
                    <OutcomeBadge badge=line.badge() lead="Compared with the group:" />
                </div>
                {verdict_note.map(|note| view! { <p class="ys-card__note">{note}</p> })}
                {change.map(|c| view! { <p class="ys-card__change">{c}</p> })}
                {tested.map(|t| view! { <p class="ys-card__trend">{t}</p> })}
            }
            .into_any()
        }
    };
    view! {
        <li class="ys-card">
            <h5 class="ys-card__title">
                <a class="ys-card__link" href=href on:click=open>{metric.title.clone()}</a>
            </h5>
            {detail}
        </li>
    }
}
