//! A minimal ZIP container for `.npz` files: writing stored or deflated entries (as
//! `np.savez` / `np.savez_compressed` do) and reading archives written by NumPy (Python's
//! zipfile, including its ZIP64 extra fields). Every offset and size read from a file is
//! bounds-checked; nothing is allocated from an unchecked size.

use crate::errors::{value_error, Exception, PyResult};

/// CRC-32 (IEEE 802.3), as zip uses.
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    });
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = table[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

fn bad_zip(msg: &str) -> Exception {
    value_error(format!("Bad zip file: {msg}"))
}

/// Write a zip archive of `(name, bytes)` entries, deflating them when `compress`.
pub fn write_zip(entries: &[(String, Vec<u8>)], compress: bool) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let too_big = || value_error("numpyx cannot write .npz entries of 4 GiB or more");
    for (name, data) in entries {
        let crc = crc32(data);
        let (method, body) = if compress {
            (8u16, miniz_oxide::deflate::compress_to_vec(data, 6))
        } else {
            (0u16, data.clone())
        };
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let csize = u32::try_from(body.len()).map_err(|_| too_big())?;
        let usize_ = u32::try_from(data.len()).map_err(|_| too_big())?;
        let name_b = name.as_bytes();
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&csize.to_le_bytes());
        out.extend_from_slice(&usize_.to_le_bytes());
        out.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra length
        out.extend_from_slice(name_b);
        out.extend_from_slice(&body);
        // Central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&20u16.to_le_bytes()); // needed
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0x21u16.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&csize.to_le_bytes());
        central.extend_from_slice(&usize_.to_le_bytes());
        central.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes()); // extra
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
        central.extend_from_slice(&(0o600u32 << 16).to_le_bytes()); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name_b);
    }
    let cd_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

fn u16_at(b: &[u8], i: usize) -> PyResult<u16> {
    b.get(i..i + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| bad_zip("truncated"))
}

fn u32_at(b: &[u8], i: usize) -> PyResult<u32> {
    b.get(i..i + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| bad_zip("truncated"))
}

fn u64_at(b: &[u8], i: usize) -> PyResult<u64> {
    b.get(i..i + 8)
        .map(|s| {
            let mut a = [0u8; 8];
            a.copy_from_slice(s);
            u64::from_le_bytes(a)
        })
        .ok_or_else(|| bad_zip("truncated"))
}

/// One archive member located in the file.
#[derive(Debug, Clone)]
pub struct ZipEntry {
    pub name: String,
    method: u16,
    crc: u32,
    csize: u64,
    usize_: u64,
    local_offset: u64,
}

/// Whether the bytes start like a zip archive.
pub fn is_zip(b: &[u8]) -> bool {
    b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06")
}

/// The members listed in the central directory.
pub fn read_entries(b: &[u8]) -> PyResult<Vec<ZipEntry>> {
    let min = b.len().saturating_sub(22 + 65535);
    let eocd = (min..=b.len().saturating_sub(22))
        .rev()
        .find(|&i| b.get(i..i + 4) == Some(b"PK\x05\x06"))
        .ok_or_else(|| bad_zip("File is not a zip file"))?;
    let mut count = u16_at(b, eocd + 10)? as u64;
    let mut cd_offset = u32_at(b, eocd + 16)? as u64;
    // ZIP64 end of central directory (through its locator just before the EOCD).
    if eocd >= 20 && b.get(eocd - 20..eocd - 16) == Some(b"PK\x06\x07") {
        let rec = u64_at(b, eocd - 12)? as usize;
        if b.get(rec..rec + 4) == Some(b"PK\x06\x06") {
            count = u64_at(b, rec + 32)?;
            cd_offset = u64_at(b, rec + 48)?;
        }
    }
    let mut pos =
        usize::try_from(cd_offset).map_err(|_| bad_zip("bad central directory offset"))?;
    let mut out = Vec::new();
    for _ in 0..count {
        if b.get(pos..pos + 4) != Some(b"PK\x01\x02") {
            return Err(bad_zip("Bad magic number for central directory"));
        }
        let method = u16_at(b, pos + 10)?;
        let crc = u32_at(b, pos + 16)?;
        let mut csize = u32_at(b, pos + 20)? as u64;
        let mut usize_ = u32_at(b, pos + 24)? as u64;
        let nlen = u16_at(b, pos + 28)? as usize;
        let elen = u16_at(b, pos + 30)? as usize;
        let clen = u16_at(b, pos + 32)? as usize;
        let mut local = u32_at(b, pos + 42)? as u64;
        let name_b = b
            .get(pos + 46..pos + 46 + nlen)
            .ok_or_else(|| bad_zip("truncated name"))?;
        let name = String::from_utf8_lossy(name_b).into_owned();
        let extra = b
            .get(pos + 46 + nlen..pos + 46 + nlen + elen)
            .ok_or_else(|| bad_zip("truncated extra field"))?;
        // ZIP64 extra: the 0xFFFFFFFF fields, in order.
        let mut e = 0;
        while e + 4 <= extra.len() {
            let id = u16_at(extra, e)?;
            let sz = u16_at(extra, e + 2)? as usize;
            if id == 1 {
                let mut f = e + 4;
                for field in [&mut usize_, &mut csize, &mut local] {
                    if *field == 0xFFFF_FFFF && f + 8 <= e + 4 + sz {
                        *field = u64_at(extra, f)?;
                        f += 8;
                    }
                }
            }
            e += 4 + sz;
        }
        out.push(ZipEntry {
            name,
            method,
            crc,
            csize,
            usize_,
            local_offset: local,
        });
        pos += 46 + nlen + elen + clen;
    }
    Ok(out)
}

/// The decompressed contents of a member (CRC checked).
pub fn read_member(b: &[u8], e: &ZipEntry) -> PyResult<Vec<u8>> {
    let lo = usize::try_from(e.local_offset).map_err(|_| bad_zip("bad offset"))?;
    if b.get(lo..lo + 4) != Some(b"PK\x03\x04") {
        return Err(bad_zip("Bad magic number for file header"));
    }
    let nlen = u16_at(b, lo + 26)? as usize;
    let elen = u16_at(b, lo + 28)? as usize;
    let start = lo + 30 + nlen + elen;
    let csize = usize::try_from(e.csize).map_err(|_| bad_zip("bad size"))?;
    let body = b
        .get(
            start
                ..start
                    .checked_add(csize)
                    .ok_or_else(|| bad_zip("bad size"))?,
        )
        .ok_or_else(|| bad_zip(&format!("truncated member '{}'", e.name)))?;
    let claimed = usize::try_from(e.usize_).map_err(|_| bad_zip("bad size"))?;
    let data = match e.method {
        0 => body.to_vec(),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(body, claimed).map_err(|_| {
            bad_zip(&format!(
                "Error -3 while decompressing data for '{}'",
                e.name
            ))
        })?,
        m => {
            return Err(value_error(format!(
                "That compression method is not supported (method {m})"
            )))
        }
    };
    if data.len() != claimed {
        return Err(bad_zip(&format!("member '{}' has the wrong size", e.name)));
    }
    if crc32(&data) != e.crc {
        return Err(bad_zip(&format!("Bad CRC-32 for file '{}'", e.name)));
    }
    Ok(data)
}
