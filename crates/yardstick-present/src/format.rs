//! Numbers and units as a British reader expects them: `56.8%`, `£1,234`, `512.3 kg per
//! household`, with a true minus sign (`−`). Plain functions, tested natively.

use yardstick_bundle::{MetricMeta, MissingReason, Qualifier, Status, ValueType};

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

/// A range in the metric's unit, the unit said once where it follows the number:
/// `33.6% to 47.6%`, `£600 to £700`, `238 to 263 per 100,000 adults`.
pub fn range(meta: &MetricMeta, low: f64, high: f64) -> String {
    let places = usize::from(meta.decimal_places);
    let high_text = value(meta, high);
    match high_text.strip_prefix(&number(high, places)) {
        Some(unit) if unit.starts_with(' ') => {
            format!("{} to {high_text}", number(low, places))
        }
        _ => format!("{} to {high_text}", value(meta, low)),
    }
}

/// A distance between two values (a spread, a change without its sign) in the metric's
/// unit: percentages differ by percentage points.
pub fn spread(meta: &MetricMeta, amount: f64) -> String {
    let places = usize::from(meta.decimal_places);
    if meta.value_type == ValueType::Percentage {
        format!("{} percentage points", number(amount, places))
    } else {
        value(meta, amount)
    }
}

/// A change with its sign: "+2.3 percentage points", "−£40". A change that rounds to zero
/// has no sign.
pub fn change(meta: &MetricMeta, change: f64) -> String {
    let magnitude = spread(meta, change.abs());
    let places = usize::from(meta.decimal_places);
    let rounds_to_zero = number(change.abs(), places)
        .chars()
        .all(|c| c == '0' || c == '.' || c == ',');
    if rounds_to_zero || !change.is_finite() {
        magnitude
    } else if change > 0.0 {
        format!("+{magnitude}")
    } else {
        format!("−{magnitude}")
    }
}

/// How a status reads in a table or sentence: a value's qualifier or why it is missing.
pub fn status(status: Status) -> &'static str {
    match status {
        Status::Qualified(Qualifier::Provisional) => "Provisional",
        Status::Qualified(Qualifier::Revised) => "Revised",
        Status::Qualified(Qualifier::Estimated) => "Estimated",
        Status::Qualified(Qualifier::LowReliability) => "Low reliability",
        Status::Missing(MissingReason::Suppressed) => "Suppressed",
        Status::Missing(MissingReason::NotAvailable) => "Not available",
        Status::Missing(MissingReason::NotApplicable) => "Not applicable",
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

    /// A metric of the demo bundle with the given kind of value, unit and places.
    fn metric(value_type: ValueType, unit: &str, places: u8) -> MetricMeta {
        let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/demo/");
        let manifest = yardstick_bundle::parse_manifest_with_catalogue(
            &std::fs::read(format!("{demo}manifest.json")).unwrap(),
            |p| std::fs::read(format!("{demo}{p}")).ok(),
        )
        .unwrap();
        let mut meta = manifest.metrics[0].clone();
        meta.value_type = value_type;
        meta.unit = unit.to_owned();
        meta.decimal_places = places;
        meta
    }

    #[test]
    fn ranges_say_a_trailing_unit_once() {
        let percent = metric(ValueType::Percentage, "% of pupils", 1);
        assert_eq!(range(&percent, 33.61, 47.6), "33.6% to 47.6%");
        let money = metric(ValueType::Currency, "£", 0);
        assert_eq!(range(&money, -12.0, 700.0), "−£12 to £700");
        let rate = metric(ValueType::Rate, "per 100,000 adults", 0);
        assert_eq!(
            range(&rate, 238.2, 1263.0),
            "238 to 1,263 per 100,000 adults"
        );
    }

    #[test]
    fn percentages_change_by_points_and_zero_has_no_sign() {
        let percent = metric(ValueType::Percentage, "%", 1);
        assert_eq!(change(&percent, 2.34), "+2.3 percentage points");
        assert_eq!(change(&percent, -0.44), "−0.4 percentage points");
        assert_eq!(change(&percent, -0.04), "0.0 percentage points");
        assert_eq!(spread(&percent, 4.26), "4.3 percentage points");
        let money = metric(ValueType::Currency, "£ million", 0);
        assert_eq!(change(&money, -40.2), "−£40 million");
        assert_eq!(change(&money, 1234.0), "+£1,234 million");
        let quantity = metric(ValueType::Quantity, "kg per household", 1);
        assert_eq!(spread(&quantity, 12.34), "12.3 kg per household");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "council", "councils"), "1 council");
        assert_eq!(count(36, "council", "councils"), "36 councils");
    }
}
