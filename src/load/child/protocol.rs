//! The framing between parent and child: a request is the PDF's length as 8 bytes
//! (little-endian) followed by its bytes; an answer is one JSON line, the
//! `Result<Document, LoadError>`. Lengths, not delimiters, because PDFs hold any byte.

use std::io::{self, Read, Write};

/// Writes one request: the length, then the bytes.
pub fn write_request(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)?;
    out.flush()
}

/// Reads one request; `None` when the input ends cleanly between requests (the parent
/// is done with this child).
pub fn read_request(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    let mut got = 0;
    while got < len.len() {
        match input.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = usize::try_from(u64::from_le_bytes(len))
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "request too long"))?;
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_and_end_cleanly() {
        let mut wire = Vec::new();
        write_request(&mut wire, b"%PDF-1.4 first").unwrap();
        write_request(&mut wire, b"").unwrap();
        write_request(&mut wire, b"\n\0second\n").unwrap();
        let mut input = &wire[..];
        assert_eq!(
            read_request(&mut input).unwrap().as_deref(),
            Some(&b"%PDF-1.4 first"[..])
        );
        assert_eq!(read_request(&mut input).unwrap().as_deref(), Some(&b""[..]));
        assert_eq!(
            read_request(&mut input).unwrap().as_deref(),
            Some(&b"\n\0second\n"[..])
        );
        assert_eq!(read_request(&mut input).unwrap(), None);
    }

    #[test]
    fn a_request_cut_short_is_an_error() {
        let mut wire = Vec::new();
        write_request(&mut wire, b"0123456789").unwrap();
        for cut in [3, 8, 12] {
            let mut input = &wire[..cut];
            assert!(read_request(&mut input).is_err(), "cut at {cut}");
        }
    }
}
