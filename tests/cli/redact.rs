//! `--redact` end to end: generated documents holding personnummer, phones, e-mail,
//! addresses and private names, indexed beside `corpus/`; what `search`, `show`,
//! `extract`, `stats` and `report` print, with the flag, the index setting and without.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use incidex::redact::personnummer;

use crate::ingest::{assert_status, incidex, ingest, stdout};

/// A valid personnummer (or samordningsnummer) in the `YYMMDD-NNNC` form.
fn valid_number(rng: &mut fastrand::Rng, coordination: bool) -> String {
    let nine = format!(
        "{:02}{:02}{:02}{:03}",
        rng.u32(30..100),
        rng.u32(1..13),
        rng.u32(1..29) + if coordination { 60 } else { 0 },
        rng.u32(0..1000)
    );
    personnummer::with_check_digit(&nine)
}

/// Writes `n` incident texts with personal data into `dir`; returns the numbers used.
fn write_documents(dir: &Path, n: usize) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(1616);
    let mut numbers = Vec::new();
    for i in 0..n {
        let number = valid_number(&mut rng, i % 3 == 0);
        let twelve = format!("19{}", number.replace('-', ""));
        let text = format!(
            "Lex Sarah-utredning {i}: beslut till brukaren Maja Lindqvist\n\n\
             Brukaren Maja Lindqvist, personnummer {number}, fick ett beslut som gällde en \
             annan brukare. Beslutet skickades till Storgatan {i}, 123 45 Småstad. \
             Handläggaren Eva Berg upptäckte felet den 3 mars 2021 och kontaktade \
             brukarens son på 070-{:03} {:02} {:02} och via son{i}@exempel.se. \
             I akten fanns också samordningsnumret {twelve}. Ärendet har Dnr 2021/{:04}-5. \
             Stockholms stad anmälde incidenten till IMY den 5 mars 2021.\n",
            rng.u32(100..1000),
            rng.u32(10..100),
            rng.u32(10..100),
            rng.u32(1000..10000),
        );
        std::fs::write(dir.join(format!("sarah-{i}.txt")), text).unwrap();
        numbers.push(number);
        numbers.push(twelve);
    }
    numbers
}

struct Fixture {
    _docs: tempfile::TempDir,
    docs: PathBuf,
    index: PathBuf,
    numbers: Vec<String>,
}

/// An index of the generated documents (and `corpus/` too, when `with_corpus`).
fn fixture(name: &str, with_corpus: bool) -> Fixture {
    let docs = tempfile::tempdir().unwrap();
    let numbers = write_documents(docs.path(), 12);
    let index = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("redact-{name}"));
    let _ = std::fs::remove_dir_all(&index);
    let mut paths = vec![docs.path().to_str().unwrap()];
    if with_corpus {
        paths.push("corpus");
    }
    ingest(&index, &paths, 0);
    Fixture {
        docs: docs.path().to_path_buf(),
        _docs: docs,
        index,
        numbers,
    }
}

/// The corpus and the generated documents, indexed once for the tests that only read.
fn shared() -> &'static Fixture {
    static SHARED: OnceLock<Fixture> = OnceLock::new();
    SHARED.get_or_init(|| fixture("shared", true))
}

fn run(f: &Fixture, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--index", f.index.to_str().unwrap()]);
    let o = incidex(&all);
    assert_status(&o, 0);
    stdout(&o)
}

/// The valid personnummer in `output`, found with the validator `--redact` uses.
fn numbers_in(output: &str) -> Vec<String> {
    personnummer::find(output)
        .into_iter()
        .map(|r| output[r].to_string())
        .collect()
}

#[test]
fn search_redact_json_never_prints_a_valid_personnummer() {
    let f = shared();
    for query in [
        "personnummer",
        "brukaren",
        "samordningsnumret",
        "*",
        "Lindqvist",
    ] {
        let plain = run(f, &["search", "--json", "--limit", "100", query]);
        let redacted = run(
            f,
            &["search", "--redact", "--json", "--limit", "100", query],
        );
        assert!(
            numbers_in(&redacted).is_empty(),
            "{query}: {:?}",
            numbers_in(&redacted)
        );
        // The same hits, only masked: the numbers are there without the flag.
        assert_eq!(plain.lines().count(), redacted.lines().count(), "{query}");
        if query != "*" {
            assert!(!numbers_in(&plain).is_empty(), "{query}: {plain}");
        }
    }
    let all = run(f, &["search", "--redact", "--json", "--limit", "100", "*"]);
    for number in &f.numbers {
        assert!(!all.contains(number.as_str()), "{number}");
    }
    assert!(!all.contains("Lindqvist") && !all.contains("@exempel.se"));
    assert!(all.contains("[personnummer]") || all.contains("[namn]"));
    // What is no personal data stays: the official, the organisation, the case number.
    let hits = run(
        f,
        &["search", "--redact", "--json", "--limit", "100", "brukaren"],
    );
    assert!(hits.contains("Stockholms stad"), "{hits}");
}

#[test]
fn the_index_setting_makes_redaction_the_default_and_no_redact_overrides_it() {
    let f = fixture("setting", false);
    let show = |extra: &[&str]| {
        let mut args = vec!["search", "--limit", "100", "brukaren"];
        args.extend_from_slice(extra);
        run(&f, &args)
    };
    assert!(!numbers_in(&show(&[])).is_empty());
    assert_eq!(
        run(&f, &["settings", "--redact", "true"]).trim(),
        "redact = true"
    );
    assert!(numbers_in(&show(&[])).is_empty(), "{}", show(&[]));
    assert!(show(&[]).contains("[namn]"));
    assert!(!numbers_in(&show(&["--no-redact"])).is_empty());
    assert_eq!(run(&f, &["settings"]).trim(), "redact = true");

    // show, stats and report follow the setting too.
    let path = f.docs.join("sarah-1.txt");
    let record = run(&f, &["show", "--json", path.to_str().unwrap()]);
    assert!(
        numbers_in(&record).is_empty() && !record.contains("Lindqvist"),
        "{record}"
    );
    let stats = run(
        &f,
        &[
            "stats", "--by", "incident", "--limit", "0", "--format", "json",
        ],
    );
    assert!(
        !stats.contains("Lindqvist") && stats.contains("[namn]"),
        "{stats}"
    );
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("r.html");
    run(&f, &["report", "--out", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        !page.contains("Lindqvist"),
        "the report lists a private name"
    );
}

#[test]
fn extract_redact_masks_the_record_and_keeps_its_facts() {
    let docs = tempfile::tempdir().unwrap();
    write_documents(docs.path(), 3);
    let path = docs.path().join("sarah-2.txt");
    let dir = docs.path().to_str().unwrap();
    let plain = incidex(&["extract", "--json", path.to_str().unwrap()]);
    let redacted = incidex(&["extract", "--json", "--redact", path.to_str().unwrap()]);
    assert_status(&redacted, 0);
    let (plain, redacted) = (stdout(&plain), stdout(&redacted));
    assert!(plain.contains("Lindqvist"), "{plain}");
    assert!(!redacted.contains("Lindqvist") && numbers_in(&redacted).is_empty());
    let p: serde_json::Value = serde_json::from_str(&plain).unwrap();
    let r: serde_json::Value = serde_json::from_str(&redacted).unwrap();
    for field in [
        "organisations",
        "authorities",
        "dates",
        "delays",
        "pii_kinds",
    ] {
        assert_eq!(p[field], r[field], "{field}");
    }
    let kinds: Vec<&str> = r["pii_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["personnummer", "phone", "email", "address", "name"]);
    // The summary form too.
    let summary = incidex(&["extract", "--redact", dir]);
    assert!(!stdout(&summary).contains("Lindqvist"));
}

#[test]
fn stats_counts_documents_by_kind_of_personal_data() {
    let f = shared();
    let json: serde_json::Value =
        serde_json::from_str(&run(f, &["stats", "--format", "json"])).unwrap();
    let kinds = &json["pii_kinds"]["values"];
    let count = |name: &str| {
        kinds
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .map_or(0, |v| v["documents"].as_u64().unwrap())
    };
    assert_eq!(count("personnummer"), 12, "{kinds}");
    assert_eq!(count("email"), 12, "{kinds}");
    // The corpus has no personnummer: the query counts only the generated documents.
    let hits = run(
        f,
        &[
            "search",
            "--json",
            "--limit",
            "100",
            "pii_kind:personnummer",
        ],
    );
    assert_eq!(hits.lines().count(), 12);
    let csv = run(f, &["stats", "--format", "csv"]);
    assert!(csv.contains("pii_kinds,personnummer,documents,12"), "{csv}");
}
