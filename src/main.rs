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

fn main() -> ExitCode {
    let arguments = cli::Arguments::parse();
    match cli::run(arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}
