//! The builder's CSV readers (tidy, Oflog, ONS Explore Local Statistics, DfE LAIT with its LA
//! number lookup and dictionary, mySociety's areas), through the shared CSV reading with gzip
//! and byte-order marks.
//!
//! The first byte chooses the reader (its low bits) and how the rest is stored: as written,
//! gzip-compressed (0x80), or as written under a `.gz` name, so that arbitrary bytes reach the
//! decompressor (0x40). Properties: a file gives values or an error, never a panic; every row
//! read is kept, merged, skipped or rejected; each value is one row kept, under an area of the
//! bundle, once per area and period; and the values encode as a metric's values file that
//! parses back to the same values (what the builder writes, the widget can read).

#![no_main]

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;
use yardstick_bundle::{MetricValues, encode_metric_values, parse_metric_values};
use yardstick_cli::readers::{Format, Readers};

fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("yardstick-fuzz-csv-{}", std::process::id()))
}

fn readers() -> &'static Readers {
    static READERS: OnceLock<Readers> = OnceLock::new();
    READERS.get_or_init(|| match Readers::new(&scratch()) {
        Ok(readers) => readers,
        Err(error) => panic!("cannot set up the readers: {error:#}"),
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector & 0x3F) % Format::ALL.len()];
    let readers = readers();
    let (name, contents) = if selector & 0x80 != 0 {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        let compressed = encoder.write_all(rest).and_then(|()| encoder.finish());
        match compressed {
            Ok(compressed) => ("input.csv.gz", compressed),
            Err(error) => panic!("gzip into memory failed: {error}"),
        }
    } else if selector & 0x40 != 0 {
        ("input.csv.gz", rest.to_vec())
    } else {
        ("input.csv", rest.to_vec())
    };
    let file = scratch().join(name);
    if let Err(error) = std::fs::write(&file, &contents) {
        panic!("cannot write {}: {error}", file.display());
    }
    let Ok(outcome) = readers.read(format, &file) else {
        return;
    };
    assert!(
        outcome.balances,
        "{format:?}: rows do not add up: {outcome:?}"
    );
    if matches!(format, Format::LaitDictionary | Format::Areas) {
        return;
    }
    assert_eq!(
        outcome.values.len() as u64,
        outcome.kept + outcome.recoded,
        "{format:?}: values are not the rows kept: {outcome:?}"
    );
    let areas = readers.area_codes();
    for value in &outcome.values {
        assert!(
            areas.contains(&value.area),
            "{format:?}: {} is not an area",
            value.area
        );
    }
    for pair in outcome.values.windows(2) {
        if let [a, b] = pair {
            assert!(
                (&a.area, a.period) < (&b.area, b.period),
                "{format:?}: values out of order or repeated"
            );
        }
    }
    let values = match MetricValues::new("fuzz", outcome.values.clone()) {
        Ok(values) => values,
        Err(error) => panic!("{format:?}: the values read are not a metric's values: {error}"),
    };
    let encoded = encode_metric_values(&values);
    match parse_metric_values(&encoded) {
        Ok(read) => assert_eq!(
            read, values,
            "{format:?}: values change when written and read"
        ),
        Err(error) => panic!(
            "{format:?}: the values read do not make a valid file: {error}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    }
});
