//! `cargo xtask fuzz [SECONDS]`: every fuzz target in fuzz/ for SECONDS each (docs/fuzzing.md).
//!
//! Installs what is missing (the pinned nightly, cargo-fuzz), seeds each target's corpus
//! from the project's fixtures, builds the targets, runs each, and reports the executions and
//! any crash. Fails, naming each crash file, when a target crashed.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};

use crate::run::{Cmd, search_path};

/// cargo-fuzz needs nightly (`-Z sanitizer`): the project's one dated nightly.
use crate::toolchain::NIGHTLY;
/// Installed only when `cargo fuzz --version` says otherwise.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Seconds per target when none are given.
pub const DEFAULT_SECONDS: u64 = 60;
/// Larger fixtures are left out of the corpora: libFuzzer's input length grows to the
/// largest seed and every execution with it.
const MAX_SEED_BYTES: u64 = 128 * 1024;

/// Each target's name (a `[[bin]]` of fuzz/Cargo.toml) and where its seeds come from.
const TARGETS: [(&str, Seeds); 9] = [
    ("bundle_manifest", Seeds::Named("manifest.json")),
    ("bundle_areas", Seeds::Named("areas.json")),
    ("bundle_context", Seeds::Named("context.json")),
    ("bundle_peer_groups", Seeds::Named("peer-groups.json")),
    ("bundle_metric_values", Seeds::MetricFiles),
    ("group_spec", Seeds::Inline(&GROUP_SPECS)),
    ("selection", Seeds::Inline(&QUERIES)),
    ("period_label", Seeds::Periods),
    ("csv_readers", Seeds::Csv),
];

#[derive(Clone, Copy)]
enum Seeds {
    /// Fixture files of this name.
    Named(&'static str),
    /// JSON files in a fixture's `metrics/` folder.
    MetricFiles,
    /// These texts.
    Inline(&'static [&'static str]),
    /// Labels of every form, each after a byte choosing the kind of year, and the periods
    /// in the fixtures' metric files.
    Periods,
    /// CSV fixtures and samples of each reader's format, after a byte choosing the reader.
    Csv,
}

/// The folders of fixtures, from the project root.
const FIXTURE_DIRS: [&str; 5] = [
    "crates/yardstick-bundle/tests/fixtures",
    "crates/yardstick-cli/tests/fixtures",
    "crates/yardstick-stats/tests/fixtures",
    "tests/e2e/fixtures",
    "public/data/demo",
];

const GROUP_SPECS: [&str; 12] = [
    "all",
    "type",
    "region",
    "published:dfe-2025",
    "list:E08000009,E08000010",
    "nearest",
    "nearest:10",
    "nearest:all",
    "nearest:10;vars=imd,density,over65;weights=imd:2;scale=robust;log=density",
    "nearest:5;distance=mahalanobis;log=none",
    "nearest:3;weights=imd:0.5,density:1e-2,over65:+1",
    "nearest:0",
];

const QUERIES: [&str; 6] = [
    "?area=E08000009&metric=household-waste-recycling-rate",
    "?area=E08000009&metric=adult-obesity-prevalence&period=2022-04-01%2FP1Y&group=nearest:10;scale=robust&view=trend",
    "?page=12&area=E06000001&utm_source=x+y&group=list:E06000001,E06000002",
    "area=%E2%9C%93&&=&view&view=peers",
    "?metric=a%2&group=%zz&area=%41%42",
    "?q=%C3%28&area=",
];

const PERIOD_LABELS: [&str; 22] = [
    "2022-04-01/P1Y",
    "2022-03-31",
    "2022-01-01/P3M",
    "2022-03-01/P1M",
    "2019-01-01/P3Y",
    "2015-11-16/P1Y",
    "2022-23",
    "2022/23",
    "2022",
    "2023 (prov)",
    "2018 (Rev)",
    "2021-22 (Final)",
    "Jan to Mar 2022",
    "Nov 2021 to Jan 2022",
    "March 2022",
    "31 March 2022",
    "2019 to 2021",
    "2013-14 to 2015-16",
    "2013/14 to 2015/16",
    "2014-16",
    "2013/14-15/16",
    "2022Q5",
];

/// Formats of `yardstick_cli::readers::Format::ALL`, by index, with a small sample of each.
const CSV_SAMPLES: [(u8, &str); 7] = [
    (
        0,
        "area,period,value,lower,upper,numerator,denominator,status,note\n\
         E06000001,2022-23,10.5,9.5,11.5,21,200,,\n\
         E06000099,2021-22,\"1,234.5\",,,,,p,\n\
         E06000002,2022-23,-,,,,,x,withheld\n",
    ),
    (
        1,
        "Year,AreaCode,AreaName,AreaType,Region,Measure,Value,Units,Date source data accessed\n\
         2022-23,E06000001,Alpha,Unitary,North East,Household waste recycling rate,39.4,%,2023-04-19\n\
         2021-22,E06000002,Beta,Unitary,North East,Household waste recycling rate,-,%,2023-04-19\n",
    ),
    (
        2,
        "\u{feff}areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n\
         E06000001,Alpha,County or Unitary Authority,Obesity,2015-11-16/P1Y,22.6262,Percentage,%,22.4,22.8,,\n\
         E06000002,Beta,County or Unitary Authority,Obesity,2016-01-01/P3Y,,Percentage,%,,,u,\n",
    ),
    (
        3,
        "Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n\
         RTA,Killed or seriously injured,2014-16,Alpha,12.13,301.0,North East\n\
         RTA,Killed or seriously injured,2022 (prov),Beta,c,302,North East\n\
         RTA,Killed or seriously injured,2022,England,5,970,England\n",
    ),
    (
        4,
        "old_la_code,new_la_code,la_name,first,last\n\
         301,E06000001,Alpha,2017.0,2025.0\n\
         302,E06000002,Beta,2017.0,2019.0\n",
    ),
    (
        5,
        "\"Measure_code\",\"Measure\",\"Chart_title\",\"Measure_short\",\"Polarity\",\"Description\",\"Last Update\",\"Next Update\",\"Hyperlink(s)\",\"dps\",\"Year_Type\"\n\
         \"4\",\"Infant Mortality\",\"Infant mortality rate\",\"InfMort\",\"Low\",\"Rate per 1000\",\"45809\",\"NA\",\"see https://example.org/a\",\"1\",\"Calendar Year\"\n",
    ),
    (
        6,
        "local-authority-code,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type,county-la,combined-authority,former-gss-codes,pop-2020\n\
         AAA,Alpha,E06000001,1996-04-01,,,England,North East,UA,,,,1000\n\
         CCC,Gamma,E07000001,,2019-04-01,DDD,England,South West,NMD,,,,\n",
    ),
];

/// The publishers' files the demo bundle is built from (bundles/demo.toml), when the machine
/// has them beside the project: their first lines become seeds, with the reader's index.
const SHARED_DATA_SAMPLES: [(u8, &str); 5] = [
    (1, "metrics/oflog_waste_defra.csv"),
    (
        2,
        "metrics/ons-els/adult-obesity-prevalence/adult-obesity-prevalence.csv",
    ),
    (4, "peer-groups/dfe_la_number_to_gss.csv"),
    (5, "metrics/dfe-lait/lait_data_dictionary.csv"),
    (6, "areas/mysociety_uk_local_authorities.csv"),
];
const SHARED_DATA_LINES: usize = 30;

/// What one target's run came to.
struct Outcome {
    target: &'static str,
    executions: Option<u64>,
    new_units: Option<u64>,
    crash: Option<String>,
    failed: bool,
}

/// Reads `[SECONDS]`.
pub fn parse_seconds(args: &[String]) -> Result<u64> {
    match args {
        [] => Ok(DEFAULT_SECONDS),
        [seconds] => match seconds.parse() {
            Ok(seconds) if seconds > 0 => Ok(seconds),
            _ => bail!("fuzz takes a number of seconds per target (1 or more), not `{seconds}`"),
        },
        _ => bail!("fuzz takes at most one argument, the seconds per target"),
    }
}

/// Installs, seeds, builds and runs every target; fails if any crashed.
pub fn run(root: &Path, seconds: u64) -> Result<ExitCode> {
    crate::toolchain::ensure_nightly(root, &[])?;
    ensure_cargo_fuzz(root)?;
    let fuzz_dir = root.join("fuzz");
    for (target, seeds) in TARGETS {
        let count = seed(root, target, seeds)?;
        eprintln!("{target}: {count} seeds");
    }
    let target_dir = root.join("target").join("fuzz");
    Cmd::new("cargo", root)
        .args([&format!("+{NIGHTLY}"), "fuzz", "build", "--target-dir"])
        .args([&target_dir])
        .run()?;
    let logs = target_dir.join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    let mut outcomes = Vec::new();
    for (target, _) in TARGETS {
        outcomes.push(run_target(
            root,
            &fuzz_dir,
            &target_dir,
            &logs,
            target,
            seconds,
        )?);
    }
    println!(
        "\n{:<22} {:>12} {:>10}  findings",
        "target", "executions", "new units"
    );
    for outcome in &outcomes {
        let number = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
        let finding = match (&outcome.crash, outcome.failed) {
            (Some(file), _) => format!("crash: {file}"),
            (None, true) => "failed without a crash file (see its log)".to_owned(),
            (None, false) => "none".to_owned(),
        };
        println!(
            "{:<22} {:>12} {:>10}  {finding}",
            outcome.target,
            number(outcome.executions),
            number(outcome.new_units)
        );
    }
    println!("logs in {}", logs.display());
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.failed).collect();
    if failed.is_empty() {
        println!("{} targets, {seconds} s each: no crashes", outcomes.len());
        Ok(ExitCode::SUCCESS)
    } else {
        for outcome in &failed {
            eprintln!(
                "{} crashed: {}",
                outcome.target,
                outcome.crash.as_deref().unwrap_or("no crash file written")
            );
        }
        eprintln!("reproduce with: cargo +{NIGHTLY} fuzz run TARGET CRASH-FILE (docs/fuzzing.md)");
        Ok(ExitCode::FAILURE)
    }
}

fn ensure_cargo_fuzz(root: &Path) -> Result<()> {
    crate::setup::PinnedTool {
        version_command: &["cargo", "fuzz", "--version"],
        krate: "cargo-fuzz",
        version: CARGO_FUZZ_VERSION,
        locked: true,
        takes: "about 2 minutes",
    }
    .ensure(root)
}

/// Writes a target's seeds into fuzz/corpus/TARGET (gitignored) beside what earlier runs
/// found; returns how many seeds there are.
fn seed(root: &Path, target: &str, seeds: Seeds) -> Result<usize> {
    let dir = root.join("fuzz").join("corpus").join(target);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    match seeds {
        Seeds::Named(name) => {
            for file in fixture_files(root)? {
                if file.file_name().is_some_and(|n| n == name) {
                    inputs.push(read_seed(root, &file)?);
                }
            }
        }
        Seeds::MetricFiles => {
            for file in fixture_files(root)? {
                let in_metrics = file.components().any(|c| c.as_os_str() == "metrics");
                if in_metrics && file.extension().is_some_and(|e| e == "json") {
                    inputs.push(read_seed(root, &file)?);
                }
            }
        }
        Seeds::Inline(texts) => {
            for (index, text) in texts.iter().enumerate() {
                inputs.push((format!("inline-{index}"), text.as_bytes().to_vec()));
            }
        }
        Seeds::Periods => {
            for (index, label) in PERIOD_LABELS.iter().enumerate() {
                // Each label once with each kind of year would be 7 times the seeds for little
                // gain: cycle through the kinds instead.
                let year_type = u8::try_from(index % 7).unwrap_or(0);
                inputs.push((
                    format!("inline-{index}"),
                    prefixed(year_type, label.as_bytes()),
                ));
            }
            for period in fixture_periods(root)? {
                let name = format!("fixture-{}", sanitise(&period));
                inputs.push((name, prefixed(0, period.as_bytes())));
            }
        }
        Seeds::Csv => {
            for (format, text) in CSV_SAMPLES {
                inputs.push((
                    format!("inline-{format}"),
                    prefixed(format, text.as_bytes()),
                ));
            }
            for file in fixture_files(root)? {
                let format = match file.file_name().and_then(|n| n.to_str()) {
                    Some("values.csv") => 0,
                    Some("areas.csv") => 6,
                    _ => continue,
                };
                let (name, bytes) = read_seed(root, &file)?;
                inputs.push((name, prefixed(format, &bytes)));
            }
            let shared = root.join("../shared/data");
            for (format, path) in SHARED_DATA_SAMPLES {
                let Ok(text) = std::fs::read_to_string(shared.join(path)) else {
                    continue;
                };
                let head: Vec<&str> = text.lines().take(SHARED_DATA_LINES).collect();
                let sample = head.join("\n") + "\n";
                let name = format!("shared-{}", sanitise(path));
                inputs.push((name, prefixed(format, sample.as_bytes())));
            }
        }
    }
    for (name, bytes) in &inputs {
        let path = dir.join(format!("seed-{name}"));
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(inputs.len())
}

fn prefixed(first: u8, rest: &[u8]) -> Vec<u8> {
    let mut bytes = vec![first];
    bytes.extend_from_slice(rest);
    bytes
}

/// Every fixture file no larger than [`MAX_SEED_BYTES`], sorted.
fn fixture_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = FIXTURE_DIRS.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
            let path = entry.path();
            let meta = entry
                .metadata()
                .with_context(|| format!("reading {}", path.display()))?;
            if meta.is_dir() {
                stack.push(path);
            } else if meta.len() <= MAX_SEED_BYTES {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read_seed(root: &Path, file: &Path) -> Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let relative = file.strip_prefix(root).unwrap_or(file).to_string_lossy();
    Ok((sanitise(&relative), bytes))
}

/// A path or label as a file name.
fn sanitise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The distinct `"period":"…"` values of the test fixtures' metric files (not the demo's:
/// they repeat the same few periods).
fn fixture_periods(root: &Path) -> Result<Vec<String>> {
    let mut periods = std::collections::BTreeSet::new();
    for file in fixture_files(root)? {
        let under_tests = file
            .strip_prefix(root)
            .is_ok_and(|f| !f.starts_with("public"));
        if !under_tests || !file.components().any(|c| c.as_os_str() == "metrics") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for piece in text.split("\"period\":\"").skip(1) {
            if let Some((period, _)) = piece.split_once('"') {
                periods.insert(period.to_owned());
            }
        }
    }
    Ok(periods.into_iter().collect())
}

/// Runs one target for `seconds`, its output to logs/TARGET.log, and reads libFuzzer's final
/// statistics and any crash file from it.
fn run_target(
    root: &Path,
    fuzz_dir: &Path,
    target_dir: &Path,
    logs: &Path,
    target: &'static str,
    seconds: u64,
) -> Result<Outcome> {
    let log_path = logs.join(format!("{target}.log"));
    let mut log = std::fs::File::create(&log_path)
        .with_context(|| format!("creating {}", log_path.display()))?;
    let args = [
        format!("+{NIGHTLY}"),
        "fuzz".to_owned(),
        "run".to_owned(),
        "--target-dir".to_owned(),
        target_dir.to_string_lossy().into_owned(),
        target.to_owned(),
        "--".to_owned(),
        format!("-max_total_time={seconds}"),
        "-print_final_stats=1".to_owned(),
        // An input taking this long is a finding (a hang), not a slow run.
        "-timeout=10".to_owned(),
    ];
    eprintln!("$ cargo {}  (log: {})", args.join(" "), log_path.display());
    // libFuzzer writes to stderr, read below; cargo-fuzz's advice after a crash goes to
    // stdout, straight into the log.
    let stdout_log = log
        .try_clone()
        .with_context(|| format!("opening {} again", log_path.display()))?;
    let mut child = Command::new("cargo")
        .args(&args)
        .current_dir(root)
        .env("PATH", search_path())
        .stdout(Stdio::from(stdout_log))
        .stderr(Stdio::piped())
        .spawn()
        .context("could not start cargo fuzz run")?;
    let mut outcome = Outcome {
        target,
        executions: None,
        new_units: None,
        crash: None,
        failed: false,
    };
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let line = line.context("reading cargo fuzz's output")?;
            writeln!(log, "{line}").context("writing the fuzz log")?;
            if let Some(value) = line.strip_prefix("stat::number_of_executed_units:") {
                outcome.executions = value.trim().parse().ok();
            } else if let Some(value) = line.strip_prefix("stat::new_units_added:") {
                outcome.new_units = value.trim().parse().ok();
            } else if let Some((_, file)) = line.split_once("Test unit written to ") {
                outcome.crash = Some(crash_path(fuzz_dir, root, file.trim()));
            }
            if is_worth_showing(&line) {
                eprintln!("  {target}: {line}");
            }
        }
    }
    let status = child.wait().context("waiting for cargo fuzz run")?;
    outcome.failed = !status.success() || outcome.crash.is_some();
    Ok(outcome)
}

/// The crash file as a path from the project root (libFuzzer names it from fuzz/).
fn crash_path(fuzz_dir: &Path, root: &Path, written: &str) -> String {
    let path = Path::new(written);
    let from_fuzz = fuzz_dir.join(path);
    let found = if from_fuzz.exists() {
        from_fuzz
    } else {
        root.join(path)
    };
    found
        .strip_prefix(root)
        .unwrap_or(&found)
        .display()
        .to_string()
}

/// libFuzzer's progress lines are in the log; the terminal gets the summary and anything wrong.
fn is_worth_showing(line: &str) -> bool {
    line.starts_with("stat::")
        || line.starts_with("Done ")
        || line.contains("panicked at")
        || line.contains("ERROR")
        || line.contains("Test unit written to")
        || line.starts_with("error")
}
