//! Integration tests: each runs the real `pba` binary.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod support;
