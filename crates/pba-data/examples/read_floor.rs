//! The benchmark floor (`bench/run.py`, step a): reads every CSV file of a
//! dataset directory into a polars `DataFrame`, every column as text, with the
//! options `pba-data` uses, and does nothing else. `pba score` and
//! `pba allocate` are timed against it. Files are opened by path, so polars
//! maps them from the file cache as it does by default (and as `pba` does
//! for files of 1 MB or more).
//!
//! Usage: `read_floor DIR`; prints the rows read per file.

#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use polars::prelude::{CsvReadOptions, DataType, SerReader};

/// The allocator `pba` uses, so the floor and the commands timed against it
/// differ only in what they do.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The allocator settings of `pba` (see `tune_allocator` in `src/main.rs`):
/// freed memory kept, no transparent huge pages.
#[expect(
    unsafe_code,
    reason = "mi_option_set only stores a number in mimalloc's option table; prctl sets a flag of this process"
)]
fn tune_allocator() {
    /// `mi_option_purge_delay` and `mi_option_allow_thp` (v3 `mimalloc.h`).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const ALLOW_TRANSPARENT_HUGE_PAGES: libmimalloc_sys::mi_option_t = 43;
    // SAFETY: as in `src/main.rs`: both options exist in the pinned mimalloc;
    // setting them has no other effect.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(ALLOW_TRANSPARENT_HUGE_PAGES, 0);
    }
    // SAFETY: as in `src/main.rs`: plain integers, no memory touched.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tune_allocator();
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: read_floor DIR")?);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|path| path.extension().is_some_and(|extension| extension == "csv"));
    paths.sort();
    let mut frames = Vec::with_capacity(paths.len());
    for path in &paths {
        let frame = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .with_raise_if_empty(false)
            .try_into_reader_with_file_path(Some(path.clone()))?
            .finish()?;
        for column in frame.columns() {
            std::hint::black_box(column.cast(&DataType::String)?);
        }
        println!("{}: {} rows", path.display(), frame.height());
        // Kept alive like `read_dataset` keeps every frame until it is done.
        frames.push(frame);
    }
    std::hint::black_box(&frames);
    Ok(())
}
