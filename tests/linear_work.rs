//! Issue 11 item 2: the date tagger and the timeline grow linearly with the text. Large
//! generated texts full of dates, cues and case numbers are extracted and the steps the
//! extraction's loops take are counted (`incidex::work`): four times the text may cost
//! at most a little over four times the steps. A quadratic loop gives sixteen. Nothing is
//! timed.

use incidex::pipeline::{Options, process_bytes};
use incidex::rules::Rules;
use incidex::work::counted;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// `n` sentences of an incident log, each with a date, a cue and often a case number or
/// a time; `separator` goes between them (". " for sentences, ", " for one long line).
fn dated_text(n: usize, separator: &str) -> String {
    let mut rng = fastrand::Rng::with_seed(11);
    let mut out = String::from("Incidentlogg för kommunens lönesystem\n\n");
    for i in 0..n {
        let (d, m, y) = (
            rng.u32(1..=28),
            MONTHS[rng.usize(..12)],
            rng.i32(2015..=2023),
        );
        let sentence = match i % 4 {
            0 => format!("Felet upptäcktes den {d} {m} {y} av leverantören"),
            1 => format!(
                "den {d}/{}-{y} kl. 10.15 informerades förvaltningen",
                rng.u32(1..=12)
            ),
            2 => format!(
                "mellan den {d} och {} {m} pågick intrånget (ärende IA {y}-{i})",
                d + 1
            ),
            _ => format!("anmälan till IMY gjordes två dagar senare, den {d} {m}"),
        };
        out.push_str(&sentence);
        out.push_str(separator);
    }
    out.push('\n');
    out
}

fn steps_to_extract(text: &str) -> u64 {
    let rules = Rules::default_rules();
    let (record, steps) =
        counted(|| process_bytes("log.txt", text.as_bytes(), rules, &Options::default()));
    let record = record.expect("the text extracts");
    assert!(
        !record.events.is_empty(),
        "no timeline from the generated text"
    );
    steps
}

#[track_caller]
fn assert_linear(separator: &str) {
    let small = dated_text(500, separator);
    let large = dated_text(2000, separator);
    let (s, l) = (steps_to_extract(&small), steps_to_extract(&large));
    let bytes_ratio = large.len() as f64 / small.len() as f64;
    let steps_ratio = l as f64 / s as f64;
    assert!(
        steps_ratio <= bytes_ratio * 1.25,
        "steps grow faster than the text: {} bytes {s} steps, {} bytes {l} steps \
         ({steps_ratio:.2}x steps for {bytes_ratio:.2}x text)",
        small.len(),
        large.len()
    );
    // And the work is a small multiple of the text, not of its dates squared.
    assert!(
        l < 4 * large.len() as u64,
        "{l} steps for {} bytes",
        large.len()
    );
}

#[test]
fn issue_11_dated_sentences_take_linear_work() {
    assert_linear(". ");
}

#[test]
fn issue_11_one_long_line_of_dates_takes_linear_work() {
    assert_linear(", ");
}
