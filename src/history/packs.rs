//! Checks that a pack index, or a multi-pack index, only points inside
//! its packs. libgit2 checks an index's size and fan-out, but follows its
//! offsets as they are: one bit flipped in an offset crashes it
//! (segmentation fault), and a pack that does not match its index is
//! silently skipped, so that its objects seem missing. Only what libgit2
//! does not check is checked here, reading the offset tables alone.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// SHA-1 ids and checksums, the only kind libgit2 reads unless built otherwise.
const ID_LEN: u64 = 20;
/// `PACK`, version and object count.
const PACK_HEADER: u64 = 12;
/// The magic number of a version 2 pack index.
const IDX_MAGIC: [u8; 4] = [0xff, b't', b'O', b'c'];

/// Why the pack index at `path` is not safe to read, if it is not.
pub fn check_index(path: &Path) -> Result<(), String> {
    let mut idx = Reader::open(path)?;
    let v2 = idx.at(0, 4)? == IDX_MAGIC;
    let fanout = if v2 { 8 } else { 0 };
    if v2 && be32(&idx.at(4, 4)?) != 2 {
        return Err("is of an unknown version".into());
    }
    let objects = u64::from(be32(&idx.at(fanout + 255 * 4, 4)?));
    let tables = fanout + 1024;
    // Version 1: (offset, id) pairs. Version 2: ids, CRCs, offsets, then
    // the offsets past 2 GiB.
    let (offsets, stride, large) = match v2 {
        true => (
            tables + objects * (ID_LEN + 4),
            4,
            tables + objects * (ID_LEN + 8),
        ),
        false => (tables, ID_LEN + 4, tables + objects * (ID_LEN + 4)),
    };
    let trailer = idx.len.checked_sub(2 * ID_LEN).filter(|&t| t >= large);
    let trailer = trailer.ok_or("is shorter than its object count needs")?;
    let large_count = (trailer - large) / 8;
    let mut pack = Reader::open(&path.with_extension("pack"))
        .map_err(|_| "has no .pack file beside it".to_string())?;
    let mismatch = |why: &str| format!("does not match the .pack file beside it ({why})");
    let head = pack
        .at(0, PACK_HEADER + ID_LEN)
        .map_err(|_| mismatch("the pack is too short"))?;
    if &head[..4] != b"PACK" || u64::from(be32(&head[8..])) != objects {
        return Err(mismatch("their object counts differ"));
    }
    if pack.at(pack.len - ID_LEN, ID_LEN)? != idx.at(trailer, ID_LEN)? {
        return Err(mismatch("their checksums differ"));
    }
    let table = idx.at(offsets, objects * stride)?;
    let large = idx.at(large, large_count * 8)?;
    let end = pack.len - ID_LEN;
    for (n, entry) in table.chunks_exact(stride as usize).enumerate() {
        let offset = resolve(be32(entry), &large)?;
        if !(PACK_HEADER..end).contains(&offset) {
            return Err(format!("points object {n} outside its pack"));
        }
    }
    Ok(())
}

/// Why the multi-pack index at `path` is not safe to read, if it is not:
/// each object's pack must be one it names, and its offset inside it.
pub fn check_multi_index(path: &Path) -> Result<(), String> {
    let mut midx = Reader::open(path)?;
    let head = midx.at(0, 12)?;
    if &head[..4] != b"MIDX" || head[4] != 1 {
        return Err("is of an unknown version".into());
    }
    let packs = be32(&head[8..]) as usize;
    let chunk_count = u64::from(head[6]);
    let table = midx.at(12, (chunk_count + 1) * 12)?;
    let entries: Vec<(&[u8], u64)> = table
        .chunks_exact(12)
        .map(|e| (&e[..4], be64(&e[4..])))
        .collect();
    let body_end = midx.len.saturating_sub(ID_LEN);
    // Where the chunk `id` starts and how long it is.
    let chunk = |id: &[u8]| -> Result<Option<(u64, u64)>, String> {
        let Some(i) = entries.iter().position(|e| e.0 == id) else {
            return Ok(None);
        };
        match (entries[i].1, entries.get(i + 1).map(|e| e.1)) {
            (start, Some(end)) if start <= end && end <= body_end => Ok(Some((start, end - start))),
            _ => Err("has a chunk outside the file".into()),
        }
    };
    let missing = || "lacks a chunk it needs".to_string();
    let (names, offsets) = (chunk(b"PNAM")?, chunk(b"OOFF")?);
    let ((names_at, names_len), (offsets_at, offsets_len)) =
        (names.ok_or_else(missing)?, offsets.ok_or_else(missing)?);
    let large = match chunk(b"LOFF")? {
        Some((at, len)) => midx.at(at, len)?,
        None => Vec::new(),
    };
    let names = midx.at(names_at, names_len)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let sizes: Vec<Option<u64>> = names
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .take(packs)
        .map(|n| pack_size(dir, n))
        .collect();
    let table = midx.at(offsets_at, offsets_len)?;
    for (n, entry) in table.chunks_exact(8).enumerate() {
        let pack = be32(entry) as usize;
        let offset = resolve(be32(&entry[4..]), &large)?;
        // A pack that is gone makes libgit2 report its objects missing.
        match sizes.get(pack) {
            None => return Err(format!("puts object {n} in a pack it does not name")),
            Some(Some(len)) if !(PACK_HEADER..len.saturating_sub(ID_LEN)).contains(&offset) => {
                return Err(format!("points object {n} outside its pack"));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The size of the pack of the index named `idx` in `dir`.
fn pack_size(dir: &Path, idx: &[u8]) -> Option<u64> {
    let name = std::str::from_utf8(idx).ok()?.strip_suffix(".idx")?;
    let path: PathBuf = dir.join(format!("{name}.pack"));
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// A 31-bit offset, or (top bit set) the index of a 64-bit one in `large`.
fn resolve(offset: u32, large: &[u8]) -> Result<u64, String> {
    if offset & 0x8000_0000 == 0 {
        return Ok(u64::from(offset));
    }
    let at = (offset & 0x7fff_ffff) as usize * 8;
    match large.get(at..at + 8) {
        Some(bytes) => Ok(be64(bytes)),
        None => Err("names a large offset it does not have".into()),
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be64(b: &[u8]) -> u64 {
    (u64::from(be32(b)) << 32) | u64::from(be32(&b[4..]))
}

/// Reads parts of a file, so that a large index is not read whole.
struct Reader {
    file: File,
    len: u64,
}

impl Reader {
    fn open(path: &Path) -> Result<Reader, String> {
        let file = File::open(path).map_err(|e| format!("cannot be read ({e})"))?;
        let len = file
            .metadata()
            .map_err(|e| format!("cannot be read ({e})"))?
            .len();
        Ok(Reader { file, len })
    }

    /// `len` bytes at `offset`; an error past the end of the file.
    fn at(&mut self, offset: u64, len: u64) -> Result<Vec<u8>, String> {
        if offset.checked_add(len).is_none_or(|end| end > self.len) {
            return Err("is shorter than its contents say".into());
        }
        let mut out = vec![0; len as usize];
        self.file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| self.file.read_exact(&mut out))
            .map_err(|e| format!("cannot be read ({e})"))?;
        Ok(out)
    }
}
