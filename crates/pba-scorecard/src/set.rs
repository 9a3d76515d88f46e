//! [`ScorecardSet`]: every scorecard of a run, and the checks that need more
//! than one file: no (id, version) twice, and each `[combine]` naming a
//! consultation scorecard that exists, applies to no facility type and has
//! no `[combine]` of its own.

use std::collections::BTreeMap;

use crate::error::{DefinitionError, DefinitionErrors};
use crate::ids::ScorecardId;
use crate::location::Location;
use crate::model::{ScorecardDefinition, ScorecardSet};
use crate::scorecard::{ScorecardPlaces, parse_scorecard_with_places};
use crate::vocabulary::FacilityType;

/// A scorecard with its file and the places cross-file errors point at.
struct Entry {
    file: String,
    definition: ScorecardDefinition,
    places: ScorecardPlaces,
}

impl ScorecardSet {
    /// Builds a set from parsed scorecards, checking what needs more than one
    /// file: no (id, version) twice; each `[combine].consultation_scorecard`
    /// names a scorecard of the set (some version) whose `applies_to` is empty
    /// and which has no `[combine]` itself.
    ///
    /// The definitions carry no positions, so these errors point at line 1,
    /// column 1 of the file; [`ScorecardSet::parse`] points at the key.
    pub fn new(definitions: Vec<(String, ScorecardDefinition)>) -> Result<Self, DefinitionErrors> {
        let entries = definitions
            .into_iter()
            .map(|(file, definition)| Entry {
                file,
                definition,
                places: ScorecardPlaces::UNKNOWN,
            })
            .collect();
        build(entries)
    }

    /// Parses every `(file, text)` scorecard and builds the set. Reports the
    /// errors of every file; the cross-file checks run when all files parse,
    /// and their errors point at the offending key.
    pub fn parse(sources: &[(String, String)]) -> Result<Self, DefinitionErrors> {
        let mut errors = Vec::new();
        let mut entries = Vec::with_capacity(sources.len());
        for (file, text) in sources {
            match parse_scorecard_with_places(file, text) {
                Ok((definition, places)) => entries.push(Entry {
                    file: file.clone(),
                    definition,
                    places,
                }),
                Err(found) => errors.extend(found.0),
            }
        }
        if errors.is_empty() {
            build(entries)
        } else {
            Err(DefinitionErrors(errors))
        }
    }

    /// The scorecard `id` at `version`.
    #[must_use]
    pub fn get(&self, id: &ScorecardId, version: &str) -> Option<&ScorecardDefinition> {
        self.scorecards.get(&(id.clone(), version.to_owned()))
    }

    /// Every version of scorecard `id`, by version text ascending.
    pub fn versions(&self, id: &ScorecardId) -> impl Iterator<Item = &ScorecardDefinition> {
        self.scorecards
            .iter()
            .filter(move |((scorecard, _), _)| scorecard == id)
            .map(|(_, definition)| definition)
    }

    /// Every scorecard (all versions) that applies to `facility_type`.
    pub fn for_facility_type(
        &self,
        facility_type: FacilityType,
    ) -> impl Iterator<Item = &ScorecardDefinition> {
        self.scorecards
            .values()
            .filter(move |definition| definition.applies_to.contains(&facility_type))
    }
}

fn build(entries: Vec<Entry>) -> Result<ScorecardSet, DefinitionErrors> {
    let mut errors = Vec::new();
    check_consultations(&entries, &mut errors);
    let mut scorecards = BTreeMap::new();
    let mut files: BTreeMap<(ScorecardId, String), String> = BTreeMap::new();
    for entry in entries {
        let key = (
            entry.definition.id.clone(),
            entry.definition.version.clone(),
        );
        if let Some(first) = files.get(&key) {
            errors.push(DefinitionError::at(
                &entry.file,
                entry.places.id,
                format!(
                    "scorecard `{}` version `{}` is defined twice (first in `{first}`); give one of them another version",
                    key.0, key.1
                ),
            ));
            continue;
        }
        files.insert(key.clone(), entry.file);
        scorecards.insert(key, entry.definition);
    }
    if errors.is_empty() {
        Ok(ScorecardSet { scorecards })
    } else {
        Err(DefinitionErrors(errors))
    }
}

/// The consultation scorecard of each `[combine]`.
fn check_consultations(entries: &[Entry], errors: &mut Vec<DefinitionError>) {
    for entry in entries {
        let Some(combine) = &entry.definition.combine else {
            continue;
        };
        let place = entry
            .places
            .consultation_scorecard
            .unwrap_or(Location::START);
        let target = &combine.consultation_scorecard;
        let versions: Vec<&Entry> = entries
            .iter()
            .filter(|other| &other.definition.id == target)
            .collect();
        if versions.is_empty() {
            let known = entries
                .iter()
                .filter(|other| other.definition.applies_to.is_empty())
                .map(|other| format!("`{}`", other.definition.id))
                .collect::<Vec<_>>();
            let hint = if known.is_empty() {
                "no scorecard with `applies_to = []` is defined".to_owned()
            } else {
                format!("consultation scorecards: {}", known.join(", "))
            };
            errors.push(DefinitionError::at(
                &entry.file,
                place,
                format!(
                    "`consultation_scorecard` `{target}` of scorecard `{}` is not defined ({hint})",
                    entry.definition.id
                ),
            ));
            continue;
        }
        for consultation in versions {
            if !consultation.definition.applies_to.is_empty() {
                errors.push(DefinitionError::at(
                    &entry.file,
                    place,
                    format!(
                        "`consultation_scorecard` `{target}` of scorecard `{}` applies to facility types; \
                         a consultation scorecard must have `applies_to = []`",
                        entry.definition.id
                    ),
                ));
            }
            // A scorecard that applies to facility types is already refused above.
            if consultation.definition.applies_to.is_empty()
                && consultation.definition.combine.is_some()
            {
                errors.push(DefinitionError::at(
                    &consultation.file,
                    consultation.places.combine.unwrap_or(Location::START),
                    format!(
                        "scorecard `{target}` is the consultation scorecard of `{}`, so it cannot have a `[combine]` of its own; remove it",
                        entry.definition.id
                    ),
                ));
            }
        }
    }
}
