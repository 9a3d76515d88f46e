//! Every command on the small fixture dataset: its files and its stderr
//! summary, snapshotted. `tests/fixtures/small` is three districts trimmed
//! from the national sample (see `tests/fixtures/trim.py`).

use std::path::Path;

use crate::support::{files, pba_in, read, repo, root};

const DATA: &str = "tests/fixtures/small";
const HOSPITALS: &str = "tests/fixtures/policies/hospitals-2020.toml";
const HEALTH_CENTERS: &str = "tests/fixtures/policies/health-centers-2020.toml";

/// Runs pba from the repository root with `{out}` replaced by a fresh
/// directory; returns the run and the directory.
fn run_with_out(arguments: &[&str]) -> (crate::support::Run, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let out_text = out.path().display().to_string();
    let arguments: Vec<String> = arguments
        .iter()
        .map(|argument| argument.replace("{out}", &out_text))
        .collect();
    let borrowed: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let run = pba_in(&root(), &borrowed, Some(out.path()));
    (run, out)
}

fn output(out: &Path, name: &str) -> String {
    read(&out.join(name))
}

#[test]
fn validate_shipped_definitions_and_fixture() {
    let (run, _out) = run_with_out(&["validate", "--data", DATA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("validate_stderr", run.stderr);
}

#[test]
fn score_writes_both_files() {
    let (run, out) = run_with_out(&["score", "--data", DATA, "--year", "2019", "--out", "{out}"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        files(out.path()),
        ["assessment-scores.csv", "facility-scores.csv"]
    );
    insta::assert_snapshot!("score_stderr", run.stderr);
    insta::assert_snapshot!(
        "score_assessment_scores",
        output(out.path(), "assessment-scores.csv")
    );
    insta::assert_snapshot!(
        "score_facility_scores",
        output(out.path(), "facility-scores.csv")
    );
}

#[test]
fn score_explains_one_assessment() {
    let assessments = read(&repo(DATA).join("assessments.csv"));
    let health_center = assessments
        .lines()
        .find(|line| {
            line.contains(",health-center,") && line.contains(",2019-") && line.contains(",isc,")
        })
        .and_then(|line| line.split(',').next())
        .unwrap()
        .to_owned();
    let (run, _out) = run_with_out(&[
        "score",
        "--data",
        DATA,
        "--year",
        "2019",
        "--explain",
        &health_center,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("score_explain", run.stdout);
}

#[test]
fn allocate_hospitals_writes_list_and_workbook() {
    let (run, out) = run_with_out(&[
        "allocate", "--data", DATA, "--policy", HOSPITALS, "--out", "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files(out.path()), ["pba-list.csv", "pba-list.xlsx"]);
    insta::assert_snapshot!("allocate_hospitals_stderr", run.stderr);
    insta::assert_snapshot!(
        "allocate_hospitals_list",
        output(out.path(), "pba-list.csv")
    );
    insta::assert_snapshot!(
        "allocate_hospitals_workbook",
        crate::workbook::cells(&out.path().join("pba-list.xlsx"))
    );
}

#[test]
fn allocate_health_centers_reports_unallocated_envelope() {
    let (run, out) = run_with_out(&[
        "allocate",
        "--data",
        DATA,
        "--policy",
        HEALTH_CENTERS,
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("allocate_health_centers_stderr", run.stderr);
    insta::assert_snapshot!(
        "allocate_health_centers_list",
        output(out.path(), "pba-list.csv")
    );
}

/// `--scores` with the file `pba score` wrote gives the same list as
/// scoring the dataset directly.
#[test]
fn allocate_from_precomputed_scores_matches_direct() {
    let (run, scores) =
        run_with_out(&["score", "--data", DATA, "--year", "2019", "--out", "{out}"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores_file = scores
        .path()
        .join("facility-scores.csv")
        .display()
        .to_string();
    let (direct, direct_out) = run_with_out(&[
        "allocate", "--data", DATA, "--policy", HOSPITALS, "--out", "{out}",
    ]);
    let (precomputed, precomputed_out) = run_with_out(&[
        "allocate",
        "--data",
        DATA,
        "--policy",
        HOSPITALS,
        "--scores",
        &scores_file,
        "--out",
        "{out}",
    ]);
    assert_eq!(
        (direct.code, precomputed.code),
        (0, 0),
        "{}",
        precomputed.stderr
    );
    assert_eq!(
        output(direct_out.path(), "pba-list.csv"),
        output(precomputed_out.path(), "pba-list.csv")
    );
}

#[test]
fn dli_values_from_policies_and_achievements_chain_into_disburse() {
    let achievements = tempfile::tempdir().unwrap();
    let achievements_file = achievements
        .path()
        .join("achievements.csv")
        .display()
        .to_string();
    let policies = repo("tests/fixtures/policies").display().to_string();
    let (run, out) = run_with_out(&[
        "dli",
        "--data",
        DATA,
        "--year",
        "2020",
        "--policies",
        &policies,
        "--out",
        "{out}",
        "--achievements-out",
        &achievements_file,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stderr = run.stderr.replace(&achievements_file, "[ACHIEVEMENTS]");
    insta::assert_snapshot!("dli_stderr", stderr);
    insta::assert_snapshot!("dli_values", output(out.path(), "dli-values.csv"));
    insta::assert_snapshot!("dli_facilities", output(out.path(), "dli-facilities.csv"));
    let written = read(Path::new(&achievements_file));
    insta::assert_snapshot!("dli_achievements", written);

    let (run, out) = run_with_out(&[
        "disburse",
        "--achievements",
        &achievements_file,
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = output(out.path(), "disbursements.csv");
    assert!(
        rows.lines().any(|line| line.starts_with("8,3,2020,")),
        "{rows}"
    );
}

/// The worked example of SPEC section 6 through the binary.
#[test]
fn disburse_spec_example() {
    let (run, out) = run_with_out(&[
        "disburse",
        "--achievements",
        "tests/fixtures/spec-example-achievements.csv",
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = output(out.path(), "disbursements.csv");
    let dli8: Vec<&str> = rows.lines().filter(|line| line.starts_with("8,")).collect();
    insta::assert_snapshot!("disburse_spec_example_dli8", dli8.join("\n"));
    insta::assert_snapshot!("disburse_spec_example_stderr", run.stderr);
}

/// Every target of the shipped Annex 2 matrix met exactly disburses the
/// whole US$155.34 million and cancels nothing.
#[test]
fn disburse_whole_matrix_met_exactly() {
    let program = pba_scorecard::parse_program(
        "mozambique-phc.toml",
        &read(&repo("programs/mozambique-phc.toml")),
    )
    .unwrap();
    let mut achievements = String::from("dli,year,value\n");
    for series in &program.dlis {
        for target in &series.targets {
            achievements.push_str(&format!("{},{},{}\n", series.id, target.year, target.value));
        }
    }
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("achievements.csv");
    std::fs::write(&file, achievements).unwrap();
    let file = file.display().to_string();
    let (run, out) = run_with_out(&["disburse", "--achievements", &file, "--out", "{out}"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = output(out.path(), "disbursement-summary.csv");
    assert!(
        summary
            .lines()
            .any(|line| line == "total,155340000.00,155340000.00,0.00"),
        "{summary}"
    );
}

#[test]
fn sample_and_verify() {
    let (run, out) = run_with_out(&[
        "sample",
        "--data",
        DATA,
        "--year",
        "2019",
        "--fraction",
        "0.5",
        "--seed",
        "fixture",
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("sample_stderr", run.stderr);
    insta::assert_snapshot!("sample_csv", output(out.path(), "iva-sample.csv"));

    let (run, out) = run_with_out(&[
        "verify",
        "--data",
        DATA,
        "--year",
        "2019",
        "--seed",
        "fixture",
        "--fraction",
        "0.5",
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("verify_stderr", run.stderr);
    insta::assert_snapshot!("verify_csv", output(out.path(), "verification.csv"));
    insta::assert_snapshot!(
        "verify_summary_csv",
        output(out.path(), "verification-summary.csv")
    );
}

#[test]
fn template_csv_and_xlsx() {
    let (run, _out) = run_with_out(&["template", "--scorecard", "community-consultation"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("template_csv", run.stdout);
    let (run, out) = run_with_out(&[
        "template",
        "--scorecard",
        "health-center",
        "--format",
        "xlsx",
        "--out",
        "{out}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files(out.path()), ["template-health-center-2019.1.xlsx"]);
    insta::assert_snapshot!(
        "template_xlsx",
        crate::workbook::cells(&out.path().join("template-health-center-2019.1.xlsx"))
    );
}
