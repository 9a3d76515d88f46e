//! How a run fails: user errors (bad input, exit 2) versus bugs (exit 1).

use std::fmt;
use std::process::ExitCode;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad input or usage: the user can fix it. Exit code 2.
    User(String),
    /// An internal error: a bug in pba. Exit code 1.
    Internal(String),
}

impl Failure {
    /// A user error from anything displayable (the whole chain is in its text).
    pub fn user(error: impl fmt::Display) -> Self {
        Self::User(error.to_string())
    }

    /// An internal error.
    pub fn internal(error: impl fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::User(_) => ExitCode::from(2),
            Self::Internal(_) => ExitCode::from(1),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::User(message) => write!(formatter, "error: {message}"),
            Self::Internal(message) => write!(
                formatter,
                "internal error (a bug in pba, please report it): {message}"
            ),
        }
    }
}

/// Shorthand for command results.
pub type Outcome<T = ()> = Result<T, Failure>;
