//! What a Yardstick widget shows, decided from plain strings: the URL's parameters
//! ([`selection`]), where a bundle may be read from ([`origin`]), how much of the widget an embed
//! shows ([`parts`]), and the reader's selection checked against a bundle's manifest and areas
//! ([`view`], [`index`]).
//!
//! Two programs use it: the full widget (Leptos) and the small first program that draws the
//! first view while the widget downloads. Deciding the view in one place is what lets the
//! first program draw exactly what the widget will. No UI, DOM or wasm crate below it.
//!
//! ```
//! use yardstick_view::selection::Selection;
//!
//! let selection = Selection::from_query("?area=E08000009&metric=household-waste-recycling-rate");
//! assert_eq!(selection.area.as_deref(), Some("E08000009"));
//! assert_eq!(selection.period, None);
//! ```

pub mod index;
pub mod origin;
pub mod parts;
pub mod selection;
pub mod view;
