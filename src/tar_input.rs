//! Documents handed over as a tar archive (a file, or a stream on standard input): each
//! regular member is one document, named by its path in the archive. This is how a
//! program that holds documents' bytes but no shared file system (the Spark job in
//! `spark/`) gives many of them to one `incidex` process.
//!
//! Members are read in chunks of about [`CHUNK_BYTES`], so that a caller can extract a
//! chunk in parallel while memory stays bounded whatever the archive's size.

use std::io::Read;

use crate::load::LoadError;

/// How many bytes of members a chunk gathers before it is handed on.
pub const CHUNK_BYTES: usize = 32 * 1024 * 1024;

/// One member: its name, and its bytes or why they could not be taken.
#[derive(Debug)]
pub struct Member {
    pub name: String,
    pub bytes: Result<Vec<u8>, LoadError>,
}

/// Why an archive could not be read on (truncated, not a tar): the members before it
/// were handed on.
#[derive(Debug, thiserror::Error)]
#[error("not a readable tar archive: {0}")]
pub struct TarError(String);

/// Reads the regular members of the archive in `reader`, calling `each_chunk` with
/// chunks of them in archive order. Members larger than `max_file_size` are not read:
/// they come with [`LoadError::TooLarge`]. Directories, links and other entries are
/// passed over.
pub fn read_chunks<E>(
    reader: impl Read,
    max_file_size: u64,
    mut each_chunk: impl FnMut(Vec<Member>) -> Result<(), E>,
) -> Result<Result<(), TarError>, E> {
    let mut archive = tar::Archive::new(reader);
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(e) => return Ok(Err(TarError(crate::walk::io_reason(&e)))),
    };
    let mut chunk = Vec::new();
    let mut chunk_bytes = 0;
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                each_chunk(chunk)?;
                return Ok(Err(TarError(crate::walk::io_reason(&e))));
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = match entry.path() {
            Ok(path) => path.to_string_lossy().into_owned(),
            Err(e) => {
                each_chunk(chunk)?;
                return Ok(Err(TarError(crate::walk::io_reason(&e))));
            }
        };
        let size = entry.size();
        let bytes = if size > max_file_size {
            // The reader skips the member's data when the entry is dropped.
            Err(LoadError::TooLarge {
                limit: max_file_size,
            })
        } else {
            let mut bytes = Vec::with_capacity(size as usize);
            let read = entry.read_to_end(&mut bytes);
            if read.is_err() || bytes.len() as u64 != size {
                each_chunk(chunk)?;
                let why = read
                    .err()
                    .map_or("the archive ends inside a member".into(), |e| {
                        crate::walk::io_reason(&e)
                    });
                return Ok(Err(TarError(format!("{name}: {why}"))));
            }
            chunk_bytes += bytes.len();
            Ok(bytes)
        };
        chunk.push(Member { name, bytes });
        if chunk_bytes >= CHUNK_BYTES {
            each_chunk(std::mem::take(&mut chunk))?;
            chunk_bytes = 0;
        }
    }
    each_chunk(chunk)?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, bytes) in members {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, *bytes).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn members_come_in_order_with_their_names_and_the_large_ones_refused() {
        let long_name = format!("hdfs://arkiv/{}/anmälan.pdf", "mapp/".repeat(40));
        let tar = archive(&[
            ("a/lönebesked.txt", b"Uppgifter om 12 anst\xc3\xa4llda."),
            (&long_name, b"%PDF-1.4"),
            ("stor.txt", &[b'x'; 100]),
        ]);
        let mut got = Vec::new();
        let done = read_chunks(&tar[..], 50, |chunk| {
            got.extend(chunk);
            Ok::<(), ()>(())
        });
        assert!(matches!(done, Ok(Ok(()))));
        let names: Vec<&str> = got.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a/lönebesked.txt", long_name.as_str(), "stor.txt"]);
        assert_eq!(
            got[0].bytes.as_deref().unwrap(),
            "Uppgifter om 12 anställda.".as_bytes()
        );
        assert_eq!(got[2].bytes, Err(LoadError::TooLarge { limit: 50 }));
    }

    #[test]
    fn a_cut_archive_hands_on_what_came_before_and_says_so() {
        let tar = archive(&[("a.txt", b"Text ett."), ("b.txt", &[b'y'; 2000])]);
        let cut = &tar[..tar.len() - 1800];
        let mut names = Vec::new();
        let done = read_chunks(cut, 1 << 20, |chunk| {
            names.extend(chunk.into_iter().map(|m| m.name));
            Ok::<(), ()>(())
        });
        assert!(matches!(done, Ok(Err(_))), "{done:?}");
        assert_eq!(names, ["a.txt"]);
    }
}
