//! Expands the shipped Swedish Hunspell dictionary (`lexicon/sv_SE.{aff,dic}`) into the
//! compact lexicon the binary embeds (`$OUT_DIR/sv_SE.lex`, see `src/lexicon/compact.rs`).

#[allow(dead_code)]
#[path = "src/lexicon/hunspell.rs"]
mod hunspell;

#[allow(dead_code)]
#[path = "src/lexicon/compact.rs"]
mod compact;

fn main() {
    for file in [
        "lexicon/sv_SE.aff",
        "lexicon/sv_SE.dic",
        "src/lexicon/hunspell.rs",
        "src/lexicon/compact.rs",
    ] {
        println!("cargo::rerun-if-changed={file}");
    }
    let aff = std::fs::read_to_string("lexicon/sv_SE.aff").expect("lexicon/sv_SE.aff");
    let dic = std::fs::read_to_string("lexicon/sv_SE.dic").expect("lexicon/sv_SE.dic");
    let mut forms = Vec::new();
    hunspell::expand(&aff, &dic, |f| forms.push(f)).expect("lexicon/sv_SE: a valid dictionary");
    hunspell::link_combining_forms(&mut forms);
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("sv_SE.lex");
    std::fs::write(&out, compact::build(forms)).expect("write the compact lexicon");
}
