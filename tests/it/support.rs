//! Running the real `pba` binary and reading what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of `pba` produced.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error, with the temporary directory replaced by `[TMP]`.
    pub stderr: String,
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn repo(path: &str) -> PathBuf {
    root().join(path)
}

/// Runs `pba` in `directory`, replacing `temporary` in messages by `[TMP]`.
pub fn pba_in(directory: &Path, arguments: &[&str], temporary: Option<&Path>) -> Run {
    pba_threads(directory, arguments, temporary, 2)
}

/// Runs `pba` with `threads` threads: polars' pool (`POLARS_MAX_THREADS`)
/// and the pool scoring and formatting run on (`RAYON_NUM_THREADS`).
pub fn pba_threads(
    directory: &Path,
    arguments: &[&str],
    temporary: Option<&Path>,
    threads: u32,
) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_pba"))
        .args(arguments)
        .current_dir(directory)
        .env("POLARS_MAX_THREADS", threads.to_string())
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .unwrap();
    let clean = |bytes: &[u8]| {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        if let Some(temporary) = temporary {
            text = text.replace(&temporary.display().to_string(), "[TMP]");
        }
        text.replace(&root().display().to_string(), "[REPO]")
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: clean(&output.stdout),
        stderr: clean(&output.stderr),
    }
}

/// Every file under `directory`, relative, sorted.
pub fn files(directory: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![directory.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(directory).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

/// Reads a text file.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
