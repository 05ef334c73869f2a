//! The widget's components, one per file. Each takes plain models and signals from `state`;
//! none fetches or computes statistics.

pub mod about_view;
pub mod area_picker;
pub mod data_table;
pub mod member_table;
pub mod message;
pub mod metric_picker;
pub mod metric_view;
pub mod ranked_bars_figure;
pub mod source_note;
pub mod view_tabs;
