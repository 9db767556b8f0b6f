// SPDX-License-Identifier: GPL-2.0
//! Shared test helpers: a sink that records lines, and record builders.
#![allow(dead_code)]

use cper::{print_ghes_estatus, BodySpec, Estatus, EstatusBuilder, LogLevel, SectionSpec, Sink};

/// Records every printed line, and the fixed level of `line_at` lines.
#[derive(Default)]
pub struct VecSink {
    pub lines: Vec<String>,
    pub levels: Vec<Option<LogLevel>>,
    pub dmi: Option<(u16, String, String)>,
}

impl Sink for VecSink {
    fn line(&mut self, line: core::fmt::Arguments<'_>) {
        self.lines.push(std::fmt::format(line));
        self.levels.push(None);
    }
    fn line_at(&mut self, level: LogLevel, line: core::fmt::Arguments<'_>) {
        self.lines.push(std::fmt::format(line));
        self.levels.push(Some(level));
    }
    fn dmi_memdev_name(&self, handle: u16) -> Option<(&str, &str)> {
        match &self.dmi {
            Some((h, b, d)) if *h == handle => Some((b.as_str(), d.as_str())),
            _ => None,
        }
    }
}

/// Builds a one-section record with recoverable severity.
pub fn one(spec: &SectionSpec<'_>) -> Vec<u8> {
    many(0, &[*spec])
}

/// Builds a record with `severity` and these sections.
pub fn many(severity: u32, specs: &[SectionSpec<'_>]) -> Vec<u8> {
    let mut buf = vec![0u8; 16384];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).unwrap();
        b.severity(severity);
        for s in specs {
            b.section(s).unwrap();
        }
        b.finish().unwrap()
    };
    buf.truncate(len);
    buf
}

/// Prints a record with `print_ghes_estatus(seq 1, source 0)` and returns the lines.
pub fn ghes_lines(bytes: &[u8]) -> Vec<String> {
    let e = Estatus::parse(bytes).expect("valid record");
    let mut s = VecSink::default();
    print_ghes_estatus(&mut s, 1, 0, &e);
    s.lines
}

/// The section-body lines (after the "section_type" line) of a one-section record printed
/// by `print_ghes_estatus`.
pub fn body_lines(spec: &SectionSpec<'_>) -> Vec<String> {
    let lines = ghes_lines(&one(spec));
    let at = lines
        .iter()
        .position(|l| l.contains("section_type:") || l.contains("section type:"))
        .expect("section type line");
    lines[at + 1..].to_vec()
}

/// The standard prefix of section-body lines: "{1}[Hardware Error]:" and three spaces.
pub const P3: &str = "{1}[Hardware Error]:   ";
/// ... and four.
pub const P4: &str = "{1}[Hardware Error]:    ";
/// ... and five.
pub const P5: &str = "{1}[Hardware Error]:     ";

/// Prefixes every string with `pfx`.
pub fn pre(pfx: &str, lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| format!("{pfx}{l}")).collect()
}

/// A raw-body section spec.
pub fn raw(section_type: cper::Guid, data: &[u8]) -> SectionSpec<'_> {
    SectionSpec::new(BodySpec::Raw { section_type, data })
}
