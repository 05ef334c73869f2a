//! Numbers and units as a British reader expects them: `56.8%`, `£1,234`, `512.3 kg per
//! household`. Plain functions, tested natively.

use yardstick_bundle::{MetricMeta, ValueStatus, ValueType};

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

/// Formats a number with thousands separators and a fixed number of decimal places.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3 + 1);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    // No "-0.0": a value that rounds to zero has no sign.
    let rounds_to_zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if value < 0.0 && !rounds_to_zero {
        "−"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// Formats a value of a metric with its unit.
pub fn value(meta: &MetricMeta, value: f64) -> String {
    with_unit(
        meta.value_type,
        &meta.unit,
        number(value, usize::from(meta.decimal_places)),
    )
}

/// Puts a unit around an already formatted number.
pub fn with_unit(value_type: ValueType, unit: &str, number: String) -> String {
    let unit = unit.trim();
    match value_type {
        ValueType::Percentage => format!("{number}%"),
        _ if unit.is_empty() => number,
        ValueType::Currency if unit.starts_with('£') => {
            let rest = unit.trim_start_matches('£').trim();
            match number.strip_prefix('−') {
                Some(positive) if rest.is_empty() => format!("−£{positive}"),
                Some(positive) => format!("−£{positive} {rest}"),
                None if rest.is_empty() => format!("£{number}"),
                None => format!("£{number} {rest}"),
            }
        }
        _ if unit == "%" => format!("{number}%"),
        _ => format!("{number} {unit}"),
    }
}

/// How a status reads in a table or sentence.
pub fn status(status: ValueStatus) -> &'static str {
    match status {
        ValueStatus::Provisional => "Provisional",
        ValueStatus::Revised => "Revised",
        ValueStatus::Estimated => "Estimated",
        ValueStatus::LowReliability => "Low reliability",
        ValueStatus::Suppressed => "Suppressed",
        ValueStatus::NotAvailable => "Not available",
        ValueStatus::NotApplicable => "Not applicable",
    }
}

/// "1 council", "36 councils".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: f64, decimals: usize, expected: &str) {
        assert_eq!(
            number(value, decimals),
            expected,
            "{value} to {decimals} places"
        );
    }

    #[test]
    fn numbers_are_grouped_in_thousands_and_rounded() {
        check(0.0, 1, "0.0");
        check(56.84, 1, "56.8");
        check(999.5, 0, "1,000");
        check(1234567.891, 2, "1,234,567.89");
        check(-1234.5, 1, "−1,234.5");
        check(-0.04, 1, "0.0");
        check(f64::NAN, 1, "–");
    }

    #[test]
    fn units_go_where_readers_expect_them() {
        let n = || "1,234".to_owned();
        assert_eq!(with_unit(ValueType::Percentage, "%", n()), "1,234%");
        assert_eq!(with_unit(ValueType::Currency, "£", n()), "£1,234");
        assert_eq!(
            with_unit(ValueType::Currency, "£ million", n()),
            "£1,234 million"
        );
        assert_eq!(with_unit(ValueType::Currency, "£", "−5".to_owned()), "−£5");
        assert_eq!(
            with_unit(ValueType::Quantity, "kg per household", n()),
            "1,234 kg per household"
        );
        assert_eq!(with_unit(ValueType::Ratio, "", n()), "1,234");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "council", "councils"), "1 council");
        assert_eq!(count(36, "council", "councils"), "36 councils");
    }
}
