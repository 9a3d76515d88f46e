//! The shipped definitions, embedded at build time so `pba` works from any
//! directory (SPEC section 8). A directory given on the command line replaces
//! the matching set.

/// (file name, TOML text) of each shipped scorecard.
pub const SCORECARDS: &[(&str, &str)] = &[
    (
        "scorecards/community-consultation.toml",
        include_str!("../scorecards/community-consultation.toml"),
    ),
    (
        "scorecards/health-center.toml",
        include_str!("../scorecards/health-center.toml"),
    ),
    (
        "scorecards/hospital.toml",
        include_str!("../scorecards/hospital.toml"),
    ),
];

/// (file name, TOML text) of each shipped program.
pub const PROGRAMS: &[(&str, &str)] = &[(
    "programs/mozambique-phc.toml",
    include_str!("../programs/mozambique-phc.toml"),
)];

/// (file name, TOML text) of each shipped policy.
pub const POLICIES: &[(&str, &str)] = &[
    (
        "policies/dli8-hospitals-2019.toml",
        include_str!("../policies/dli8-hospitals-2019.toml"),
    ),
    (
        "policies/dli8-hospitals-2020.toml",
        include_str!("../policies/dli8-hospitals-2020.toml"),
    ),
    (
        "policies/dli9-health-centers-2019.toml",
        include_str!("../policies/dli9-health-centers-2019.toml"),
    ),
    (
        "policies/dli9-health-centers-2020.toml",
        include_str!("../policies/dli9-health-centers-2020.toml"),
    ),
];
