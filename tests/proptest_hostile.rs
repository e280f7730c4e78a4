//! Hostile input never panics: property tests for the text decoder, the HTML loader, the
//! date tagger, the extractor and the query parser front.
//!
//! Inputs are drawn both as arbitrary bytes or characters and from Swedish fragments
//! (month names, form labels, dates, markup), so the cases reach the code behind the
//! first "no match". A few hundred cases each keep the suite fast; longer runs are the
//! cargo-fuzz targets under `fuzz/` (see the README). PDFs are left to the fuzz targets:
//! a parser abort in-process would end this test binary.

use std::path::Path;

use proptest::prelude::*;

use incidex::load::{self, Document, Format};
use incidex::rules::Rules;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of Swedish incident prose, forms and dates, with the odd hostile character.
fn swedish_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "den ",
            "3",
            "3:e ",
            "mars ",
            "2019",
            "2019-03-04",
            "kl. ",
            "10:30",
            "–",
            "-",
            " till ",
            "vecka ",
            "igår",
            "i förrgår",
            "tre dagar ",
            "72 timmar",
            "sedan ",
            "under ",
            "våren ",
            "december",
            "jan.",
            "Q1 ",
            "1.",
            "Datum: ",
            "Leverantör: ",
            "Tieto",
            "IMY ",
            "Personuppgiftsincident",
            "upptäcktes ",
            "anmäldes ",
            "personuppgiftsbiträdet ",
            "Ja",
            "Nej",
            "\n",
            "\n\n",
            " ",
            "  ",
            ":",
            "(",
            ")",
            "\"",
            "§",
            "0",
            "31",
            "32",
            "29 februari ",
            "9999",
            "0000-00-00",
            "\u{feff}",
            "\u{0}",
            "é",
            "𝔘",
        ])
        .prop_map(str::to_string),
        "[a-zåäöA-ZÅÄÖ0-9 .,:;/-]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn swedish_text() -> impl Strategy<Value = String> {
    prop::collection::vec(swedish_fragment(), 0..80).prop_map(|v| v.concat())
}

/// Markup: balanced and unbalanced tags, attributes that mark furniture, entities, text.
fn html_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<html>",
            "<body>",
            "</body>",
            "<main>",
            "</main>",
            "<article>",
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<br>",
            "<nav>",
            "</nav>",
            "<script>",
            "</script>",
            "<style>",
            "<div class=\"cookie\">",
            "<h1>",
            "</h1>",
            "<title>",
            "</title>",
            "<table><tr><td>",
            "</td></tr></table>",
            "<!--",
            "-->",
            "<![CDATA[",
            "&amp;",
            "&auml;",
            "&#0;",
            "&#x110000;",
            "<",
            ">",
            "</",
            "<p hidden>",
            "<svg>",
            "<template>",
            "<math>",
        ])
        .prop_map(str::to_string),
        swedish_fragment(),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(text) = load::decode_text(&bytes) {
            prop_assert!(!text.contains('\r'));
        }
    }

    #[test]
    fn decoding_damaged_swedish_never_panics(
        text in swedish_text(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = text.into_bytes();
        for (at, byte) in flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
        }
        let _ = load::decode_text(&bytes);
    }

    #[test]
    fn html_never_panics(parts in prop::collection::vec(html_fragment(), 0..200)) {
        let page = parts.concat();
        let doc = load::load_html(&page);
        prop_assert!(!doc.text.contains("\n\n\n"));
    }

    #[test]
    fn loading_anything_but_a_pdf_never_panics(
        name in prop::sample::select(vec!["a.txt", "a.html", "a", "a.md"]),
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let path = Path::new(name);
        prop_assume!(load::sniff(path, &bytes) != Format::Pdf);
        let _ = load::load_bytes(path, &bytes);
    }

    #[test]
    fn the_date_tagger_never_panics_and_spans_are_the_text(
        text in swedish_text(),
        anchor in prop::option::of((1990i32..2030, 1u32..13, 1u32..29)),
    ) {
        let anchor = anchor.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d));
        let rules = Rules::default_rules();
        for tagged in incidex::dates::tag(&text, rules.area("dates"), anchor) {
            prop_assert_eq!(text.get(tagged.offset..tagged.end_offset()), Some(tagged.text.as_str()));
        }
    }

    #[test]
    fn the_extractor_never_panics(text in swedish_text(), title in prop::option::of(swedish_text())) {
        let doc = Document { text, format: Format::Text, title };
        let record = incidex::extract::extract(&doc, "prop.txt", "id", Rules::default_rules());
        prop_assert!(!record.language.is_empty());
    }
}

mod query {
    use super::*;
    use incidex::index::search::{self, Filters, Searcher};

    fn searcher() -> &'static Searcher {
        static SEARCHER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        SEARCHER.get_or_init(|| {
            let index = tantivy::Index::builder()
                .schema(incidex::index::schema::build())
                .tokenizers(incidex::index::analyzer::index_tokenizers())
                .create_in_ram()
                .unwrap();
            Searcher::new(&index).unwrap()
        })
    }

    /// Query syntax pieces, field names, dates and ranges, in any order.
    fn query_fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "supplier:",
                "discovered:",
                "authority_notified:",
                "notification_days:",
                "supplier_involved:",
                "late_notification:",
                "date:",
                "nosuchfield:",
                "[",
                "]",
                "{",
                "}",
                " TO ",
                "*",
                "2019",
                "2019-03-04",
                "2019-13-45",
                "AND ",
                "OR ",
                "NOT ",
                "-",
                "+",
                "\"",
                "(",
                ")",
                "^2",
                "~",
                ":",
                "\\",
                " ",
                "true",
                "tieto",
                "leverantör",
                "IN [",
                "<",
                ">=",
                "'",
            ])
            .prop_map(str::to_string),
            any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn the_query_front_never_panics(parts in prop::collection::vec(query_fragment(), 0..30)) {
            let query = parts.concat();
            let _ = search::normalise_dates(&query);
            let combined = search::combine(&query, &Filters::default());
            if let Ok(parsed) = searcher().parse(&combined) {
                let _ = searcher().search(parsed.as_ref(), 5);
            }
        }
    }
}
