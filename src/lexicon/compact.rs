//! The compact lexicon: every word form of an expanded dictionary in an `fst` map, pointing
//! into a table of (lemma, positions) entries. Built once (by `build.rs` for the shipped
//! dictionary, or in memory for `--lexicon`), then read without parsing: loading is
//! splitting the lemma table, well under a millisecond per 100,000 lemmas.
//!
//! Layout, little-endian: the magic, the lemma table (`u32` byte length, then the lemmas
//! joined by `\n`, sorted), the entries (`u32` count, then `u32`s: lemma id in bits 0-23,
//! position bits in 24-29, bit 31 set on a form's last entry), and the fst map from each
//! form to the index of its first entry.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::hunspell::Form;

/// The first bytes of a compact lexicon.
pub const MAGIC: &[u8; 12] = b"INCIDEXLEX\x01\x00";

const LEMMA_BITS: u32 = 24;
const LAST: u32 = 1 << 31;

/// Builds the compact bytes of `forms`.
pub fn build(forms: impl IntoIterator<Item = Form>) -> Vec<u8> {
    let mut by_form: BTreeMap<String, Vec<(String, u8)>> = BTreeMap::new();
    for f in forms {
        // One entry per lemma and set of positions: `skydds` the genitive (a word of its
        // own) and `skydds` the linking form (only in compounds) stay apart.
        let entries = by_form.entry(f.form).or_default();
        if !entries
            .iter()
            .any(|(lemma, bits)| *lemma == f.lemma && *bits == f.bits)
        {
            entries.push((f.lemma, f.bits));
        }
    }
    let mut lemmas: Vec<&str> = by_form
        .values()
        .flatten()
        .map(|(lemma, _)| lemma.as_str())
        .collect();
    lemmas.sort_unstable();
    lemmas.dedup();
    assert!(lemmas.len() < 1 << LEMMA_BITS, "too many lemmas");
    let lemma_table = lemmas.join("\n");

    let mut entries: Vec<u32> = Vec::new();
    let mut map = fst::MapBuilder::memory();
    for (form, analyses) in &by_form {
        let first = entries.len() as u64;
        for (i, (lemma, bits)) in analyses.iter().enumerate() {
            let id = lemmas.binary_search(&lemma.as_str()).expect("lemma listed") as u32;
            let last = if i + 1 == analyses.len() { LAST } else { 0 };
            entries.push(id | (u32::from(*bits) << LEMMA_BITS) | last);
        }
        map.insert(form, first).expect("forms in order");
    }
    let fst_bytes = map.into_inner().expect("fst in memory");

    let mut out = Vec::with_capacity(lemma_table.len() + entries.len() * 4 + fst_bytes.len() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(lemma_table.len() as u32).to_le_bytes());
    out.extend_from_slice(lemma_table.as_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in &entries {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out.extend_from_slice(&fst_bytes);
    out
}

/// A compact lexicon, read.
pub struct Compact {
    lemmas: Cow<'static, str>,
    /// Start of each lemma in `lemmas`, plus the end.
    lemma_starts: Vec<u32>,
    entries: Cow<'static, [u8]>,
    forms: fst::Map<Cow<'static, [u8]>>,
}

/// One reading of a form: its lemma's id and its position bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub lemma: u32,
    pub bits: u8,
}

impl Compact {
    /// Reads compact bytes (from [`build`]).
    pub fn read(bytes: Cow<'static, [u8]>) -> Result<Compact, String> {
        let bad = || "not a compact incidex lexicon (or a damaged one)".to_string();
        let take = |bytes: &[u8], at: usize, n: usize| bytes.get(at..at + n).map(|_| at + n);
        if !bytes.starts_with(MAGIC) {
            return Err(bad());
        }
        let read_u32 = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        let mut at = MAGIC.len();
        let lemma_len = read_u32(at).ok_or_else(bad)? as usize;
        at += 4;
        let lemma_range = at..take(&bytes, at, lemma_len).ok_or_else(bad)?;
        at = lemma_range.end;
        let entry_count = read_u32(at).ok_or_else(bad)? as usize;
        at += 4;
        let entry_range = at..take(&bytes, at, entry_count * 4).ok_or_else(bad)?;
        at = entry_range.end;
        let fst_range = at..bytes.len();
        std::str::from_utf8(&bytes[lemma_range.clone()]).map_err(|_| bad())?;

        let (lemmas, entries, fst_bytes) = match bytes {
            Cow::Borrowed(b) => (
                // Checked above.
                Cow::Borrowed(std::str::from_utf8(&b[lemma_range]).map_err(|_| bad())?),
                Cow::Borrowed(&b[entry_range]),
                Cow::Borrowed(&b[fst_range]),
            ),
            Cow::Owned(b) => (
                Cow::Owned(String::from_utf8(b[lemma_range].to_vec()).map_err(|_| bad())?),
                Cow::Owned(b[entry_range].to_vec()),
                Cow::Owned(b[fst_range].to_vec()),
            ),
        };
        let forms = fst::Map::new(fst_bytes).map_err(|e| format!("{}: {e}", bad()))?;
        let mut lemma_starts = Vec::with_capacity(lemmas.len() / 8);
        lemma_starts.push(0);
        lemma_starts.extend(
            lemmas
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        lemma_starts.push(lemmas.len() as u32 + 1);
        Ok(Compact {
            lemmas,
            lemma_starts,
            entries,
            forms,
        })
    }

    /// The readings of `form` (lower case), empty when the dictionary does not know it.
    pub fn lookup(&self, form: &str, out: &mut Vec<Entry>) {
        out.clear();
        let Some(first) = self.forms.get(form) else {
            return;
        };
        let mut i = first as usize;
        while let Some(bytes) = self.entries.get(i * 4..i * 4 + 4) {
            let e = u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
            out.push(Entry {
                lemma: e & ((1 << LEMMA_BITS) - 1),
                bits: ((e & !LAST) >> LEMMA_BITS) as u8,
            });
            if e & LAST != 0 {
                break;
            }
            i += 1;
        }
    }

    /// The lemma with id `id`.
    pub fn lemma(&self, id: u32) -> &str {
        let id = id as usize;
        let (start, end) = (self.lemma_starts[id], self.lemma_starts[id + 1] - 1);
        &self.lemmas[start as usize..end as usize]
    }

    /// The id of `lemma`, if it is one.
    pub fn lemma_id(&self, lemma: &str) -> Option<u32> {
        let n = self.lemma_starts.len() - 1;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.lemma(mid as u32).cmp(lemma) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// Number of word forms.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// Number of lemmas.
    pub fn lemma_count(&self) -> usize {
        self.lemma_starts.len() - 1
    }

    /// Bytes held in memory beyond the (possibly static) data: the lemma index.
    pub fn heap_bytes(&self) -> usize {
        let owned = |cow_len: usize, owned: bool| if owned { cow_len } else { 0 };
        self.lemma_starts.capacity() * 4
            + owned(self.lemmas.len(), matches!(self.lemmas, Cow::Owned(_)))
            + owned(self.entries.len(), matches!(self.entries, Cow::Owned(_)))
            + owned(
                self.forms.as_fst().as_bytes().len(),
                matches!(self.forms.as_fst().as_inner(), Cow::Owned(_)),
            )
    }

    /// Size of the data (static or not).
    pub fn data_bytes(&self) -> usize {
        self.lemmas.len() + self.entries.len() + self.forms.as_fst().as_bytes().len()
    }
}
