//! `transfers_for`: paying a computed PBA list, with and without flaws.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use pba_scorecard::FacilityId;
use pba_synth::{FacilityCount, FlawRates, SynthConfig, SynthError, generate, transfers_for};
use rust_decimal::Decimal;

fn registry() -> pba_scoring::Dataset {
    let config = SynthConfig {
        facilities: FacilityCount::Count(500),
        ..SynthConfig::default()
    };
    generate(&config, &pba_scorecard::ScorecardSet::default()).unwrap()
}

fn list(dataset: &pba_scoring::Dataset, count: usize) -> Vec<(FacilityId, Decimal)> {
    dataset
        .facilities
        .keys()
        .take(count)
        .enumerate()
        .map(|(number, id)| {
            (
                id.clone(),
                Decimal::new(10_000_000 + 12_345 * number as i64, 2),
            )
        })
        .collect()
}

#[test]
fn a_clean_payment_pays_every_listed_amount_on_time() {
    let dataset = registry();
    let mut due = list(&dataset, 40);
    due.push((
        dataset.facilities.keys().nth(41).unwrap().clone(),
        Decimal::ZERO,
    ));
    let transfers =
        transfers_for(&dataset.facilities, 2020, &due, 3, &FlawRates::none(), 1).unwrap();
    assert_eq!(transfers.len(), 40, "a zero amount gets no transfer");
    for (transfer, (facility_id, amount)) in transfers.iter().zip(&due) {
        assert_eq!(&transfer.facility_id, facility_id);
        assert_eq!(transfer.amount, *amount);
        assert_eq!(transfer.date.year(), 2020);
        assert_eq!(transfer.pba_year, 2020);
        assert_eq!(
            transfer.channel,
            dataset.facilities[facility_id].payment_channel
        );
    }
    assert_eq!(transfers[0].id.as_str(), "T000001");
    assert_eq!(transfers[0].reference, "PBA-2020-00001");
    let later = transfers_for(&dataset.facilities, 2020, &due, 3, &FlawRates::none(), 41).unwrap();
    assert_eq!(later[0].id.as_str(), "T000041");
}

#[test]
fn flawed_payments_are_late_partial_or_missing() {
    let dataset = registry();
    let due = list(&dataset, 500);
    let flaws = FlawRates {
        transfer_late: Decimal::new(2, 1),
        transfer_partial: Decimal::new(2, 1),
        transfer_missing: Decimal::new(2, 1),
        ..FlawRates::none()
    };
    let transfers = transfers_for(&dataset.facilities, 2020, &due, 3, &flaws, 1).unwrap();
    assert!((340..460).contains(&transfers.len()), "{}", transfers.len());
    let late = transfers
        .iter()
        .filter(|transfer| transfer.date.year() == 2021)
        .count();
    assert!((50..130).contains(&late), "{late}");
    let listed = |id: &FacilityId| due.iter().find(|(facility, _)| facility == id).unwrap().1;
    let partial: Vec<_> = transfers
        .iter()
        .filter(|transfer| transfer.amount < listed(&transfer.facility_id))
        .collect();
    assert!((50..130).contains(&partial.len()), "{}", partial.len());
    for transfer in partial {
        let share = transfer.amount / listed(&transfer.facility_id);
        assert!(
            share >= Decimal::new(599, 3) && share <= Decimal::new(901, 3),
            "{share}"
        );
        assert!(transfer.amount.scale() <= 2);
    }
    // Deterministic.
    assert_eq!(
        transfers,
        transfers_for(&dataset.facilities, 2020, &due, 3, &flaws, 1).unwrap()
    );
}

#[test]
fn unknown_facilities_and_negative_amounts_are_errors() {
    let dataset = registry();
    let unknown = [(FacilityId::new("F99999"), Decimal::ONE)];
    let error = transfers_for(
        &dataset.facilities,
        2020,
        &unknown,
        1,
        &FlawRates::none(),
        1,
    )
    .unwrap_err();
    assert_eq!(
        error,
        SynthError::UnknownFacility {
            facility_id: FacilityId::new("F99999")
        }
    );
    let first = dataset.facilities.keys().next().unwrap().clone();
    let negative = [(first, Decimal::NEGATIVE_ONE)];
    let error = transfers_for(
        &dataset.facilities,
        2020,
        &negative,
        1,
        &FlawRates::none(),
        1,
    )
    .unwrap_err();
    insta::assert_snapshot!(error.to_string(), @"amount `-1` for facility `F00001` is negative, PBA amounts are >= 0");
}
