//! Shared fixtures of the fuzz targets: the shipped definitions, the small
//! valid dataset of the bad-input corpus, and a scratch directory holding a
//! copy of it, one file of which each input replaces.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pba_scorecard::{ProgramDefinition, ScorecardSet, parse_program};
use pba_scoring::{Dataset, Detail, FacilityScore};

/// The shipped scorecards, as `(name, text)`.
pub const SCORECARDS: &[(&str, &str)] = &[
    (
        "community-consultation.toml",
        include_str!("../../scorecards/community-consultation.toml"),
    ),
    (
        "health-center.toml",
        include_str!("../../scorecards/health-center.toml"),
    ),
    (
        "hospital.toml",
        include_str!("../../scorecards/hospital.toml"),
    ),
];

/// The shipped program.
pub const PROGRAM: &str = include_str!("../../programs/mozambique-phc.toml");

/// The base dataset of the bad-input corpus.
pub fn base_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs/_base")
}

/// The shipped scorecards, parsed once.
pub fn scorecards() -> &'static ScorecardSet {
    static SET: OnceLock<ScorecardSet> = OnceLock::new();
    SET.get_or_init(|| {
        let sources: Vec<(String, String)> = SCORECARDS
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        ScorecardSet::parse(&sources).expect("shipped scorecards parse")
    })
}

/// The shipped program, parsed once.
pub fn program() -> &'static ProgramDefinition {
    static PROGRAM_DEFINITION: OnceLock<ProgramDefinition> = OnceLock::new();
    PROGRAM_DEFINITION
        .get_or_init(|| parse_program("program.toml", PROGRAM).expect("shipped program parses"))
}

/// The base dataset, read once.
pub fn base_dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| pba_data::read_dataset(&base_dir()).expect("base dataset reads"))
}

/// Scores fiscal year 2019 of a dataset with the shipped definitions.
pub fn score(dataset: &Dataset, scorecards: &ScorecardSet) -> Vec<FacilityScore> {
    let program = program();
    pba_scoring::score_year_with(
        dataset,
        scorecards,
        program.calendar,
        program.min_assessments,
        2019,
        Detail::Full,
    )
    .facilities
}

/// The bytes of a base file, read once; `None` when the base has no such file.
fn base_bytes(name: &str) -> Option<&'static [u8]> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES
        .get_or_init(|| {
            std::fs::read_dir(base_dir())
                .expect("base dataset")
                .map(|entry| {
                    let entry = entry.expect("base entry");
                    let bytes = std::fs::read(entry.path()).expect("read base file");
                    (entry.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .iter()
        .find(|(known, _)| known == name)
        .map(|(_, bytes)| bytes.as_slice())
}

/// A private copy of the base dataset (on tmpfs when there is one) in
/// which [`Scratch::with_file`] replaces one file per input.
pub struct Scratch {
    directory: PathBuf,
}

impl Scratch {
    /// The scratch copy of this process, made once.
    pub fn get() -> &'static Scratch {
        static SCRATCH: OnceLock<Scratch> = OnceLock::new();
        SCRATCH.get_or_init(|| {
            let root = if Path::new("/dev/shm").is_dir() {
                PathBuf::from("/dev/shm")
            } else {
                std::env::temp_dir()
            };
            let directory = root.join(format!("pba-fuzz-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&directory);
            std::fs::create_dir_all(&directory).expect("scratch directory");
            for entry in std::fs::read_dir(base_dir()).expect("base dataset") {
                let name = entry.expect("base entry").file_name();
                let name = name.to_string_lossy();
                let bytes = base_bytes(&name).expect("base file");
                std::fs::write(directory.join(&*name), bytes).expect("copy base");
            }
            Scratch { directory }
        })
    }

    /// The scratch directory.
    pub fn dir(&self) -> &Path {
        &self.directory
    }

    /// Runs `check` with `name` replaced by `bytes`, then puts the base file
    /// back (from memory: `fs::write` retries an interrupted write, while
    /// `fs::copy` gave up on `EINTR` under libFuzzer's signals).
    pub fn with_file<T>(&self, name: &str, bytes: &[u8], check: impl FnOnce(&Path) -> T) -> T {
        let path = self.directory.join(name);
        std::fs::write(&path, bytes).expect("write input");
        let outcome = check(&self.directory);
        match base_bytes(name) {
            Some(original) => std::fs::write(&path, original).expect("restore base file"),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
        outcome
    }
}
