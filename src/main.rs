//! `pba`: facility scorecards to performance-based allocations.
//!
//! The binary wires the crates together: it parses the command line, loads
//! definitions (shipped ones are embedded), reads inputs with `pba-data`,
//! calls the pure domain crates, and commits outputs atomically.

mod cli;
mod defaults;
mod definitions;
mod failure;
mod pipeline;
mod tables;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: a national run allocates tens
/// of millions of small values (ids, cells, scores), and glibc's malloc spent
/// about a tenth of `pba score`'s time in `malloc`, `free` and page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (v3 `mimalloc.h`, `mi_option_e`; the
/// `libmimalloc-sys` bindings name only the older options).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc's `mi_option_allow_thp` (v3 `mimalloc.h`, `mi_option_e`).
const ALLOW_TRANSPARENT_HUGE_PAGES: libmimalloc_sys::mi_option_t = 43;

/// Keeps memory pba frees for its own next allocations, in 4 KiB pages: by
/// default mimalloc hands freed memory back to the kernel after a second and
/// asks for 2 MiB huge pages, so a national run (values read in chunks, each
/// chunk's cells freed) had the kernel zero the same memory again and again:
/// `clear_page_erms` was about a third of `pba score`'s samples at 100,000
/// facilities. Peak memory grows by about a tenth.
///
/// mimalloc turns transparent huge pages off only when it starts, before
/// `main`, so its option alone left them on: the process turns them off
/// itself (`prctl(PR_SET_THP_DISABLE)`, what mimalloc would have done). At
/// 100,000 facilities `pba score` then takes 390,000 smaller page faults
/// instead of 122,000, and 4.9 s of CPU instead of 5.9 s.
#[expect(
    unsafe_code,
    reason = "mi_option_set only stores a number in mimalloc's option table; prctl sets a flag of this process"
)]
fn tune_allocator() {
    // SAFETY: both options exist in the mimalloc version `Cargo.lock` pins
    // (checked against its `mimalloc.h`); setting an option has no other effect
    // and is allowed at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(ALLOW_TRANSPARENT_HUGE_PAGES, 0);
    }
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory
    // of this process; a kernel without it returns an error, ignored (pages
    // then stay as the kernel decides).
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let arguments = cli::Arguments::parse();
    match cli::run(arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}
