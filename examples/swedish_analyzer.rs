//! # The Swedish analyzer
//!
//! How incidex turns Swedish text into index terms, and why `växel` finds
//! `meddelandeväxeln`. Run it with `cargo run --example swedish_analyzer`.
//!
//! We will:
//! - look words up in the lexicon (the Swedish Hunspell dictionary, built in): lemmas and
//!   compound parts, names and short-part traps included;
//! - analyze a sentence with the indexing analyzer: each word whole, as its lemma and as
//!   its parts, stop words gone;
//! - analyze queries with the query analyzer, which gives each word's lemma only;
//! - read the same analysis as tokens with shape and sentence, as the rules will.

use incidex::analysis::Analyzer;
use incidex::index::analyzer;

fn main() {
    // The lexicon: word form → lemmas, compound → the lemmas of its parts. Words the
    // dictionary knows as words of their own (`sekund`, `lagring`) are not cut into short
    // parts; names stay whole.
    let mut words = Analyzer::global();
    for word in [
        "personuppgiftsincidenterna",
        "röstbrevlådan",
        "meddelandeväxeln",
        "läckta",
        "felskickade",
        "sekund",
        "lagringen",
        "Karlsson",
    ] {
        let a = words.word(word);
        println!("{word:>28}: lemmas {:?}, parts {:?}", a.lemmas, a.parts);
    }

    // The indexing analyzer: every term of a word at the word's position.
    let text = "Förvaltningen har anmält personuppgiftsincidenter i meddelandeväxeln.";
    let mut index_analyzer = analyzer::swedish();
    println!("text:  {text}");
    println!("index: {:?}", analyzer::terms(&mut index_analyzer, text));

    // Query text: one lemma per word, which the terms above hold for any form.
    let mut query_analyzer = analyzer::swedish_query();
    for query in ["incidenter", "växeln", "meddelandeväxel", "personuppgifter"] {
        println!(
            "query {query:?} → {:?}",
            analyzer::terms(&mut query_analyzer, query)
        );
    }

    // Tokens for rules: span, shape and sentence as well.
    let text = "IMY fick anmälan. Uppgifterna hade läckt.";
    for t in words.tokens(text) {
        println!(
            "{:>2} {:<12} {:?} {:?} {:?}",
            t.sentence,
            t.text(text),
            t.shape,
            t.lemmas(),
            t.parts()
        );
    }
}
