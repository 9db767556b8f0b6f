// SPDX-License-Identifier: GPL-2.0
//! The command line of `ghes-inject` (clap derive): each subcommand with its own `--help`,
//! `--version`, and the value parsers that refuse a malformed or out-of-range value as a
//! usage error (exit 2), naming the option and the value.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::hest_cmd::{Malformation, SourceSpec};

/// What `--help` says about exit statuses, for every command.
const EXIT_STATUS: &str = "\
Exit status: 0 done; 1 failed (a file unreadable or invalid, the guest or the firmware's
doorbell unreachable or silent); 2 usage error (an unknown option, a missing or malformed
value, a value out of range, an option the source's kind does not take); 3 refused: the
previous record is not acknowledged (inject), or the firmware refused an sdei or sei
source's notification (its answer says why); 4 --wait: not consumed in time.";

/// ghes-inject: build CPER error records for the ghes-rs lab, print records as Linux does,
/// build the lab's HEST, and play firmware in a running lab guest.
#[derive(Parser, Debug)]
#[command(name = "ghes-inject", version, about, long_about = None, after_help = EXIT_STATUS)]
#[command(propagate_version = true, arg_required_else_help = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Build a CPER Generic Error Status Block into a file
    Record {
        #[command(subcommand)]
        kind: RecordKind,
    },
    /// Print a record as Linux's GHES prints it (__ghes_print_estatus)
    Print(PrintArgs),
    /// Write the lab's corpus of records (valid ones, or the hostile ones with --malformed)
    Corpus(CorpusArgs),
    /// Build QEMU's HEST plus new GHES sources in its error region, or import a vendor's
    #[command(after_long_help = format!("{}\n{}", super::hest_cmd::SPEC_HELP, super::hest_import::IMPORT_HELP))]
    Hest(HestArgs),
    /// Write a record into a running lab guest's error status block as firmware does, and
    /// raise the source's notification
    #[command(after_long_help = INJECT_HELP)]
    Inject(InjectArgs),
    /// Raise a source's notification in a running lab guest (after inject --no-notify, or
    /// again after the firmware refused it)
    #[command(after_long_help = NOTIFY_HELP)]
    Notify(NotifyArgs),
    /// Print a source's Block Status and read-ack register in a running lab guest
    Status(StatusArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Write the manual pages: ghes-inject.1 and one per subcommand (ghes-inject-record.1, ...)
    Man {
        /// The directory to write them into (created if missing)
        #[arg(short = 'o', value_name = "DIR")]
        dir: PathBuf,
    },
}

const INJECT_HELP: &str = "\
RECORD is a file (raw CPER, or JSON if it starts with '{'), or a record kind and its
options as for `ghes-inject record` (without -o): memory|raw|header OPTIONS, json FILE.

inject refuses (exit 3) while the GHESv2 read-ack register says the previous record is
unread; otherwise it clears read-ack, writes the record, Block Status last, then raises the
notification: nothing for polled, its SPI for gsiv/external (--gsi N for any other
interrupt, e.g. the one that notifies the HED for gpio/sci). The guest is stopped while the
tool is connected (QEMU's gdbstub, physical-memory mode).

sdei and sei sources are notified by the lab firmware at EL3, as a BMC asks a server's
firmware: a guest on `tools/lab ... --firmware tfa` has a doorbell socket (--doorbell PATH,
default $GHES_RS_DOORBELL, which tools/lab sets and `tools/lab shell` prints). After the
record is written and the guest resumed, the tool asks the firmware to raise the source's
SDEI event (its event=: 0x200 normal, dispatched explicitly, 0x201 critical, by its bound
SGI) or an SError with syndrome --esr on CPU --cpu, and prints the firmware's answer. The
firmware refuses (exit 3, its reason printed) a CPU that is off or absent, an event the OS
has not registered or enabled or is already handling, and an SError on a CPU whose OS
context has PSTATE.A masked (a real SError would stay pending; EL3 cannot leave one
pending): `ghes-inject notify` retries without rewriting the record. SEA is an exception the
guest raises itself when it consumes the error.";

const NOTIFY_HELP: &str = "\
As inject raises it: nothing for polled, the SPI for gsiv/external (or --gsi N), and for
sdei and sei sources the lab firmware's SDEI event or SError on --cpu through its doorbell
(inject --help says more). The record is not touched.";

/// A record kind and its options: `record KIND ...`, and RECORD of `inject`.
#[derive(Subcommand, Debug)]
pub(crate) enum RecordKind {
    /// A platform memory error section (UEFI 2.10 N.2.5)
    Memory(MemoryArgs),
    /// One section of an unknown (vendor) type with N bytes of a known pattern: Linux
    /// hex-dumps it, so the report shows every byte (large and page-crossing records)
    Raw(RawArgs),
    /// Only a 20-byte block header, with any values (malformed-record tests)
    Header(HeaderArgs),
    /// A record described in JSON: any sections, ARM, PCIe with AER registers, vendor
    #[command(after_long_help = super::json_record::HELP)]
    Json(JsonArgs),
}

/// A record's severity (UEFI 2.10 N.2.1, Error Severity), as a word or its number.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Severity {
    /// 0: recoverable (uncorrected, non-fatal)
    #[default]
    #[value(alias = "0")]
    Recoverable,
    /// 1: fatal
    #[value(alias = "1")]
    Fatal,
    /// 2: corrected
    #[value(alias = "2")]
    Corrected,
    /// 3: informational
    #[value(alias = "3", alias = "informational")]
    Info,
}

impl Severity {
    /// The CPER value.
    pub(crate) fn raw(self) -> u32 {
        match self {
            Self::Recoverable => 0,
            Self::Fatal => 1,
            Self::Corrected => 2,
            Self::Info => 3,
        }
    }
}

/// The memory error types of UEFI 2.10 table N.31, by name (the number also works).
pub(crate) const MEMORY_ERROR_TYPES: [&str; 16] = [
    "unknown",
    "no-error",
    "single-bit-ecc",
    "multi-bit-ecc",
    "single-symbol-chipkill-ecc",
    "multi-symbol-chipkill-ecc",
    "master-abort",
    "target-abort",
    "parity-error",
    "watchdog-timeout",
    "invalid-address",
    "mirror-broken",
    "memory-sparing",
    "scrub-corrected",
    "scrub-uncorrected",
    "physical-memory-map-out",
];

/// `--error-type`: a name of [`MEMORY_ERROR_TYPES`] or a number up to 255.
fn memory_error_type(s: &str) -> Result<u8, String> {
    if let Some(i) = MEMORY_ERROR_TYPES.iter().position(|n| *n == s) {
        return Ok(i as u8);
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return number::<u8>(s);
    }
    Err(format!(
        "unknown memory error type (one of: {}, or a number up to 255)",
        MEMORY_ERROR_TYPES.join(", ")
    ))
}

/// A decimal or 0x-hexadecimal number that fits `T`; "out of range" names the limit.
pub(crate) fn number<T>(s: &str) -> Result<T, String>
where
    T: TryFrom<u64> + num_limit::Max,
{
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    let value = parsed.map_err(|e| match e.kind() {
        std::num::IntErrorKind::PosOverflow => {
            format!("out of range: more than 64 bits (at most {})", T::MAX)
        }
        _ => "not a number (decimal, or hexadecimal with 0x)".to_string(),
    })?;
    T::try_from(value).map_err(|_| format!("out of range: {value} > {}", T::MAX))
}

/// The largest value of each integer type [`number`] parses into, for its messages.
pub(crate) mod num_limit {
    /// An integer type's maximum, as text.
    pub(crate) trait Max {
        /// The maximum.
        const MAX: u64;
    }
    impl Max for u8 {
        const MAX: u64 = u8::MAX as u64;
    }
    impl Max for u16 {
        const MAX: u64 = u16::MAX as u64;
    }
    impl Max for u32 {
        const MAX: u64 = u32::MAX as u64;
    }
    impl Max for u64 {
        const MAX: u64 = u64::MAX;
    }
}

/// `record raw --size`: at most 65536 bytes.
fn raw_size(s: &str) -> Result<usize, String> {
    let n = number::<u64>(s)?;
    if n > 65536 {
        return Err(format!("out of range: {n} > 65536"));
    }
    Ok(n as usize)
}

/// `-o FILE` of a record kind: required by `record`, refused by `inject`.
#[derive(Args, Debug, Default)]
pub(crate) struct Output {
    /// Where to write the record (raw bytes); required by `record`
    #[arg(short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Args, Debug, Default)]
pub(crate) struct MemoryArgs {
    /// The record's severity
    #[arg(long, value_enum, default_value_t)]
    pub(crate) severity: Severity,
    /// The section's own severity [default: --severity]
    #[arg(long, value_enum)]
    pub(crate) section_severity: Option<Severity>,
    /// Physical address (sets the PA validation bit)
    #[arg(long, value_name = "ADDR", value_parser = number::<u64>)]
    pub(crate) pa: Option<u64>,
    /// Memory error type: a name (multi-bit-ecc, single-bit-ecc, scrub-corrected, ...; UEFI
    /// 2.10 table N.31) or a number up to 255 (sets its validation bit)
    #[arg(long, value_name = "TYPE", value_parser = memory_error_type)]
    pub(crate) error_type: Option<u8>,
    /// Set the section's error-threshold-exceeded flag
    #[arg(long)]
    pub(crate) threshold_exceeded: bool,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Args, Debug)]
pub(crate) struct RawArgs {
    /// Bytes of section data (at most 65536)
    #[arg(long, value_name = "N", value_parser = raw_size)]
    pub(crate) size: usize,
    /// The record's and the section's severity
    #[arg(long, value_enum, default_value_t)]
    pub(crate) severity: Severity,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Args, Debug)]
pub(crate) struct HeaderArgs {
    /// Block Status [default: 0x1, uncorrectable error present]
    #[arg(long, value_name = "N", value_parser = number::<u32>, default_value = "0x1")]
    pub(crate) block_status: u32,
    /// Raw Data Offset
    #[arg(long, value_name = "N", value_parser = number::<u32>, default_value = "0")]
    pub(crate) raw_data_offset: u32,
    /// Raw Data Length
    #[arg(long, value_name = "N", value_parser = number::<u32>, default_value = "0")]
    pub(crate) raw_data_length: u32,
    /// Data Length
    #[arg(long, value_name = "N", value_parser = number::<u32>, default_value = "0")]
    pub(crate) data_length: u32,
    /// Error Severity
    #[arg(long, value_enum, default_value_t)]
    pub(crate) severity: Severity,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Args, Debug)]
pub(crate) struct JsonArgs {
    /// The JSON description (format below)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Args, Debug)]
pub(crate) struct PrintArgs {
    /// The record (raw CPER)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The source id the first line names
    #[arg(long, value_name = "N", value_parser = number::<u16>, default_value = "0")]
    pub(crate) source: u16,
    /// The sequence number each line starts with ({N})
    #[arg(long, value_name = "N", value_parser = number::<u32>, default_value = "1")]
    pub(crate) seq: u32,
}

#[derive(Args, Debug)]
#[command(after_long_help = "\
For each record, DIR/NN-name.cper and DIR/NN-name.report (the lines `print` gives, less the
first and each line's {seq}), and a line 'NN-name corrected' or 'NN-name uncorrected' in
DIR/index. With --malformed, valid records with bytes corrupted so ghes_rs must refuse each,
at its header check, its 4096-byte block check or its parse: DIR/NN-name.cper,
DIR/NN-name.expect (the one line ghes_rs logs after 'source N: ') and 'NN-name' in
DIR/index.")]
pub(crate) struct CorpusArgs {
    /// The hostile corpus instead of the valid one
    #[arg(long)]
    pub(crate) malformed: bool,
    /// The directory to write into
    #[arg(short = 'o', value_name = "DIR")]
    pub(crate) dir: PathBuf,
}

#[derive(Args, Debug)]
pub(crate) struct HestArgs {
    /// The raw HEST QEMU built (/sys/firmware/acpi/tables/HEST)
    #[arg(long, value_name = "FILE")]
    pub(crate) qemu_hest: PathBuf,
    /// The block address each QEMU GHES's status-address register holds, in source order
    /// (read in the guest with devmem ADDR 64)
    #[arg(long, value_name = "ADDR[,ADDR...]", value_delimiter = ',', required = true,
          value_parser = number::<u64>)]
    pub(crate) qemu_block: Vec<u64>,
    /// A new source, KIND[:key=value,...] (below); repeat for more
    #[arg(long = "source", value_name = "SPEC", value_parser = source_spec)]
    pub(crate) sources: Vec<SourceSpec>,
    /// Write a deliberately malformed table (WHAT below); repeat for more
    #[arg(long, value_name = "WHAT", value_parser = malformation)]
    pub(crate) malform: Vec<Malformation>,
    /// Also write an EINJ table (EINJ below) for a firmware mailbox: one 4096-byte page,
    /// 4096-aligned, after every register and block in the same region; the layout file then
    /// ends with the line `einj mailbox=0xADDR length=4096`
    #[arg(long, value_name = "EINJ_OUT", conflicts_with = "import")]
    pub(crate) einj: Option<PathBuf>,
    /// Instead of new sources: a vendor's HEST with its GHES registers and blocks moved into
    /// QEMU's region, everything else kept, QEMU's OEM identity
    #[arg(long, value_name = "VENDOR_HEST", conflicts_with_all = ["sources", "malform"])]
    pub(crate) import: Option<PathBuf>,
    /// Where to write the new HEST (OEM revision one above QEMU's)
    #[arg(short = 'o', value_name = "HEST_OUT")]
    pub(crate) output: PathBuf,
    /// Where to write one line per new source for the guest's firmware: `source ID KIND
    /// status=0xADDR ack=0xADDR block=0xADDR length=N extra=V malformed=WHAT[,WHAT]` (or
    /// malformed=none)
    #[arg(long, value_name = "LAYOUT_OUT")]
    pub(crate) layout: PathBuf,
}

fn source_spec(s: &str) -> Result<SourceSpec, String> {
    SourceSpec::parse(s).map_err(|e| e.to_string())
}

fn malformation(s: &str) -> Result<Malformation, String> {
    Malformation::parse(s).map_err(|e| e.to_string())
}

/// Where the guest is and which source: every guest command's options.
#[derive(Args, Debug)]
pub(crate) struct TargetArgs {
    /// QEMU's gdbstub (-gdb tcp:HOST:PORT)
    #[arg(long, value_name = "HOST:PORT")]
    pub(crate) gdb: String,
    /// The firmware layout `hest --layout` wrote (tools/lab shell prints its path)
    #[arg(long, value_name = "FILE")]
    pub(crate) layout: PathBuf,
    /// The source id, as in the layout
    #[arg(long, value_name = "ID", value_parser = number::<u16>)]
    pub(crate) source: u16,
    /// The GIC distributor, if not at QEMU virt's
    #[arg(long, value_name = "ADDR", value_parser = number::<u64>, default_value = "0x08000000")]
    pub(crate) gicd: u64,
}

/// The highest CPU number `--cpu` takes: QEMU virt's largest GICv3 machine has 512 CPUs.
pub(crate) const MAX_CPU: u32 = 511;

/// `--cpu`: a CPU number up to [`MAX_CPU`].
fn cpu_number(s: &str) -> Result<u32, String> {
    let n = number::<u32>(s)?;
    if n > MAX_CPU {
        return Err(format!("out of range: {n} > {MAX_CPU}"));
    }
    Ok(n)
}

/// The syndrome `--esr` defaults to: EC 0x2f (SError), IL, IDS = 1 (implementation defined).
pub(crate) const DEFAULT_SERROR_ESR: u64 = 0xbf00_0000;

/// `--esr`: an ESR_EL1 value whose EC (bits 31:26) is 0x2f, SError, with nothing above bit 31.
fn serror_syndrome(s: &str) -> Result<u64, String> {
    let esr = number::<u64>(s)?;
    let ec = (esr >> 26) & 0x3f;
    if ec != 0x2f || esr >> 32 != 0 {
        return Err(format!(
            "not an SError syndrome: EC (bits 31:26) is {ec:#x}, not 0x2f, or bits above 31              are set (e.g. 0xbe000811, a RAS uncorrected error, restartable)"
        ));
    }
    Ok(esr)
}

/// How the lab firmware notifies an sdei or sei source (`--firmware tfa`).
#[derive(Args, Debug, Default)]
pub(crate) struct DoorbellArgs {
    /// The lab firmware's doorbell socket, for sdei and sei sources [default:
    /// $GHES_RS_DOORBELL]
    #[arg(long, value_name = "PATH")]
    pub(crate) doorbell: Option<PathBuf>,
    /// The CPU the firmware raises an sdei or sei source's notification on (Linux's CPU N
    /// in the lab) [default: 0]
    #[arg(long, value_name = "N", value_parser = cpu_number)]
    pub(crate) cpu: Option<u32>,
    /// The SError's syndrome (ESR_EL1, EC 0x2f), sei sources only [default: 0xbf000000,
    /// implementation defined]
    #[arg(long, value_name = "ESR", value_parser = serror_syndrome)]
    pub(crate) esr: Option<u64>,
}

#[derive(Args, Debug)]
pub(crate) struct InjectArgs {
    #[command(flatten)]
    pub(crate) target: TargetArgs,
    #[command(flatten)]
    pub(crate) doorbell: DoorbellArgs,
    /// The interrupt that raises the source (any SPI), instead of its own
    #[arg(long, value_name = "N", value_parser = number::<u64>)]
    pub(crate) gsi: Option<u64>,
    /// Write the record only; raise nothing (see notify)
    #[arg(long)]
    pub(crate) no_notify: bool,
    /// Wait up to S seconds until the OS has consumed and acknowledged it (exit 4 if not)
    #[arg(long, value_name = "S", value_parser = number::<u64>)]
    pub(crate) wait: Option<u64>,
    /// The record: a file, or KIND OPTIONS (below)
    #[arg(value_name = "RECORD", required = true, num_args = 1.., trailing_var_arg = true,
          allow_hyphen_values = true)]
    pub(crate) record: Vec<String>,
}

#[derive(Args, Debug)]
pub(crate) struct NotifyArgs {
    #[command(flatten)]
    pub(crate) target: TargetArgs,
    #[command(flatten)]
    pub(crate) doorbell: DoorbellArgs,
    /// The interrupt that raises the source (any SPI), instead of its own
    #[arg(long, value_name = "N", value_parser = number::<u64>)]
    pub(crate) gsi: Option<u64>,
    /// Wait up to S seconds until the OS has consumed and acknowledged it (exit 4 if not)
    #[arg(long, value_name = "S", value_parser = number::<u64>)]
    pub(crate) wait: Option<u64>,
}

#[derive(Args, Debug)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) target: TargetArgs,
}

/// Parses `inject`'s RECORD words as `record KIND ...` would (a file is handled before).
#[derive(Parser, Debug)]
#[command(name = "ghes-inject inject ... RECORD", no_binary_name = true)]
pub(crate) struct InjectRecord {
    #[command(subcommand)]
    pub(crate) kind: RecordKind,
}
