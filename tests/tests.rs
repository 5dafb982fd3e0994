//! The integration tests: they run the real `tisse` binary on files in `tests/fixtures/` and
//! `corpus/`, and compare whole reports with `tests/golden/` and `reports/`.
//!
//! To accept a change in the golden files on purpose, run with `TISSE_BLESS=1` and review
//! the diff like code.

mod support;

mod adversaries;
mod adversary_costs;
mod bad_input;
mod cli;
mod compare;
mod database;
mod determinism;
mod discovery;
mod dumps;
mod export;
mod exports;
mod faults;
mod formats;
mod fuzz_regressions;
mod graph;
mod html;
mod keywords;
mod links;
mod manifest;
mod modules;
mod options;
mod page;
mod reports;
mod seed;
mod shards;
mod themes;
mod workbook;
