//! Text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy
//! single-byte encodings of Swedish archives (Windows-1252, ISO-8859-1), detected with
//! chardetng so that å, ä and ö survive.
//!
//! Refused, each with its own reason: UTF-16 without a byte-order mark (told apart from
//! binary by its zero bytes falling on one parity), UTF-8 with invalid bytes in it (not
//! guessed to be Windows-1252, which would turn every å into mojibake), binary data.

use encoding_rs::{Encoding, UTF_8};

use super::LoadError;

/// Decodes bytes to a `String`, or says why they are not text.
pub fn decode_text(bytes: &[u8]) -> Result<String, LoadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(LoadError::UnknownEncoding);
        }
        return Ok(normalise_newlines(&text));
    }
    if looks_like_utf16_without_bom(bytes) {
        return Err(LoadError::Utf16WithoutBom);
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            if looks_binary(text.as_bytes()) {
                return Err(LoadError::Binary);
            }
            return Ok(normalise_newlines(text));
        }
        Err(e) => e,
    };
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    if mostly_utf8(bytes) {
        return Err(LoadError::InvalidUtf8 {
            offset: utf8_error.valid_up_to(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"se"), chardetng::Utf8Detection::Deny);
    if encoding == UTF_8 {
        return Err(LoadError::UnknownEncoding);
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors || looks_binary(text.as_bytes()) || many_c1_controls(&text) {
        return Err(LoadError::UnknownEncoding);
    }
    Ok(normalise_newlines(&text))
}

/// ASCII-range UTF-16 has a zero in every other byte: many zeros at one parity, almost
/// none at the other.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 16 {
        return false;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let half = sample.len() / 2;
    let one_sided = |a: usize, b: usize| a * 10 >= half * 3 && b * 20 <= half;
    one_sided(even, odd) || one_sided(odd, even)
}

/// More valid multi-byte UTF-8 characters than invalid bytes: a UTF-8 text with damage,
/// not a legacy encoding (where valid UTF-8 pairs like `Ã¤` are rare accidents).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > invalid
}

/// C1 control characters (U+0080 to U+009F) do not occur in real text; a decode full of
/// them means the guessed encoding is wrong.
fn many_c1_controls(text: &str) -> bool {
    let c1 = text
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    c1 * 100 > text.chars().count().max(1)
}

/// NUL bytes and a high share of control characters mean binary data (or UTF-16
/// without a BOM, which we refuse rather than guess).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > sample.len().max(1)
}

fn normalise_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWEDISH: &str = "Personuppgiftsincidenten upptäcktes på förvaltningen i Skärholmen.";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text(SWEDISH.as_bytes()).unwrap(), SWEDISH);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SWEDISH.as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), SWEDISH);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(SWEDISH.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_text(&le).unwrap(), SWEDISH);
        let mut be = vec![0xFE, 0xFF];
        be.extend(SWEDISH.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_text(&be).unwrap(), SWEDISH);
    }

    #[test]
    fn windows_1252_keeps_swedish_letters() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(SWEDISH);
        assert_eq!(decode_text(&bytes).unwrap(), SWEDISH);
    }

    #[test]
    fn utf16_without_bom_and_binary_are_refused() {
        let le: Vec<u8> = SWEDISH
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(decode_text(&le).is_err());
        assert_eq!(decode_text(&[0, 1, 2, 3, 0, 0xff]), Err(LoadError::Binary));
    }

    #[test]
    fn each_refusal_has_its_own_reason() {
        let be: Vec<u8> = SWEDISH
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode_text(&be), Err(LoadError::Utf16WithoutBom));
        // UTF-8 with two damaged bytes is not Windows-1252 mojibake.
        let mut broken = SWEDISH.as_bytes().to_vec();
        broken.insert(10, 0xff);
        broken.push(0xc3);
        assert_eq!(
            decode_text(&broken),
            Err(LoadError::InvalidUtf8 { offset: 10 })
        );
    }

    #[test]
    fn latin1_with_a_stray_utf8_pair_is_still_latin1() {
        let text = "Åtgärder för sårbarheter i Ö-vik, Ä";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let mut bytes = bytes.into_owned();
        bytes.extend_from_slice("Ã©".as_bytes());
        assert!(decode_text(&bytes).unwrap().starts_with(text));
    }

    #[test]
    fn crlf_becomes_lf() {
        assert_eq!(decode_text(b"a\r\nb\rc").unwrap(), "a\nb\nc");
    }
}
