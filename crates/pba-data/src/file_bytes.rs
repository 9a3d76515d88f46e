//! The bytes of an input file. A large file is mapped from the operating
//! system's file cache instead of copied into fresh memory: at 100,000
//! facilities the dataset is about 480 MB, and copying it had the kernel zero
//! and fill as many new pages, about a sixth of `pba score`'s time on the
//! benchmark machine. polars maps the files it reads the same way.
//!
//! A mapped file must not be changed while pba reads it (see the README,
//! Performance): pba reads its inputs and never writes them, and a dataset
//! being edited while a run reads it gives no meaningful result either way.

use std::fs::File;
use std::ops::Deref;
use std::path::Path;

/// Files smaller than this are read into memory: mapping them saves nothing.
const MAPPED_FROM: u64 = 1 << 20;

/// The bytes of a file, mapped or read.
pub(crate) enum FileBytes {
    /// A large file, mapped read-only.
    Mapped(memmap2::Mmap),
    /// A small file, or bytes from elsewhere (tests, a spreadsheet's cells).
    Read(Vec<u8>),
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Mapped(map) => map,
            Self::Read(bytes) => bytes,
        }
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Read(bytes)
    }
}

/// Reads or maps the file at `path`.
pub(crate) fn read(path: &Path) -> std::io::Result<FileBytes> {
    let file = File::open(path)?;
    if file.metadata()?.len() < MAPPED_FROM {
        return std::fs::read(path).map(FileBytes::Read);
    }
    map(&file).map(FileBytes::Mapped)
}

/// Maps a file read-only, its pages entered at once (one call instead of a
/// page fault per 4 KiB).
#[expect(
    unsafe_code,
    reason = "memmap2 cannot promise that no other process changes the file"
)]
fn map(file: &File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: the map is read-only and private to pba, and pba never writes
    // its input files. Another process writing the file while pba runs would
    // change the bytes under it (the module documentation says not to).
    unsafe { memmap2::MmapOptions::new().populate().map(file) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_are_read_and_large_ones_mapped_with_the_same_bytes() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for size in [0, 10, MAPPED_FROM as usize + 3] {
            let path = dir.path().join(format!("{size}.csv"));
            let bytes: Vec<u8> = (0..size).map(|index| (index % 251) as u8).collect();
            std::fs::write(&path, &bytes).expect("written");
            let read = read(&path).expect("readable");
            assert_eq!(
                matches!(read, FileBytes::Mapped(_)),
                size >= MAPPED_FROM as usize
            );
            assert_eq!(&*read, bytes.as_slice());
        }
    }
}
