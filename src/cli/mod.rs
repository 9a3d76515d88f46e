//! The command line (SPEC section 8). One module per command.

mod allocate;
mod demo;
mod disburse;
mod dli;
mod sample;
mod score;
mod synth;
mod template;
mod validate;
mod verify;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::failure::Outcome;

/// Facility scorecards to performance-based allocations (PBA), exactly.
#[derive(Debug, Parser)]
#[command(name = "pba", version, about, long_about = None)]
pub struct Arguments {
    #[command(subcommand)]
    command: Command,
}

/// Definitions every command may replace.
#[derive(Debug, Clone, Args)]
pub struct DefinitionArguments {
    /// Directory of scorecard definitions (default: the shipped scorecards).
    #[arg(long, value_name = "DIR")]
    pub scorecards: Option<PathBuf>,
    /// Program definition (default: the shipped Mozambique program).
    #[arg(long, value_name = "FILE")]
    pub program: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check definitions (and a dataset) without computing anything.
    Validate(validate::ValidateArguments),
    /// Write a blank entry sheet for one ISC visit.
    Template(template::TemplateArguments),
    /// Score every assessment of a fiscal year and decide eligibility.
    Score(score::ScoreArguments),
    /// Turn scores into a PBA list with a policy.
    Allocate(allocate::AllocateArguments),
    /// Compute DLI 8 and 9 values for a PBA year.
    Dli(dli::DliArguments),
    /// Compute DLI disbursements from achieved values.
    Disburse(disburse::DisburseArguments),
    /// Draw the IVA's reproducible stratified sample.
    Sample(sample::SampleArguments),
    /// Compare IVA re-assessments with ISC scores.
    Verify(verify::VerifyArguments),
    /// Generate a synthetic dataset.
    Synth(synth::SynthArguments),
    /// Run the whole pipeline on the shipped sample dataset.
    Demo(demo::DemoArguments),
}

/// Runs one command.
pub fn run(arguments: Arguments) -> Outcome {
    match arguments.command {
        Command::Validate(arguments) => validate::run(&arguments),
        Command::Template(arguments) => template::run(&arguments),
        Command::Score(arguments) => score::run(&arguments),
        Command::Allocate(arguments) => allocate::run(&arguments),
        Command::Dli(arguments) => dli::run(&arguments),
        Command::Disburse(arguments) => disburse::run(&arguments),
        Command::Sample(arguments) => sample::run(&arguments),
        Command::Verify(arguments) => verify::run(&arguments),
        Command::Synth(arguments) => synth::run(&arguments),
        Command::Demo(arguments) => demo::run(&arguments),
    }
}
