//! The peer group editor: choose a fixed group, a published list, a custom list, or build a
//! nearest-neighbour group by choosing its variables, weights, size, scaling and distance.
//! Applying writes the group spec into the selection (and so into the URL).

use yardstick_stats::sort_with;

use leptos::prelude::*;
use yardstick_bundle::{ContextTable, PeerGroups, Transform};
use yardstick_stats::{
    AreaCode, DistanceMeasure, GroupSpec, LogChoice, NearestSpec, NeighbourCount, Scaling,
};

use crate::input::browser_number;
use crate::state::Navigation;

/// Which kind of group the form is building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    SameType,
    SameRegion,
    All,
    Published,
    Nearest,
    List,
}

impl Kind {
    const ALL: [(Kind, &'static str, &'static str); 6] = [
        (Kind::SameType, "type", "Councils of the same type"),
        (Kind::SameRegion, "region", "Councils in the same region"),
        (
            Kind::All,
            "all",
            "Every council responsible for the service",
        ),
        (
            Kind::Published,
            "published",
            "A published group (DfE or ONS)",
        ),
        (
            Kind::Nearest,
            "nearest",
            "Nearest neighbours, worked out here",
        ),
        (Kind::List, "list", "My own list of councils"),
    ];
}

/// One context variable's settings in the form.
#[derive(Debug, Clone, PartialEq)]
struct VariableSetting {
    id: String,
    title: String,
    used: bool,
    weight: f64,
    log: bool,
}

/// The form.
#[component]
pub fn PeerPanel(
    /// The group on screen.
    current: GroupSpec,
    /// Context variables, for nearest neighbours.
    context: Option<std::sync::Arc<ContextTable>>,
    /// Published groups.
    groups: Option<std::sync::Arc<PeerGroups>>,
    /// The ids of published groups built for another theme than the metric's
    /// (`yardstick_present::notes::group_purpose`).
    built_for_others: Vec<String>,
    /// The reader's selection.
    nav: Navigation,
    /// Prefix that makes element ids unique among several widgets on a page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let (kind0, published0, nearest0, list0) = match &current {
        GroupSpec::SameType => (Kind::SameType, None, NearestSpec::default(), Vec::new()),
        GroupSpec::SameRegion => (Kind::SameRegion, None, NearestSpec::default(), Vec::new()),
        GroupSpec::All => (Kind::All, None, NearestSpec::default(), Vec::new()),
        GroupSpec::Published(id) => (
            Kind::Published,
            Some(id.clone()),
            NearestSpec::default(),
            Vec::new(),
        ),
        GroupSpec::Nearest(spec) => (Kind::Nearest, None, spec.clone(), Vec::new()),
        GroupSpec::List(codes) => (Kind::List, None, NearestSpec::default(), codes.clone()),
    };
    let kind = RwSignal::new(kind0);
    let published_options: Vec<(String, String)> = groups
        .as_ref()
        .map(|g| {
            g.groups
                .iter()
                .map(|group| {
                    // A group built for another theme says so where it is offered; the
                    // sentence itself is under the group once chosen.
                    let title = yardstick_present::words::published_choice(
                        &group.title,
                        built_for_others.contains(&group.id),
                    );
                    (group.id.clone(), title)
                })
                .collect()
        })
        .unwrap_or_default();
    let published = RwSignal::new(
        published0
            .or_else(|| published_options.first().map(|(id, _)| id.clone()))
            .unwrap_or_default(),
    );
    let count_all = RwSignal::new(nearest0.count == NeighbourCount::All);
    let count = RwSignal::new(match nearest0.count {
        NeighbourCount::Count(k) => k.to_string(),
        NeighbourCount::All => "15".to_owned(),
    });
    let scale = RwSignal::new(nearest0.scale);
    let distance = RwSignal::new(nearest0.distance);
    let settings: Vec<RwSignal<VariableSetting>> = context
        .as_ref()
        .map(|table| {
            table
                .variables
                .iter()
                .map(|v| {
                    let used = nearest0
                        .variables
                        .as_ref()
                        .is_none_or(|chosen| chosen.contains(&v.id));
                    let weight = nearest0
                        .weights
                        .iter()
                        .find(|(id, _)| *id == v.id)
                        .map_or(1.0, |(_, w)| *w);
                    let log = match &nearest0.log {
                        LogChoice::Suggested => v.transform == Transform::Log,
                        LogChoice::None => false,
                        LogChoice::Variables(ids) => ids.contains(&v.id),
                    };
                    RwSignal::new(VariableSetting {
                        id: v.id.clone(),
                        title: v.title.clone(),
                        used,
                        weight,
                        log,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let list = RwSignal::new(
        list0
            .iter()
            .map(AreaCode::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    let problem = RwSignal::new(None::<String>);

    let settings_for_build = settings.clone();
    let build = move || -> Result<GroupSpec, String> {
        match kind.get_untracked() {
            Kind::SameType => Ok(GroupSpec::SameType),
            Kind::SameRegion => Ok(GroupSpec::SameRegion),
            Kind::All => Ok(GroupSpec::All),
            Kind::Published => {
                let id = published.get_untracked();
                if id.is_empty() {
                    Err("This data has no published groups.".to_owned())
                } else {
                    Ok(GroupSpec::Published(id))
                }
            }
            Kind::List => GroupSpec::parse_with(
                &format!(
                    "list:{}",
                    list.get_untracked()
                        .split([',', ' ', '\n', ';'])
                        .filter(|code| !code.trim().is_empty())
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                browser_number,
            )
            .map_err(|error| error.to_string()),
            Kind::Nearest => {
                let settings: Vec<VariableSetting> = settings_for_build
                    .iter()
                    .map(|s| s.get_untracked())
                    .collect();
                let used: Vec<&VariableSetting> = settings.iter().filter(|s| s.used).collect();
                if used.is_empty() {
                    return Err("Choose at least one variable.".to_owned());
                }
                #[allow(clippy::disallowed_methods, reason = "an integer: no float parser")]
                let count = if count_all.get_untracked() {
                    NeighbourCount::All
                } else {
                    match count.get_untracked().trim().parse::<usize>() {
                        Ok(k) if k >= 1 => NeighbourCount::Count(k),
                        _ => {
                            return Err("The number of neighbours must be a whole number from 1."
                                .to_owned());
                        }
                    }
                };
                let mut weights: Vec<(String, f64)> = used
                    .iter()
                    .filter(|s| (s.weight - 1.0).abs() > f64::EPSILON)
                    .map(|s| (s.id.clone(), s.weight))
                    .collect();
                sort_with(&mut weights, |a, b| a.0.cmp(&b.0));
                if weights.iter().any(|(_, w)| !w.is_finite() || *w < 0.0) {
                    return Err("Weights must be numbers of 0 or more.".to_owned());
                }
                let all_used = used.len() == settings.len();
                let logged: Vec<String> = used
                    .iter()
                    .filter(|s| s.log)
                    .map(|s| s.id.clone())
                    .collect();
                Ok(GroupSpec::Nearest(NearestSpec {
                    count,
                    variables: (!all_used).then(|| used.iter().map(|s| s.id.clone()).collect()),
                    weights,
                    scale: scale.get_untracked(),
                    distance: distance.get_untracked(),
                    log: if logged.is_empty() {
                        LogChoice::None
                    } else {
                        LogChoice::Variables(logged)
                    },
                }))
            }
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match build() {
            Ok(spec) => {
                problem.set(None);
                let text = spec.to_string();
                nav.choose(|s| s.group = (text != "type").then_some(text));
            }
            Err(message) => problem.set(Some(message)),
        }
    };

    let p = id_prefix.clone();
    let kind_choices = Kind::ALL
        .into_iter()
        .map(|(value, param, label)| {
            let id = format!("{p}group-kind-{param}");
            view! {
                <div class="ys-radio">
                    <input
                        type="radio"
                        class="ys-radio__input"
                        id=id.clone()
                        name=format!("{p}group-kind")
                        value=param
                        prop:checked=move || kind.get() == value
                        on:change=move |_| kind.set(value)
                    />
                    <label class="ys-radio__label" for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let published_id = format!("{id_prefix}group-published");
    let published_block = move || {
        (kind.get() == Kind::Published).then(|| {
            let options = published_options
                .iter()
                .map(|(id, title)| {
                    let value = id.clone();
                    view! {
                        <option value=id.clone() selected=move || published.get() == value>
                            {title.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div class="ys-field">
                    <label class="ys-field__label" for=published_id.clone()>"Published group"</label>
                    <select
                        id=published_id.clone()
                        class="ys-select"
                        on:change=move |ev| published.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                </div>
            }
        })
    };
    let list_id = format!("{id_prefix}group-list");
    let list_block = move || {
        (kind.get() == Kind::List).then(|| {
            view! {
                <div class="ys-field">
                    <label class="ys-field__label" for=list_id.clone()>"GSS codes"</label>
                    <span class="ys-field__hint">"Separated by commas, for example E08000001, E08000002"</span>
                    <textarea
                        id=list_id.clone()
                        class="ys-input ys-input--area"
                        rows="3"
                        prop:value=move || list.get()
                        on:input=move |ev| list.set(event_target_value(&ev))
                    ></textarea>
                </div>
            }
        })
    };
    let np = id_prefix.clone();
    let nearest_block = move || {
        (kind.get() == Kind::Nearest).then(|| {
            let count_id = format!("{np}group-count");
            let all_id = format!("{np}group-count-all");
            let rows = settings
                .iter()
                .enumerate()
                .map(|(i, setting)| {
                    let setting = *setting;
                    let title = setting.with_untracked(|s| s.title.clone());
                    let use_id = format!("{np}var-{i}-use");
                    let weight_id = format!("{np}var-{i}-weight");
                    let log_id = format!("{np}var-{i}-log");
                    view! {
                        <tr>
                            <th scope="row">
                                <input
                                    type="checkbox"
                                    id=use_id.clone()
                                    prop:checked=move || setting.with(|s| s.used)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        setting.update(|s| s.used = on);
                                    }
                                />
                                " "
                                <label for=use_id>{title.clone()}</label>
                            </th>
                            <td>
                                <label class="ys-visually-hidden" for=weight_id.clone()>
                                    {format!("Weight of {title}")}
                                </label>
                                <input
                                    type="number"
                                    class="ys-input ys-input--number"
                                    id=weight_id
                                    min="0"
                                    max="10"
                                    step="0.5"
                                    prop:value=move || setting.with(|s| s.weight.to_string())
                                    on:change=move |ev| {
                                        // The browser reads the number (NaN when the box is not one).
                                        let weight = event_target::<web_sys::HtmlInputElement>(&ev)
                                            .value_as_number();
                                        setting.update(|s| s.weight = weight);
                                    }
                                />
                            </td>
                            <td>
                                <input
                                    type="checkbox"
                                    id=log_id.clone()
                                    prop:checked=move || setting.with(|s| s.log)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        setting.update(|s| s.log = on);
                                    }
                                />
                                <label class="ys-visually-hidden" for=log_id>
                                    {format!("Use the logarithm of {title}")}
                                </label>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let scale_name = format!("{np}group-scale");
            let distance_name = format!("{np}group-distance");
            let radio = |name: String, id: String, label: &'static str, checked: Signal<bool>, set: Callback<()>| {
                view! {
                    <div class="ys-radio">
                        <input
                            type="radio"
                            class="ys-radio__input"
                            name=name
                            id=id.clone()
                            prop:checked=move || checked.get()
                            on:change=move |_| set.run(())
                        />
                        <label class="ys-radio__label" for=id>{label}</label>
                    </div>
                }
            };
            view! {
                <div class="ys-field">
                    <label class="ys-field__label" for=count_id.clone()>"Number of neighbours"</label>
                    <input
                        type="number"
                        class="ys-input ys-input--number"
                        id=count_id
                        min="1"
                        step="1"
                        prop:value=move || count.get()
                        prop:disabled=move || count_all.get()
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                    " "
                    <input
                        type="checkbox"
                        id=all_id.clone()
                        prop:checked=move || count_all.get()
                        on:change=move |ev| count_all.set(event_target_checked(&ev))
                    />
                    " "
                    <label for=all_id>"Every council, ranked by similarity"</label>
                </div>
                <div class="ys-table-wrap" tabindex="0" role="region" aria-label="Context variables">
                    <table class="ys-table">
                        <caption class="ys-table__caption">
                            "Context variables: what makes councils similar"
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">"Variable"</th>
                                <th scope="col">"Weight"</th>
                                <th scope="col">"Logarithm"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <fieldset class="ys-fieldset">
                    <legend class="ys-field__label">"Scaling"</legend>
                    {radio(
                        scale_name.clone(),
                        format!("{scale_name}-z"),
                        "z-score (mean and standard deviation)",
                        Signal::derive(move || scale.get() == Scaling::ZScore),
                        Callback::new(move |()| scale.set(Scaling::ZScore)),
                    )}
                    {radio(
                        scale_name.clone(),
                        format!("{scale_name}-robust"),
                        "Robust (median and median absolute deviation)",
                        Signal::derive(move || scale.get() == Scaling::Robust),
                        Callback::new(move |()| scale.set(Scaling::Robust)),
                    )}
                </fieldset>
                <fieldset class="ys-fieldset">
                    <legend class="ys-field__label">"Distance"</legend>
                    {radio(
                        distance_name.clone(),
                        format!("{distance_name}-euclidean"),
                        "Euclidean",
                        Signal::derive(move || distance.get() == DistanceMeasure::Euclidean),
                        Callback::new(move |()| distance.set(DistanceMeasure::Euclidean)),
                    )}
                    {radio(
                        distance_name.clone(),
                        format!("{distance_name}-mahalanobis"),
                        "Mahalanobis (allows for variables that move together)",
                        Signal::derive(move || distance.get() == DistanceMeasure::Mahalanobis),
                        Callback::new(move |()| distance.set(DistanceMeasure::Mahalanobis)),
                    )}
                </fieldset>
            }
        })
    };
    view! {
        <form class="ys-panel" on:submit=apply>
            <fieldset class="ys-fieldset">
                <legend class="ys-field__label">"Compare with"</legend>
                {kind_choices}
            </fieldset>
            {published_block}
            {list_block}
            {nearest_block}
            {move || problem.get().map(|message| view! {
                <p class="ys-message ys-message--error" role="alert">{message}</p>
            })}
            <button type="submit" class="ys-button">"Use this peer group"</button>
        </form>
    }
}
