// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject hest`: the lab's multi-source HEST (ACPI 6.5 section 18.3.2). Keeps QEMU's
//! error source(s) byte for byte and adds GHES/GHESv2 sources whose registers and error
//! status blocks lie in the unused room of QEMU's 64 KiB `etc/hardware_errors` NVS region.
//! Documentation/lab-hest.md describes the layout and the layout file. With `--einj` it
//! also writes an EINJ table (ACPI 6.5 section 18.6) for a firmware mailbox page placed
//! after everything else in that region; [`einj`] describes the mailbox.

use std::collections::BTreeMap;
use std::fmt;

use hest::{
    BuildError, ErrorSource, Gas, Ghes, Hest, HestBuilder, Notify, NotifyKind, OemInfo, ReadAck,
};

/// Size and alignment of the region all registers and blocks must share.
pub const REGION_SIZE: u64 = 0x1_0000;
/// Bytes (and alignment) of each new register.
pub const REGISTER_SIZE: u64 = 8;
/// Alignment of each new error status block.
pub const BLOCK_ALIGN: u64 = 64;
/// Default error status block length.
pub const DEFAULT_BLOCK: u32 = 4096;
/// Smallest block length: the 20-byte generic error status header.
pub const MIN_BLOCK: u32 = 20;
/// Largest block length: what a driver reads of a record (`GHES_ESTATUS_MAX_SIZE`).
pub const MAX_BLOCK: u32 = 65536;
/// Default poll interval of a polled source, in milliseconds.
pub const DEFAULT_INTERVAL: u32 = 100;
/// Read Ack Preserve of every new GHESv2 (QEMU's value).
pub const ACK_PRESERVE: u64 = 0xffff_ffff_ffff_fffe;
/// Read Ack Write of every new GHESv2 (QEMU's value).
pub const ACK_WRITE: u64 = 0x1;
/// Related Source Id meaning "none".
pub const NO_RELATED_SOURCE: u16 = 0xffff;

/// The long help of `ghes-inject hest` after its options: the files, SPEC, WHAT and EINJ.
pub const SPEC_HELP: &str = "\
  Files are written only when everything succeeded. The layout lines of QEMU's protocol
  have no preserve=/write= (read-ack done: bit 0); imported ones have (see --import).
  QEMU's table must be one QEMU built: a header count that disagrees with its subtables,
  or a subtable that cannot be walked, is refused.

  With --import, a vendor's HEST is relocated instead (IMPORT below).

KIND: polled external gsiv gpio sci sea sei sdei
KEYS: id=N          source id (default: the next free id after QEMU's)
      block=BYTES   error status block length, 20..=65536 (default 4096)
      interval=MS   poll interval, polled only (default 100)
      gsi=N         notification GSIV, external and gsiv only (required for them)
      event=N       SDEI event number, sdei only (required for it)
      v1            GHES (type 9, no read-ack register) instead of GHESv2
      prealloc=N    records to preallocate (default 1)
      sections=N    max sections per record (default 1)

WHAT (N: the Nth --source, from 1; QEMU's sources are never touched):
      zero-block:N    Error Status Block Length 0
      huge-block:N    Error Status Block Length 0x1000000 (16 MiB)
      gas-space:N     Error Status Address register in address space 0x0b (PRM, not
                      system memory)
      gas-width:N     Error Status Address register bit width 7
      duplicate-id:N  source id of the table's first source (QEMU's)
      overlap:N       Error Status Address register of source N-1 (N >= 2): one register,
                      one block for both
      disabled:N      Enabled 0
      unknown-type    a subtable of type 0x7f (24 bytes of 0xab after its type) appended
                      and counted: its length cannot be known
      truncate        the last subtable (a new source's) cut short by 12 bytes; not with
                      unknown-type
  Each WHAT at most once; zero-block and huge-block not on one source. Length and
  checksum always match the bytes written. The layout file still gives each source the
  registers, block and length it would have had: only the HEST lies. Its malformed=
  column names the WHATs of that source (without :N); unknown-type and truncate show in
  no line. The malformations applied are listed on stderr. The EINJ table is never
  malformed.

EINJ (--einj): signature EINJ, revision 1, the OEM ID, OEM table ID, OEM revision and
  creator fields of the HEST written; Injection Header Size 12, flags 0, then 10 entries
  of 32 bytes in action order (368 bytes). Each register is a system-memory GAS, 64 bits
  at bit 0, access size 4 (QWord), at MB+OFF (MB: the mailbox); mask all ones unless given:
    action                            instruction               OFF
    0 BEGIN_INJECTION_OPERATION       3 WRITE_REGISTER_VALUE 1  0x00 command
    1 GET_TRIGGER_ERROR_ACTION_TABLE  0 READ_REGISTER           0x30 trigger table address
    2 SET_ERROR_TYPE                  2 WRITE_REGISTER          0x08 error type
    3 GET_ERROR_TYPE                  0 READ_REGISTER           0x10 available error types
    4 END_OPERATION                   3 WRITE_REGISTER_VALUE 0  0x00 command
    5 EXECUTE_OPERATION               3 WRITE_REGISTER_VALUE 1  0x20 busy
    6 CHECK_BUSY_STATUS               1 READ_REGISTER_VALUE 1   0x20 busy, mask 0x1
    7 GET_COMMAND_STATUS              0 READ_REGISTER           0x28 status, mask 0xff
    8 SET_ERROR_TYPE_WITH_ADDRESS     2 WRITE_REGISTER          0x40 parameters
    9 GET_EXECUTE_OPERATION_TIMINGS   0 READ_REGISTER           0x38 timings
  MB+0x40 is the 36-byte struct set_error_type_with_address, which Linux maps and writes
  field by field; MB+0x100 the trigger error action table (struct acpi_einj_trigger).
  The tool writes no byte of the mailbox: the guest's firmware must initialise it before
  Linux's EINJ driver loads: the available error types at +0x10, a trigger table at
  +0x100 (header_size 16, revision 0, table_size 16, entry_count 0) and its address at
  +0x30, busy (+0x20) 0 and vendor_extension (+0x44) 0. EXECUTE_OPERATION sets busy; the
  firmware injects, writes the command status (0 success, 1 fail, 2 invalid) and clears
  busy. A mailbox that does not fit is refused like blocks that do not fit.
";

/// The notification kinds a new source can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Polled every `interval` ms.
    Polled,
    /// External interrupt, GSIV `gsi`.
    External,
    /// GSIV-based interrupt, GSIV `gsi`.
    Gsiv,
    /// GPIO signal (through the Generic Event Device).
    Gpio,
    /// System Control Interrupt (through the Hardware Error Device).
    Sci,
    /// Arm Synchronous External Abort.
    Sea,
    /// Arm SError interrupt.
    Sei,
    /// Software Delegated Exception, SDEI event `event`.
    Sdei,
}

impl Kind {
    /// Every kind, in the order the help lists them.
    pub const ALL: [Self; 8] = [
        Self::Polled,
        Self::External,
        Self::Gsiv,
        Self::Gpio,
        Self::Sci,
        Self::Sea,
        Self::Sei,
        Self::Sdei,
    ];

    /// The name used on the command line and in the layout file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Polled => "polled",
            Self::External => "external",
            Self::Gsiv => "gsiv",
            Self::Gpio => "gpio",
            Self::Sci => "sci",
            Self::Sea => "sea",
            Self::Sei => "sei",
            Self::Sdei => "sdei",
        }
    }

    /// The kind a command-line name names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The HEST notification type.
    pub fn notify_kind(self) -> NotifyKind {
        match self {
            Self::Polled => NotifyKind::Polled,
            Self::External => NotifyKind::External,
            Self::Gsiv => NotifyKind::Gsiv,
            Self::Gpio => NotifyKind::Gpio,
            Self::Sci => NotifyKind::Sci,
            Self::Sea => NotifyKind::Sea,
            Self::Sei => NotifyKind::Sei,
            Self::Sdei => NotifyKind::SoftwareDelegated,
        }
    }

    /// The key naming the notification vector, for the kinds that have one.
    fn vector_key(self) -> Option<&'static str> {
        match self {
            Self::External | Self::Gsiv => Some("gsi"),
            Self::Sdei => Some("event"),
            _ => None,
        }
    }
}

/// One `--source` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceSpec {
    /// The notification kind.
    pub kind: Kind,
    /// `id=`, or `None` for the next free id.
    pub id: Option<u16>,
    /// `block=`: the error status block length.
    pub block: u32,
    /// `interval=` (polled only; [`DEFAULT_INTERVAL`] otherwise unused).
    pub interval: u32,
    /// `gsi=` (external, gsiv) or `event=` (sdei).
    pub vector: Option<u32>,
    /// `v1`: a GHES (type 9) without read-ack register.
    pub v1: bool,
    /// `prealloc=`: Number of Records To Pre-allocate.
    pub prealloc: u32,
    /// `sections=`: Max Sections Per Record.
    pub sections: u32,
}

impl SourceSpec {
    /// A source of `kind` with every default (no vector).
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            id: None,
            block: DEFAULT_BLOCK,
            interval: DEFAULT_INTERVAL,
            vector: None,
            v1: false,
            prealloc: 1,
            sections: 1,
        }
    }

    /// Parses `KIND[:key=value,...]`.
    pub fn parse(spec: &str) -> Result<Self, HestCmdError> {
        let usage = |msg: String| HestCmdError::Usage(format!("--source {spec}: {msg}"));
        let (kind_name, options) = match spec.split_once(':') {
            Some((k, o)) => (k, Some(o)),
            None => (spec, None),
        };
        let kind = Kind::from_name(kind_name).ok_or_else(|| {
            let all: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
            usage(format!(
                "unknown kind '{kind_name}' (one of: {})",
                all.join(", ")
            ))
        })?;
        let mut s = Self::new(kind);
        let mut seen: Vec<&str> = Vec::new();
        for option in options.map(|o| o.split(',')).into_iter().flatten() {
            let (key, value) = match option.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (option, None),
            };
            if key.is_empty() {
                return Err(usage(format!("empty option '{option}'")));
            }
            if seen.contains(&key) {
                return Err(usage(format!("{key} given twice")));
            }
            seen.push(key);
            if key == "v1" {
                if value.is_some() {
                    return Err(usage("v1 takes no value".into()));
                }
                s.v1 = true;
                continue;
            }
            let value = value.ok_or_else(|| usage(format!("{key} needs a value ({key}=N)")))?;
            let n = |max: u64| -> Result<u64, HestCmdError> {
                let v = number(value).map_err(|e| usage(format!("{key}: {e}")))?;
                if v > max {
                    return Err(usage(format!("{key}={value} is above {max}")));
                }
                Ok(v)
            };
            let u32max = u64::from(u32::MAX);
            match key {
                "id" => {
                    let id = n(u64::from(u16::MAX))?;
                    if id == u64::from(NO_RELATED_SOURCE) {
                        return Err(usage("id=65535 (0xffff) means \"no source\"".into()));
                    }
                    s.id = u16::try_from(id).ok();
                }
                "block" => {
                    let b = n(u32max)?;
                    if !(u64::from(MIN_BLOCK)..=u64::from(MAX_BLOCK)).contains(&b) {
                        return Err(usage(format!(
                            "block={value} is outside {MIN_BLOCK}..={MAX_BLOCK} bytes"
                        )));
                    }
                    s.block = u32::try_from(b).unwrap_or(DEFAULT_BLOCK);
                }
                "interval" => {
                    if kind != Kind::Polled {
                        return Err(usage("interval= applies to polled sources only".into()));
                    }
                    let ms = n(u32max)?;
                    if ms == 0 {
                        return Err(usage(
                            "interval=0 would never poll; give 1 ms or more".into(),
                        ));
                    }
                    s.interval = u32::try_from(ms).unwrap_or(DEFAULT_INTERVAL);
                }
                "gsi" | "event" => {
                    if kind.vector_key() != Some(key) {
                        let applies = if key == "gsi" {
                            "external and gsiv sources"
                        } else {
                            "sdei sources"
                        };
                        return Err(usage(format!("{key}= applies to {applies} only")));
                    }
                    s.vector = u32::try_from(n(u32max)?).ok();
                }
                "prealloc" => s.prealloc = u32::try_from(n(u32max)?).unwrap_or(1),
                "sections" => s.sections = u32::try_from(n(u32max)?).unwrap_or(1),
                _ => {
                    return Err(usage(format!(
                        "unknown key '{key}' (id, block, interval, gsi, event, v1, prealloc, \
                         sections)"
                    )))
                }
            }
        }
        if let Some(key) = kind.vector_key() {
            if s.vector.is_none() {
                return Err(usage(format!("{} sources need {key}=N", kind.name())));
            }
        }
        Ok(s)
    }

    /// The layout file's `extra` value: interval, GSIV or SDEI event, else 0.
    pub fn extra(&self) -> u32 {
        match self.kind {
            Kind::Polled => self.interval,
            _ => self.vector.unwrap_or(0),
        }
    }

    fn notify(&self) -> Notify {
        let mut notify = Notify::new(self.kind.notify_kind());
        match self.kind {
            Kind::Polled => notify.poll_interval = self.interval,
            _ => notify.vector = self.vector.unwrap_or(0),
        }
        notify
    }
}

/// A new source with its place in the NVS region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// What was asked.
    pub spec: SourceSpec,
    /// The subtable written for it.
    pub ghes: Ghes,
    /// The error status address register.
    pub status: u64,
    /// The read-ack register, `None` for a GHES v1.
    pub ack: Option<u64>,
    /// The error status block.
    pub block: u64,
    /// The per-source malformations written over [`Placed::ghes`] in the table, in the
    /// order of [`Malformation`]'s variants (see [`malform`]); `ghes`, `status`, `ack` and
    /// `block` stay what a sound source gets.
    pub malformed: Vec<Malformation>,
}

impl Placed {
    /// The source id.
    pub fn id(&self) -> u16 {
        self.ghes.source_id
    }

    /// This source's line of the layout file, without the newline. The addresses and the
    /// length are the allocation's, whatever the table says after [`malform`].
    pub fn layout_line(&self) -> String {
        let malformed = if self.malformed.is_empty() {
            "none".to_string()
        } else {
            let names: Vec<_> = self.malformed.iter().map(|m| m.name()).collect();
            names.join(",")
        };
        format!(
            "source {} {} status={:#x} ack={:#x} block={:#x} length={} extra={} malformed={}",
            self.id(),
            self.spec.kind.name(),
            self.status,
            self.ack.unwrap_or(0),
            self.block,
            self.ghes.error_block_length,
            self.spec.extra(),
            malformed
        )
    }
}

/// The result of [`build`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The new HEST.
    pub table: Vec<u8>,
    /// The number of sources copied from QEMU's table.
    pub qemu_sources: usize,
    /// The new sources, in command-line order.
    pub placed: Vec<Placed>,
    /// The NVS region: `[base, base + REGION_SIZE)`.
    pub region_base: u64,
    /// The malformations written into `table` by [`malform`], in the order applied.
    pub malformed: Vec<Applied>,
    /// The EINJ table and its mailbox, when asked for ([`build_with_einj`]).
    pub einj: Option<Einj>,
}

impl Built {
    /// The layout file: one line per new source, then the EINJ mailbox's line if there is
    /// one, each ending with a newline.
    pub fn layout(&self) -> String {
        let sources = self.placed.iter().map(Placed::layout_line);
        let mailbox = self.einj.iter().map(Einj::layout_line);
        sources.chain(mailbox).map(|l| l + "\n").collect()
    }
}

/// The EINJ table of `--einj` and the mailbox page it points into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Einj {
    /// The table ([`einj::table`]).
    pub table: Vec<u8>,
    /// The mailbox: [`einj::MAILBOX_SIZE`] bytes, [`einj::MAILBOX_ALIGN`]-aligned, after
    /// every register and block of the new sources.
    pub mailbox: u64,
}

impl Einj {
    /// The mailbox's line of the layout file, without the newline.
    pub fn layout_line(&self) -> String {
        format!(
            "einj mailbox={:#x} length={}",
            self.mailbox,
            einj::MAILBOX_SIZE
        )
    }
}

/// Why no table was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HestCmdError {
    /// A command-line mistake.
    Usage(String),
    /// A file could not be read or written.
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: String,
        /// The system's reason.
        error: String,
    },
    /// QEMU's table is unusable.
    QemuHest(String),
    /// `--qemu-block` does not give one address per QEMU GHES.
    BlockCount {
        /// GHES sources in QEMU's table.
        ghes: usize,
        /// Addresses given.
        given: usize,
    },
    /// A QEMU register or block is not inside the region.
    OutsideRegion {
        /// What it is, e.g. "QEMU's source 0 error status block".
        what: String,
        /// Its first byte.
        start: u64,
        /// Its length.
        len: u64,
        /// The region's base.
        base: u64,
    },
    /// Two sources would share an id.
    DuplicateId {
        /// The id.
        id: u16,
        /// The source that has it first.
        first: String,
        /// The source that asks for it again.
        second: String,
    },
    /// No id is left for a source without `id=`.
    NoFreeId {
        /// Which `--source` (1-based).
        index: usize,
    },
    /// The new registers and blocks (and the EINJ mailbox) do not fit in the region.
    DoesNotFit {
        /// How many new sources.
        sources: usize,
        /// Whether the EINJ mailbox page was asked for too.
        einj: bool,
        /// Where allocation starts (the end of what QEMU uses).
        start: u64,
        /// Bytes needed from `start`, alignment included.
        needed: u64,
        /// Bytes left from `start` to the end of the region.
        available: u64,
        /// The region's base.
        base: u64,
    },
    /// QEMU's OEM revision is already the largest.
    OemRevision,
    /// The builder refused.
    Build(BuildError),
    /// The built table failed its own check (a bug in this tool).
    SelfCheck(String),
}

impl HestCmdError {
    /// The process exit status: 2 for command-line mistakes, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for HestCmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(msg) => write!(f, "{msg} (see ghes-inject hest --help)"),
            Self::Io {
                action,
                path,
                error,
            } => write!(f, "cannot {action} {path}: {error}"),
            Self::QemuHest(msg) => write!(f, "QEMU's HEST: {msg}"),
            Self::BlockCount { ghes, given } => write!(
                f,
                "QEMU's HEST has {ghes} GHES source(s) but --qemu-block gives {given} \
                 address(es); give each source's block address, in source order"
            ),
            Self::OutsideRegion {
                what,
                start,
                len,
                base,
            } => write!(
                f,
                "{what} ({len} bytes at {start:#x}) is not inside the 64 KiB region \
                 {base:#x}-{:#x} that holds QEMU's first error status address register",
                u128::from(*base) + u128::from(REGION_SIZE) - 1
            ),
            Self::DuplicateId { id, first, second } => {
                write!(
                    f,
                    "source id {id} is used twice: by {first} and by {second}"
                )
            }
            Self::NoFreeId { index } => write!(
                f,
                "--source #{index}: no free source id is left below 65535; give id=N"
            ),
            Self::DoesNotFit {
                sources,
                einj,
                start,
                needed,
                available,
                base,
            } => {
                let (who, what) = if *einj {
                    (
                        " and the EINJ mailbox",
                        "registers, blocks, the 4096-byte mailbox page",
                    )
                } else {
                    ("", "registers, blocks")
                };
                write!(
                    f,
                    "the {sources} new source(s){who} need {needed} bytes from {start:#x} \
                     ({what} and alignment) but only {available} are left in the 64 KiB \
                     region {base:#x}-{:#x}: {} bytes short; use fewer sources or smaller \
                     blocks",
                    u128::from(*base) + u128::from(REGION_SIZE) - 1,
                    needed.saturating_sub(*available)
                )
            }
            Self::OemRevision => f.write_str(
                "QEMU's HEST has OEM revision 0xffffffff: no higher revision can replace it",
            ),
            Self::Build(e) => write!(f, "building the table: {e}"),
            Self::SelfCheck(msg) => write!(f, "the built table fails its own check: {msg}"),
        }
    }
}

impl From<BuildError> for HestCmdError {
    fn from(e: BuildError) -> Self {
        Self::Build(e)
    }
}

/// A decimal or `0x` hexadecimal number.
fn number(s: &str) -> Result<u64, String> {
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| format!("'{s}' is not a number"))
}

/// `v` rounded up to a multiple of `align` (a power of two).
fn align_up(v: u128, align: u64) -> u128 {
    let mask = u128::from(align) - 1;
    (v + mask) & !mask
}

/// The bytes a register occupies: its access size, or more if its bits reach further.
fn register_len(gas: &Gas) -> u64 {
    let access = gas.access_bits().map_or(0, |b| u64::from(b / 8));
    let bits = u64::from(gas.bit_width) + u64::from(gas.bit_offset);
    access.max(bits.div_ceil(8)).max(1)
}

/// The region and what QEMU uses of it: `(base, end of QEMU's highest byte)`.
fn qemu_usage(ghes: &[&Ghes], blocks: &[u64]) -> Result<(u64, u64), HestCmdError> {
    let first = ghes
        .first()
        .ok_or_else(|| {
            HestCmdError::QemuHest(
                "no GHES error source: nothing to place new sources beside".into(),
            )
        })?
        .error_status_address
        .address;
    let base = first & !(REGION_SIZE - 1);
    let region_end = u128::from(base) + u128::from(REGION_SIZE);
    let mut high = u128::from(base);
    for (g, &block) in ghes.iter().zip(blocks) {
        let id = g.source_id;
        let status = &g.error_status_address;
        let mut areas = vec![(
            "error status address register",
            status.address,
            register_len(status),
        )];
        let mut registers = vec![("error status address", status)];
        if let Some(ack) = &g.ack {
            registers.push(("read-ack", &ack.register));
            areas.push((
                "read-ack register",
                ack.register.address,
                register_len(&ack.register),
            ));
        }
        areas.push(("error status block", block, u64::from(g.error_block_length)));
        for (what, gas) in registers {
            if !gas.is_system_memory() {
                return Err(HestCmdError::QemuHest(format!(
                    "source {id}: the {what} register is in {}, not system memory",
                    gas.space()
                )));
            }
        }
        for (what, start, len) in areas {
            let end = u128::from(start) + u128::from(len);
            if start < base || end > region_end {
                return Err(HestCmdError::OutsideRegion {
                    what: format!("QEMU's source {id} {what}"),
                    start,
                    len,
                    base,
                });
            }
            high = high.max(end);
        }
    }
    // `high` is at most `region_end`, which is at most 2^64.
    Ok((base, u64::try_from(high).unwrap_or(u64::MAX)))
}

/// Gives each spec its id: explicit ids first (refusing any already taken), then the next
/// free id after QEMU's highest for the others, in order.
fn assign_ids(sources: &[ErrorSource<'_>], specs: &[SourceSpec]) -> Result<Vec<u16>, HestCmdError> {
    let mut used: BTreeMap<u16, String> = BTreeMap::new();
    for s in sources {
        used.entry(s.source_id())
            .or_insert_with(|| format!("QEMU's source {}", s.source_id()));
    }
    for (i, spec) in specs.iter().enumerate() {
        if let Some(id) = spec.id {
            let who = format!("--source #{} ({})", i + 1, spec.kind.name());
            if let Some(first) = used.get(&id) {
                return Err(HestCmdError::DuplicateId {
                    id,
                    first: first.clone(),
                    second: who,
                });
            }
            used.insert(id, who);
        }
    }
    let mut next = sources
        .iter()
        .map(|s| u32::from(s.source_id()) + 1)
        .max()
        .unwrap_or(0);
    let mut ids = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let id = match spec.id {
            Some(id) => id,
            None => {
                while u16::try_from(next).is_ok_and(|n| used.contains_key(&n)) {
                    next += 1;
                }
                let id = u16::try_from(next)
                    .ok()
                    .filter(|&id| id != NO_RELATED_SOURCE)
                    .ok_or(HestCmdError::NoFreeId { index: i + 1 })?;
                used.insert(id, String::new());
                id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

/// Builds QEMU's table plus `specs`, placed after what QEMU uses of its NVS region.
/// `qemu_blocks` holds the block address of each QEMU GHES, in source order.
pub fn build(
    qemu: &[u8],
    qemu_blocks: &[u64],
    specs: &[SourceSpec],
) -> Result<Built, HestCmdError> {
    build_inner(qemu, qemu_blocks, specs, false)
}

/// [`build`], plus an EINJ table ([`einj::table`]) whose mailbox page is allocated after
/// every register and block of `specs`, in the same region.
pub fn build_with_einj(
    qemu: &[u8],
    qemu_blocks: &[u64],
    specs: &[SourceSpec],
) -> Result<Built, HestCmdError> {
    build_inner(qemu, qemu_blocks, specs, true)
}

fn build_inner(
    qemu: &[u8],
    qemu_blocks: &[u64],
    specs: &[SourceSpec],
    with_einj: bool,
) -> Result<Built, HestCmdError> {
    let bad = |msg: String| HestCmdError::QemuHest(msg);
    let hest = Hest::parse(qemu).map_err(|e| bad(e.to_string()))?;
    if hest.bytes().len() != qemu.len() {
        return Err(bad(format!(
            "the file is {} bytes but the header's length is {}: not a whole table",
            qemu.len(),
            hest.length()
        )));
    }
    if !hest.checksum_ok() {
        return Err(bad("checksum does not add up: not a faithful dump".into()));
    }
    let sources = hest
        .sources()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| match e {
            // The walk's own message ends "all N are kept", true for a driver, not here.
            hest::SubtableError::CountMismatch { declared, found } => bad(format!(
                "header declares {declared} error source(s) but the table holds {found}: not a \
                 table QEMU built; refused (a vendor table is imported with --import)"
            )),
            e => bad(format!("{e}; refused")),
        })?;
    let ghes: Vec<&Ghes> = sources.iter().filter_map(ErrorSource::ghes).collect();
    if ghes.len() != qemu_blocks.len() && !ghes.is_empty() {
        return Err(HestCmdError::BlockCount {
            ghes: ghes.len(),
            given: qemu_blocks.len(),
        });
    }
    let (base, high) = qemu_usage(&ghes, qemu_blocks)?;
    let ids = assign_ids(&sources, specs)?;

    // Registers first (status, then read-ack, per source), then the blocks, as QEMU does.
    let mut cursor = align_up(u128::from(high), REGISTER_SIZE);
    let mut regs = Vec::with_capacity(specs.len());
    for spec in specs {
        let status = cursor;
        cursor += u128::from(REGISTER_SIZE);
        let ack = (!spec.v1).then(|| {
            cursor += u128::from(REGISTER_SIZE);
            cursor - u128::from(REGISTER_SIZE)
        });
        regs.push((status, ack));
    }
    let mut blocks = Vec::with_capacity(specs.len());
    for spec in specs {
        cursor = align_up(cursor, BLOCK_ALIGN);
        blocks.push(cursor);
        cursor += u128::from(spec.block);
    }
    // Then the EINJ mailbox page, after everything else.
    let mailbox = with_einj.then(|| {
        cursor = align_up(cursor, einj::MAILBOX_ALIGN);
        cursor += u128::from(einj::MAILBOX_SIZE);
        cursor - u128::from(einj::MAILBOX_SIZE)
    });
    let region_end = u128::from(base) + u128::from(REGION_SIZE);
    if cursor > region_end {
        let clamp = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
        return Err(HestCmdError::DoesNotFit {
            sources: specs.len(),
            einj: with_einj,
            start: high,
            needed: clamp(cursor - u128::from(high)),
            available: clamp(region_end - u128::from(high)),
            base,
        });
    }
    // Everything is below `region_end` <= 2^64, so each address fits a u64.
    let addr = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
    let placed: Vec<Placed> = specs
        .iter()
        .zip(&ids)
        .zip(regs.iter().zip(&blocks))
        .map(|((spec, &id), (&(status, ack), &block))| {
            let ack = ack.map(addr);
            let ghes = Ghes {
                source_id: id,
                related_source_id: NO_RELATED_SOURCE,
                flags: 0,
                enabled: true,
                records_to_preallocate: spec.prealloc,
                max_sections_per_record: spec.sections,
                max_raw_data_length: spec.block,
                error_status_address: Gas::system_memory(addr(status), 64),
                notify: spec.notify(),
                error_block_length: spec.block,
                ack: ack.map(|a| ReadAck {
                    register: Gas::system_memory(a, 64),
                    preserve: ACK_PRESERVE,
                    write: ACK_WRITE,
                }),
            };
            Placed {
                spec: *spec,
                ghes,
                status: addr(status),
                ack,
                block: addr(block),
                malformed: Vec::new(),
            }
        })
        .collect();

    let header = hest.header();
    let oem = OemInfo {
        revision: header.revision,
        oem_id: header.oem_id,
        oem_table_id: header.oem_table_id,
        oem_revision: header
            .oem_revision
            .checked_add(1)
            .ok_or(HestCmdError::OemRevision)?,
        creator_id: header.creator_id,
        creator_revision: header.creator_revision,
    };
    let mut table = vec![0u8; qemu.len() + specs.len() * Ghes::SIZE_V2];
    let mut b = HestBuilder::new(&mut table, &oem)?;
    for s in &sources {
        b.source(s)?;
    }
    for p in &placed {
        b.ghes(&p.ghes)?;
    }
    let len = b.finish()?;
    table.truncate(len);
    let einj = mailbox.map(addr).map(|mailbox| Einj {
        table: einj::table(&oem, mailbox),
        mailbox,
    });
    let built = Built {
        table,
        qemu_sources: sources.len(),
        placed,
        region_base: base,
        malformed: Vec::new(),
        einj,
    };
    check(&built, &hest)?;
    if let Some(e) = &built.einj {
        einj::check(&e.table, &oem, e.mailbox).map_err(HestCmdError::SelfCheck)?;
    }
    Ok(built)
}

/// Parses the built table back and checks it against what was meant.
fn check(built: &Built, qemu: &Hest<'_>) -> Result<(), HestCmdError> {
    let fail = |msg: String| Err(HestCmdError::SelfCheck(msg));
    let hest = Hest::parse(&built.table).map_err(|e| HestCmdError::SelfCheck(e.to_string()))?;
    if !hest.checksum_ok() {
        return fail("checksum".into());
    }
    let want = built.qemu_sources + built.placed.len();
    if usize::try_from(hest.error_source_count()).ok() != Some(want) {
        return fail(format!(
            "error source count {} instead of {want}",
            hest.error_source_count()
        ));
    }
    let sources = hest
        .sources()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| HestCmdError::SelfCheck(e.to_string()))?;
    let copied = qemu.bytes().get(Hest::SUBTABLES_OFFSET..);
    if built.table.get(Hest::SUBTABLES_OFFSET..qemu.bytes().len()) != copied {
        return fail("QEMU's subtables are not copied byte for byte".into());
    }
    for (s, p) in sources.iter().skip(built.qemu_sources).zip(&built.placed) {
        if s.ghes() != Some(&p.ghes) {
            return fail(format!("source {} does not parse back as built", p.id()));
        }
        let valid = p
            .ghes
            .validate()
            .map_err(|e| HestCmdError::SelfCheck(e.to_string()))?;
        if let Some(w) = valid.warning {
            return fail(w.to_string());
        }
    }
    Ok(())
}

/// The EINJ table `--einj` writes (ACPI 6.5 section 18.6, Error Injection Table; Linux:
/// `struct acpi_table_einj` and `struct acpi_whea_header` in include/acpi/actbl1.h, read by
/// drivers/acpi/apei/einj-core.c) and the firmware mailbox page its registers lie in.
///
/// The mailbox (MB: its physical address; every register 64 bits):
///
/// | MB+    | what                                                                   |
/// |--------|------------------------------------------------------------------------|
/// | 0x00   | command: 1 written by BEGIN_INJECTION_OPERATION, 0 by END_OPERATION    |
/// | 0x08   | error type (SET_ERROR_TYPE; unused by Linux, which writes the type at 0x40) |
/// | 0x10   | available error types (GET_ERROR_TYPE), set by the firmware           |
/// | 0x20   | busy: 1 written by EXECUTE_OPERATION, cleared by the firmware when done |
/// | 0x28   | command status (GET_COMMAND_STATUS): 0 success, 1 fail, 2 invalid      |
/// | 0x30   | trigger error action table address (GET_TRIGGER_ERROR_ACTION_TABLE)   |
/// | 0x38   | execute operation timings (GET_EXECUTE_OPERATION_TIMINGS)             |
/// | 0x40   | `struct set_error_type_with_address` (36 bytes), SET_ERROR_TYPE_WITH_ADDRESS |
/// | 0x100  | trigger error action table, `struct acpi_einj_trigger` (16 bytes)     |
///
/// The tool only reserves the page; the guest's firmware initialises it (see the help).
pub mod einj {
    use hest::{Gas, OemInfo};

    /// Table signature.
    pub const SIGNATURE: [u8; 4] = *b"EINJ";
    /// Table revision.
    pub const REVISION: u8 = 1;
    /// Injection Header Size: the bytes after the ACPI header up to the entries.
    pub const HEADER_LENGTH: u32 = 12;
    /// Byte offset of Injection Header Size.
    pub const HEADER_LENGTH_OFFSET: usize = 36;
    /// Byte offset of Injection Flags (u8).
    pub const FLAGS_OFFSET: usize = 40;
    /// Byte offset of Injection Entry Count (u32).
    pub const COUNT_OFFSET: usize = 44;
    /// Byte offset of the first entry: `sizeof(struct acpi_table_einj)`.
    pub const ENTRIES_OFFSET: usize = 48;
    /// Size of an entry: `sizeof(struct acpi_whea_header)`.
    pub const ENTRY_SIZE: usize = 32;
    /// Size of the mailbox page.
    pub const MAILBOX_SIZE: u64 = 4096;
    /// Alignment of the mailbox page.
    pub const MAILBOX_ALIGN: u64 = 4096;

    /// Mailbox offset of the command register.
    pub const COMMAND: u64 = 0x00;
    /// Mailbox offset of the error type register.
    pub const ERROR_TYPE: u64 = 0x08;
    /// Mailbox offset of the available error types register.
    pub const AVAILABLE_TYPES: u64 = 0x10;
    /// Mailbox offset of the busy register.
    pub const BUSY: u64 = 0x20;
    /// Mailbox offset of the command status register.
    pub const COMMAND_STATUS: u64 = 0x28;
    /// Mailbox offset of the trigger error action table address register.
    pub const TRIGGER_TABLE_ADDRESS: u64 = 0x30;
    /// Mailbox offset of the execute operation timings register.
    pub const TIMINGS: u64 = 0x38;
    /// Mailbox offset of `struct set_error_type_with_address`.
    pub const PARAMETERS: u64 = 0x40;
    /// Size of `struct set_error_type_with_address` (ACPI 6.5 table 18.30's first fields).
    pub const PARAMETERS_SIZE: u64 = 36;
    /// Mailbox offset of the trigger error action table.
    pub const TRIGGER_TABLE: u64 = 0x100;
    /// Size of an empty trigger error action table (`struct acpi_einj_trigger`).
    pub const TRIGGER_TABLE_SIZE: u64 = 16;

    /// Injection instructions (ACPI 6.5 table 18.28; ACPICA's `enum acpi_einj_instructions`).
    pub mod instruction {
        /// READ_REGISTER.
        pub const READ_REGISTER: u8 = 0;
        /// READ_REGISTER_VALUE.
        pub const READ_REGISTER_VALUE: u8 = 1;
        /// WRITE_REGISTER.
        pub const WRITE_REGISTER: u8 = 2;
        /// WRITE_REGISTER_VALUE.
        pub const WRITE_REGISTER_VALUE: u8 = 3;
    }

    /// Injection actions (ACPI 6.5 table 18.27; ACPICA's `enum acpi_einj_actions`).
    pub mod action {
        /// BEGIN_INJECTION_OPERATION.
        pub const BEGIN_OPERATION: u8 = 0;
        /// GET_TRIGGER_ERROR_ACTION_TABLE.
        pub const GET_TRIGGER_TABLE: u8 = 1;
        /// SET_ERROR_TYPE.
        pub const SET_ERROR_TYPE: u8 = 2;
        /// GET_ERROR_TYPE.
        pub const GET_ERROR_TYPE: u8 = 3;
        /// END_OPERATION.
        pub const END_OPERATION: u8 = 4;
        /// EXECUTE_OPERATION.
        pub const EXECUTE_OPERATION: u8 = 5;
        /// CHECK_BUSY_STATUS.
        pub const CHECK_BUSY_STATUS: u8 = 6;
        /// GET_COMMAND_STATUS.
        pub const GET_COMMAND_STATUS: u8 = 7;
        /// SET_ERROR_TYPE_WITH_ADDRESS.
        pub const SET_ERROR_TYPE_WITH_ADDRESS: u8 = 8;
        /// GET_EXECUTE_OPERATION_TIMINGS.
        pub const GET_EXECUTE_TIMINGS: u8 = 9;
    }

    /// Mask of every entry but CHECK_BUSY_STATUS and GET_COMMAND_STATUS.
    pub const ALL_ONES: u64 = u64::MAX;

    /// One injection instruction entry, its register at mailbox offset `offset`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Entry {
        /// Injection action.
        pub action: u8,
        /// Instruction.
        pub instruction: u8,
        /// The register's offset in the mailbox.
        pub offset: u64,
        /// Value.
        pub value: u64,
        /// Mask.
        pub mask: u64,
    }

    impl Entry {
        /// The entry's register for a mailbox at `mailbox`: system memory, 64 bits at bit
        /// 0, access size 4 (QWord).
        pub const fn register(&self, mailbox: u64) -> Gas {
            Gas::system_memory(mailbox + self.offset, 64)
        }
    }

    const fn entry(action: u8, instruction: u8, offset: u64, value: u64, mask: u64) -> Entry {
        Entry {
            action,
            instruction,
            offset,
            value,
            mask,
        }
    }

    /// The table's entries, in action order.
    pub const ENTRIES: [Entry; 10] = {
        use action::*;
        use instruction::*;
        [
            entry(BEGIN_OPERATION, WRITE_REGISTER_VALUE, COMMAND, 1, ALL_ONES),
            entry(
                GET_TRIGGER_TABLE,
                READ_REGISTER,
                TRIGGER_TABLE_ADDRESS,
                0,
                ALL_ONES,
            ),
            entry(SET_ERROR_TYPE, WRITE_REGISTER, ERROR_TYPE, 0, ALL_ONES),
            entry(GET_ERROR_TYPE, READ_REGISTER, AVAILABLE_TYPES, 0, ALL_ONES),
            entry(END_OPERATION, WRITE_REGISTER_VALUE, COMMAND, 0, ALL_ONES),
            entry(EXECUTE_OPERATION, WRITE_REGISTER_VALUE, BUSY, 1, ALL_ONES),
            entry(CHECK_BUSY_STATUS, READ_REGISTER_VALUE, BUSY, 1, 0x1),
            entry(GET_COMMAND_STATUS, READ_REGISTER, COMMAND_STATUS, 0, 0xff),
            entry(
                SET_ERROR_TYPE_WITH_ADDRESS,
                WRITE_REGISTER,
                PARAMETERS,
                0,
                ALL_ONES,
            ),
            entry(GET_EXECUTE_TIMINGS, READ_REGISTER, TIMINGS, 0, ALL_ONES),
        ]
    };

    /// The table's length: 48 + 10 * 32 = 368 bytes.
    pub const TABLE_LENGTH: usize = ENTRIES_OFFSET + ENTRIES.len() * ENTRY_SIZE;

    /// The EINJ table for a mailbox at `mailbox`, with `oem`'s OEM and creator fields (its
    /// revision aside: the table's is [`REVISION`]) and a checksum that adds up.
    pub fn table(oem: &OemInfo, mailbox: u64) -> Vec<u8> {
        let mut t = Vec::with_capacity(TABLE_LENGTH);
        t.extend_from_slice(&SIGNATURE);
        t.extend_from_slice(&(TABLE_LENGTH as u32).to_le_bytes());
        t.push(REVISION);
        t.push(0); // checksum, set below
        t.extend_from_slice(&oem.oem_id);
        t.extend_from_slice(&oem.oem_table_id);
        t.extend_from_slice(&oem.oem_revision.to_le_bytes());
        t.extend_from_slice(&oem.creator_id);
        t.extend_from_slice(&oem.creator_revision.to_le_bytes());
        t.extend_from_slice(&HEADER_LENGTH.to_le_bytes());
        t.push(0); // injection flags
        t.extend_from_slice(&[0; 3]); // reserved
        t.extend_from_slice(&(ENTRIES.len() as u32).to_le_bytes());
        for e in &ENTRIES {
            t.push(e.action);
            t.push(e.instruction);
            t.push(0); // flags
            t.push(0); // reserved
            t.extend_from_slice(&e.register(mailbox).to_bytes());
            t.extend_from_slice(&e.value.to_le_bytes());
            t.extend_from_slice(&e.mask.to_le_bytes());
        }
        t[hest::AcpiHeader::CHECKSUM_OFFSET] = 0u8.wrapping_sub(hest::checksum(&t));
        t
    }

    /// Reads `t` back as Linux's `einj_check_table()` and `einj_get_parameter_address()`
    /// do, and checks it is [`table`]`(oem, mailbox)` in substance: every register a
    /// QWord in system memory inside the mailbox page and before the trigger table (Linux
    /// requests the registers' bytes and, later, the trigger table's as two resources),
    /// the parameters' 36 bytes too.
    pub fn check(t: &[u8], oem: &OemInfo, mailbox: u64) -> Result<(), String> {
        let u32_at = |o: usize| {
            t.get(o..o + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(u32::from_le_bytes)
        };
        let u64_at = |o: usize| {
            t.get(o..o + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map(u64::from_le_bytes)
        };
        let header = hest::AcpiHeader::from_bytes(t).ok_or("EINJ: no header")?;
        let want_header = hest::AcpiHeader {
            signature: SIGNATURE,
            length: header.length,
            revision: REVISION,
            checksum: header.checksum,
            oem_id: oem.oem_id,
            oem_table_id: oem.oem_table_id,
            oem_revision: oem.oem_revision,
            creator_id: oem.creator_id,
            creator_revision: oem.creator_revision,
        };
        if header != want_header {
            return Err(format!("EINJ header {header:?}"));
        }
        if usize::try_from(header.length).ok() != Some(t.len()) || t.len() < ENTRIES_OFFSET {
            return Err(format!(
                "EINJ length {} of {} bytes",
                header.length,
                t.len()
            ));
        }
        if hest::checksum(t) != 0 {
            return Err("EINJ checksum".into());
        }
        if u32_at(HEADER_LENGTH_OFFSET) != Some(HEADER_LENGTH) || t[FLAGS_OFFSET] != 0 {
            return Err("EINJ injection header size or flags".into());
        }
        let count = u32_at(COUNT_OFFSET).and_then(|c| usize::try_from(c).ok());
        if count != Some((t.len() - ENTRIES_OFFSET) / ENTRY_SIZE) || count != Some(ENTRIES.len()) {
            return Err(format!("EINJ entry count {count:?} for {} bytes", t.len()));
        }
        if TRIGGER_TABLE + TRIGGER_TABLE_SIZE > MAILBOX_SIZE {
            return Err("EINJ trigger table outside the mailbox".into());
        }
        let registers = u128::from(mailbox)..u128::from(mailbox) + u128::from(TRIGGER_TABLE);
        for (i, want) in ENTRIES.iter().enumerate() {
            let o = ENTRIES_OFFSET + i * ENTRY_SIZE;
            let gas = t
                .get(o + 4..o + 16)
                .and_then(|b| <[u8; Gas::SIZE]>::try_from(b).ok())
                .map(|b| Gas::from_bytes(&b));
            let got = (t.get(o..o + 4), gas, u64_at(o + 16), u64_at(o + 24));
            let expected = (
                Some(&[want.action, want.instruction, 0, 0][..]),
                Some(want.register(mailbox)),
                Some(want.value),
                Some(want.mask),
            );
            if got != expected {
                return Err(format!("EINJ entry {i}: {got:?} instead of {expected:?}"));
            }
            let start = u128::from(mailbox) + u128::from(want.offset);
            let len = if want.action == action::SET_ERROR_TYPE_WITH_ADDRESS {
                PARAMETERS_SIZE
            } else {
                8
            };
            if !registers.contains(&start) || !registers.contains(&(start + u128::from(len) - 1)) {
                return Err(format!(
                    "EINJ entry {i}: register outside the mailbox's first {TRIGGER_TABLE:#x} \
                     bytes"
                ));
            }
        }
        Ok(())
    }
}

/// Offsets inside a GHES / GHESv2 subtable (ACPI 6.5 tables 18.11 and 18.13) of the fields
/// `--malform` overwrites.
pub mod ghes_offset {
    /// Source Id (u16).
    pub const SOURCE_ID: usize = 2;
    /// Enabled (u8).
    pub const ENABLED: usize = 7;
    /// Error Status Address GAS: Address Space ID (u8).
    pub const STATUS_SPACE_ID: usize = 20;
    /// Error Status Address GAS: Register Bit Width (u8).
    pub const STATUS_BIT_WIDTH: usize = 21;
    /// Error Status Address GAS: Address (u64).
    pub const STATUS_ADDRESS: usize = 24;
    /// Error Status Block Length (u32).
    pub const BLOCK_LENGTH: usize = 60;
}

/// Byte offset of the ACPI header's Length field.
const LENGTH_OFFSET: usize = 4;
/// Byte offset of the ACPI header's Checksum field.
const CHECKSUM_OFFSET: usize = 9;
/// `huge-block`'s Error Status Block Length: 16 MiB, above the 64 KiB Linux accepts.
pub const HUGE_BLOCK: u32 = 0x0100_0000;
/// `gas-space`'s Address Space ID: 0x0b, the Platform Runtime Mechanism (ACPI 6.5 table
/// 5.1; ACPICA's `ACPI_ADR_SPACE_PLATFORM_RT`), which is not system memory: no GHES driver
/// can read an error status address there.
pub const PRM_SPACE_ID: u8 = 0x0b;
/// `gas-width`'s Register Bit Width: not a whole number of bytes.
pub const ODD_BIT_WIDTH: u8 = 7;
/// `unknown-type`'s subtable type (reserved).
pub const UNKNOWN_TYPE: u16 = 0x7f;
/// `unknown-type`'s garbage: bytes after the type field, and their value.
pub const UNKNOWN_GARBAGE: (usize, u8) = (24, 0xab);
/// `truncate`: bytes cut from the last subtable.
pub const TRUNCATE_BYTES: usize = 12;

/// One `--malform` argument. `N` is the 1-based position of a `--source` among the new
/// sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Malformation {
    /// `zero-block:N`: Error Status Block Length 0.
    ZeroBlock(usize),
    /// `huge-block:N`: Error Status Block Length [`HUGE_BLOCK`].
    HugeBlock(usize),
    /// `gas-space:N`: Error Status Address space id [`PRM_SPACE_ID`] (PRM).
    GasSpace(usize),
    /// `gas-width:N`: Error Status Address bit width [`ODD_BIT_WIDTH`].
    GasWidth(usize),
    /// `duplicate-id:N`: the source id of the table's first source.
    DuplicateId(usize),
    /// `overlap:N`: the Error Status Address (register address) of source N-1.
    Overlap(usize),
    /// `disabled:N`: Enabled 0.
    Disabled(usize),
    /// `unknown-type`: a subtable of type [`UNKNOWN_TYPE`] appended and counted.
    UnknownType,
    /// `truncate`: the last subtable cut short by [`TRUNCATE_BYTES`].
    Truncate,
}

impl Malformation {
    /// Every WHAT, as the help lists them.
    pub const NAMES: [&'static str; 9] = [
        "zero-block",
        "huge-block",
        "gas-space",
        "gas-width",
        "duplicate-id",
        "overlap",
        "disabled",
        "unknown-type",
        "truncate",
    ];

    /// The name without `:N`, as in the layout file's `malformed=` column.
    pub fn name(self) -> &'static str {
        match self {
            Self::ZeroBlock(_) => "zero-block",
            Self::HugeBlock(_) => "huge-block",
            Self::GasSpace(_) => "gas-space",
            Self::GasWidth(_) => "gas-width",
            Self::DuplicateId(_) => "duplicate-id",
            Self::Overlap(_) => "overlap",
            Self::Disabled(_) => "disabled",
            Self::UnknownType => "unknown-type",
            Self::Truncate => "truncate",
        }
    }

    /// The new source it applies to (1-based), `None` for the table-wide ones.
    pub fn source(self) -> Option<usize> {
        match self {
            Self::ZeroBlock(n)
            | Self::HugeBlock(n)
            | Self::GasSpace(n)
            | Self::GasWidth(n)
            | Self::DuplicateId(n)
            | Self::Overlap(n)
            | Self::Disabled(n) => Some(n),
            Self::UnknownType | Self::Truncate => None,
        }
    }

    /// Parses `WHAT` (syntax only; [`check_malformations`] checks it against the sources).
    pub fn parse(what: &str) -> Result<Self, HestCmdError> {
        let usage = |msg: String| HestCmdError::Usage(format!("--malform {what}: {msg}"));
        let (name, n) = match what.split_once(':') {
            Some((name, n)) => (name, Some(n)),
            None => (what, None),
        };
        let per_source: Option<fn(usize) -> Self> = match name {
            "zero-block" => Some(Self::ZeroBlock),
            "huge-block" => Some(Self::HugeBlock),
            "gas-space" => Some(Self::GasSpace),
            "gas-width" => Some(Self::GasWidth),
            "duplicate-id" => Some(Self::DuplicateId),
            "overlap" => Some(Self::Overlap),
            "disabled" => Some(Self::Disabled),
            "unknown-type" | "truncate" => None,
            _ => {
                return Err(usage(format!(
                    "unknown malformation '{name}' (one of: {})",
                    Self::NAMES.join(", ")
                )))
            }
        };
        match (per_source, n) {
            (Some(make), Some(n)) => {
                let n = number(n).map_err(|e| usage(format!("source number: {e}")))?;
                let n = usize::try_from(n)
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| usage("N counts the --source options from 1".into()))?;
                Ok(make(n))
            }
            (Some(_), None) => Err(usage(format!(
                "{name} needs the --source it applies to ({name}:N)"
            ))),
            (None, Some(_)) => Err(usage(format!(
                "{name} applies to the whole table and takes no :N"
            ))),
            (None, None) if name == "truncate" => Ok(Self::Truncate),
            (None, None) => Ok(Self::UnknownType),
        }
    }
}

impl fmt::Display for Malformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source() {
            Some(n) => write!(f, "{}:{n}", self.name()),
            None => f.write_str(self.name()),
        }
    }
}

/// One malformation written into a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// What was asked.
    pub what: Malformation,
    /// Byte offset in the table of the first byte written or cut.
    pub offset: usize,
    /// What the bytes there now say.
    pub detail: String,
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (offset {}: {})", self.what, self.offset, self.detail)
    }
}

/// Checks `list` against `sources` new sources: each N names one, `overlap` has a source
/// before it, nothing is asked twice, no two ask for the same field, `truncate` has a new
/// source to cut, and `truncate` and `unknown-type` are not combined.
pub fn check_malformations(list: &[Malformation], sources: usize) -> Result<(), HestCmdError> {
    let usage =
        |m: &Malformation, msg: String| HestCmdError::Usage(format!("--malform {m}: {msg}"));
    for (i, m) in list.iter().enumerate() {
        if list[..i].contains(m) {
            return Err(usage(m, "given twice".into()));
        }
        match (*m, m.source()) {
            (_, Some(n)) if n > sources => {
                return Err(usage(
                    m,
                    format!(
                        "there {} only {sources} --source option(s); N counts them from 1 \
                         (QEMU's sources are never malformed)",
                        if sources == 1 { "is" } else { "are" }
                    ),
                ))
            }
            (Malformation::Overlap(1), _) => {
                return Err(usage(
                    m,
                    "the first --source has no new source before it to share a register \
                     with; overlap:N needs N >= 2"
                        .into(),
                ))
            }
            (Malformation::ZeroBlock(n) | Malformation::HugeBlock(n), _) => {
                let other = [Malformation::ZeroBlock(n), Malformation::HugeBlock(n)];
                if let Some(first) = list[..i].iter().find(|o| other.contains(o)) {
                    return Err(usage(
                        m,
                        format!("{first} already sets source {n}'s block length"),
                    ));
                }
            }
            (Malformation::Truncate, _) if sources == 0 => {
                return Err(usage(
                    m,
                    "the last subtable would be QEMU's, which is never malformed; give a \
                     --source"
                        .into(),
                ))
            }
            (Malformation::Truncate | Malformation::UnknownType, _)
                if list[..i]
                    .iter()
                    .any(|o| matches!(o, Malformation::Truncate | Malformation::UnknownType)) =>
            {
                return Err(usage(
                    m,
                    "truncate and unknown-type do not combine (the last subtable would be the \
                     unknown one, whose length nobody knows anyway)"
                        .into(),
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes `list` over `built`'s sound table, in source order then in the order of
/// [`Malformation`]'s variants (so a chain `overlap:2 overlap:3` puts sources 1, 2 and 3
/// on one register), then fixes Length, Error Source Count and Checksum so the header
/// matches the bytes. Records each malformation in [`Built::malformed`] and each
/// per-source one in its [`Placed::malformed`]; the placements stay those of a sound
/// source, so the layout file keeps every address valid, unique RAM.
pub fn malform(built: &mut Built, list: &[Malformation]) -> Result<(), HestCmdError> {
    check_malformations(list, built.placed.len())?;
    if list.is_empty() {
        return Ok(());
    }
    let self_check = |e: String| HestCmdError::SelfCheck(e);
    let (first_id, offsets, last, count) = {
        let hest = Hest::parse(&built.table).map_err(|e| self_check(e.to_string()))?;
        let sources = hest
            .sources()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self_check(e.to_string()))?;
        let offsets: Vec<usize> = sources
            .iter()
            .skip(built.qemu_sources)
            .map(ErrorSource::offset)
            .collect();
        let last = sources.last().map(|s| (s.offset(), s.len()));
        let first = sources.first().map(ErrorSource::source_id);
        (first, offsets, last, hest.error_source_count())
    };
    if offsets.len() != built.placed.len() {
        return Err(self_check(format!(
            "{} new subtable(s) for {} new source(s)",
            offsets.len(),
            built.placed.len()
        )));
    }
    let mut sorted = list.to_vec();
    sorted.sort_by_key(|m| (m.source().unwrap_or(usize::MAX), *m));
    let mut table = built.table.clone();
    let mut count = count;
    let mut applied = Vec::with_capacity(sorted.len());
    for m in sorted {
        let at = |field: usize| {
            m.source()
                .and_then(|n| offsets.get(n - 1))
                .map(|o| o + field)
        };
        let (offset, detail) = match m {
            Malformation::ZeroBlock(_) | Malformation::HugeBlock(_) => {
                let len = if matches!(m, Malformation::ZeroBlock(_)) {
                    0
                } else {
                    HUGE_BLOCK
                };
                let o = patch(
                    &mut table,
                    at(ghes_offset::BLOCK_LENGTH),
                    &len.to_le_bytes(),
                )?;
                (o, format!("error status block length {len:#x}"))
            }
            Malformation::GasSpace(_) => {
                let o = patch(
                    &mut table,
                    at(ghes_offset::STATUS_SPACE_ID),
                    &[PRM_SPACE_ID],
                )?;
                (
                    o,
                    format!("error status address space id {PRM_SPACE_ID:#04x}"),
                )
            }
            Malformation::GasWidth(_) => {
                let o = patch(
                    &mut table,
                    at(ghes_offset::STATUS_BIT_WIDTH),
                    &[ODD_BIT_WIDTH],
                )?;
                (o, format!("error status address bit width {ODD_BIT_WIDTH}"))
            }
            Malformation::DuplicateId(_) => {
                let id = first_id.ok_or_else(|| self_check("no first source".into()))?;
                let o = patch(&mut table, at(ghes_offset::SOURCE_ID), &id.to_le_bytes())?;
                (o, format!("source id {id}, the first source's"))
            }
            Malformation::Overlap(n) => {
                let prev = offsets
                    .get(n.wrapping_sub(2))
                    .map(|o| o + ghes_offset::STATUS_ADDRESS)
                    .and_then(|o| table.get(o..o + 8))
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .ok_or_else(|| self_check(format!("overlap:{n}: no source {}", n - 1)))?;
                let o = patch(&mut table, at(ghes_offset::STATUS_ADDRESS), &prev)?;
                (
                    o,
                    format!(
                        "error status address {:#x}, source {}'s",
                        u64::from_le_bytes(prev),
                        n - 1
                    ),
                )
            }
            Malformation::Disabled(_) => {
                let o = patch(&mut table, at(ghes_offset::ENABLED), &[0])?;
                (o, "enabled 0".to_string())
            }
            Malformation::UnknownType => {
                let o = table.len();
                let (len, byte) = UNKNOWN_GARBAGE;
                table.extend_from_slice(&UNKNOWN_TYPE.to_le_bytes());
                table.resize(table.len() + len, byte);
                count += 1;
                (
                    o,
                    format!(
                        "subtable type {UNKNOWN_TYPE:#x} then {len} bytes of {byte:#x}; error \
                         source count {count}"
                    ),
                )
            }
            Malformation::Truncate => {
                let (o, len) = last.ok_or_else(|| self_check("no last subtable".into()))?;
                let cut = o + len - TRUNCATE_BYTES;
                table.truncate(cut);
                (
                    cut,
                    format!(
                        "the subtable at offset {o} ends {TRUNCATE_BYTES} bytes short, {} of \
                         {len} bytes",
                        len - TRUNCATE_BYTES
                    ),
                )
            }
        };
        applied.push(Applied {
            what: m,
            offset,
            detail,
        });
    }
    let length = u32::try_from(table.len()).map_err(|_| self_check("table too long".into()))?;
    patch(&mut table, Some(LENGTH_OFFSET), &length.to_le_bytes())?;
    patch(&mut table, Some(Hest::COUNT_OFFSET), &count.to_le_bytes())?;
    patch(&mut table, Some(CHECKSUM_OFFSET), &[0])?;
    let sum = hest::checksum(&table);
    patch(&mut table, Some(CHECKSUM_OFFSET), &[0u8.wrapping_sub(sum)])?;
    let hest = Hest::parse(&table).map_err(|e| self_check(e.to_string()))?;
    if hest.bytes().len() != table.len() || !hest.checksum_ok() {
        return Err(self_check("malformed table: length or checksum".into()));
    }
    for a in &applied {
        if let Some(p) = a.what.source().and_then(|n| built.placed.get_mut(n - 1)) {
            p.malformed.push(a.what);
        }
    }
    built.table = table;
    built.malformed = applied;
    Ok(())
}

/// Writes `bytes` at `offset` of `table`; returns `offset`.
fn patch(table: &mut [u8], offset: Option<usize>, bytes: &[u8]) -> Result<usize, HestCmdError> {
    offset
        .and_then(|o| Some((o, table.get_mut(o..o.checked_add(bytes.len())?)?)))
        .map(|(o, dst)| {
            dst.copy_from_slice(bytes);
            o
        })
        .ok_or_else(|| HestCmdError::SelfCheck(format!("no byte {offset:?} to malform")))
}

/// The parsed command line.
/// `ghes-inject hest`'s options (parsed by clap, src/cli.rs).
#[derive(Debug, Default)]
pub struct Args {
    /// `--qemu-hest FILE`.
    pub qemu_hest: String,
    /// `--qemu-block ADDR[,ADDR...]`.
    pub qemu_blocks: Vec<u64>,
    /// `--source SPEC`, in order.
    pub specs: Vec<SourceSpec>,
    /// `--malform WHAT`, in order.
    pub malform: Vec<Malformation>,
    /// `-o HEST_OUT`.
    pub output: String,
    /// `--layout LAYOUT_OUT`.
    pub layout: String,
    /// `--einj EINJ_OUT`.
    pub einj: Option<String>,
}

/// Runs `ghes-inject hest` with its parsed options: writes the HEST, the layout file and,
/// with `--einj`, the EINJ table, prints the malformations applied (if any) on stderr, and
/// returns the summary line to print (on stdout).
pub fn run(a: Args) -> Result<String, HestCmdError> {
    let (qemu_hest, qemu_blocks, output, layout) = (a.qemu_hest, a.qemu_blocks, a.output, a.layout);
    check_malformations(&a.malform, a.specs.len())?;
    let qemu = std::fs::read(&qemu_hest).map_err(|e| HestCmdError::Io {
        action: "read",
        path: qemu_hest.clone(),
        error: e.to_string(),
    })?;
    let mut built = if a.einj.is_some() {
        build_with_einj(&qemu, &qemu_blocks, &a.specs)?
    } else {
        build(&qemu, &qemu_blocks, &a.specs)?
    };
    malform(&mut built, &a.malform)?;
    let layout_text = built.layout();
    let mut files = vec![
        (&output, built.table.as_slice()),
        (&layout, layout_text.as_bytes()),
    ];
    if let (Some(path), Some(e)) = (&a.einj, &built.einj) {
        files.push((path, e.table.as_slice()));
    }
    for (path, bytes) in files {
        std::fs::write(path, bytes).map_err(|e| HestCmdError::Io {
            action: "write",
            path: path.clone(),
            error: e.to_string(),
        })?;
    }
    if !built.malformed.is_empty() {
        let list: Vec<String> = built.malformed.iter().map(Applied::to_string).collect();
        eprintln!(
            "ghes-inject hest: {output} is malformed on purpose: {}",
            list.join("; ")
        );
    }
    let einj = match (&a.einj, &built.einj) {
        (Some(path), Some(e)) => format!(
            "; {path}: EINJ of {} bytes, {} entries, mailbox {:#x} ({} bytes)",
            e.table.len(),
            einj::ENTRIES.len(),
            e.mailbox,
            einj::MAILBOX_SIZE
        ),
        _ => String::new(),
    };
    Ok(format!(
        "{output}: HEST of {} bytes, {} error source(s) ({} from QEMU, {} new), OEM revision \
         {}; layout of the new sources in {layout}{einj}",
        built.table.len(),
        built.qemu_sources + built.placed.len(),
        built.qemu_sources,
        built.placed.len(),
        Hest::parse(&built.table).map_or(0, |h| h.oem_revision())
    ))
}
