//! The widget's components, one per file. Each takes plain models and signals from `state`;
//! none fetches or computes statistics.

pub mod about_view;
pub mod area_picker;
pub mod chart_figure;
pub mod combobox;
pub mod comparison_page;
pub mod copy_link;
pub mod data_table;
pub mod embed_panel;
pub mod external_link;
pub mod group_choice;
pub mod map_view;
pub mod message;
pub mod metric_picker;
pub mod metric_view;
pub mod outcome_badge;
pub mod overview_view;
pub mod peer_panel;
pub mod peer_view;
pub mod period_picker;
pub mod print_note;
pub mod source_note;
pub mod trend_view;
pub mod view_tabs;
