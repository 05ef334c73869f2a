//! `context.json`: any bytes give a value or an error, and what parses encodes back to bytes that
//! parse to an equal value, which encode to the same bytes again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{encode_context, parse_context};
use yardstick_fuzz::round_trip;

fuzz_target!(|bytes: &[u8]| round_trip(bytes, "context.json", parse_context, encode_context));
