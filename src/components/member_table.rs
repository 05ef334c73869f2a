//! The table behind the ranked bar chart: every member, its value and status, with the chosen
//! council marked in words as well as in weight.

use leptos::prelude::*;

use crate::comparison::RankedComparison;
use crate::format;

/// Every member of the comparison group with its value, status and notes.
#[component]
pub fn MemberTable(
    /// The comparison to list.
    comparison: RankedComparison,
) -> impl IntoView {
    let metric = comparison.metric.clone();
    let caption = format!(
        "{}, {}: {}",
        metric.short_title,
        comparison.period.label(),
        comparison.group_name
    );
    let rows = comparison
        .ranked
        .iter()
        .chain(&comparison.missing)
        .map(|row| {
            let value = row
                .reading
                .value()
                .map(|v| format::value(&metric, v))
                .unwrap_or_else(|| "No figure".to_owned());
            let mut notes: Vec<String> = Vec::new();
            if row.chosen {
                notes.push("Selected council".to_owned());
            }
            if let Some(status) = row.reading.status() {
                notes.push(format::status(status).to_owned());
            }
            if let Some(note) = &row.note {
                notes.push(note.clone());
            }
            let class = if row.chosen {
                "ys-table__row--chosen"
            } else {
                ""
            };
            view! {
                <tr class=class>
                    <th scope="row">{row.name.clone()}</th>
                    <td class="ys-table__number">{value}</td>
                    <td>{notes.join(". ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ys-table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="ys-table">
                <caption class="ys-table__caption">{caption.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Council"</th>
                        <th scope="col" class="ys-table__number">{metric.short_title.clone()}</th>
                        <th scope="col">"Notes"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
