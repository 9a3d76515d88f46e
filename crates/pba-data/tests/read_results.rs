//! `facility-scores.csv`, achievements, `pba-list.csv` and `verification.csv` readers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::PathBuf;

use pba_data::{read_achievements, read_facility_scores, read_pba_list, read_verification};
use pba_scoring::IneligibleReason;
use pba_verification::VerificationStatus;
use rust_decimal::Decimal;

fn file(dir: &tempfile::TempDir, name: &str, content: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn report<T>(result: Result<T, pba_data::DataErrors>, dir: &tempfile::TempDir) -> String {
    match result {
        Ok(_) => "no error".to_owned(),
        Err(errors) => errors
            .to_string()
            .replace(&format!("{}/", dir.path().display()), ""),
    }
}

#[test]
fn facility_scores_with_the_columns_pba_score_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "facility-scores.csv",
        "facility_id,fiscal_year,score,eligible,reason,valid_assessments,scorecard_id,district_id,x_note\n\
         F001,2019,61.34,true,,2,hospital,D01,\n\
         F002,2019,,false,no_assessments,0,,D01,\n",
    );
    let scores = read_facility_scores(&path).unwrap();
    assert_eq!(scores.len(), 2);
    assert_eq!(scores[0].score, Some(Decimal::new(6134, 2)));
    assert_eq!(
        scores[0].scorecard_id.as_ref().map(|id| id.as_str()),
        Some("hospital")
    );
    assert_eq!(scores[1].reason, Some(IneligibleReason::NoAssessments));
    assert_eq!(scores[1].score, None);
}

#[test]
fn facility_scores_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "facility-scores.csv",
        "facility_id,fiscal_year,score,eligible,reason,valid_assessments,rank\n\
         F001,2019,101,true,,2,1\n\
         F002,2019,55.5,true,inactive,2,2\n\
         F003,2019,,false,,0,3\n\
         F001,2019,50,true,,2,4\n\
         F004,2019,50.123,maybe,lazy,-1,5\n",
    );
    insta::assert_snapshot!(report(read_facility_scores(&path), &dir), @r"
    facility-scores.csv: column `rank`: unknown column, expected `facility_id`, `fiscal_year`, `score`, `eligible`, `reason`, `valid_assessments`, `scorecard_id`, `district_id`, `province`, `facility_type`, `assessments`, `invalid_assessments` (prefix it with `x_` to keep it as a note)
    facility-scores.csv:2: column `score`: `101` is not a score, expected a number from 0 to 100 with at most 2 decimals
    facility-scores.csv:3: column `reason`: an eligible facility has no reason, found `inactive`
    facility-scores.csv:4: column `reason`: empty cell, an ineligible facility needs a reason
    facility-scores.csv:5: column `facility_id`: facility `F001` is given twice for 2019, first at row 2
    facility-scores.csv:6: column `eligible`: `maybe` is not a boolean, expected `true` or `false`
    facility-scores.csv:6: column `reason`: unknown reason `lazy`, expected one of `no_assessments`, `too_few_valid_assessments`, `invalid_committee`, `missing_consultation`, `inactive`, `unknown_scorecard`, `out_of_period`, `incomplete_values`
    facility-scores.csv:6: column `score`: `50.123` is not a score, expected a number from 0 to 100 with at most 2 decimals
    facility-scores.csv:6: column `valid_assessments`: `-1` is not a whole number, expected a count such as `0` or `120`
    ");
}

#[test]
fn achievements() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "achievements.csv",
        "dli,year,value\n8,1,12\n8,2,25\n6.1,1,3.5\n",
    );
    let rows = read_achievements(&path).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (
            rows[2].dli.as_str(),
            rows[2].year,
            rows[2].value,
            rows[2].row
        ),
        ("6.1", 1, Decimal::new(35, 1), 4)
    );
    let path = file(
        &dir,
        "achievements.csv",
        "dli,year,value\n8,1,12\n8,1,13\n8,0,x\n",
    );
    insta::assert_snapshot!(report(read_achievements(&path), &dir), @r"
    achievements.csv:3: column `year`: DLI `8` year 1 is given twice, first at row 2
    achievements.csv:4: column `value`: `x` is not a number, expected a decimal such as `12` or `3.50`
    achievements.csv:4: column `year`: `0` is not a program year, expected 1, 2, 3...
    ");
}

#[test]
fn pba_list_needs_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = "pba_year,envelope,province,district_id,facility_id,facility_name,facility_type,score,eligible,reason,basis,weight,uplift,share,amount,payment_channel";
    let path = file(
        &dir,
        "pba-list.csv",
        &format!(
            "{header}\n2020,national,Nampula,D01,F001,Hospital,rural_hospital,61.34,true,,61.34,1,1.20,0.500000,7000000.00,e_sistafe\n\
             2020,national,,,,,,,,no_qualifying_facility,,,,,0.00,\n"
        ),
    );
    let rows = read_pba_list(&path).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].facility_id.as_ref().map(|id| id.as_str()),
        Some("F001")
    );
    assert_eq!(rows[0].amount, Decimal::new(700_000_000, 2));
    assert_eq!(rows[1].facility_id, None);
    let path = file(
        &dir,
        "pba-list.csv",
        "pba_year,facility_id,amount\n2020,F001,1.00\n",
    );
    let found = report(read_pba_list(&path), &dir);
    assert!(
        found.starts_with("pba-list.csv: column `basis`: missing required column\n"),
        "{found}"
    );
    assert_eq!(found.lines().count(), 13, "{found}");
}

const VERIFICATION_HEADER: &str = "facility_id,province,facility_type,sampled,status,isc_score,isc_eligible,iva_visits,iva_score,difference,absolute_difference,within_tolerance,excess,closest_isc_assessment,closest_isc_date,closest_isc_score,closest_difference,iva_assessment,days_apart,disagreeing_indicators";

#[test]
fn verification_as_pba_verify_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "verification.csv",
        &format!(
            "{VERIFICATION_HEADER}\n\
             F001,Gaza,rural_hospital,true,verified,80.00,true,1,60.00,20.00,20.00,false,10.00,A1,2019-03-01,81.00,21.00,V1,12,H01;H07\n\
             F002,Gaza,rural_hospital,true,verified,60.00,true,1,85.00,-25.00,25.00,false,0.00,,,,,,,\n\
             F003,Sofala,district_hospital,true,not_verified,70.50,true,0,,,,,0.00,,,,,,,\n"
        ),
    );
    let rows = read_verification(&path).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].facility_id.as_str(), "F001");
    assert_eq!(rows[0].status, VerificationStatus::Verified);
    assert_eq!(rows[0].isc_score, Some(Decimal::new(8000, 2)));
    assert_eq!(rows[0].iva_score, Some(Decimal::new(6000, 2)));
    assert_eq!(rows[0].difference, Some(Decimal::new(2000, 2)));
    assert_eq!(rows[0].within_tolerance, Some(false));
    assert_eq!(rows[0].excess, Decimal::new(1000, 2));
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[1].difference, Some(Decimal::new(-2500, 2)));
    assert_eq!(rows[1].excess, Decimal::ZERO);
    assert_eq!(rows[2].status, VerificationStatus::NotVerified);
    assert_eq!(
        (
            rows[2].iva_score,
            rows[2].difference,
            rows[2].within_tolerance
        ),
        (None, None, None)
    );
}

#[test]
fn verification_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "verification.csv",
        "facility_id,status,isc_score,iva_score,difference,within_tolerance,excess\n\
         F001,checked,80,60,20,false,10\n\
         F002,verified,,60,,,0\n\
         F003,verified,80,60,25,false,15\n\
         F004,verified,80,60,20,false,-1\n\
         F005,verified,80,60,20,false,21\n\
         F001,not_verified,80,,,,0\n\
         F006,verified,180,60,120,maybe,0\n",
    );
    insta::assert_snapshot!(report(read_verification(&path), &dir), @r"
    verification.csv:2: column `status`: unknown status `checked`, expected one of `verified`, `no_isc_score`, `iva_not_scored`, `not_verified`
    verification.csv:3: column `isc_score`: empty cell, a `verified` facility has an ISC and an IVA score
    verification.csv:4: column `difference`: `25` is not `isc_score − iva_score` = `20`
    verification.csv:5: column `excess`: `-1` is below 0, expected the points beyond tolerance, 0 or more
    verification.csv:6: column `excess`: `21` is more than the difference `20`; the excess is `difference − tolerance`, so it cannot be larger
    verification.csv:7: column `facility_id`: facility `F001` is given twice, first at row 2
    verification.csv:8: column `isc_score`: `180` is not a score, expected a number from 0 to 100 with at most 2 decimals
    verification.csv:8: column `within_tolerance`: `maybe` is not a boolean, expected `true` or `false`
    ");
    let path = file(&dir, "verification.csv", "facility_id,excess\nF001,0\n");
    let found = report(read_verification(&path), &dir);
    assert!(
        found.contains("verification.csv: column `status`: missing required column\n"),
        "{found}"
    );
    assert_eq!(found.lines().count(), 5, "{found}");
}
