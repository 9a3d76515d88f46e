//! Integrated Supervision Committees (footnote 36): at least a government
//! representative, a representative of a different health facility and an
//! independent third party; for health centers (DLI 9) a member who took part
//! in the community consultation. People and organizations are synthetic.
//!
//! A committee has 3 to 5 members: government, peer, independent; a community
//! member (always for health centers, who attended the consultation; for half
//! of hospital visits otherwise); a second government or independent member
//! on 30 % of visits.

use pba_scorecard::{FacilityId, MemberRole};
use pba_scoring::CommitteeMember;

use crate::random::Random;

const FIRST_NAMES: &[&str] = &[
    "Ana",
    "Alberto",
    "Amélia",
    "Armando",
    "Beatriz",
    "Carlos",
    "Celeste",
    "Domingos",
    "Ermelinda",
    "Fátima",
    "Felisberto",
    "Graça",
    "Hélder",
    "Isabel",
    "Joaquim",
    "Júlia",
    "Luísa",
    "Manuel",
    "Marta",
    "Nelson",
    "Olga",
    "Paulo",
    "Rosa",
    "Samuel",
    "Teresa",
    "Vasco",
    "Zaida",
    "Zacarias",
];
const SURNAMES: &[&str] = &[
    "Bila",
    "Chissano",
    "Cossa",
    "Cumbe",
    "Langa",
    "Macamo",
    "Machava",
    "Macuácua",
    "Mabote",
    "Massingue",
    "Matsinhe",
    "Mondlane",
    "Muianga",
    "Mussa",
    "Nhantumbo",
    "Novela",
    "Sitoe",
    "Tembe",
    "Ubisse",
    "Uamusse",
    "Zandamela",
    "Chauque",
    "Nhaca",
    "Sambo",
];
const INDEPENDENT: &[&str] = &[
    "Associação de Saúde Comunitária",
    "Fórum da Sociedade Civil",
    "Parceiro de Saúde",
    "Rede de Organizações Comunitárias",
];

/// A synthetic person's name.
pub fn person(random: &mut Random) -> String {
    let first = random.pick(FIRST_NAMES).copied().unwrap_or("Ana");
    let last = random.pick(SURNAMES).copied().unwrap_or("Cossa");
    format!("{first} {last}")
}

/// What a committee is built from.
pub(crate) struct CommitteePlan<'a> {
    pub district: &'a str,
    pub province: &'a str,
    pub facility_name: &'a str,
    /// The peer's home facility and its name; `None`: no peer member.
    pub peer: Option<(FacilityId, &'a str)>,
    /// A health-center visit: a member attended the consultation.
    pub needs_attendee: bool,
    /// Flaw: the attendee is left out.
    pub drop_attendee: bool,
}

/// An ISC committee.
pub(crate) fn isc_committee(plan: &CommitteePlan<'_>, random: &mut Random) -> Vec<CommitteeMember> {
    let attended = |value: bool| plan.needs_attendee.then_some(value);
    let government = |random: &mut Random| CommitteeMember {
        name: person(random),
        role: MemberRole::Government,
        organization: if random.chance(500_000) {
            format!("SDSGCAS de {}", plan.district)
        } else {
            format!("DPS de {}", plan.province)
        },
        home_facility_id: None,
        attended_consultation: attended(false),
    };
    let independent = |random: &mut Random| CommitteeMember {
        name: person(random),
        role: MemberRole::Independent,
        organization: format!(
            "{} de {}",
            random
                .pick(INDEPENDENT)
                .copied()
                .unwrap_or("Parceiro de Saúde"),
            plan.province
        ),
        home_facility_id: None,
        attended_consultation: attended(false),
    };
    let mut members = vec![government(random)];
    if let Some((home, name)) = &plan.peer {
        members.push(CommitteeMember {
            name: person(random),
            role: MemberRole::PeerFacility,
            organization: (*name).to_owned(),
            home_facility_id: Some(home.clone()),
            attended_consultation: attended(false),
        });
    }
    members.push(independent(random));
    let community = if plan.needs_attendee {
        !plan.drop_attendee
    } else {
        random.chance(500_000)
    };
    if community {
        members.push(CommitteeMember {
            name: person(random),
            role: MemberRole::Community,
            organization: format!("Comité de Co-gestão do {}", plan.facility_name),
            home_facility_id: None,
            attended_consultation: attended(plan.needs_attendee),
        });
    }
    if random.chance(300_000) {
        let extra = if random.chance(500_000) {
            government(random)
        } else {
            independent(random)
        };
        members.push(extra);
    }
    members
}

/// The IVA's team: two independent verifiers.
pub(crate) fn iva_team(random: &mut Random) -> Vec<CommitteeMember> {
    (0..2)
        .map(|_| CommitteeMember {
            name: person(random),
            role: MemberRole::Independent,
            organization: "Agente de Verificação Independente".to_owned(),
            home_facility_id: None,
            attended_consultation: None,
        })
        .collect()
}
