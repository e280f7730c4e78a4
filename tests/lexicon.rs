//! The Swedish lexicon, word by word (issue 12): lemmas and compound parts of words an
//! incident text uses, none of them taken from `corpus/`, and words that must stay whole.
//!
//! Each row of [`WORDS`] gives a word, a lemma it must have and parts it must have (the
//! analysis may find more, such as a verb beside a noun, `skydda` beside `skydd`). Each
//! word of [`WHOLE`] must have no parts at all.

use incidex::analysis::Analyzer;

/// (word, a lemma it has, parts it has). Grouped: noun inflections; linking `s`; linking
/// and changed vowels (`e`, `u`, `o`, dropped); three and more parts; participles and
/// adjectives.
const WORDS: &[(&str, &str, &[&str])] = &[
    ("incidenten", "incident", &[]),
    ("incidenter", "incident", &[]),
    ("incidenterna", "incident", &[]),
    ("incidentens", "incident", &[]),
    ("incidenternas", "incident", &[]),
    ("brevet", "brev", &[]),
    ("breven", "brev", &[]),
    ("brevens", "brev", &[]),
    ("datorn", "dator", &[]),
    ("datorer", "dator", &[]),
    ("datorerna", "dator", &[]),
    ("listan", "lista", &[]),
    ("listorna", "lista", &[]),
    ("mappen", "mapp", &[]),
    ("mappar", "mapp", &[]),
    ("mapparna", "mapp", &[]),
    ("nyckeln", "nyckel", &[]),
    ("nycklar", "nyckel", &[]),
    ("nycklarna", "nyckel", &[]),
    ("servern", "server", &[]),
    ("servrar", "server", &[]),
    ("servrarna", "server", &[]),
    ("kontot", "konto", &[]),
    ("konton", "konto", &[]),
    ("kontona", "konto", &[]),
    ("kameran", "kamera", &[]),
    ("kameror", "kamera", &[]),
    ("kamerorna", "kamera", &[]),
    ("rutinen", "rutin", &[]),
    ("rutiner", "rutin", &[]),
    ("rutinerna", "rutin", &[]),
    ("avvikelsen", "avvikelse", &[]),
    ("avvikelser", "avvikelse", &[]),
    ("avvikelserna", "avvikelse", &[]),
    ("handlingen", "handling", &[]),
    ("handlingar", "handling", &[]),
    ("handlingarna", "handling", &[]),
    ("dokumentet", "dokument", &[]),
    ("dokumenten", "dokument", &[]),
    ("registret", "register", &[]),
    ("registren", "register", &[]),
    ("numret", "nummer", &[]),
    ("numren", "nummer", &[]),
    ("filen", "fil", &[]),
    ("filer", "fil", &[]),
    ("åtgärder", "åtgärd", &[]),
    ("bilar", "bil", &[]),
    ("lagar", "lag", &[]),
    ("sekunder", "sekund", &[]),
    ("kvinnor", "kvinna", &[]),
    ("skolor", "skola", &[]),
    ("skolans", "skola", &[]),
    ("patienter", "patient", &[]),
    ("patienternas", "patient", &[]),
    ("elever", "elev", &[]),
    ("eleverna", "elev", &[]),
    ("säkerhetsbrist", "säkerhetsbrist", &["säkerhet", "brist"]),
    (
        "säkerhetsbristerna",
        "säkerhetsbrist",
        &["säkerhet", "brist"],
    ),
    ("ledningsgruppen", "ledningsgrupp", &["ledning", "grupp"]),
    (
        "behandlingsregistret",
        "behandlingsregister",
        &["behandling", "register"],
    ),
    (
        "inloggningsuppgifter",
        "inloggningsuppgift",
        &["inloggning", "uppgift"],
    ),
    (
        "myndighetsbeslut",
        "myndighetsbeslut",
        &["myndighet", "beslut"],
    ),
    (
        "utbildningsinsatsen",
        "utbildningsinsats",
        &["utbildning", "insats"],
    ),
    (
        "anställningsavtalet",
        "anställningsavtal",
        &["anställning", "avtal"],
    ),
    (
        "organisationsnumret",
        "organisationsnummer",
        &["organisation", "nummer"],
    ),
    ("personnumren", "personnummer", &["person", "nummer"]),
    (
        "tillsynsmyndigheten",
        "tillsynsmyndighet",
        &["tillsyn", "myndighet"],
    ),
    (
        "behörighetskontroll",
        "behörighetskontroll",
        &["behörighet", "kontroll"],
    ),
    (
        "loggningsfunktion",
        "loggningsfunktion",
        &["loggning", "funktion"],
    ),
    (
        "utpressningsprogram",
        "utpressningsprogram",
        &["utpressning", "program"],
    ),
    (
        "lösenordshanteringen",
        "lösenordshantering",
        &["lösenord", "hantering"],
    ),
    ("hälsouppgifterna", "hälsouppgift", &["hälsa", "uppgift"]),
    ("kvinnokliniken", "kvinnoklinik", &["kvinna", "klinik"]),
    ("människohandel", "människohandel", &["människa", "handel"]),
    ("varuhuset", "varuhus", &["vara", "hus"]),
    ("kyrkogården", "kyrkogård", &["kyrka", "gård"]),
    (
        "barnavårdscentralen",
        "barnavårdscentral",
        &["barnavård", "central"],
    ),
    (
        "sjukhusledningen",
        "sjukhusledning",
        &["sjukhus", "ledning"],
    ),
    ("larmcentralen", "larmcentral", &["larm", "central"]),
    ("vårdcentralens", "vårdcentral", &["vård", "central"]),
    ("journalsystemet", "journalsystem", &["journal", "system"]),
    ("ekonomisystemet", "ekonomisystem", &["ekonomi", "system"]),
    (
        "nätfiskeattacken",
        "nätfiskeattack",
        &["nätfiske", "attack"],
    ),
    ("tjänstebilen", "tjänstebil", &["tjänst", "bil"]),
    ("arbetsplatsen", "arbetsplats", &["arbete", "plats"]),
    (
        "patientjournalsystemet",
        "patientjournalsystem",
        &["patientjournal", "patient", "journal", "system"],
    ),
    (
        "kundregistersystem",
        "kundregistersystem",
        &["kund", "register", "system"],
    ),
    (
        "socialtjänstlagen",
        "socialtjänstlag",
        &["socialtjänst", "social", "tjänst", "lag"],
    ),
    ("lönesystemet", "lönesystem", &["lön", "system"]),
    ("telefonnumret", "telefonnummer", &["telefon", "nummer"]),
    ("mobiltelefonen", "mobiltelefon", &["mobil", "telefon"]),
    (
        "kontaktuppgifterna",
        "kontaktuppgift",
        &["kontakt", "uppgift"],
    ),
    ("skyddsåtgärder", "skyddsåtgärd", &["skydd", "åtgärd"]),
    (
        "sjukskrivningsintyget",
        "sjukskrivningsintyg",
        &["sjukskrivning", "intyg"],
    ),
    ("mejladressen", "mejladress", &["mejl", "adress"]),
    ("kunddatabasen", "kunddatabas", &["kund", "databas"]),
    ("brandväggen", "brandvägg", &["brand", "vägg"]),
    ("säkerhetskopian", "säkerhetskopia", &["säkerhet", "kopia"]),
    ("obehörig", "obehörig", &[]),
    ("obehöriga", "obehörig", &[]),
    ("obehörigt", "obehörig", &[]),
    ("felskickade", "felskicka", &["fel", "skicka"]),
    ("felskickat", "felskicka", &["fel", "skicka"]),
    ("läckta", "läcka", &[]),
    ("läckt", "läcka", &[]),
    ("läckte", "läcka", &[]),
    ("skickade", "skicka", &[]),
    ("raderade", "radera", &[]),
    ("förlorade", "förlora", &[]),
    ("krypterade", "kryptera", &[]),
    ("publicerade", "publicera", &[]),
    ("drabbade", "drabba", &[]),
    ("berörda", "beröra", &[]),
    ("känsliga", "känslig", &[]),
    ("skyddade", "skydda", &[]),
    ("upptäcktes", "upptäcka", &[]),
    ("anmäldes", "anmäla", &[]),
    ("felaktigt", "felaktig", &[]),
    ("felaktiga", "felaktig", &[]),
    ("varumärket", "varumärke", &["vara", "märke"]),
    ("arbetsgivaren", "arbetsgivare", &["arbete", "givare"]),
    (
        "ärendehanteringssystemet",
        "ärendehanteringssystem",
        &["ärende", "hantering", "system"],
    ),
    (
        "dokumenthanteringssystem",
        "dokumenthanteringssystem",
        &["dokument", "hantering", "system"],
    ),
    ("besöksregistret", "besöksregister", &["besök", "register"]),
    (
        "ansökningshandlingarna",
        "ansökningshandling",
        &["ansökning", "handling"],
    ),
    ("sjuksköterskan", "sjuksköterska", &["sjuk", "sköterska"]),
    (
        "videoövervakningen",
        "videoövervakning",
        &["video", "övervakning"],
    ),
    ("telefonväxeln", "telefonväxel", &["telefon", "växel"]),
    (
        "kontorsmaterial",
        "kontorsmaterial",
        &["kontor", "material"],
    ),
    (
        "fastighetsskötaren",
        "fastighetsskötare",
        &["fastighet", "skötare"],
    ),
    ("elevhälsan", "elevhälsa", &["elev", "hälsa"]),
    ("elevregistret", "elevregister", &["elev", "register"]),
    ("betygsdokumenten", "betygsdokument", &["betyg", "dokument"]),
    ("skolledningen", "skolledning", &["skola", "ledning"]),
    ("vårdnadstvisten", "vårdnadstvist", &["vårdnad", "tvist"]),
    (
        "smittskyddsläkaren",
        "smittskyddsläkare",
        &["smittskydd", "läkare"],
    ),
    (
        "folkbokföringsuppgifter",
        "folkbokföringsuppgift",
        &["folkbokföring", "folk", "bokföring", "uppgift"],
    ),
    ("bankkontot", "bankkonto", &["bank", "konto"]),
    ("kortuppgifterna", "kortuppgift", &["kort", "uppgift"]),
    ("förskolebarn", "förskolebarn", &["förskola", "barn"]),
    ("skolsköterskan", "skolsköterska", &["skola", "sköterska"]),
    ("kvinnojouren", "kvinnojour", &["kvinna", "jour"]),
    ("lagringstiden", "lagringstid", &["lagring", "tid"]),
    ("dataintrånget", "dataintrång", &["data", "intrång"]),
    (
        "övervakningskamerorna",
        "övervakningskamera",
        &["övervakning", "kamera"],
    ),
    (
        "stadsdelsförvaltningen",
        "stadsdelsförvaltning",
        &["stadsdel", "förvaltning"],
    ),
    ("kommunstyrelsen", "kommunstyrelse", &["kommun", "styrelse"]),
    ("stulna", "stulen", &[]),
];

/// Words that must not be split: words that merely contain shorter words, derivations and
/// names.
const WHOLE: &[&str] = &[
    "filial",
    "sekund",
    "lagring",
    "förlorat",
    "karlsson",
    "andersson",
    "johansson",
    "eriksson",
    "stockholm",
    "göteborg",
    "malmö",
    "uppsala",
    "linköping",
    "helsingborg",
    "information",
    "organisation",
    "kommunikation",
    "bibliotek",
    "verksamhet",
    "myndighet",
    "sjukdom",
    "kunskap",
    "försäkring",
    "anmälan",
    "kontroll",
    "personal",
    "regional",
    "central",
    "material",
    "tidning",
    "ledning",
    "handling",
    "hantering",
    "kategori",
    "kalender",
    "semester",
    "sekreterare",
    "administratör",
    "analys",
    "paragraf",
    "program",
    "protokoll",
    "situation",
    "kunder",
    "sekunder",
    "filer",
    "lagar",
    "telefon",
    "journalist",
];

#[test]
fn words_have_their_lemmas_and_parts() {
    let mut analyzer = Analyzer::global();
    let mut wrong = Vec::new();
    for (word, lemma, parts) in WORDS {
        let got = analyzer.word(word);
        let has_lemma = got.lemmas.iter().any(|l| l == lemma);
        let missing: Vec<_> = parts
            .iter()
            .filter(|p| !got.parts.iter().any(|g| g == *p))
            .collect();
        if !has_lemma || !missing.is_empty() {
            wrong.push(format!(
                "{word}: expected lemma {lemma} and parts {parts:?}, got lemmas {:?} parts {:?}",
                got.lemmas, got.parts
            ));
        }
    }
    assert!(WORDS.len() >= 120, "the table shrank");
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        WORDS.len(),
        wrong.join("\n")
    );
}

#[test]
fn words_that_merely_contain_words_stay_whole() {
    let mut analyzer = Analyzer::global();
    let split: Vec<String> = WHOLE
        .iter()
        .filter_map(|word| {
            let got = analyzer.word(word);
            (!got.parts.is_empty()).then(|| format!("{word}: {:?}", got.parts))
        })
        .collect();
    assert!(WHOLE.len() >= 30, "the table shrank");
    assert!(split.is_empty(), "split:\n{}", split.join("\n"));
}

#[test]
fn names_are_their_own_lemma_in_any_case() {
    let mut analyzer = Analyzer::global();
    for name in ["Karlsson", "Johansson", "Helsingborg", "Linköping"] {
        let got = analyzer.word(name);
        assert_eq!(got.lemmas, [name.to_lowercase()], "{name}");
        assert!(got.parts.is_empty(), "{name}: {:?}", got.parts);
    }
}

#[test]
fn unknown_words_degrade_to_their_known_head_or_stay_whole() {
    let mut analyzer = Analyzer::global();
    // Not in the dictionary, but its head is: the head is its part and sets its lemma.
    let got = analyzer.word("zorblatjänsterna");
    assert!(!got.known);
    assert_eq!(got.lemmas, ["zorblatjänst"]);
    assert_eq!(got.parts, ["tjänst"]);
    // Written with a capital it may be a name: whole.
    let got = analyzer.word("Zorblatjänsterna");
    assert_eq!(got.lemmas, ["zorblatjänsterna"]);
    assert!(got.parts.is_empty());
    // Nothing known at all: whole.
    let got = analyzer.word("qwxzrt");
    assert_eq!(
        (got.lemmas.as_slice(), got.parts.len()),
        (&["qwxzrt".to_string()][..], 0)
    );
}
