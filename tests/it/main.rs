//! Integration tests: each runs the real `pba` binary.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod atomic;
mod bad_inputs;
mod commands;
mod demo;
mod regressions;
mod shuffled;
mod spreadsheet_safety;
mod support;
mod workbook;
