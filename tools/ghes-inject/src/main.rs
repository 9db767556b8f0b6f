// SPDX-License-Identifier: GPL-2.0
//! ghes-inject: builds UEFI CPER Generic Error Status Blocks (UEFI 2.10 Appendix N) for the
//! ghes-rs lab, and prints any record exactly as Linux's cper.c would.
//!
//! The lab's in-guest firmware (tools/lab-tests/lib/firmware.sh) writes the files this tool makes
//! into a GHES error status block and raises the source's notification.

mod cli;
mod corpus;
mod doorbell;
mod gdb_remote;
mod hest_cmd;
mod hest_import;
mod inject;
mod json_record;
mod malformed;

use std::fmt;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use cper::{BodySpec, Estatus, EstatusBuilder, MemErrorSpec, SectionSpec, Sink};

use cli::{Cli, Command, HeaderArgs, InjectRecord, MemoryArgs, RawArgs, RecordKind};
use inject::Failure;

/// A mistake in what the user asked for (exit 2).
pub(crate) struct Usage(String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn number(s: &str) -> Result<u64, Usage> {
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| Usage(format!("'{s}' is not a number")))
}

/// `CPER_MEM_VALID_PA` and `CPER_MEM_VALID_ERROR_TYPE`.
const MEM_VALID_PA: u64 = 1 << 1;
const MEM_VALID_ERROR_TYPE: u64 = 1 << 14;
/// `CPER_SEC_ERROR_THRESHOLD_EXCEEDED`.
const SEC_THRESHOLD_EXCEEDED: u8 = cper::Section::FLAG_THRESHOLD_EXCEEDED;

fn build_memory(rec: &MemoryArgs) -> Vec<u8> {
    let mut validation_bits = 0;
    if rec.pa.is_some() {
        validation_bits |= MEM_VALID_PA;
    }
    if rec.error_type.is_some() {
        validation_bits |= MEM_VALID_ERROR_TYPE;
    }
    let mem = MemErrorSpec {
        validation_bits,
        physical_addr: rec.pa.unwrap_or(0),
        error_type: rec.error_type.unwrap_or(0),
        ..Default::default()
    };
    let body = BodySpec::Memory(mem);
    let flags = if rec.threshold_exceeded {
        SEC_THRESHOLD_EXCEEDED
    } else {
        0
    };
    let section = SectionSpec::new(body)
        .severity(rec.section_severity.unwrap_or(rec.severity).raw())
        .flags(flags);
    let mut buf = vec![0u8; 4096];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("4 KiB holds a header");
        b.severity(rec.severity.raw());
        b.section(&section).expect("4 KiB holds one memory section");
        b.finish().expect("a built record is complete")
    };
    buf.truncate(len);
    buf
}

/// `record header`: a bare Generic Error Status Block header (ACPI table 18.14), any values.
fn build_header(h: &HeaderArgs) -> Vec<u8> {
    [
        h.block_status,
        h.raw_data_offset,
        h.raw_data_length,
        h.data_length,
        h.severity.raw(),
    ]
    .iter()
    .flat_map(|v| v.to_le_bytes())
    .collect()
}

/// The section type of `record raw`: a vendor GUID of this project's, unknown to Linux.
const RAW_SECTION_TYPE: cper::Guid = cper::Guid::new(
    0x6768_6573,
    0x2d72,
    0x7321,
    [0x6c, 0x61, 0x62, 0x20, 0x72, 0x61, 0x77, 0x00],
);

/// Byte `i` of a `record raw` section: every 256-byte run differs from its neighbours, so a
/// misplaced page shows in the hex dump.
fn raw_pattern(i: usize) -> u8 {
    (i.wrapping_mul(7) ^ (i >> 8)) as u8
}

/// `record raw`: one unknown-type section of `--size` pattern bytes.
fn build_raw(r: &RawArgs) -> Vec<u8> {
    let data: Vec<u8> = (0..r.size).map(raw_pattern).collect();
    let sev = r.severity.raw();
    let section = SectionSpec::new(BodySpec::Raw {
        section_type: RAW_SECTION_TYPE,
        data: &data,
    })
    .severity(sev);
    let mut buf = vec![0u8; r.size + 4096];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("the buffer holds a header");
        b.severity(sev);
        b.section(&section)
            .expect("64 KiB of data and its headers fit the buffer");
        b.finish().expect("a built record is complete")
    };
    buf.truncate(len);
    buf
}

/// Collects printed lines.
#[derive(Default)]
struct Lines(Vec<String>);

impl Sink for Lines {
    fn line(&mut self, line: fmt::Arguments<'_>) {
        self.0.push(line.to_string());
    }
}

/// The lines `print` writes: Linux's GHES report of `estatus` (`__ghes_print_estatus()`), the
/// first naming source `source`, every one prefixed by the sequence number `{seq}`.
fn report_lines(seq: u32, source: u16, estatus: &Estatus<'_>) -> Vec<String> {
    let mut lines = Lines::default();
    cper::print_ghes_estatus(&mut lines, seq, source, estatus);
    lines.0
}

/// `print FILE`: the report Linux's GHES prints for the record in FILE.
fn print(a: &cli::PrintArgs) -> Result<(), Failure> {
    let file = a.file.display();
    let bytes = std::fs::read(&a.file).map_err(|e| failed(format!("cannot read {file}: {e}")))?;
    let estatus = Estatus::parse(&bytes).map_err(|e| failed(format!("{file}: {e}")))?;
    let mut out = std::io::stdout().lock();
    for line in report_lines(a.seq, a.source, &estatus) {
        use std::io::Write;
        // A closed pipe (`| head`) just ends the output.
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}

fn failed(msg: String) -> Failure {
    Failure::Failed(msg)
}

/// The record `kind` describes, and its `-o` file if one was given.
fn build_record(kind: &RecordKind) -> Result<(Vec<u8>, Option<&Path>), Failure> {
    Ok(match kind {
        RecordKind::Memory(m) => (build_memory(m), m.out.output.as_deref()),
        RecordKind::Raw(r) => (build_raw(r), r.out.output.as_deref()),
        RecordKind::Header(h) => (build_header(h), h.out.output.as_deref()),
        RecordKind::Json(j) => (json_file(&j.file)?, j.out.output.as_deref()),
    })
}

/// The record a JSON file describes; a failure names the file and, for JSON errors, the
/// line and column.
fn json_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let file = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| failed(format!("cannot read {file}: {e}")))?;
    json_record::build(&text).map_err(|e| failed(format!("{file}:{e}")))
}

/// `inject`'s RECORD words: a file (raw CPER, or JSON if it starts with '{'), or a record
/// kind and its options as for `record`, without -o.
pub(crate) fn record_words(words: &[String]) -> Result<Vec<u8>, Failure> {
    if let [file] = words {
        let path = Path::new(file);
        if path.is_file() {
            let bytes =
                std::fs::read(path).map_err(|e| failed(format!("cannot read {file}: {e}")))?;
            return if bytes.first() == Some(&b'{') {
                json_file(path)
            } else {
                Ok(bytes)
            };
        }
    }
    let parsed = InjectRecord::try_parse_from(words).map_err(|e| {
        // Help asked for (inject ... memory --help) is no failure.
        if !e.use_stderr() {
            let _ = e.print();
            std::process::exit(0);
        }
        Failure::Usage(Usage(format!(
            "RECORD is neither a file nor a record kind: {}",
            e.render()
                .to_string()
                .trim_start_matches("error: ")
                .trim_end()
        )))
    })?;
    let (bytes, output) = build_record(&parsed.kind)?;
    if output.is_some() {
        return Err(Failure::Usage(Usage(
            "inject writes the record into the guest: RECORD takes no -o".into(),
        )));
    }
    Ok(bytes)
}

/// Runs the parsed command.
fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Record { kind } => {
            let (bytes, output) = build_record(&kind)?;
            let Some(out) = output else {
                let mut cmd = Cli::command();
                let sub = cmd.find_subcommand_mut("record").expect("record exists");
                sub.error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "record needs -o FILE, where to write the record",
                )
                .exit();
            };
            std::fs::write(out, bytes)
                .map_err(|e| failed(format!("cannot write {}: {e}", out.display())))
        }
        Command::Print(a) => print(&a),
        Command::Corpus(a) => corpus::run(&a.dir, a.malformed).map_err(failed),
        Command::Hest(a) => hest(a),
        Command::Inject(a) => inject::inject(a),
        Command::Notify(a) => inject::notify(a),
        Command::Status(a) => inject::status(a),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "ghes-inject",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Man { dir } => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| failed(format!("cannot create {}: {e}", dir.display())))?;
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|e| {
                failed(format!(
                    "cannot write the man pages into {}: {e}",
                    dir.display()
                ))
            })
        }
    }
}

/// `hest`: QEMU's HEST plus new sources, or a vendor's imported.
fn hest(a: cli::HestArgs) -> Result<(), Failure> {
    let s = |p: &Path| p.display().to_string();
    if let Some(vendor) = &a.import {
        let lines = hest_import::run(
            &s(vendor),
            &s(&a.qemu_hest),
            &a.qemu_block,
            &s(&a.output),
            &s(&a.layout),
        )
        .map_err(|e| failed(format!("hest --import: {e}")))?;
        for l in lines {
            println!("{l}");
        }
        return Ok(());
    }
    let args = hest_cmd::Args {
        qemu_hest: s(&a.qemu_hest),
        qemu_blocks: a.qemu_block,
        specs: a.sources,
        malform: a.malform,
        output: s(&a.output),
        layout: s(&a.layout),
        einj: a.einj.as_deref().map(s),
    };
    match hest_cmd::run(args) {
        Ok(summary) => {
            println!("{summary}");
            Ok(())
        }
        Err(e) if e.exit_code() == 2 => Err(Failure::Usage(Usage(format!("hest: {e}")))),
        Err(e) => Err(failed(format!("hest: {e}"))),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) if e.0.ends_with("--help)") => {
            eprintln!("ghes-inject: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Usage(e)) => {
            eprintln!("ghes-inject: {e} (see ghes-inject --help)");
            ExitCode::from(2)
        }
        Err(Failure::Failed(e)) => {
            eprintln!("ghes-inject: {e}");
            ExitCode::FAILURE
        }
        Err(Failure::Refused(code, e)) => {
            eprintln!("ghes-inject: {e}");
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ghes-inject record KIND ARGS` parsed as the binary parses it.
    fn record(args: &str) -> Result<RecordKind, clap::Error> {
        let argv = ["ghes-inject", "record"]
            .into_iter()
            .chain(args.split_whitespace());
        match Cli::try_parse_from(argv)?.command {
            Command::Record { kind } => Ok(kind),
            other => panic!("not a record: {other:?}"),
        }
    }

    fn memory(args: &str) -> MemoryArgs {
        match record(&format!("memory {args}")).unwrap_or_else(|e| panic!("{e}")) {
            RecordKind::Memory(m) => m,
            other => panic!("not memory: {other:?}"),
        }
    }

    #[test]
    fn qemu_style_memory_record_parses_back() {
        let rec = memory("--severity recoverable --pa 0x60000000 --error-type 3");
        let bytes = build_memory(&rec);
        let est = Estatus::parse(&bytes).unwrap();
        assert_eq!(est.error_severity(), 0);
        let section = est.sections().next().unwrap();
        let cper::SectionBody::Memory(mem) = section.body().unwrap() else {
            panic!("not a memory section");
        };
        assert_eq!(mem.physical_addr(), 0x6000_0000);
        assert_eq!(mem.validation_bits(), MEM_VALID_PA | MEM_VALID_ERROR_TYPE);
        assert_eq!(section.error_severity(), 0);
        assert_eq!(section.flags(), 0);
    }

    #[test]
    fn names_and_numbers_are_the_same_values() {
        let by_name = memory("--severity corrected --error-type multi-bit-ecc -o x");
        let by_number = memory("--severity 2 --error-type 0x3 -o x");
        assert_eq!(build_memory(&by_name), build_memory(&by_number));
        assert_eq!(memory("--error-type scrub-corrected").error_type, Some(13));
    }

    #[test]
    fn corrected_over_threshold_sets_section_severity_and_flag() {
        let rec = memory("--severity corrected --pa 0x1000 --threshold-exceeded");
        let bytes = build_memory(&rec);
        let est = Estatus::parse(&bytes).unwrap();
        let section = est.sections().next().unwrap();
        assert_eq!(est.error_severity(), 2);
        assert_eq!(section.error_severity(), 2);
        assert_eq!(section.flags(), SEC_THRESHOLD_EXCEEDED);
    }

    #[test]
    fn header_mode_writes_exactly_the_fields_given() {
        let RecordKind::Header(h) =
            record("header --data-length 0x10000 --severity fatal -o x").unwrap()
        else {
            panic!("not a header");
        };
        assert_eq!(h.out.output.as_deref(), Some(Path::new("x")));
        let bytes = build_header(&h);
        assert_eq!(bytes.len(), 20);
        assert_eq!(&bytes[0..4], &1u32.to_le_bytes());
        assert_eq!(&bytes[12..16], &0x10000u32.to_le_bytes());
        assert_eq!(&bytes[16..20], &1u32.to_le_bytes());
        assert!(Estatus::peek_len(&bytes).unwrap() > 0x10000);
    }

    #[test]
    fn raw_record_carries_the_pattern_across_pages() {
        let RecordKind::Raw(r) = record("raw --size 6000 -o x").unwrap() else {
            panic!("not raw");
        };
        let bytes = build_raw(&r);
        let est = Estatus::parse(&bytes).unwrap();
        let section = est.sections().next().unwrap();
        assert_eq!(section.section_type(), RAW_SECTION_TYPE);
        let data = section.data();
        assert_eq!(data.len(), 6000);
        assert!(data.iter().enumerate().all(|(i, b)| *b == raw_pattern(i)));
        assert_ne!(data[..256], data[4096..4352]);
    }

    #[test]
    fn bad_arguments_are_usage_errors_naming_the_value() {
        let cases = [
            (
                "memory --severity sometimes",
                "invalid value 'sometimes' for '--severity",
            ),
            ("memory --pa", "a value is required for '--pa <ADDR>'"),
            ("memory --pa 0xZZ", "not a number"),
            ("memory --error-type 300", "out of range: 300 > 255"),
            (
                "memory --error-type triple-bit",
                "unknown memory error type",
            ),
            ("raw --size 70000", "out of range: 70000 > 65536"),
            (
                "header --data-length 0x100000000",
                "out of range: 4294967296 > 4294967295",
            ),
            ("memory --colour red", "unexpected argument '--colour'"),
        ];
        for (args, want) in cases {
            let e = record(args)
                .err()
                .unwrap_or_else(|| panic!("{args} was accepted"));
            assert_eq!(e.exit_code(), 2, "{args}");
            let text = e.to_string();
            assert!(text.contains(want), "{args}: '{text}' lacks '{want}'");
        }
    }

    #[test]
    fn every_subcommand_has_help_and_the_version() {
        let cmd = Cli::command();
        cmd.clone().debug_assert();
        for sub in cmd.get_subcommands() {
            for flag in ["--help", "--version"] {
                let e = Cli::try_parse_from(["ghes-inject", sub.get_name(), flag])
                    .err()
                    .unwrap_or_else(|| panic!("{} {flag} ran the command", sub.get_name()));
                assert_eq!(e.exit_code(), 0, "{} {flag}", sub.get_name());
            }
        }
    }
}
