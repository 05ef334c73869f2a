//! Issue 11, acceptance 4: the command line's JSON validates against its published schema,
//! docs/schema/cli/output.schema.json, for every command with a JSON format, on the demo
//! bundle, over areas of every tier, metrics with and without intervals, polarity and long
//! series, and every kind of group; and the schema is known to bite.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed test"
)]

use std::collections::BTreeSet;
use std::fs;

use jsonschema::Validator;
use serde_json::{Value, json};

mod common;
use common::{project_root, yardstick};

const DEMO: &str = "public/data/demo";

fn schema() -> Value {
    let path = project_root().join("docs/schema/cli/output.schema.json");
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn validator() -> Validator {
    let schema = schema();
    assert!(
        jsonschema::draft202012::meta::is_valid(&schema),
        "the schema is not a valid draft 2020-12 schema"
    );
    jsonschema::draft202012::new(&schema).unwrap()
}

/// The command's JSON output, which must succeed.
fn run(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let output = yardstick(&all);
    assert!(
        output.status.success(),
        "yardstick {}: {}",
        all.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each state's JSON, in order.
fn run_all(states: &[Vec<String>]) -> Vec<Value> {
    states
        .iter()
        .map(|state| run(&state.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect()
}

/// Every problem the schema finds, one line each, with where it is.
fn problems(validator: &Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Every path in a document, list positions written `*`, so that the test can say which
/// shapes it saw (a figure and a reason in the same place are different paths).
fn paths(value: &Value, here: &str, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                let path = format!("{here}/{key}");
                paths(item, &path, into);
                into.insert(path);
            }
        }
        Value::Array(items) => {
            for item in items {
                paths(item, &format!("{here}/*"), into);
            }
        }
        _ => {}
    }
}

/// The commands and states the acceptance test runs.
fn states() -> Vec<Vec<String>> {
    let trafford = "E08000009"; // metropolitan district
    let cambridgeshire = "E10000003"; // county
    let cambridge = "E07000008"; // shire district
    let bexley = "E09000004"; // London borough
    let hartlepool = "E06000001"; // unitary authority
    let anglesey = "W06000001"; // Welsh principal area
    let city = "E09000001"; // the City of London
    let groups = [
        "all",
        "type",
        "region",
        "published:dfe-statistical-neighbours-2025",
        "nearest",
        "nearest:5;scale=robust;distance=mahalanobis",
        "nearest:all;vars=population,employment-rate;weights=employment-rate:2;log=none",
        "list:E08000001,E08000002,E09000004",
    ];
    let mut states: Vec<Vec<&str>> = vec![vec!["metrics", DEMO], vec!["areas", DEMO]];
    for group in groups {
        states.push(vec!["peers", DEMO, "--area", trafford, "--group", group]);
        states.push(vec![
            "compare",
            DEMO,
            "--area",
            trafford,
            "--metric",
            "adult-obesity-prevalence",
            "--group",
            group,
        ]);
        states.push(vec!["summary", DEMO, "--area", trafford, "--group", group]);
    }
    for (area, group) in [
        (cambridgeshire, "type"),
        (cambridge, "nearest:10"),
        (bexley, "region"),
        (hartlepool, "published:ons-similar-areas-global"),
        (anglesey, "all"),
        (city, "all"),
    ] {
        states.push(vec!["peers", DEMO, "--area", area, "--group", group]);
        states.push(vec!["summary", DEMO, "--area", area, "--group", group]);
    }
    states.push(vec![
        "peers",
        DEMO,
        "--area",
        cambridge,
        "--group",
        "all",
        "--metric",
        "household-waste-recycling-rate",
    ]);
    for (area, metric, period, group) in [
        (
            trafford,
            "household-waste-recycling-rate",
            None,
            "nearest:10",
        ),
        (
            trafford,
            "household-waste-recycling-rate",
            Some("2015-16"),
            "all",
        ),
        (trafford, "asc-workforce-turnover", None, "type"),
        (trafford, "council-tax-band-d", None, "all"),
        (trafford, "cigarette-smokers", None, "region"),
        (trafford, "children-looked-after-rate", None, "type"),
        (
            cambridgeshire,
            "asc-short-term-service-outcomes",
            None,
            "type",
        ),
        (cambridge, "residual-household-waste", None, "nearest"),
        (bexley, "healthy-life-expectancy-female", None, "region"),
        (hartlepool, "child-protection-plans-repeat", None, "all"),
        (anglesey, "employment-rate", None, "all"),
        (city, "gross-median-weekly-pay", None, "all"),
    ] {
        let mut state = vec![
            "compare", DEMO, "--area", area, "--metric", metric, "--group", group,
        ];
        if let Some(period) = period {
            state.extend(["--period", period]);
        }
        states.push(state);
    }
    states
        .into_iter()
        .map(|s| s.into_iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn every_commands_json_validates_against_the_published_schema() {
    let validator = validator();
    let mut seen = BTreeSet::new();
    let mut commands = BTreeSet::new();
    let mut failures = Vec::new();
    // Two at a time: the summaries read every metric file and take a second each.
    let states = states();
    let (first, second) = states.split_at(states.len() / 2);
    let outputs: Vec<(&Vec<String>, Value)> = std::thread::scope(|scope| {
        let other = scope.spawn(|| run_all(second));
        let mut documents = run_all(first);
        documents.extend(other.join().unwrap());
        states.iter().zip(documents).collect()
    });
    for (state, document) in outputs {
        let args: Vec<&str> = state.iter().map(String::as_str).collect();
        assert_eq!(document["command"], args[0], "{args:?}");
        assert_eq!(document["format_version"], "1.0", "{args:?}");
        commands.insert(args[0].to_owned());
        for problem in problems(&validator, &document) {
            failures.push(format!("yardstick {}: {problem}", args.join(" ")));
        }
        paths(&document, &format!("{}:", args[0]), &mut seen);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        commands,
        ["areas", "compare", "metrics", "peers", "summary"]
            .map(str::to_owned)
            .into()
    );
    // The states reach both sides of the shapes that vary: a figure and a reason, a model and
    // none, a published band, an interval, a judgement, a trend test and a relative trend.
    let wanted = [
        "compare:/assessment/interval_95/lower",
        "compare:/assessment/interval_95/reason",
        "compare:/assessment/benchmark/judgement",
        "compare:/assessment/benchmark/reason",
        "compare:/assessment/description/quartiles/q1",
        "compare:/assessment/position/mad_score",
        "compare:/group/missing/*/reason",
        "compare:/trend/change_since_previous/from_label",
        "compare:/trend/recent/marker",
        "compare:/trend/recent/reason",
        "compare:/relative_trend/marker",
        "compare:/relative_trend/reason",
        "summary:/rows/*/comparison/judgement",
        "summary:/rows/*/trend/needed",
        "summary:/rows/*/direction/missing",
        "summary:/rows/*/period_label",
        "peers:/group/model/variables/*/imputed_with",
        "peers:/group/model/shrinkage",
        "peers:/group/members/*/neighbour/shares/*/share",
        "peers:/group/excluded/*/reason",
        "peers:/overlaps/*/overlap/jaccard",
        "peers:/scope/area_types",
        "metrics:/metrics/*/polarity",
        "areas:/areas/*/current",
    ];
    let missed: Vec<&str> = wanted
        .into_iter()
        .filter(|path| !seen.contains(*path))
        .collect();
    assert!(missed.is_empty(), "no state printed {missed:?}");
}

/// The schema rejects what the format does not allow: the validation above can fail.
#[test]
fn the_schema_rejects_what_the_format_does_not_allow() {
    let validator = validator();
    let compare = run(&[
        "compare",
        DEMO,
        "--area",
        "E08000009",
        "--metric",
        "household-waste-recycling-rate",
        "--group",
        "all",
    ]);
    assert_eq!(problems(&validator, &compare), Vec::<String>::new());
    let check = |what: &str, change: &dyn Fn(&mut Value)| {
        let mut document = compare.clone();
        change(&mut document);
        assert!(
            !problems(&validator, &document).is_empty(),
            "the schema accepts output with {what}"
        );
    };
    check("no format_version", &|d| {
        d.as_object_mut().unwrap().remove("format_version");
    });
    check("another version", &|d| d["format_version"] = json!("2.0"));
    check("an unknown command", &|d| d["command"] = json!("rank"));
    check("a missing required field", &|d| {
        d["assessment"].as_object_mut().unwrap().remove("position");
    });
    check("a field the format lacks", &|d| {
        d["area_name"] = json!("Trafford")
    });
    check("a null in place of a value", &|d| {
        d["assessment"]["value"] = Value::Null;
    });
    check("a reason the format does not know", &|d| {
        d["assessment"]["value"] = json!({"reason": "unknown"});
    });
    check("too_few_values without its counts", &|d| {
        d["assessment"]["value"] = json!({"reason": "too_few_values", "needed": 4});
    });
    check("a polarity the format does not know", &|d| {
        d["polarity"] = json!("HigherIsBetter");
    });
    check("a period that is not ISO 8601", &|d| {
        d["period"] = json!("2022-23")
    });
    check("a rank of zero", &|d| d["ranking"][0]["rank"] = json!(0));
    check("a summary's body under compare", &|d| {
        d["command"] = json!("summary");
    });
}
