//! A sortable table of the numbers behind a chart, with its provenance and a CSV download.

use leptos::prelude::*;

use crate::download;
use yardstick_present::table::{ColumnKind, SortOrder, Table};

/// Tables longer than this fold away behind their heading until a reader opens them, so the
/// answer and its source are not pushed screens down the page.
pub const FOLD_ROWS: usize = 12;

/// The table: column headings are buttons that sort (announced through `aria-sort`); the
/// council the view is about is marked in words by the table's own columns and in weight here.
/// A long table folds behind a disclosure (a native `details`), open when `open` is set.
#[component]
pub fn DataTable(
    /// What to show.
    table: Table,
    /// File name for the CSV download, without extension.
    #[prop(into)]
    file_stem: String,
    /// Show the table open whatever its length (an embed that asked for it).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let open = open || table.rows.len() <= FOLD_ROWS;
    let fold_label = format!("The figures as a table ({} rows)", table.rows.len());
    let sort = RwSignal::new(None::<(usize, SortOrder)>);
    let table = StoredValue::new(table);
    let order = move || {
        table.with_value(|t| match sort.get() {
            Some((column, order)) => t.sorted_indices(column, order),
            None => (0..t.rows.len()).collect(),
        })
    };
    let headers = table.with_value(|t| {
        t.columns
            .iter()
            .enumerate()
            .map(|(index, column)| {
                let numeric = column.kind == ColumnKind::Number;
                let aria_sort = move || match sort.get() {
                    Some((c, SortOrder::Ascending)) if c == index => "ascending",
                    Some((c, SortOrder::Descending)) if c == index => "descending",
                    _ => "none",
                };
                let toggle = move |_| {
                    sort.update(|s| {
                        *s = Some(match *s {
                            Some((c, SortOrder::Ascending)) if c == index => {
                                (index, SortOrder::Descending)
                            }
                            Some((c, SortOrder::Descending)) if c == index => {
                                (index, SortOrder::Ascending)
                            }
                            // Numbers start highest first, names A to Z.
                            _ if numeric => (index, SortOrder::Descending),
                            _ => (index, SortOrder::Ascending),
                        });
                    });
                };
                let class = if numeric { "ys-table__number" } else { "" };
                let arrow = move || match sort.get() {
                    Some((c, SortOrder::Ascending)) if c == index => " ▲",
                    Some((c, SortOrder::Descending)) if c == index => " ▼",
                    _ => "",
                };
                view! {
                    <th scope="col" class=class aria-sort=aria_sort>
                        <button type="button" class="ys-table__sort" on:click=toggle>
                            {column.title.clone()}
                            <span aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    });
    let rows = move || {
        table.with_value(|t| {
            order()
                .into_iter()
                .filter_map(|i| t.rows.get(i))
                .map(|row| {
                    let class = if row.highlighted {
                        "ys-table__row--chosen"
                    } else {
                        ""
                    };
                    let cells = row
                        .cells
                        .iter()
                        .zip(&t.columns)
                        .enumerate()
                        .map(|(i, (cell, column))| {
                            let numeric = column.kind == ColumnKind::Number;
                            if i == 0 {
                                view! { <th scope="row">{cell.shown.clone()}</th> }.into_any()
                            } else if numeric {
                                view! { <td class="ys-table__number">{cell.shown.clone()}</td> }
                                    .into_any()
                            } else {
                                view! { <td>{cell.shown.clone()}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr class=class>{cells}</tr> }
                })
                .collect_view()
        })
    };
    let caption = table.with_value(|t| t.caption.clone());
    let download_csv = move |_| {
        let csv = table.with_value(Table::to_csv);
        download::text(&format!("{file_stem}.csv"), "text/csv;charset=utf-8", &csv);
    };
    view! {
        <details class="ys-fold ys-table-block" open=open>
            <summary class="ys-fold__summary">{fold_label}</summary>
            <div class="ys-table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="ys-table">
                    <caption class="ys-table__caption">{caption.clone()}</caption>
                    <thead>
                        <tr>{headers}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <button type="button" class="ys-button ys-button--secondary" on:click=download_csv>
                "Download this table (CSV)"
            </button>
        </details>
    }
}
