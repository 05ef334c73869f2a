//! The peer group view: who is in the group and why (distances, similarity, each variable's
//! share), how it overlaps with a published group, and the panel to change it.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::{Area, ContextTable, Manifest, MetricMeta, PeerGroups, Period};
use yardstick_stats::{Dataset, GroupSpec};

use super::chart_figure::{ChartFigure, KeyEntry, Renderer};
use super::data_table::DataTable;
use super::group_choice;
use super::message::Message;
use super::peer_panel::PeerPanel;
use crate::charts::export::ExportText;
use crate::charts::share_bars;
use crate::state::Navigation;
use yardstick_present::model::metric::file_stem;
use yardstick_present::model::peers;
use yardstick_present::notes;
use yardstick_present::words::GroupSize;

/// The peer group view.
#[component]
#[allow(
    clippy::too_many_arguments,
    reason = "component props are named at the call site"
)]
pub fn PeerView(
    manifest: Manifest,
    dataset: Arc<Dataset>,
    context: Option<Arc<ContextTable>>,
    groups: Option<Arc<PeerGroups>>,
    area: Area,
    metric: MetricMeta,
    /// The chosen period: the group holds the councils in force during it.
    period: Period,
    spec: GroupSpec,
    nav: Navigation,
    #[prop(into)] id_prefix: String,
) -> impl IntoView {
    let model = peers::peers_model(
        &dataset,
        &manifest,
        groups.as_deref(),
        &area,
        &spec,
        &peers::scope_for(&metric),
        Some(period),
    );
    // Published groups built for another theme than the metric's, with the warning each
    // carries wherever it is offered or used.
    let purposes: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| g.groups.iter())
        .filter_map(|group| {
            notes::group_purpose(group, &metric, &manifest).map(|w| (group.id.clone(), w))
        })
        .collect();
    let in_use = match &spec {
        GroupSpec::Published(id) => purposes
            .iter()
            .find(|(group, _)| group == id)
            .map(|(_, warning)| warning.clone()),
        _ => None,
    };
    let panel = view! {
        <PeerPanel
            current=spec.clone()
            context=context.clone()
            groups=groups.clone()
            built_for_others=purposes.iter().map(|(id, _)| id.clone()).collect()
            nav=nav
            id_prefix=id_prefix.clone()
        />
    };
    let body = match model {
        Err(error) => view! {
            <Message
                title="This peer group cannot be formed"
                detail=format!("{error}. Choose another group below.")
            />
        }
        .into_any(),
        Ok(model) => {
            let group = &model.group;
            let group_name = &model.group_name;
            group_choice::report(
                &area.name,
                &group.spec,
                group_name,
                Some(GroupSize::of(group.members.len())),
            );
            let description = peers::model_description(group, context.as_deref());
            let table = peers::members_table(group, group_name, context.as_deref(), &manifest);
            let shares = peers::share_bars(group, context.as_deref()).map(|input| {
                let colours = share_bars::layout(&input).legend;
                let sized = input.clone();
                let render: Renderer = Arc::new(move |width| {
                    let mut input = sized.clone();
                    input.width = width;
                    share_bars::render_svg(&share_bars::layout(&input))
                });
                let key: Vec<KeyEntry> = colours
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, _))| KeyEntry {
                        swatch: share_bars::key_swatch(i),
                        label,
                    })
                    .collect();
                let caption = format!("Why each neighbour is near {}", area.name);
                let export = ExportText {
                    title: caption.clone(),
                    subtitle: vec![
                        format!("Period: {}", period.label()),
                        format!("Peer group: {group_name} ({spec})"),
                    ],
                    key: Vec::new(),
                    notes: manifest.attribution.clone(),
                };
                view! {
                    <p class="ys-field__hint" data-testid="share-reading">
                        {peers::share_reading(&area.name)}
                    </p>
                    <ChartFigure
                        render=render
                        caption=caption
                        description=format!(
                            "Stacked bar chart: for each of the {} neighbours, closest first, \
                             how much each context variable contributes to its distance from \
                             {}. The table below lists the same shares.",
                            input.rows.len(),
                            area.name
                        )
                        key=key
                        file_stem=file_stem(&[
                            area.code.as_str(),
                            &period.label(),
                            &spec.to_string(),
                            "neighbour-shares",
                        ])
                        export=export
                    />
                }
            });
            let overlaps = model.overlap_sentences();
            let excluded = model.excluded();
            view! {
                <p class="ys-summary" data-testid="group-label">{model.summary()}</p>
                {in_use.map(|warning| view! {
                    <p class="ys-field__hint" data-testid="group-purpose">{warning}</p>
                })}
                {(!description.is_empty()).then(|| view! {
                    <ul class="ys-findings">
                        {description.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                    </ul>
                })}
                {shares}
                <DataTable
                    table=table
                    file_stem=file_stem(&[
                        area.code.as_str(),
                        &period.label(),
                        &spec.to_string(),
                        "peer-group",
                    ])
                />
                {(!overlaps.is_empty()).then(|| view! {
                    <h3 class="ys-about__heading">"Overlap with published groups"</h3>
                    <ul class="ys-findings" data-testid="overlaps">
                        {overlaps.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}
                    </ul>
                })}
                {(!excluded.is_empty()).then(|| view! {
                    <details class="ys-source__caveats">
                        <summary>{format!("Left out ({})", excluded.len())}</summary>
                        <ul>{excluded.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </details>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="ys-view">
            <h2 class="ys-view__title">"Peer group: " {area.name.clone()}</h2>
            <p class="ys-field__hint">
                {format!(
                    "Peers are drawn from the councils responsible for the service that “{}” \
                     measures.",
                    metric.title
                )}
            </p>
            {body}
            {group_choice::confirmation()}
            <h3 class="ys-about__heading">"Change the peer group"</h3>
            {panel}
        </section>
    }
}
