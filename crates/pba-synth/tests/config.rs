//! Configurations the generator refuses, with their messages; and the edge
//! sizes it accepts.
#![allow(clippy::unwrap_used)]

use pba_scorecard::MemberRole;
use pba_synth::{FacilityCount, FlawRates, SynthConfig, generate};
use rust_decimal::Decimal;

mod common;

fn message(config: SynthConfig) -> String {
    generate(&config, &pba_scorecard::ScorecardSet::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn refused_configurations_say_why() {
    let base = SynthConfig::default;
    let messages = [
        message(SynthConfig {
            first_year: 2021,
            last_year: 2019,
            ..base()
        }),
        message(SynthConfig {
            first_year: 999,
            ..base()
        }),
        message(SynthConfig {
            first_year: 1900,
            last_year: 2000,
            ..base()
        }),
        message(SynthConfig {
            assessments_per_year: (3, 2),
            ..base()
        }),
        message(SynthConfig {
            assessments_per_year: (0, 2),
            ..base()
        }),
        message(SynthConfig {
            iva_fraction: Decimal::new(15, 1),
            ..base()
        }),
        message(SynthConfig {
            flaws: FlawRates {
                single_visit: Decimal::NEGATIVE_ONE,
                ..FlawRates::default()
            },
            ..base()
        }),
        message(SynthConfig {
            facilities: FacilityCount::Count(0),
            ..base()
        }),
    ];
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn tiny_registries_still_resolve() {
    for count in [1, 2, 3, 7] {
        let config = SynthConfig {
            facilities: FacilityCount::Count(count),
            ..SynthConfig::default()
        };
        let dataset = generate(&config, &common::shipped()).unwrap();
        assert_eq!(dataset.facilities.len(), count);
        for assessment in dataset.assessments.values() {
            for member in &assessment.committee {
                if let Some(home) = &member.home_facility_id {
                    assert!(dataset.facilities.contains_key(home));
                }
                if member.role == MemberRole::PeerFacility && count == 1 {
                    assert_eq!(
                        member.home_facility_id.as_ref(),
                        Some(&assessment.facility_id)
                    );
                }
            }
        }
    }
}
