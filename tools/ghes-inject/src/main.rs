// SPDX-License-Identifier: GPL-2.0
//! ghes-inject: builds UEFI CPER Generic Error Status Blocks (UEFI 2.10 Appendix N) for the
//! ghes-rs lab, and prints any record exactly as Linux's cper.c would.
//!
//! The lab's in-guest firmware (tools/lab-tests/lib/firmware.sh) writes the files this tool makes
//! into a GHES error status block and raises the source's notification.

mod corpus;
mod gdb_remote;
mod hest_cmd;
mod hest_import;
mod inject;
mod json_record;
mod malformed;

use std::fmt;
use std::process::ExitCode;

use cper::{BodySpec, Estatus, EstatusBuilder, MemErrorSpec, SectionSpec, Sink};

const HELP: &str = "\
ghes-inject: build CPER error records for the ghes-rs lab, print records as Linux does

USAGE:
  ghes-inject record memory [OPTIONS] -o FILE   a platform memory error section
  ghes-inject record raw --size N [--severity S] -o FILE
                                                one section of an unknown (vendor) type
                                                with N bytes of a known pattern: Linux
                                                hex-dumps it, so the report shows every
                                                byte (large and page-crossing records)
  ghes-inject record header [HEADER OPTIONS] -o FILE
                                                only a 20-byte block header, with any
                                                values (malformed-record tests)
  ghes-inject record json FILE -o OUT           a record described in JSON: any sections,
                                                ARM, PCIe with AER registers, vendor
                                                (format: ghes-inject record json --help)
  ghes-inject print FILE [--source N] [--seq N] print FILE as Linux's GHES report
  ghes-inject corpus -o DIR                     the lab's corpus: valid, non-fatal records
                                                of every section type (and several in one);
                                                for each, DIR/NN-name.cper, DIR/NN-name.report
                                                (the lines `print` gives, less the first and
                                                each line's {seq}) and a line in DIR/index:
                                                'NN-name corrected' or 'NN-name uncorrected'
  ghes-inject corpus --malformed -o DIR         the lab's hostile corpus instead: valid
                                                records with bytes corrupted so ghes_rs must
                                                refuse each, at its header check, its
                                                4096-byte block check or its parse; for
                                                each, DIR/NN-name.cper, DIR/NN-name.expect
                                                (the one line ghes_rs logs after
                                                'source N: ') and a line 'NN-name' in
                                                DIR/index
  ghes-inject hest --qemu-hest FILE --qemu-block ADDR[,ADDR...] [--source SPEC]...
                   [--malform WHAT]... -o HEST_OUT --layout LAYOUT_OUT [--einj EINJ_OUT]
                                                QEMU's HEST plus new GHES sources in its
                                                64 KiB error NVS region, and their layout;
                                                --malform breaks the table on purpose;
                                                --einj also writes an EINJ table for a
                                                firmware mailbox page in that region
                                                (SPEC, WHAT, EINJ, files: ghes-inject hest
                                                --help)
  ghes-inject hest --import VENDOR_HEST --qemu-hest FILE --qemu-block ADDR[,ADDR...]
                   -o HEST_OUT --layout LAYOUT_OUT
                                                a vendor's HEST with its GHES registers and
                                                blocks moved into that region, everything
                                                else kept, QEMU's OEM identity (ghes-inject
                                                hest --import --help)

INJECTING INTO A RUNNING LAB GUEST (QEMU started with -gdb, e.g. by `tools/lab shell`):
  ghes-inject inject --gdb HOST:PORT --layout FILE --source ID [--no-notify] [--gsi N]
                     [--wait S] RECORD
        writes RECORD into the source's error status block as firmware does: refuses
        (exit 3) while the GHESv2 read-ack register says the previous record is unread,
        clears read-ack, writes the record, Block Status last; then raises the source's
        notification: nothing for polled, its SPI for gsiv/external (--gsi N for any other
        interrupt, e.g. the one that notifies the HED for gpio/sci); SEA, SEI and SDEI are
        exceptions the guest raises itself. --wait S: wait until the OS has consumed and
        acknowledged it (exit 4 if not). RECORD: a file (raw CPER, or JSON if it starts
        with '{'), or `memory|raw|header OPTIONS` or `json FILE` as for `record`
  ghes-inject notify --gdb HOST:PORT --layout FILE --source ID [--gsi N] [--wait S]
        raises the notification only (after inject --no-notify)
  ghes-inject status --gdb HOST:PORT --layout FILE --source ID
        prints the block's Block Status and the read-ack register
  FILE is the firmware layout `hest --layout` wrote (tools/lab shell prints its path);
  --gicd ADDR if the GIC distributor is not at QEMU virt's 0x08000000. The guest is
  stopped while the tool is connected (QEMU's gdbstub, physical-memory mode).

RECORD OPTIONS:
  --severity S          recoverable | fatal | corrected | info   (default: recoverable)
  --section-severity S  the section's own severity               (default: --severity)
  --pa ADDR             physical address (sets the PA validation bit)
  --error-type N        memory error type, e.g. 3 = multi-bit ECC (sets its validation bit)
  --threshold-exceeded  set the section's error-threshold-exceeded flag
  -o FILE               where to write the record (raw bytes)

HEADER OPTIONS (each a number; default 0 unless said):
  --block-status N      (default 0x1: uncorrectable error present)
  --raw-data-offset N   --raw-data-length N   --data-length N   --severity S

Without --pa or --error-type the section carries no valid fields. The record QEMU writes for
a memory error is: --severity recoverable --pa ADDR --error-type 3.
";

/// A command-line mistake, printed with a pointer to --help.
struct Usage(String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (see ghes-inject --help)", self.0)
    }
}

/// Walks `--option value` style arguments.
struct Options<'a> {
    it: std::slice::Iter<'a, String>,
}

impl<'a> Options<'a> {
    fn new(args: &'a [String]) -> Self {
        Self { it: args.iter() }
    }

    /// The next argument, if any.
    fn next_arg(&mut self) -> Option<&'a str> {
        self.it.next().map(String::as_str)
    }

    /// The value that must follow `option`.
    fn value(&mut self, option: &str) -> Result<&'a str, Usage> {
        self.next_arg()
            .ok_or_else(|| Usage(format!("{option} needs a value")))
    }
}

fn severity(s: &str) -> Result<u32, Usage> {
    match s {
        "recoverable" => Ok(0),
        "fatal" => Ok(1),
        "corrected" => Ok(2),
        "info" => Ok(3),
        _ => Err(Usage(format!("unknown severity '{s}'"))),
    }
}

fn number(s: &str) -> Result<u64, Usage> {
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| Usage(format!("'{s}' is not a number")))
}

/// Options of `record memory`.
#[derive(Default)]
struct MemoryRecord {
    severity: u32,
    section_severity: Option<u32>,
    pa: Option<u64>,
    error_type: Option<u8>,
    threshold_exceeded: bool,
    output: Option<String>,
}

/// `CPER_MEM_VALID_PA` and `CPER_MEM_VALID_ERROR_TYPE`.
const MEM_VALID_PA: u64 = 1 << 1;
const MEM_VALID_ERROR_TYPE: u64 = 1 << 14;
/// `CPER_SEC_ERROR_THRESHOLD_EXCEEDED`.
const SEC_THRESHOLD_EXCEEDED: u8 = cper::Section::FLAG_THRESHOLD_EXCEEDED;

fn parse_memory(args: &[String]) -> Result<MemoryRecord, Usage> {
    let mut rec = MemoryRecord::default();
    let mut opts = Options::new(args);
    while let Some(arg) = opts.next_arg() {
        match arg {
            "--severity" => rec.severity = severity(opts.value(arg)?)?,
            "--section-severity" => rec.section_severity = Some(severity(opts.value(arg)?)?),
            "--pa" => rec.pa = Some(number(opts.value(arg)?)?),
            "--error-type" => {
                let n = number(opts.value(arg)?)?;
                rec.error_type =
                    Some(u8::try_from(n).map_err(|_| Usage(format!("error type {n} > 255")))?);
            }
            "--threshold-exceeded" => rec.threshold_exceeded = true,
            "-o" => rec.output = Some(opts.value(arg)?.to_string()),
            other => return Err(Usage(format!("unknown option '{other}'"))),
        }
    }
    Ok(rec)
}

fn build_memory(rec: &MemoryRecord) -> Vec<u8> {
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
        .severity(rec.section_severity.unwrap_or(rec.severity))
        .flags(flags);
    let mut buf = vec![0u8; 4096];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("4 KiB holds a header");
        b.severity(rec.severity);
        b.section(&section).expect("4 KiB holds one memory section");
        b.finish().expect("a built record is complete")
    };
    buf.truncate(len);
    buf
}

/// `record header`: a bare Generic Error Status Block header (ACPI table 18.14), any values.
fn build_header(args: &[String]) -> Result<(Vec<u8>, Option<String>), Usage> {
    let mut fields = [1u64, 0, 0, 0, 0]; // block_status, raw offset, raw length, data length, sev
    let mut output = None;
    let mut opts = Options::new(args);
    while let Some(arg) = opts.next_arg() {
        let index = match arg {
            "--block-status" => 0,
            "--raw-data-offset" => 1,
            "--raw-data-length" => 2,
            "--data-length" => 3,
            "--severity" => {
                fields[4] = u64::from(severity(opts.value(arg)?)?);
                continue;
            }
            "-o" => {
                output = Some(opts.value(arg)?.to_string());
                continue;
            }
            other => return Err(Usage(format!("unknown option '{other}'"))),
        };
        fields[index] = number(opts.value(arg)?)?;
    }
    let mut bytes = Vec::with_capacity(20);
    for (i, v) in fields.iter().enumerate() {
        let v =
            u32::try_from(*v).map_err(|_| Usage(format!("header field {i} exceeds 32 bits")))?;
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    Ok((bytes, output))
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
fn build_raw(args: &[String]) -> Result<(Vec<u8>, Option<String>), Usage> {
    let mut size = None;
    let mut sev = 0;
    let mut output = None;
    let mut opts = Options::new(args);
    while let Some(arg) = opts.next_arg() {
        match arg {
            "--size" => size = Some(number(opts.value(arg)?)?),
            "--severity" => sev = severity(opts.value(arg)?)?,
            "-o" => output = Some(opts.value(arg)?.to_string()),
            other => return Err(Usage(format!("unknown option '{other}'"))),
        }
    }
    let size = size.ok_or_else(|| Usage("record raw needs --size N".into()))?;
    let size = usize::try_from(size)
        .ok()
        .filter(|s| *s <= 65536)
        .ok_or_else(|| Usage(format!("--size {size} exceeds 65536")))?;
    let data: Vec<u8> = (0..size).map(raw_pattern).collect();
    let section = SectionSpec::new(BodySpec::Raw {
        section_type: RAW_SECTION_TYPE,
        data: &data,
    })
    .severity(sev);
    let mut buf = vec![0u8; size + 4096];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("the buffer holds a header");
        b.severity(sev);
        b.section(&section)
            .map_err(|e| Usage(format!("cannot build the section: {e}")))?;
        b.finish().expect("a built record is complete")
    };
    buf.truncate(len);
    Ok((buf, output))
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

fn print(args: &[String]) -> Result<(), Usage> {
    let mut file = None;
    let mut source = 0u16;
    let mut seq = 1u32;
    let mut opts = Options::new(args);
    while let Some(arg) = opts.next_arg() {
        match arg {
            "--source" => {
                let v = number(opts.value(arg)?)?;
                source = u16::try_from(v).map_err(|_| Usage("source id > 65535".into()))?;
            }
            "--seq" => {
                let v = number(opts.value(arg)?)?;
                seq = u32::try_from(v).map_err(|_| Usage("seq > 2^32".into()))?;
            }
            f if file.is_none() && !f.starts_with('-') => file = Some(f.to_string()),
            other => return Err(Usage(format!("unexpected argument '{other}'"))),
        }
    }
    let file = file.ok_or_else(|| Usage("print needs a FILE".into()))?;
    let bytes = std::fs::read(&file).map_err(|e| Usage(format!("cannot read {file}: {e}")))?;
    let estatus = Estatus::parse(&bytes).map_err(|e| Usage(format!("{file}: {e}")))?;
    let mut out = std::io::stdout().lock();
    for line in report_lines(seq, source, &estatus) {
        use std::io::Write;
        // A closed pipe (`| head`) just ends the output.
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}

/// The record `KIND ARGS...` describes (`record` and `inject` take the same), and its `-o`
/// file if one was given. KIND is memory, raw, header or json FILE; for `inject`, a record
/// file (raw CPER, or JSON if it starts with '{') also works.
fn build_record(args: &[String]) -> Result<(Vec<u8>, Option<String>), Usage> {
    match args.first().map(String::as_str) {
        Some("memory") => {
            let rec = parse_memory(&args[1..])?;
            Ok((build_memory(&rec), rec.output.clone()))
        }
        Some("raw") => build_raw(&args[1..]),
        Some("header") => build_header(&args[1..]),
        Some("json") => {
            if args.get(1).map(String::as_str) == Some("--help") {
                print!("{}", json_record::HELP);
                std::process::exit(0);
            }
            let file = args
                .get(1)
                .ok_or_else(|| Usage("record json needs a FILE".into()))?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| Usage(format!("cannot read {file}: {e}")))?;
            let mut output = None;
            let mut opts = Options::new(&args[2..]);
            while let Some(arg) = opts.next_arg() {
                match arg {
                    "-o" => output = Some(opts.value(arg)?.to_string()),
                    other => return Err(Usage(format!("unknown option '{other}'"))),
                }
            }
            Ok((json_record::build(&text)?, output))
        }
        Some(file) if args.len() == 1 && std::path::Path::new(file).is_file() => {
            let bytes =
                std::fs::read(file).map_err(|e| Usage(format!("cannot read {file}: {e}")))?;
            if bytes.first() == Some(&b'{') {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Usage(format!("{file} is not UTF-8 JSON")))?;
                Ok((json_record::build(&text)?, None))
            } else {
                Ok((bytes, None))
            }
        }
        Some(kind) => Err(Usage(format!(
            "unknown record kind '{kind}' (memory, raw, header, json FILE)"
        ))),
        None => Err(Usage(
            "a record needs a kind (memory, raw, header, json FILE)".into(),
        )),
    }
}

fn run(args: &[String]) -> Result<(), Usage> {
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            Ok(())
        }
        Some("record") => {
            let (bytes, out) = build_record(&args[1..])?;
            let out = out.ok_or_else(|| Usage("record needs -o FILE".into()))?;
            std::fs::write(&out, bytes).map_err(|e| Usage(format!("cannot write {out}: {e}")))
        }
        Some("print") => print(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some(cmd) => Err(Usage(format!("unknown command '{cmd}'"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some((cmd, rest)) = args.split_first() {
        let guest = match cmd.as_str() {
            "hest" if rest.iter().any(|a| a == "--import") => return hest_import::main(rest),
            "hest" => return hest_cmd::main(rest),
            "inject" => Some(inject::inject as fn(&[String]) -> Result<(), inject::Failure>),
            "notify" => Some(inject::notify as _),
            "status" => Some(inject::status as _),
            _ => None,
        };
        if let Some(command) = guest {
            return match command(rest) {
                Ok(()) => ExitCode::SUCCESS,
                Err(inject::Failure::Usage(e)) => {
                    eprintln!("ghes-inject: {e}");
                    ExitCode::from(2)
                }
                Err(inject::Failure::Io(e)) => {
                    eprintln!("ghes-inject: {e}");
                    ExitCode::FAILURE
                }
                Err(inject::Failure::Refused(code, e)) => {
                    eprintln!("ghes-inject: {e}");
                    ExitCode::from(code)
                }
            };
        }
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ghes-inject: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn qemu_style_memory_record_parses_back() {
        let rec = parse_memory(&args(
            "--severity recoverable --pa 0x60000000 --error-type 3",
        ))
        .map_err(|e| e.to_string())
        .unwrap();
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
    fn corrected_over_threshold_sets_section_severity_and_flag() {
        let rec = parse_memory(&args(
            "--severity corrected --pa 0x1000 --threshold-exceeded",
        ))
        .map_err(|e| e.to_string())
        .unwrap();
        let bytes = build_memory(&rec);
        let est = Estatus::parse(&bytes).unwrap();
        let section = est.sections().next().unwrap();
        assert_eq!(est.error_severity(), 2);
        assert_eq!(section.error_severity(), 2);
        assert_eq!(section.flags(), SEC_THRESHOLD_EXCEEDED);
    }

    #[test]
    fn header_mode_writes_exactly_the_fields_given() {
        let (bytes, out) = build_header(&args("--data-length 0x10000 --severity fatal -o x"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.as_deref(), Some("x"));
        assert_eq!(bytes.len(), 20);
        assert_eq!(&bytes[0..4], &1u32.to_le_bytes());
        assert_eq!(&bytes[12..16], &0x10000u32.to_le_bytes());
        assert_eq!(&bytes[16..20], &1u32.to_le_bytes());
        assert!(Estatus::peek_len(&bytes).unwrap() > 0x10000);
    }

    #[test]
    fn raw_record_carries_the_pattern_across_pages() {
        let (bytes, _) = build_raw(&args("--size 6000 -o x")).unwrap_or_else(|e| panic!("{e}"));
        let est = Estatus::parse(&bytes).unwrap();
        let section = est.sections().next().unwrap();
        assert_eq!(section.section_type(), RAW_SECTION_TYPE);
        let data = section.data();
        assert_eq!(data.len(), 6000);
        assert!(data.iter().enumerate().all(|(i, b)| *b == raw_pattern(i)));
        assert_ne!(data[..256], data[4096..4352]);
    }

    #[test]
    fn bad_arguments_are_refused_with_a_reason() {
        let e = parse_memory(&args("--severity sometimes")).err().unwrap();
        assert_eq!(
            e.to_string(),
            "unknown severity 'sometimes' (see ghes-inject --help)"
        );
        let e = parse_memory(&args("--pa")).err().unwrap();
        assert_eq!(e.to_string(), "--pa needs a value (see ghes-inject --help)");
        let e = run(&args("record memory --pa 1")).err().unwrap();
        assert_eq!(
            e.to_string(),
            "record needs -o FILE (see ghes-inject --help)"
        );
    }
}
