//! Any text through the query front (date rewriting, filters, tantivy's parser) and a
//! search of an empty index.
#![no_main]
use std::sync::OnceLock;

use incidex::index::search::{self, Filters, Searcher};
use libfuzzer_sys::fuzz_target;

fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        let index = tantivy::Index::builder()
            .schema(incidex::index::schema::build())
            .tokenizers(incidex::index::analyzer::index_tokenizers())
            .create_in_ram()
            .unwrap();
        Searcher::new(&index).unwrap()
    })
}

fuzz_target!(|query: &str| {
    let combined = search::combine(&search::normalise_dates(query), &Filters::default());
    if let Ok(parsed) = searcher().parse(&combined) {
        let _ = searcher().search(parsed.as_ref(), 5);
    }
});
