//! # The Swedish analyzer
//!
//! How incidex turns Swedish text into index terms, and why `incident` finds
//! `personuppgiftsincidenter`. Run it with `cargo run --example swedish_analyzer`.
//!
//! We will:
//! - analyze a sentence with the indexing analyzer and see words, compound parts and stems;
//! - analyze a query with the query analyzer, which does not split compounds;
//! - ask the decompounder directly which parts it reads in a few words, names included.

use incidex::index::analyzer::{self, Decompounder};

fn main() {
    // The indexing analyzer: SimpleTokenizer, RemoveLongFilter, LowerCaser, the
    // decompounder, Swedish stop words and the Swedish stemmer. Stop words ("har", "i")
    // are gone; a compound is kept whole and followed by its parts, all stemmed.
    let text = "Förvaltningen har anmält personuppgiftsincidenter i lönesystemet.";
    let mut index_analyzer = analyzer::swedish();
    println!("text:  {text}");
    println!("index: {:?}", analyzer::terms(&mut index_analyzer, text));

    // Query text goes through the same steps without the decompounder: a query word
    // only has to equal one of the terms above, and `incident` equals a part.
    let mut query_analyzer = analyzer::swedish_query();
    for query in ["incidenter", "personuppgifter", "system", "lönesystem"] {
        println!(
            "query {query:?} → {:?}",
            analyzer::terms(&mut query_analyzer, query)
        );
    }

    // The decompounder alone: parts in dictionary form, linking letters removed
    // (personuppgift-s-incident, lön-e-system, gat-u-adress). Names and words it cannot
    // read in full from its word list stay whole.
    let decompounder = Decompounder::swedish();
    for word in [
        "personuppgiftsincidenter",
        "klientuppgifterna",
        "lönesystemet",
        "gatuadresser",
        "stadsdelsförvaltningen",
        "stockholm",
        "karlsson",
    ] {
        println!("{word:>26}: {:?}", decompounder.parts(word));
    }
}
