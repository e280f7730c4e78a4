//! Language of a document's body with whatlang.
//!
//! whatlang mixes up Swedish, Norwegian Bokmål and Danish on short text, so the whole
//! body is scored, and among the three Scandinavian languages the decision also counts
//! function words and spellings that only one of them uses.

use whatlang::{Detector, Lang};

#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// ISO 639-1 code: `sv`, `nb`, `da`, `fi`, `en`, ... or `und` when undecided.
    pub code: &'static str,
    pub confidence: f64,
}

/// Function words of Swedish, of Norwegian and Danish alike, and of each of the two alone.
const SWEDISH: &[&str] = &[
    "och", "är", "att", "inte", "som", "för", "på", "av", "har", "till", "med", "när", "också",
    "hade", "kommer", "ett", "skulle", "än", "sig", "eller", "från", "någon", "även", "måste",
];
const NORWEGIAN_OR_DANISH: &[&str] = &[
    "og", "ikke", "jeg", "hun", "fra", "også", "være", "skal", "dette", "hvordan", "hvor", "eller",
];
const NORWEGIAN: &[&str] = &[
    "ble",
    "noen",
    "mye",
    "opplysninger",
    "hadde",
    "vært",
    "bare",
    "blitt",
    "meldt",
    "ennå",
    "feil",
    "hendelsen",
];
const DANISH: &[&str] = &[
    "blev",
    "nogen",
    "meget",
    "oplysninger",
    "havde",
    "været",
    "kun",
    "blevet",
    "endnu",
    "forkerte",
    "hændelsen",
    "af",
];

pub fn detect(text: &str) -> Language {
    // Whatlang's time grows with the input; 20 000 characters decide any language.
    let sample: String = text.chars().take(20_000).collect();
    let Some(info) = Detector::new().detect(&sample) else {
        return Language {
            code: "und",
            confidence: 0.0,
        };
    };
    let code = match info.lang() {
        Lang::Swe | Lang::Nob | Lang::Dan => scandinavian(&sample, info.lang()),
        // On a sentence or two whatlang may guess German or Dutch for Swedish; Swedish
        // function words and letters settle it when its guess is unreliable.
        other
            if !info.is_reliable()
                && scandinavian(&sample, Lang::Swe) == "sv"
                && swedish_markers(&sample) >= 2
                && !sample.contains(['ü', 'ß']) =>
        {
            let _ = other;
            "sv"
        }
        other => code_of(other),
    };
    Language {
        code,
        confidence: (info.confidence() * 1000.0).round() / 1000.0,
    }
}

/// Swedish against the other two by function words and letters (ä/ö are never Norwegian
/// or Danish, æ/ø never Swedish); then Norwegian against Danish by their own words, with
/// whatlang's guess breaking a tie.
fn scandinavian(text: &str, guess: Lang) -> &'static str {
    let (mut sv, mut west, mut nb, mut da) = (0usize, 0usize, 0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let w = word.as_str();
        sv += usize::from(SWEDISH.contains(&w)) + 2 * usize::from(w.contains(['ä', 'ö']));
        west +=
            usize::from(NORWEGIAN_OR_DANISH.contains(&w)) + 2 * usize::from(w.contains(['æ', 'ø']));
        nb += usize::from(NORWEGIAN.contains(&w));
        da += usize::from(DANISH.contains(&w));
    }
    if sv > west + nb + da {
        return "sv";
    }
    if sv + 1 < west + nb + da {
        return match nb.cmp(&da) {
            std::cmp::Ordering::Greater => "nb",
            std::cmp::Ordering::Less => "da",
            std::cmp::Ordering::Equal if guess == Lang::Dan => "da",
            std::cmp::Ordering::Equal => "nb",
        };
    }
    code_of(guess)
}

fn swedish_markers(text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| SWEDISH.contains(&w.as_str()) || w.contains(['ä', 'ö', 'å']))
        .count()
}

fn code_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Swe => "sv",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Fin => "fi",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Rus => "ru",
        Lang::Est => "et",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_scandinavian_languages_apart() {
        let sv = "Kommunen har anmält personuppgiftsincidenten till Integritetsskyddsmyndigheten. \
                  Uppgifterna skickades till fel mottagare och det är ännu oklart hur många som drabbats.";
        let nb = "Kommunen har meldt avviket til Datatilsynet. Opplysningene ble sendt til feil mottaker, \
                  og det er ennå uklart hvor mange som er berørt av hendelsen.";
        let da = "Kommunen har anmeldt bruddet til Datatilsynet. Oplysningerne blev sendt til den forkerte \
                  modtager, og det er endnu uklart hvor mange der er berørt af hændelsen.";
        assert_eq!(detect(sv).code, "sv");
        assert_eq!(detect(nb).code, "nb");
        assert_eq!(detect(da).code, "da");
    }

    #[test]
    fn one_short_swedish_sentence() {
        assert_eq!(
            detect("Felet uppstod när systemleverantören Evolvit uppdaterade servern.").code,
            "sv"
        );
        assert_ne!(
            detect("Der Fehler trat auf, als der Lieferant den Server aktualisierte.").code,
            "sv"
        );
    }

    #[test]
    fn other_languages_and_nothing() {
        assert_eq!(
            detect("The municipality reported the data breach to the authority yesterday.").code,
            "en"
        );
        assert_eq!(
            detect("Kunta ilmoitti tietosuojaloukkauksesta tietosuojavaltuutetun toimistolle.")
                .code,
            "fi"
        );
        assert_eq!(detect("").code, "und");
    }
}
