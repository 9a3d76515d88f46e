//! [`OutputSet`]: the files of one command, written all or nothing.
//!
//! [`OutputSet::commit`] writes every output to a temporary file in the
//! target directory and fsyncs it; only when all are written does it rename
//! them into place, one by one. If a write or a rename fails, every temporary
//! is removed, files already renamed are taken back (a file that existed
//! before is restored from a hard-link backup, a new one is removed), and the
//! directory is left as it was.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::WriteError;
use crate::table::Table;

/// Named outputs to write together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    outputs: Vec<(String, Content)>,
}

/// What an output holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Content {
    Bytes(Vec<u8>),
    /// A first line, then lines, written one after the other: the lines of
    /// a national `assessment-scores.csv` (51 MB) are not first copied into
    /// one buffer, whose fresh pages cost as much as writing them.
    Lines(String, Vec<String>),
}

impl Content {
    fn write(&self, file: &File) -> std::io::Result<()> {
        match self {
            Self::Bytes(bytes) => {
                let mut file = file;
                file.write_all(bytes)
            }
            Self::Lines(first, lines) => {
                let mut buffered = BufWriter::with_capacity(1 << 20, file);
                buffered.write_all(first.as_bytes())?;
                for line in lines {
                    buffered.write_all(line.as_bytes())?;
                }
                buffered.flush()
            }
        }
    }
}

impl OutputSet {
    /// Adds a table, written as CSV.
    pub fn add_table(&mut self, name: impl Into<String>, table: &Table) {
        self.add_bytes(name, table.to_csv().into_bytes());
    }

    /// Adds raw bytes (an XLSX workbook, a text report).
    pub fn add_bytes(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.outputs.push((name.into(), Content::Bytes(bytes)));
    }

    /// Adds a text made of `first` then `lines`, in order (a header and its
    /// rows), written without joining them first.
    pub fn add_lines(&mut self, name: impl Into<String>, first: String, lines: Vec<String>) {
        self.outputs
            .push((name.into(), Content::Lines(first, lines)));
    }

    /// The names of the outputs, in the order added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.outputs.iter().map(|(name, _)| name.as_str())
    }

    /// The bytes of an output.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        self.outputs
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, content)| match content {
                Content::Bytes(bytes) => Cow::Borrowed(bytes.as_slice()),
                Content::Lines(first, lines) => Cow::Owned(
                    std::iter::once(first)
                        .chain(lines)
                        .flat_map(|line| line.as_bytes().iter().copied())
                        .collect(),
                ),
            })
    }

    /// Writes every output into `dir` (created if missing), all or nothing.
    /// Returns the paths written, in the order added.
    ///
    /// # Errors
    ///
    /// A bad or repeated output name, or a file system failure; then no new
    /// file is left in `dir` and files that were there are unchanged.
    pub fn commit(&self, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
        check_names(&self.outputs)?;
        fs::create_dir_all(dir).map_err(io("create", dir))?;
        let mut staged: Vec<Staged> = Vec::with_capacity(self.outputs.len());
        stage(&self.outputs, dir, &mut staged)?;
        put_in_place(staged, dir)
    }

    /// [`Self::commit`] of these outputs, then of the ones `later` makes on
    /// another thread while these are written (a summary table made while a
    /// large file goes to disk), all or nothing together. Returns the paths
    /// written, these first.
    ///
    /// # Errors
    ///
    /// As [`Self::commit`], over both sets of outputs.
    pub fn commit_with(
        &self,
        dir: &Path,
        later: impl FnOnce() -> OutputSet + Send,
    ) -> Result<Vec<PathBuf>, WriteError> {
        check_names(&self.outputs)?;
        fs::create_dir_all(dir).map_err(io("create", dir))?;
        std::thread::scope(|scope| {
            let made = scope.spawn(later);
            let mut staged: Vec<Staged> = Vec::with_capacity(self.outputs.len() + 1);
            let written = stage(&self.outputs, dir, &mut staged);
            let later = match made.join() {
                Ok(later) => later,
                Err(panic) => {
                    discard(&staged);
                    std::panic::resume_unwind(panic)
                }
            };
            written?;
            let all: Vec<&(String, Content)> = self.outputs.iter().chain(&later.outputs).collect();
            if let Err(error) = check_names(all.iter().copied()) {
                discard(&staged);
                return Err(error);
            }
            stage(&later.outputs, dir, &mut staged)?;
            put_in_place(staged, dir)
        })
    }
}

/// Refuses a name that is not a plain file name, or one given twice.
fn check_names<'o>(
    outputs: impl IntoIterator<Item = &'o (String, Content)>,
) -> Result<(), WriteError> {
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in outputs {
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\'])
            && !name.starts_with('.');
        if !plain {
            return Err(WriteError::BadOutputName { name: name.clone() });
        }
        if !seen.insert(name.as_str()) {
            return Err(WriteError::DuplicateOutput { name: name.clone() });
        }
    }
    Ok(())
}

/// Writes each output to its temporary file, adding it to `staged`; on a
/// failure every staged temporary (earlier ones included) is removed.
fn stage(
    outputs: &[(String, Content)],
    dir: &Path,
    staged: &mut Vec<Staged>,
) -> Result<(), WriteError> {
    for (name, content) in outputs {
        let staging = Staged::new(dir, name);
        let written = write_synced(&staging.temporary, content);
        staged.push(staging);
        if let Err(error) = written {
            discard(staged);
            return Err(error);
        }
    }
    Ok(())
}

/// Renames every staged output into place, or none (see the module
/// documentation); returns their paths.
fn put_in_place(staged: Vec<Staged>, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    for index in 0..staged.len() {
        if let Err(error) = staged.get(index).map_or(Ok(()), Staged::put_in_place) {
            let (done, rest) = staged.split_at(index);
            for staging in done.iter().rev() {
                staging.take_back();
            }
            discard(rest);
            return Err(error);
        }
    }
    for staging in &staged {
        staging.forget_backup();
    }
    if let Ok(directory) = File::open(dir) {
        // Persist the renames; not every platform can sync a directory.
        let _ = directory.sync_all();
    }
    Ok(staged.into_iter().map(|staging| staging.target).collect())
}

/// One output on its way into place.
struct Staged {
    temporary: PathBuf,
    backup: PathBuf,
    target: PathBuf,
}

impl Staged {
    fn new(dir: &Path, name: &str) -> Self {
        let process = std::process::id();
        Self {
            temporary: dir.join(format!(".{name}.{process}.tmp")),
            backup: dir.join(format!(".{name}.{process}.bak")),
            target: dir.join(name),
        }
    }

    /// Keeps a hard link to the file being replaced, then renames.
    /// A backup left by an earlier run that stopped half way (with the same
    /// process id) is removed first, so that taking back never restores it.
    fn put_in_place(&self) -> Result<(), WriteError> {
        let _ = fs::remove_file(&self.backup);
        if self.target.is_file() {
            fs::hard_link(&self.target, &self.backup).map_err(io("back up", &self.target))?;
        }
        fs::rename(&self.temporary, &self.target).map_err(io("rename into", &self.target))
    }

    /// Undoes [`Staged::put_in_place`].
    fn take_back(&self) {
        if self.backup.is_file() {
            let _ = fs::rename(&self.backup, &self.target);
        } else {
            let _ = fs::remove_file(&self.target);
        }
    }

    fn forget_backup(&self) {
        let _ = fs::remove_file(&self.backup);
    }
}

fn discard(staged: &[Staged]) {
    for staging in staged {
        let _ = fs::remove_file(&staging.temporary);
        let _ = fs::remove_file(&staging.backup);
    }
}

fn write_synced(path: &Path, content: &Content) -> Result<(), WriteError> {
    let file = File::create(path).map_err(io("create", path))?;
    content.write(&file).map_err(io("write", path))?;
    file.sync_all().map_err(io("sync", path))
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError::Io {
        action,
        path,
        source,
    }
}
