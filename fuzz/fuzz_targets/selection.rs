//! The widget's URL selection (src/selection.rs): any query string gives a selection; writing
//! it into a query string and reading that back gives the same selection, whatever other
//! parameters the page had, and writing is stable.
//!
//! The module is plain Rust with no imports, so it is compiled in here by path rather than
//! through the widget crate, which would bring Leptos and wasm-bindgen into every fuzz build.

#![no_main]

#[path = "../../src/selection.rs"]
#[allow(dead_code, reason = "View is not fuzzed")]
mod selection;

use libfuzzer_sys::fuzz_target;
use selection::Selection;

fuzz_target!(|query: &str| {
    let read = Selection::from_query(query);
    for existing in ["", query] {
        let written = read.to_query(existing);
        assert_eq!(
            Selection::from_query(&written),
            read,
            "{query:?} written into {existing:?} as {written:?} reads back differently"
        );
        assert_eq!(
            read.to_query(&written),
            written,
            "writing {query:?} again changes {written:?}"
        );
    }
});
