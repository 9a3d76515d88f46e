//! `pba template`: the CSV table and the workbook, read back with calamine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use pba_data::{template_table, template_xlsx};
use pba_scorecard::{
    Band, Domain, DomainId, FacilityType, Indicator, IndicatorId, IndicatorKind, MissingRule,
    ScorecardDefinition, ScorecardId,
};
use rust_decimal::Decimal;

fn indicator(id: &str, kind: IndicatorKind, allow_na: bool, title: &str) -> Indicator {
    Indicator {
        id: IndicatorId::from(id),
        domain: DomainId::from("readiness"),
        title: title.to_owned(),
        kind,
        points: Decimal::new(20, 1),
        critical: id == "H01",
        allow_na,
        source: "observation (PAD annex 3)".to_owned(),
        note: None,
    }
}

fn definition() -> ScorecardDefinition {
    ScorecardDefinition {
        id: ScorecardId::from("hospital"),
        version: "2019.1".to_owned(),
        title: "District/rural hospital scorecard".to_owned(),
        applies_to: vec![FacilityType::DistrictHospital, FacilityType::RuralHospital],
        dli: Some(8),
        missing: MissingRule::Error,
        critical_cap: None,
        domains: vec![Domain {
            id: DomainId::from("readiness"),
            title: "Readiness".to_owned(),
            weight: Decimal::ONE_HUNDRED,
        }],
        indicators: vec![
            indicator(
                "H01",
                IndicatorKind::Binary,
                false,
                "Running water in the maternity",
            ),
            indicator(
                "H02",
                IndicatorKind::Binary,
                true,
                "=HYPERLINK(\"x\") complaint box",
            ),
            indicator(
                "H03",
                IndicatorKind::Scale { max: 2 },
                true,
                "Partograph use",
            ),
            indicator(
                "H04",
                IndicatorKind::Numeric {
                    zero_at: Decimal::new(30, 0),
                    full_at: Decimal::ZERO,
                    min: Some(Decimal::ZERO),
                    max: Some(Decimal::new(30, 0)),
                },
                false,
                "Stock-out days of oxytocin",
            ),
            indicator(
                "H05",
                IndicatorKind::Bands {
                    bands: vec![
                        Band {
                            from: Decimal::new(80, 0),
                            fraction: Decimal::ONE,
                        },
                        Band {
                            from: Decimal::new(50, 0),
                            fraction: Decimal::new(5, 1),
                        },
                        Band {
                            from: Decimal::ZERO,
                            fraction: Decimal::ZERO,
                        },
                    ],
                    min: None,
                    max: Some(Decimal::ONE_HUNDRED),
                },
                false,
                "Reports sent to SISMA on time (%)",
            ),
        ],
        combine: None,
    }
}

#[test]
fn the_csv_template_lists_every_indicator() {
    insta::assert_snapshot!(template_table(&definition()).to_csv(), @r#"
    indicator_id,domain,title,kind,allowed,points,critical,allow_na,source,value,comment
    H01,readiness,Running water in the maternity,binary,yes/no,2,true,false,observation (PAD annex 3),,
    H02,readiness,"'=HYPERLINK(""x"") complaint box",binary,yes/no/na,2,false,true,observation (PAD annex 3),,
    H03,readiness,Partograph use,scale,0-2 or na,2,false,true,observation (PAD annex 3),,
    H04,readiness,Stock-out days of oxytocin,numeric,"0 to 30 (0 at 30, full at 0)",2,false,false,observation (PAD annex 3),,
    H05,readiness,Reports sent to SISMA on time (%),bands,"0 to 100; bands from 80: 1, from 50: 0.5, from 0: 0",2,false,false,observation (PAD annex 3),,
    "#);
}

fn text(range: &calamine::Range<Data>, row: u32, column: u32) -> String {
    range
        .get_value((row, column))
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[test]
fn the_workbook_reads_back_with_its_checks() {
    let bytes = template_xlsx(&definition()).unwrap();
    assert_eq!(
        bytes,
        template_xlsx(&definition()).unwrap(),
        "same definition, same bytes"
    );

    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let range = workbook.worksheet_range("assessment").unwrap();
    assert_eq!(text(&range, 0, 1), "hospital");
    assert_eq!(text(&range, 0, 2), "2019.1");
    assert_eq!(text(&range, 1, 0), "facility_id");
    assert_eq!(text(&range, 6, 0), "indicator_id");
    assert_eq!(text(&range, 6, 9), "value");
    assert_eq!(text(&range, 7, 0), "H01");
    assert_eq!(
        text(&range, 8, 2),
        "'=HYPERLINK(\"x\") complaint box",
        "text is neutralised"
    );
    assert_eq!(text(&range, 10, 4), "0 to 30 (0 at 30, full at 0)");
    assert_eq!(text(&range, 13, 0), "committee");
    assert_eq!(text(&range, 14, 1), "role");

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains(r#"<pane ySplit="7" topLeftCell="A8""#),
        "frozen header: {sheet}"
    );
    // H01, H02, H03 (lists), H04 and H05 (ranges), role and
    // attended_consultation.
    assert!(sheet.contains(r#"<dataValidations count="7">"#), "{sheet}");
    assert!(
        sheet.contains(r#"sqref="J8"><formula1>"yes,no"</formula1>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"sqref="J9"><formula1>"yes,no,na"</formula1>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"sqref="J10"><formula1>"0,1,2,na"</formula1>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"type="decimal""#)
            && sheet.contains(r#"sqref="J11"><formula1>0</formula1><formula2>30</formula2>"#),
        "{sheet}"
    );
    // A bands indicator: from its lowest band (no `min`) to its `max`.
    assert!(
        sheet.contains(r#"sqref="J12"><formula1>0</formula1><formula2>100</formula2>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"sqref="B16:B23"><formula1>"government,peer_facility,independent,community"</formula1>"#), "{sheet}");
    assert!(
        sheet.contains(r#"sqref="E16:E23"><formula1>"true,false"</formula1>"#),
        "{sheet}"
    );
}
