//! The group spec grammar (`--group`, `?group=`): any text gives a spec or an error; a spec's
//! canonical text reads back to an equal spec and is its own canonical text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick_stats::{GroupSpec, std_number};

fuzz_target!(|text: &str| {
    let Ok(spec) = GroupSpec::parse_with(text, std_number) else {
        return;
    };
    let canonical = spec.to_string();
    match canonical.parse::<GroupSpec>() {
        Ok(again) => {
            assert_eq!(
                again, spec,
                "{text:?} reads back differently from {canonical:?}"
            );
            assert_eq!(
                again.to_string(),
                canonical,
                "canonical text of {text:?} is not stable"
            );
        }
        Err(error) => panic!("{text:?} is written as {canonical:?}, which does not parse: {error}"),
    }
});
