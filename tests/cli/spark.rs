//! The Spark job (`spark/extract_records.py`) in `local[2]` mode, then `incidex ingest
//! --records` on its shards: the index equals a direct import of the same files, and the
//! broken files are in the job's errors output. Needs python3 with pyspark and Java,
//! which `scripts/test-deps/17-pyspark.sh` installs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ingest::{Summary, assert_status, incidex, root, stderr, stdout};
use crate::records::assert_same_index;

const KOMMUNER: &[&str] = &[
    "Lunds kommun",
    "Örebro kommun",
    "Region Halland",
    "Umeå kommun",
    "Gävle kommun",
    "Region Västerbotten",
    "Borås stad",
];
const LEVERANTORER: &[&str] = &["Tieto", "Visma", "Telia", "Atea", "CGI", "Evry"];
const MANADER: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "augusti",
    "september",
    "oktober",
    "november",
];
const ENHETER: &[&str] = &["elever", "anställda", "patienter", "vårdnadshavare"];

/// Document `i` of a small generated archive: news items, internal reports and answers
/// to a notification form about made-up incidents, as text or HTML.
fn generated(i: usize) -> (String, String) {
    let org = KOMMUNER[i % KOMMUNER.len()];
    let sup = LEVERANTORER[(i / 3) % LEVERANTORER.len()];
    let month = MANADER[(i / 7) % MANADER.len()];
    let unit = ENHETER[(i / 5) % ENHETER.len()];
    let (day, year, count) = (1 + i % 24, 2018 + i % 5, 12 + (i * 37) % 900);
    let title;
    let body = match i % 3 {
        0 => {
            title = format!("Uppgifter om {unit} hos {org} skickades till fel mottagare");
            format!(
                "Den {day} {month} {year} upptäckte {org} att uppgifter om {count} {unit} \
                 hade skickats till fel mottagare. Felet uppstod hos leverantören {sup}, som \
                 informerade {org} två dagar senare. Incidenten anmäldes till \
                 Integritetsskyddsmyndigheten den {} {month} {year}.",
                day + 4
            )
        }
        1 => {
            title = format!("Obehörig åtkomst i verksamhetssystem hos {org}");
            format!(
                "{org} har utrett en personuppgiftsincident. Under perioden {day}-{} {month} \
                 {year} kunde obehöriga ta del av uppgifter om cirka {count} {unit} i ett \
                 system som driftas av {sup}. Ingen känslig information om hälsa har spridits \
                 enligt utredningen. Händelsen rapporterades till IMY inom 72 timmar.",
                day + 2
            )
        }
        _ => {
            title = "Anmälan av personuppgiftsincident".to_string();
            format!(
                "1. Personuppgiftsansvarig: {org}\n2. När upptäcktes incidenten? {year}-{:02}-{:02}\n\
                 3. Hur många registrerade berörs? {count} {unit}\n4. Är ett personuppgiftsbiträde \
                 inblandat? Ja, {sup}\n5. Beskriv vad som har hänt: Ett it-fel hos biträdet \
                 gjorde att e-post med personnummer skickades okrypterat.",
                1 + (i / 7) % 12,
                day
            )
        }
    };
    if i % 4 == 3 {
        let html = format!(
            "<!DOCTYPE html><html lang=\"sv\"><head><title>{title}</title></head><body>\
             <nav><a href=\"/\">Start</a> <a href=\"/nyheter\">Nyheter</a></nav>\
             <main><h1>{title}</h1><p>{}</p></main><footer>Kontakta oss</footer></body></html>",
            body.replace('\n', "</p><p>")
        );
        (format!("{i:04}.html"), html)
    } else {
        (format!("{i:04}.txt"), format!("{title}\n\n{body}\n"))
    }
}

/// Files that give no record: the repository's broken PDFs and a few more.
fn broken(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let mut made = Vec::new();
    for name in ["not-a-pdf.pdf", "truncated.pdf"] {
        let to = dir.join(name);
        std::fs::copy(root().join("tests/data/broken").join(name), &to).unwrap();
        made.push(to);
    }
    for (name, bytes) in [
        ("tom.txt", &b""[..]),
        ("bild.txt", &[0u8, 159, 146, 150, 0, 0, 7, 1, 255, 0][..]),
        ("avklippt.pdf", &b"%PDF-1.4\n1 0 obj << /Type /Catalog"[..]),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
        made.push(dir.join(name));
    }
    made
}

/// JSON Lines of every `part-*` file under `dir`.
fn lines_under(dir: &Path) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("part-")
        {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                out.push(serde_json::from_str(line).unwrap());
            }
        }
    }
    out
}

/// The job in `local[2]`, its files spread over two partitions: one debug-build incidex
/// start-up per batch of 150 is what costs here.
fn spark_job(inputs: &[&Path], out: &Path, handover: &str) {
    let o = Command::new("python3")
        .arg(root().join("spark/extract_records.py"))
        .args(["--master", "local[2]", "--handover", handover])
        .args(["--partitions", "2", "--batch-files", "150"])
        .args(["--incidex", env!("CARGO_BIN_EXE_incidex")])
        .arg("--out")
        .arg(out)
        .args(inputs)
        .env("PYSPARK_PYTHON", "python3")
        .output()
        .expect("run python3");
    assert!(
        o.status.success(),
        "the Spark job failed\n--- stdout\n{}\n--- stderr\n{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn records_from_the_spark_job_index_like_a_direct_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let generated_dir = dir.path().join("arkiv");
    for i in 0..240 {
        let (name, text) = generated(i);
        let sub = generated_dir.join(format!("{}", i / 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
    }
    let broken_dir = dir.path().join("trasiga");
    let broken = broken(&broken_dir);
    let corpus = root().join("corpus");
    let inputs = [corpus.as_path(), &generated_dir, &broken_dir];

    let direct = dir.path().join("direct");
    let mut args = vec!["ingest", "--json", "--index", direct.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    let o = incidex(&args);
    assert_status(&o, 2);
    let want: Summary = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(want.skipped.len(), broken.len(), "{want:?}");

    let out = dir.path().join("spark-out");
    spark_job(&inputs, &out, "path");
    let errors: BTreeMap<String, String> = lines_under(&out.join("kind=errors"))
        .into_iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("path"), s("cause"))
        })
        .collect();
    let direct_skips: BTreeMap<String, String> = want
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.clone()))
        .collect();
    assert_eq!(
        errors, direct_skips,
        "the errors output against the direct skips"
    );

    let via = dir.path().join("via-spark");
    let shards = out.join("kind=records");
    let o = incidex(&[
        "ingest",
        "--json",
        "--index",
        via.to_str().unwrap(),
        "--records",
        shards.to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let got: Summary = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (got.new, got.documents),
        (want.new, want.documents),
        "{got:?}"
    );
    assert_same_index(&direct, &via);

    // Without a shared file system: the bytes go to incidex as a tar stream on stdin.
    let out_bytes = dir.path().join("spark-bytes");
    spark_job(&[&corpus, &broken_dir], &out_bytes, "bytes");
    let by_id = |dir: &Path| -> BTreeMap<String, serde_json::Value> {
        lines_under(dir)
            .into_iter()
            .map(|r| (r["id"].as_str().unwrap().to_string(), r))
            .collect()
    };
    let by_bytes = by_id(&out_bytes.join("kind=records"));
    let by_path = by_id(&shards);
    assert_eq!(by_bytes.len(), 10);
    for (id, record) in &by_bytes {
        assert_eq!(Some(record), by_path.get(id), "record {id}");
    }
    let bytes_errors: Vec<String> = lines_under(&out_bytes.join("kind=errors"))
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    let mut bytes_errors = bytes_errors;
    bytes_errors.sort();
    assert_eq!(
        bytes_errors,
        direct_skips.keys().cloned().collect::<Vec<_>>()
    );
}

/// The job's per-batch runner without Spark: a batch whose incidex process dies is run
/// again file by file, and only the file that kills it goes to the errors.
#[test]
fn a_batch_whose_incidex_dies_is_run_again_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, crash) = (
        dir.path().join("anmalan.txt"),
        dir.path().join("krasch.txt"),
    );
    std::fs::write(&ok, NOTICE_TEXT).unwrap();
    std::fs::write(&crash, NOTICE_TEXT.replace("fel mottagare", "en obehörig")).unwrap();
    // Stands in for a PDF that brings the process down: dies by SIGSEGV when handed it.
    let wrapper = dir.path().join("incidex-wrapper");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in *krasch*) kill -SEGV $$;; esac; done\n\
             exec '{}' \"$@\"\n",
            env!("CARGO_BIN_EXE_incidex")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let script = format!(
        "import json, sys\n\
         sys.path.insert(0, {spark:?})\n\
         from extract_records import Extractor\n\
         conf = dict(incidex={wrapper:?}, bytes=False, flags=[], task_cpus=1)\n\
         for kind, line in Extractor(conf).run([({crash:?}, None), ({ok:?}, None)]):\n\
         \x20   value = json.loads(line)\n\
         \x20   print(kind, json.dumps(value['source'] if kind == 'records' else value))\n",
        spark = root().join("spark").display().to_string(),
        wrapper = wrapper.display().to_string(),
        crash = crash.display().to_string(),
        ok = ok.display().to_string(),
    );
    let o = Command::new("python3")
        .args(["-c", &script])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let got: Vec<(String, serde_json::Value)> = stdout(&o)
        .lines()
        .map(|l| {
            let (kind, value) = l.split_once(' ').unwrap();
            (kind.to_string(), serde_json::from_str(value).unwrap())
        })
        .collect();
    let want = [
        (
            "errors".to_string(),
            serde_json::json!({"path": crash, "cause": "incidex stopped (signal 11)"}),
        ),
        ("records".to_string(), serde_json::json!(ok)),
    ];
    assert_eq!(got, want, "{}", stderr(&o));
}

const NOTICE_TEXT: &str = "Kommunen upptäckte den 3 maj 2022 att ett brev med uppgifter om \
    elever hade skickats till fel mottagare. Incidenten anmäldes till IMY dagen efter.\n";
