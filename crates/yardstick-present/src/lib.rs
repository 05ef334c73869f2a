//! Yardstick's words and numbers for people, shared by the widget and the command line, so
//! that a council's web page and an analyst's terminal say the same thing.
//!
//! - [`format`]: numbers with thousands separators and a true minus sign, values in their
//!   metric's unit, the words for a value's status;
//! - [`words`]: outcome, trend and position words (each outcome with a shape, so meaning never
//!   rests on colour), group names, and why a figure could not be calculated;
//! - [`notes`]: the small print: a source's date, the kind of period, joint figures, a
//!   published group used for a service it was not built for;
//! - [`table`]: tables as plain data, sortable, and the same rows as CSV;
//! - [`model`]: what each view shows (`metric`, `trend`, `overview`, `peers`), built from
//!   engine results: summary sentences, tables, chart inputs ([`chart`]). The widget lays
//!   these out, and the command line prints the same sentences and cells.
//!
//! The crate has no UI, wasm or DOM dependency (`cargo xtask test` checks its dependency tree):
//! the front ends only lay out what it returns.
//!
//! ```
//! use yardstick_bundle::ValueType;
//! use yardstick_present::{format, words};
//! use yardstick_stats::NotCalculated;
//!
//! let shown = format::with_unit(ValueType::Currency, "£", format::number(-1234.4, 0));
//! assert_eq!(shown, "−£1,234");
//! assert_eq!(
//!     words::not_calculated(NotCalculated::TooFewValues { needed: 4, found: 3 }),
//!     "it needs at least 4 figures and there are 3"
//! );
//! ```

pub mod chart;
pub mod format;
pub mod markup;
pub mod methods;
pub mod model;
pub mod notes;
pub mod table;
pub mod words;
