//! Any text through the Swedish date tagger; every span must be the text at its offset.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let rules = incidex::rules::Rules::default_rules();
    for tagged in incidex::dates::tag(text, rules.area("dates"), None) {
        assert_eq!(
            text.get(tagged.offset..tagged.end_offset()),
            Some(tagged.text.as_str())
        );
    }
});
