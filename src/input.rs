//! What a reader types: numbers read by the browser, so that the standard library's float
//! parser stays out of the wasm.

/// The value of text that `yardstick_stats::is_decimal_number` accepts, read by the browser
/// (`parseFloat`, which is exact). The standard library's parser would bring its tables into
/// the wasm, about 13 KB of Brotli for the few numbers a reader types; natively, as in tests,
/// it is the one used.
pub fn browser_number(text: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    let value = Some(js_sys::Number::parse_float(text));
    #[cfg(not(target_arch = "wasm32"))]
    let value = yardstick_stats::std_number(text);
    value.filter(|v| v.is_finite())
}
