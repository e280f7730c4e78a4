//! Text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy
//! single-byte encodings of Swedish archives (Windows-1252, ISO-8859-1), detected with
//! chardetng so that å, ä and ö survive.

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
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_binary(text.as_bytes()) {
            return Err(LoadError::Binary);
        }
        return Ok(normalise_newlines(text));
    }
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"se"), chardetng::Utf8Detection::Deny);
    if encoding == UTF_8 {
        return Err(LoadError::UnknownEncoding);
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors || looks_binary(text.as_bytes()) {
        return Err(LoadError::UnknownEncoding);
    }
    Ok(normalise_newlines(&text))
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
    fn crlf_becomes_lf() {
        assert_eq!(decode_text(b"a\r\nb\rc").unwrap(), "a\nb\nc");
    }
}
