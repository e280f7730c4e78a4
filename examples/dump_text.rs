//! Prints the text incidex loads from a file: `cargo run --example dump_text -- FILE`.
//! Handy when writing rules for a new kind of document.

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump_text FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    match incidex::load::load_bytes(std::path::Path::new(&path), &bytes) {
        Ok(doc) => print!("{}", doc.text),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
