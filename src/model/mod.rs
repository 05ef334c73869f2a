//! What each view shows, as plain data built from bundle types and engine results. No
//! signals, no DOM: natively tested. Components lay these out.

pub mod metric;
pub mod overview;
pub mod peers;
pub mod trend;
