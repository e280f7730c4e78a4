//! Reads a Hunspell dictionary (`.aff` + `.dic`) and expands it into word forms: every
//! stem with each suffix (and prefix) its flags allow, one level of continuation suffixes
//! deep, each form with its stem (the lemma) and the compound positions the dictionary
//! grants it (COMPOUNDBEGIN, COMPOUNDMIDDLE, COMPOUNDEND, ONLYINCOMPOUND,
//! COMPOUNDPERMITFLAG).
//!
//! Only what word analysis needs is read: FLAG, the compound flags, NEEDAFFIX,
//! FORBIDDENWORD, PFX and SFX. Suggestion data (TRY, REP, MAP, ...) and COMPOUNDRULE (the
//! Swedish dictionary uses it for numerals only) are skipped.
//!
//! This file uses `std` only: `build.rs` includes it to expand the shipped dictionary.

use std::collections::HashMap;

/// A form may stand as a word of its own.
pub const STANDALONE: u8 = 1;
/// A form may begin a compound.
pub const BEGIN: u8 = 2;
/// A form may stand inside a compound.
pub const MIDDLE: u8 = 4;
/// A form may end a compound.
pub const END: u8 = 8;
/// The form's stem is written with a capital: a name.
pub const PROPER: u8 = 16;
/// A second reading to keep only if its lemma is a word (see [`link_combining_forms`]).
const GUESS: u8 = 64;

/// One word form of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The form, lower-cased.
    pub form: String,
    /// The stem it was made from, lower-cased.
    pub lemma: String,
    /// [`STANDALONE`], [`BEGIN`], [`MIDDLE`], [`END`], [`PROPER`].
    pub bits: u8,
}

/// Why a dictionary could not be read.
#[derive(Debug)]
pub struct HunspellError {
    pub file: &'static str,
    pub line: usize,
    pub cause: String,
}

impl std::fmt::Display for HunspellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.cause)
    }
}

impl std::error::Error for HunspellError {}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    /// One character per flag (the default; UTF-8 when `SET UTF-8`).
    Char,
    /// Two characters per flag.
    Long,
    /// Comma-separated numbers.
    Num,
}

type Flag = u32;

struct Affix {
    strip: String,
    add: String,
    continuation: Vec<Flag>,
    condition: Condition,
}

struct AffixClass {
    cross_product: bool,
    rules: Vec<Affix>,
}

/// The parts of an `.aff` file word analysis uses.
struct Aff {
    flag_type: FlagType,
    begin: Option<Flag>,
    middle: Option<Flag>,
    end: Option<Flag>,
    any_position: Option<Flag>,
    only_in_compound: Option<Flag>,
    permit: Option<Flag>,
    need_affix: Option<Flag>,
    forbidden: Option<Flag>,
    suffixes: HashMap<Flag, AffixClass>,
    prefixes: HashMap<Flag, AffixClass>,
}

/// An affix condition: a sequence of character sets, matched at the word's end (suffix)
/// or start (prefix).
struct Condition(Vec<CharSet>);

enum CharSet {
    Any,
    One(char),
    In(Vec<char>),
    NotIn(Vec<char>),
}

impl CharSet {
    fn matches(&self, c: char) -> bool {
        match self {
            CharSet::Any => true,
            CharSet::One(x) => *x == c,
            CharSet::In(set) => set.contains(&c),
            CharSet::NotIn(set) => !set.contains(&c),
        }
    }
}

impl Condition {
    fn parse(text: &str) -> Result<Condition, String> {
        let mut sets = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '.' => sets.push(CharSet::Any),
                '[' => {
                    let mut negated = false;
                    let mut members = Vec::new();
                    let mut closed = false;
                    for (i, m) in chars.by_ref().enumerate() {
                        match m {
                            '^' if i == 0 => negated = true,
                            ']' => {
                                closed = true;
                                break;
                            }
                            m => members.push(m),
                        }
                    }
                    if !closed {
                        return Err(format!("unclosed [ in condition {text:?}"));
                    }
                    sets.push(if negated {
                        CharSet::NotIn(members)
                    } else {
                        CharSet::In(members)
                    });
                }
                c => sets.push(CharSet::One(c)),
            }
        }
        Ok(Condition(sets))
    }

    fn matches_end(&self, word: &[char]) -> bool {
        let n = self.0.len();
        word.len() >= n
            && self
                .0
                .iter()
                .zip(&word[word.len() - n..])
                .all(|(s, c)| s.matches(*c))
    }

    fn matches_start(&self, word: &[char]) -> bool {
        word.len() >= self.0.len() && self.0.iter().zip(word).all(|(s, c)| s.matches(*c))
    }
}

fn parse_flags(text: &str, flag_type: FlagType) -> Result<Vec<Flag>, String> {
    match flag_type {
        FlagType::Char => Ok(text.chars().map(|c| c as Flag).collect()),
        FlagType::Long => {
            let chars: Vec<char> = text.chars().collect();
            if !chars.len().is_multiple_of(2) {
                return Err(format!("odd number of characters in long flags {text:?}"));
            }
            Ok(chars
                .chunks(2)
                .map(|p| ((p[0] as Flag) << 16) | p[1] as Flag)
                .collect())
        }
        FlagType::Num => text
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.trim()
                    .parse::<Flag>()
                    .map_err(|_| format!("bad numeric flag {s:?}"))
            })
            .collect(),
    }
}

fn one_flag(text: &str, flag_type: FlagType) -> Result<Option<Flag>, String> {
    Ok(parse_flags(text, flag_type)?.first().copied())
}

impl Aff {
    fn parse(text: &str) -> Result<Aff, HunspellError> {
        let mut aff = Aff {
            flag_type: FlagType::Char,
            begin: None,
            middle: None,
            end: None,
            any_position: None,
            only_in_compound: None,
            permit: None,
            need_affix: None,
            forbidden: None,
            suffixes: HashMap::new(),
            prefixes: HashMap::new(),
        };
        let err = |line: usize, cause: String| HunspellError {
            file: "aff",
            line,
            cause,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(&key), Some(&value)) = (fields.first(), fields.get(1)) else {
                continue;
            };
            let flag = |v: &str| one_flag(v, aff.flag_type).map_err(|c| err(line_no, c));
            match key {
                "FLAG" => {
                    aff.flag_type = match value {
                        "long" => FlagType::Long,
                        "num" => FlagType::Num,
                        "UTF-8" => FlagType::Char,
                        other => return Err(err(line_no, format!("unknown FLAG type {other:?}"))),
                    }
                }
                "COMPOUNDBEGIN" => aff.begin = flag(value)?,
                "COMPOUNDMIDDLE" => aff.middle = flag(value)?,
                "COMPOUNDEND" => aff.end = flag(value)?,
                "COMPOUNDFLAG" => aff.any_position = flag(value)?,
                "ONLYINCOMPOUND" => aff.only_in_compound = flag(value)?,
                "COMPOUNDPERMITFLAG" => aff.permit = flag(value)?,
                "NEEDAFFIX" => aff.need_affix = flag(value)?,
                "FORBIDDENWORD" => aff.forbidden = flag(value)?,
                "SFX" | "PFX" => {
                    let Some(class_flag) = flag(value)? else {
                        continue;
                    };
                    let table = if key == "SFX" {
                        &mut aff.suffixes
                    } else {
                        &mut aff.prefixes
                    };
                    // The header: `SFX flag Y|N count`; a rule: `SFX flag strip add cond`.
                    let is_header = matches!(fields.get(2), Some(&"Y") | Some(&"N"))
                        && fields.len() == 4
                        && fields[3].parse::<usize>().is_ok();
                    if is_header {
                        table.insert(
                            class_flag,
                            AffixClass {
                                cross_product: fields[2] == "Y",
                                rules: Vec::new(),
                            },
                        );
                        continue;
                    }
                    if fields.len() < 4 {
                        return Err(err(line_no, format!("short {key} rule")));
                    }
                    let zero = |s: &str| {
                        if s == "0" {
                            String::new()
                        } else {
                            s.to_string()
                        }
                    };
                    let (add, continuation) = match fields[3].split_once('/') {
                        Some((add, flags)) => (
                            zero(add),
                            parse_flags(flags, aff.flag_type).map_err(|c| err(line_no, c))?,
                        ),
                        None => (zero(fields[3]), Vec::new()),
                    };
                    let condition = Condition::parse(fields.get(4).copied().unwrap_or("."))
                        .map_err(|c| err(line_no, c))?;
                    let Some(class) = table.get_mut(&class_flag) else {
                        return Err(err(line_no, format!("{key} rule before its header")));
                    };
                    class.rules.push(Affix {
                        strip: zero(fields[2]),
                        add,
                        continuation,
                        condition,
                    });
                }
                _ => {}
            }
        }
        Ok(aff)
    }

    fn has(&self, flags: &[Flag], flag: Option<Flag>) -> bool {
        flag.is_some_and(|f| flags.contains(&f))
    }

    /// The positions a form may take, from its stem's flags and the continuation flags of
    /// the affix that made it (none for the bare stem). Inflection on a compound's last
    /// part needs nothing; on an earlier part it needs COMPOUNDPERMITFLAG.
    fn bits(&self, stem: &[Flag], affix: Option<&[Flag]>, proper: bool) -> u8 {
        let any = |flags: &[Flag], f: Option<Flag>| {
            self.has(flags, f) || self.has(flags, self.any_position)
        };
        let mut bits = 0;
        match affix {
            None => {
                if !self.has(stem, self.only_in_compound) && !self.has(stem, self.need_affix) {
                    bits |= STANDALONE;
                }
                if any(stem, self.begin) {
                    bits |= BEGIN;
                }
                if any(stem, self.middle) {
                    bits |= MIDDLE;
                }
                if any(stem, self.end) {
                    bits |= END;
                }
            }
            Some(cont) => {
                let permit = self.has(cont, self.permit);
                if !self.has(cont, self.only_in_compound) && !self.has(stem, self.only_in_compound)
                {
                    bits |= STANDALONE;
                }
                if any(cont, self.begin) || (permit && any(stem, self.begin)) {
                    bits |= BEGIN;
                }
                if any(cont, self.middle) || (permit && any(stem, self.middle)) {
                    bits |= MIDDLE;
                }
                if any(stem, self.end) || any(cont, self.end) {
                    bits |= END;
                }
            }
        }
        if proper {
            bits |= PROPER;
        }
        bits
    }
}

fn apply_suffix(word: &[char], affix: &Affix) -> Option<String> {
    let strip: Vec<char> = affix.strip.chars().collect();
    if !word.ends_with(&strip) || !affix.condition.matches_end(word) {
        return None;
    }
    let mut out: String = word[..word.len() - strip.len()].iter().collect();
    out.push_str(&affix.add);
    Some(out)
}

fn apply_prefix(word: &[char], affix: &Affix) -> Option<String> {
    let strip: Vec<char> = affix.strip.chars().collect();
    if !word.starts_with(&strip) || !affix.condition.matches_start(word) {
        return None;
    }
    let mut out = affix.add.clone();
    out.extend(&word[strip.len()..]);
    Some(out)
}

/// Expands the dictionary `dic` with the affix rules of `aff`, calling `emit` once per
/// word form (a form made two ways is emitted twice).
pub fn expand(aff: &str, dic: &str, mut emit: impl FnMut(Form)) -> Result<(), HunspellError> {
    let aff = Aff::parse(aff)?;
    let dic = dic.strip_prefix('\u{feff}').unwrap_or(dic);
    let mut lines = dic.lines().enumerate();
    // The first line is the number of stems.
    lines.next();
    for (n, line) in lines {
        let entry = line.split('\t').next().unwrap_or("").trim_end();
        if entry.is_empty() || entry.starts_with('#') {
            continue;
        }
        // A morphological field may follow after a space; `\/` is a slash in the word.
        let entry = entry.split(' ').next().unwrap_or("");
        let (word, flags) = split_entry(entry);
        let flags = parse_flags(flags, aff.flag_type).map_err(|cause| HunspellError {
            file: "dic",
            line: n + 1,
            cause,
        })?;
        if aff.has(&flags, aff.forbidden) {
            continue;
        }
        let proper = word.chars().next().is_some_and(char::is_uppercase);
        let lemma = word.to_lowercase();
        let chars: Vec<char> = word.chars().collect();
        // The stem less its last letter, for the second readings below.
        let shorter: String = lemma.chars().take(chars.len().saturating_sub(1)).collect();
        let mut push = |form: String, lemma: &str, bits: u8| {
            emit(Form {
                form: form.to_lowercase(),
                lemma: lemma.to_string(),
                bits,
            })
        };
        push(word.clone(), &lemma, aff.bits(&flags, None, proper));
        let mut suffixed: Vec<(String, &[Flag], bool)> = Vec::new();
        for flag in &flags {
            let Some(class) = aff.suffixes.get(flag) else {
                continue;
            };
            for affix in &class.rules {
                let Some(form) = apply_suffix(&chars, affix) else {
                    continue;
                };
                let bits = aff.bits(&flags, Some(&affix.continuation), proper);
                push(form.clone(), &lemma, bits);
                // Dictionaries hang a noun's plural on the verb made from it (`fila` gives
                // `filer`, the plural of `fil`): when the same class would make the same
                // form of the stem less its last letter, the form also reads as one of
                // that, if it is a word.
                if affix.strip.chars().count() == 1 {
                    let shorter_chars = &chars[..chars.len() - 1];
                    let same = |r: &Affix| apply_suffix(shorter_chars, r).as_ref() == Some(&form);
                    if class.rules.iter().any(same) {
                        push(form.clone(), &shorter, bits | GUESS);
                    }
                }
                // A continuation suffix: one more level.
                let form_chars: Vec<char> = form.chars().collect();
                for cont in &affix.continuation {
                    let Some(second) = aff.suffixes.get(cont) else {
                        continue;
                    };
                    for affix2 in &second.rules {
                        if let Some(form2) = apply_suffix(&form_chars, affix2) {
                            push(
                                form2,
                                &lemma,
                                aff.bits(&flags, Some(&affix2.continuation), proper),
                            );
                        }
                    }
                }
                if class.cross_product {
                    suffixed.push((form, &affix.continuation, true));
                }
            }
        }
        for flag in &flags {
            let Some(class) = aff.prefixes.get(flag) else {
                continue;
            };
            for affix in &class.rules {
                if let Some(form) = apply_prefix(&chars, affix) {
                    push(
                        form,
                        &lemma,
                        aff.bits(&flags, Some(&affix.continuation), proper),
                    );
                }
                if !class.cross_product {
                    continue;
                }
                for (form, cont, _) in &suffixed {
                    let form_chars: Vec<char> = form.chars().collect();
                    if let Some(both) = apply_prefix(&form_chars, affix) {
                        push(both, &lemma, aff.bits(&flags, Some(cont), proper));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Gives each stem that stands only in compounds (ONLYINCOMPOUND: `kvinno`, `gatu`, `skol`,
/// `arbets`) the word it is the combining form of as its lemma, when the dictionary has
/// that word: the stem less a linking `s`, with its last vowel made `a` or `e`, or with `a`
/// or `e` added, or dropped (`kvinno` → `kvinna`, `skol` → `skola`, `arbets` → `arbete`,
/// `tjänste` → `tjänst`). Otherwise
/// the stem stays its own lemma.
///
/// Also keeps the second readings [`expand`] guessed (`filer` as a form of `fil`) only
/// where their lemma is a word.
pub fn link_combining_forms(forms: &mut Vec<Form>) {
    let words: std::collections::HashSet<String> = forms
        .iter()
        .filter(|f| f.bits & (STANDALONE | GUESS) == STANDALONE && f.form == f.lemma)
        .map(|f| f.lemma.clone())
        .collect();
    forms.retain(|f| f.bits & GUESS == 0 || (words.contains(&f.lemma) && f.lemma != f.form));
    for f in forms.iter_mut() {
        f.bits &= !GUESS;
    }
    let mut linked: HashMap<String, Option<String>> = HashMap::new();
    for f in forms.iter_mut() {
        if words.contains(&f.lemma) {
            continue;
        }
        let word = linked
            .entry(f.lemma.clone())
            .or_insert_with(|| combining_form_of(&f.lemma, &words))
            .clone();
        if let Some(word) = word {
            f.lemma = word;
        }
    }
}

fn combining_form_of(stem: &str, words: &std::collections::HashSet<String>) -> Option<String> {
    let mut candidates = Vec::new();
    if let Some(last) = stem.chars().last()
        && matches!(last, 'o' | 'u' | 'e' | 'a')
    {
        let bare = &stem[..stem.len() - last.len_utf8()];
        candidates.extend([format!("{bare}a"), format!("{bare}e"), bare.to_string()]);
    }
    candidates.extend([format!("{stem}a"), format!("{stem}e")]);
    // A linking `s` mostly follows a dropped `e` (`arbete` → `arbets`).
    if let Some(base) = stem.strip_suffix('s') {
        candidates.extend([format!("{base}e"), base.to_string(), format!("{base}a")]);
    }
    candidates
        .into_iter()
        .find(|c| c != stem && words.contains(c))
}

/// Splits `word/flags`, where `\/` is a slash inside the word.
fn split_entry(entry: &str) -> (String, &str) {
    let bytes = entry.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'/' => return (entry[..i].replace("\\/", "/"), &entry[i + 1..]),
            _ => i += 1,
        }
    }
    (entry.replace("\\/", "/"), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nCOMPOUNDBEGIN X\nCOMPOUNDMIDDLE U\nCOMPOUNDEND Y\n\
        ONLYINCOMPOUND Z\nCOMPOUNDPERMITFLAG W\n\
        SFX D Y 3\nSFX D 0 en [^a]\nSFX D 0 ens [^a]\nSFX D 0 nde a\n\
        SFX v N 2\nSFX v a s/WXZ a\nSFX v 0 s/WXZ [^a]\n\
        SFX G Y 2\nSFX G a or a\nSFX G a orna a\n";

    fn forms(dic: &str) -> Vec<Form> {
        let mut out = Vec::new();
        expand(AFF, dic, |f| out.push(f)).unwrap();
        out
    }

    #[test]
    fn a_stem_expands_with_its_suffixes_and_positions() {
        let got = forms("2\nincident/DvXY\nlåda/GY\n");
        let find = |f: &str| {
            got.iter()
                .find(|x| x.form == f)
                .map(|x| (x.lemma.as_str(), x.bits))
        };
        assert_eq!(
            find("incident"),
            Some(("incident", STANDALONE | BEGIN | END))
        );
        // Inflected, it may end a compound but not begin one.
        assert_eq!(find("incidenten"), Some(("incident", STANDALONE | END)));
        // The linking form begins compounds, and is not a word of its own.
        assert_eq!(find("incidents"), Some(("incident", BEGIN | END)));
        assert_eq!(find("lådorna"), Some(("låda", STANDALONE | END)));
        assert_eq!(find("lådanSomInteFinns"), None);
    }

    #[test]
    fn combining_forms_take_the_word_they_combine() {
        let mut got = forms("4\nkvinna/GY\nkvinno/XZ\narbete/Y\narbets/UXZ\n");
        link_combining_forms(&mut got);
        let lemma = |f: &str| got.iter().find(|x| x.form == f).map(|x| x.lemma.clone());
        assert_eq!(lemma("kvinno").as_deref(), Some("kvinna"));
        assert_eq!(lemma("arbets").as_deref(), Some("arbete"));
        assert_eq!(lemma("kvinnorna").as_deref(), Some("kvinna"));
    }

    #[test]
    fn names_are_marked_and_slashes_escaped() {
        let got = forms("2\nStockholm/v\nTCP\\/IP\n");
        assert!(
            got.iter()
                .any(|f| f.form == "stockholm" && f.bits & PROPER != 0)
        );
        assert!(got.iter().any(|f| f.form == "tcp/ip"));
    }

    #[test]
    fn a_rule_before_its_header_is_an_error_with_its_line() {
        let err = Aff::parse("SFX Q 0 s .\n").err().unwrap();
        assert_eq!(err.line, 1);
    }
}
