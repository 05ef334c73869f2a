//! What each view shows, as plain data built from bundle types and engine results. No
//! signals, no DOM: natively tested. The widget's components lay these out, and the command
//! line prints the same sentences and table cells.

pub mod group_choice;
pub mod map;
pub mod metric;
pub mod overview;
pub mod peers;
pub mod trend;
