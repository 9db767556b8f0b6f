// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject corpus --malformed -o DIR`: the lab's corpus of hostile records, for a
//! robustness test. Each is a valid Generic Error Status Block from [`EstatusBuilder`] with a
//! few bytes corrupted the way a firmware bug would (ACPI 6.5 tables 18.14 and 18.15 field
//! offsets), and every one is refused by ghes_rs at one of its three checks:
//!
//! 1. [`Stage::Header`]: [`Estatus::peek_len`] on the 20-byte header fails; the notification
//!    handler logs `source N: bad record header: {e}`;
//! 2. [`Stage::Block`]: the length `peek_len` gives exceeds the source's 4096-byte block;
//!    it logs `source N: record of {len} bytes overruns the 4096-byte block`;
//! 3. [`Stage::Parse`]: [`Estatus::parse`] of the `len` bytes copied fails; irq_work logs
//!    `source N: record rejected: {e}`.
//!
//! For each record the command writes DIR/NN-name.cper (the bytes: a multiple of 4, at most
//! 4096, Block Status non-zero, and every byte ghes_rs copies present), DIR/NN-name.expect (one
//! line: what ghes_rs logs after `source N: `, computed with the same cper functions) and a
//! line `NN-name` in DIR/index. A record that ghes_rs would accept is a bug in the corpus:
//! generating it fails. There is no expectation for the good record the lab test writes
//! after each bad one: ghes_rs logs no `source N:` problem line for it.
//!
//! Not in the corpus, because [`Estatus::parse`] (like Linux's `cper_estatus_check()`)
//! accepts them: `data_length` 0 with the Block Status entry count set (a record with no
//! entries), an entry count that disagrees with entries that do fill `data_length` exactly,
//! a header `error_severity` above 3, and section bodies that are bad inside a well-formed
//! entry (ARM ERR_INFO_NUM or Section Length disagreeing with `error_data_length`, a memory
//! section with `error_data_length` 10 and `data_length` to match). The cases below carry those
//! faults together with the `data_length` a firmware writing them would plausibly compute,
//! which is what gets them refused; the unit tests check the excluded forms do parse.

use std::path::Path;

use cper::{
    ArmErrInfo as E, ArmErrInfoSpec, ArmSpec, BlockStatus, BodySpec, Estatus, EstatusBuilder,
    FwErrRecRefSpec, MemError as M, MemErrorSpec, PcieSpec, ProcGenericSpec, SectionSpec,
};

use super::corpus::{add_sections, PA_BASE};

/// The Error Status Block Length of the lab's polled source.
pub(crate) const BLOCK_LEN: usize = 4096;

/// Generic Error Status Block fields (ACPI 6.5 table 18.14).
const BLOCK_STATUS: usize = 0;
const RAW_DATA_OFFSET: usize = 4;
const RAW_DATA_LENGTH: usize = 8;
const DATA_LENGTH: usize = 12;
const HEADER_LEN: usize = Estatus::HEADER_LEN;

/// Generic Error Data Entry fields (ACPI 6.5 table 18.15), from the entry's start.
const GEDE_ERROR_DATA_LENGTH: usize = 24;
/// Entry header sizes: revision 3 (0x0300, what QEMU and the builder write) and before.
const GEDE_V3_LEN: usize = 72;
const GEDE_V2_LEN: usize = 64;

/// ARM processor error section fields (UEFI 2.10 N.2.4.4), from the body's start.
const ARM_ERR_INFO_NUM: usize = 4;
const ARM_SECTION_LENGTH: usize = 8;
/// The fixed part of an ARM section and one error information structure.
const ARM_LEN: usize = 40;
const ARM_ERR_INFO_LEN: usize = 32;

/// The (valid) platform memory error body: 80 bytes.
const MEM_BODY_LEN: usize = 80;

/// CPER severities.
const RECOVERABLE: u32 = 0;
const CORRECTED: u32 = 2;

/// Which check of ghes_rs refuses a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// [`Estatus::peek_len`] fails in the notification handler.
    Header,
    /// The header's length exceeds the source's block.
    Block,
    /// [`Estatus::parse`] fails in irq_work.
    Parse,
}

/// What ghes_rs does with `bytes` written at the start of a [`BLOCK_LEN`]-byte error status
/// block: the check that refuses it and the text it logs after `source N: `. An error when it
/// would not refuse it, or when the result depends on block bytes past `bytes`.
pub(crate) fn verdict(bytes: &[u8]) -> Result<(Stage, String), String> {
    if !matches!(bytes.get(..4), Some(b) if b != [0; 4]) {
        return Err("block_status is 0: ghes_rs sees no record".into());
    }
    let header = bytes
        .get(..HEADER_LEN)
        .ok_or_else(|| format!("{} bytes do not hold a header", bytes.len()))?;
    let len = match Estatus::peek_len(header) {
        Err(e) => return Ok((Stage::Header, format!("bad record header: {e}"))),
        Ok(len) if len > BLOCK_LEN => {
            return Ok((
                Stage::Block,
                format!("record of {len} bytes overruns the {BLOCK_LEN}-byte block"),
            ))
        }
        Ok(len) => len,
    };
    let record = bytes.get(..len).ok_or_else(|| {
        format!(
            "ghes_rs copies {len} bytes, only {} are written",
            bytes.len()
        )
    })?;
    match Estatus::parse(record) {
        Err(e) => Ok((Stage::Parse, format!("record rejected: {e}"))),
        Ok(est) => Err(format!(
            "parses cleanly ({} entries): ghes_rs would accept it",
            est.section_count()
        )),
    }
}

/// One hostile record.
pub(crate) struct Case {
    /// `NN-name`.
    pub(crate) name: String,
    /// What is corrupted.
    pub(crate) what: &'static str,
    /// The bytes to write at the start of the block.
    pub(crate) bytes: Vec<u8>,
}

fn get_u32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().expect("4 bytes"))
}

fn set_u32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// A valid record of `severity` with `sections` (the first marked primary) and `raw` data,
/// as firmware would write it before the bug strikes.
fn build(severity: u32, sections: &[SectionSpec<'_>], raw: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; BLOCK_LEN];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("a block holds a header");
        add_sections(&mut b, severity, sections);
        if !raw.is_empty() {
            b.raw_data(raw).expect("the raw data fits the block");
        }
        b.finish().expect("a built record is complete")
    };
    buf.truncate(len);
    let est = Estatus::parse(&buf).expect("the builder writes valid records");
    assert!(est.anomalies().is_clean(), "{}", est.anomalies());
    buf
}

/// A memory error body at `pa`: multi-bit ECC (type 3), as QEMU reports one.
fn mem(pa: u64) -> BodySpec<'static> {
    BodySpec::Memory(MemErrorSpec {
        validation_bits: M::VALID_PA | M::VALID_ERROR_TYPE,
        physical_addr: pa,
        error_type: 3,
        ..Default::default()
    })
}

/// A revision-3 section of `severity`.
fn sec(body: BodySpec<'_>, severity: u32) -> SectionSpec<'_> {
    SectionSpec::new(body).severity(severity)
}

/// `n` ARM cache error information structures, the first at `pa`.
fn arm_infos(n: usize, pa: u64) -> Vec<ArmErrInfoSpec> {
    (0..n)
        .map(|i| ArmErrInfoSpec {
            error_type: E::TYPE_CACHE,
            validation_bits: E::VALID_ERR_INFO | E::VALID_PHYSICAL_ADDR,
            error_info: 0x7f | 1 << 16 | 3 << 18 | 2 << 22,
            physical_fault_addr: pa + 0x40 * i as u64,
            ..Default::default()
        })
        .collect()
}

/// An ARM processor error body with `infos`.
fn arm(infos: &[ArmErrInfoSpec]) -> BodySpec<'_> {
    BodySpec::Arm(ArmSpec {
        validation_bits: cper::ArmProcessor::VALID_MPIDR | cper::ArmProcessor::VALID_AFFINITY_LEVEL,
        affinity_level: 1,
        mpidr: 0x0000_0000_8000_0001,
        midr: 0x0000_0000_410f_d0c1,
        running_state: 1,
        err_infos: infos,
        ..Default::default()
    })
}

/// The records built so far.
#[derive(Default)]
struct Cases(Vec<Case>);

impl Cases {
    /// The base of the next record's address page: above 4 GiB, outside the guest's RAM.
    fn pa(&self) -> u64 {
        PA_BASE + 0x10_0000 + self.0.len() as u64 * 0x1000
    }

    /// Adds `bytes` as `desc`, zero-padded to a multiple of 4 bytes.
    fn add(&mut self, desc: &str, what: &'static str, mut bytes: Vec<u8>) {
        bytes.resize(bytes.len().next_multiple_of(4), 0);
        let name = format!("{:02}-{desc}", self.0.len());
        self.0.push(Case { name, what, bytes });
    }
}

/// Builds every case; panics if one would be accepted (a bug in the corpus).
pub(crate) fn cases() -> Vec<Case> {
    let mut c = Cases::default();
    // One revision-3 memory entry: 20 + 72 + 80 = 172 bytes, data_length 152.
    let one_mem = |pa| build(RECOVERABLE, &[sec(mem(pa), RECOVERABLE)], &[]);
    let entry = GEDE_V3_LEN + MEM_BODY_LEN;

    // Stage 1: the header alone is refused.
    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, (entry / 4) as u32);
    c.add(
        "data-length-in-dwords",
        "data_length counted in 32-bit words (38 for 152 bytes), below a 64-byte entry header",
        b,
    );

    let fw = FwErrRecRefSpec {
        record_type: 1,
        revision: 0,
        record_identifier: 0x5e_cafe,
        ..Default::default()
    };
    let mut b = build(CORRECTED, &[sec(BodySpec::FwErrRecRef(fw), CORRECTED)], &[]);
    let edl = get_u32(&b, HEADER_LEN + GEDE_ERROR_DATA_LENGTH);
    set_u32(&mut b, DATA_LENGTH, edl);
    c.add(
        "data-length-is-body-length",
        "data_length copied from the entry's error_data_length (16): the entry header is not counted",
        b,
    );

    let mut b = build(
        CORRECTED,
        &[sec(mem(c.pa()), CORRECTED)],
        b"raw register dump",
    );
    set_u32(&mut b, RAW_DATA_OFFSET, (HEADER_LEN + GEDE_V3_LEN) as u32);
    c.add(
        "raw-data-overlaps-sections",
        "raw_data_offset points at the memory section's body, inside data_length",
        b,
    );

    let mut b = build(
        CORRECTED,
        &[sec(mem(c.pa()), CORRECTED)],
        b"raw register dump",
    );
    set_u32(&mut b, RAW_DATA_OFFSET, 0);
    c.add(
        "raw-data-offset-zero",
        "raw_data_length set but raw_data_offset left 0 (inside the header)",
        b,
    );

    let mut b = build(
        CORRECTED,
        &[sec(mem(c.pa()), CORRECTED)],
        b"raw register dump",
    );
    set_u32(&mut b, RAW_DATA_LENGTH, u32::MAX);
    c.add(
        "raw-data-length-all-ones",
        "raw_data_length 0xffffffff (erased flash): raw_data_offset + raw_data_length wraps 32 bits",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, u32::MAX);
    c.add(
        "data-length-all-ones",
        "data_length 0xffffffff: 20 + data_length wraps 32 bits",
        b,
    );

    // Stage 2: the length the header gives overruns the 4096-byte block.
    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, 5000);
    c.add(
        "data-length-5000",
        "data_length 5000: the record would end past the 4096-byte block",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, 0x2_0000);
    c.add("data-length-128k", "data_length 0x20000, above 64 KiB", b);

    let mut b = build(
        CORRECTED,
        &[sec(mem(c.pa()), CORRECTED)],
        b"raw register dump",
    );
    set_u32(&mut b, RAW_DATA_LENGTH, 8192);
    c.add(
        "raw-data-past-block",
        "raw_data_length 8192 (the firmware's dump buffer): the raw data ends past the block",
        b,
    );

    // Stage 3: the header is sound, the entries are not.
    let mut b = one_mem(c.pa());
    set_u32(
        &mut b,
        HEADER_LEN + GEDE_ERROR_DATA_LENGTH,
        (GEDE_V3_LEN + MEM_BODY_LEN) as u32,
    );
    c.add(
        "section-overruns-data-length",
        "error_data_length counts the entry header too (152 for an 80-byte body): past data_length",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, HEADER_LEN + GEDE_ERROR_DATA_LENGTH, u32::MAX);
    c.add("section-length-all-ones", "error_data_length 0xffffffff", b);

    let mut b = one_mem(c.pa());
    let bs = BlockStatus::UNCORRECTABLE | BlockStatus::MULTIPLE_UNCORRECTABLE | 3 << 4;
    set_u32(&mut b, BLOCK_STATUS, bs);
    set_u32(&mut b, DATA_LENGTH, (3 * entry) as u32);
    b.resize(HEADER_LEN + 3 * entry, 0xff);
    c.add(
        "entry-count-more-than-present",
        "block_status counts 3 entries and data_length is sized for 3, one is written; the rest is 0xff fill",
        b,
    );

    let p = c.pa();
    let mut b = build(
        RECOVERABLE,
        &[sec(mem(p), RECOVERABLE), sec(mem(p + 0x800), RECOVERABLE)],
        &[],
    );
    let bs = get_u32(&b, BLOCK_STATUS) & !BlockStatus::ENTRY_COUNT_MASK | 1 << 4;
    set_u32(&mut b, BLOCK_STATUS, bs);
    set_u32(&mut b, DATA_LENGTH, (GEDE_V3_LEN + 2 * MEM_BODY_LEN) as u32);
    c.add(
        "entry-count-fewer-than-present",
        "two entries written, block_status counts 1 and data_length adds only that 1 header: the second overruns",
        b,
    );

    let p = c.pa();
    let mut b = build(
        RECOVERABLE,
        &[sec(mem(p), RECOVERABLE), sec(mem(p + 0x800), RECOVERABLE)],
        &[],
    );
    let cut = entry + 40;
    set_u32(&mut b, DATA_LENGTH, cut as u32);
    b.truncate(HEADER_LEN + cut);
    c.add(
        "gede-v3-header-cut-short",
        "data_length ends 40 bytes into the second entry's 72-byte revision-3 header",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, (GEDE_V2_LEN + MEM_BODY_LEN) as u32);
    c.add(
        "gede-v3-sized-as-v2",
        "a revision-3 entry counted with the 64-byte revision-2 header size: 8 bytes past data_length",
        b,
    );

    let infos = arm_infos(3, c.pa());
    let mut b = build(RECOVERABLE, &[sec(arm(&infos), RECOVERABLE)], &[]);
    let err_info_num = HEADER_LEN + GEDE_V3_LEN + ARM_ERR_INFO_NUM;
    assert_eq!(b[err_info_num..err_info_num + 2], [3, 0]);
    let written = GEDE_V3_LEN + ARM_LEN + ARM_ERR_INFO_LEN;
    set_u32(&mut b, DATA_LENGTH, written as u32);
    b.truncate(HEADER_LEN + written);
    c.add(
        "arm-err-info-num-3-holds-1",
        "ARM section with ERR_INFO_NUM 3 and lengths for 3, cut after the first error info",
        b,
    );

    let infos = arm_infos(1, c.pa());
    let mut b = build(RECOVERABLE, &[sec(arm(&infos), RECOVERABLE)], &[]);
    let body = HEADER_LEN + GEDE_V3_LEN;
    let claimed = ARM_LEN + 2 * ARM_ERR_INFO_LEN;
    set_u32(&mut b, body + ARM_SECTION_LENGTH, claimed as u32);
    set_u32(&mut b, DATA_LENGTH, (GEDE_V3_LEN + claimed) as u32);
    b.resize(HEADER_LEN + GEDE_V3_LEN + claimed, 0);
    c.add(
        "arm-section-length-past-edl",
        "ARM Section Length 104 above error_data_length 72, data_length sized from it: a 32-byte tail",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, HEADER_LEN + GEDE_ERROR_DATA_LENGTH, 10);
    c.add(
        "memory-section-edl-10",
        "memory section error_data_length 10, shorter than its 80-byte body still in data_length",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, (entry - 4) as u32);
    c.add(
        "data-length-short-by-4",
        "data_length 4 bytes short of the entries",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, (entry + 2) as u32);
    b.resize(HEADER_LEN + entry + 2, 0);
    c.add(
        "data-length-odd",
        "data_length 154, not a multiple of 4: 2 bytes after the entry",
        b,
    );

    let mut b = one_mem(c.pa());
    set_u32(&mut b, DATA_LENGTH, 256);
    b.resize(HEADER_LEN + 256, 0);
    c.add(
        "data-length-is-buffer-size",
        "data_length 256, the firmware's buffer size, past the entries: zero-filled tail",
        b,
    );

    let p = c.pa();
    let mut b = build(
        CORRECTED,
        &[
            sec(mem(p), CORRECTED),
            sec(BodySpec::Pcie(PcieSpec::default()), CORRECTED),
            sec(
                BodySpec::ProcGeneric(ProcGenericSpec {
                    validation_bits: cper::ProcGeneric::VALID_TYPE,
                    proc_type: 2,
                    ..Default::default()
                }),
                CORRECTED,
            )
            .revision(SectionSpec::REVISION_2),
        ],
        &[],
    );
    let third = HEADER_LEN + entry + GEDE_V3_LEN + 208;
    let edl = get_u32(&b, third + GEDE_ERROR_DATA_LENGTH);
    set_u32(&mut b, third + GEDE_ERROR_DATA_LENGTH, edl + 8);
    c.add(
        "multi-last-section-overruns",
        "memory, PCIe and revision-2 processor entries; the last one's error_data_length 8 too long",
        b,
    );

    for case in &c.0 {
        assert!(
            case.bytes.len() <= BLOCK_LEN && case.bytes.len() % 4 == 0,
            "{}: {} bytes",
            case.name,
            case.bytes.len()
        );
        if let Err(e) = verdict(&case.bytes) {
            panic!("{} ({}): {e}: a bug in the corpus", case.name, case.what);
        }
    }
    c.0
}

/// Writes the hostile corpus into `dir` (created if need be); returns the number of records.
pub(crate) fn write(dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let cases = cases();
    let mut index = String::new();
    for case in &cases {
        let (_, expect) = verdict(&case.bytes).map_err(|e| format!("{}: {e}", case.name))?;
        let write = |ext: &str, bytes: &[u8]| {
            let path = dir.join(format!("{}.{ext}", case.name));
            std::fs::write(&path, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        write("cper", &case.bytes)?;
        write("expect", format!("{expect}\n").as_bytes())?;
        index.push_str(&case.name);
        index.push('\n');
    }
    let path = dir.join("index");
    std::fs::write(&path, index).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(cases.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_u16(b: &mut [u8], off: usize, v: u16) {
        b[off..off + 2].copy_from_slice(&v.to_le_bytes());
    }

    #[test]
    fn every_case_is_refused_and_every_stage_is_covered() {
        let cases = cases();
        assert!((15..=25).contains(&cases.len()), "{} cases", cases.len());
        let mut stages = Vec::new();
        for case in &cases {
            let (stage, _) = verdict(&case.bytes).unwrap_or_else(|e| panic!("{}: {e}", case.name));
            stages.push(stage);
        }
        for s in [Stage::Header, Stage::Block, Stage::Parse] {
            assert!(stages.contains(&s), "no case refused at {s:?}");
        }
    }

    /// The expected lines of a few cases, worked out by hand from the cper crate's rules.
    #[test]
    fn hand_checked_verdicts() {
        let cases = cases();
        let line = |desc: &str| {
            let case = cases
                .iter()
                .find(|c| c.name[3..] == *desc)
                .unwrap_or_else(|| panic!("no case {desc}"));
            verdict(&case.bytes).unwrap()
        };
        assert_eq!(
            line("data-length-in-dwords"),
            (
                Stage::Header,
                "bad record header: offset 12: data_length 38 is smaller than a 64-byte data \
                 entry header"
                    .into()
            )
        );
        assert_eq!(
            line("data-length-5000"),
            (
                Stage::Block,
                "record of 5020 bytes overruns the 4096-byte block".into()
            )
        );
        assert_eq!(
            line("raw-data-overlaps-sections"),
            (
                Stage::Header,
                "bad record header: offset 4: raw_data_offset 0x5c lies before the end of the \
                 data entries (0xac)"
                    .into()
            )
        );
        assert_eq!(
            line("section-overruns-data-length"),
            (
                Stage::Parse,
                "record rejected: offset 0x14: data entry of 224 bytes overruns data_length \
                 (152 left)"
                    .into()
            )
        );
        assert_eq!(
            line("gede-v3-header-cut-short"),
            (
                Stage::Parse,
                "record rejected: offset 0xac: data entry header needs 72 bytes, only 40 left \
                 in data_length"
                    .into()
            )
        );
    }

    /// The forms of the brief's faults that Linux's rules accept, and so are left out: if the
    /// parser ever refuses one, it can join the corpus.
    #[test]
    fn accepted_forms_are_left_out_because_they_parse() {
        let pa = PA_BASE;
        // Entry count set, data_length 0.
        let mut b = build(RECOVERABLE, &[sec(mem(pa), RECOVERABLE)], &[]);
        set_u32(&mut b, DATA_LENGTH, 0);
        assert!(verdict(&b).is_err());
        assert_eq!(Estatus::parse(&b).unwrap().section_count(), 0);
        // Entry count above and below the entries that fill data_length.
        for count in [0u32, 2, 0x3ff] {
            let mut b = build(RECOVERABLE, &[sec(mem(pa), RECOVERABLE)], &[]);
            set_u32(
                &mut b,
                BLOCK_STATUS,
                BlockStatus::UNCORRECTABLE | count << 4,
            );
            assert!(verdict(&b).is_err(), "count {count}");
        }
        // Header severity above 3.
        let mut b = build(RECOVERABLE, &[sec(mem(pa), RECOVERABLE)], &[]);
        set_u32(&mut b, 16, 7);
        assert!(verdict(&b).is_err());
        // ARM ERR_INFO_NUM 3 with one error info, and Section Length above
        // error_data_length, in a well-formed entry.
        let infos = arm_infos(1, pa);
        let b = build(RECOVERABLE, &[sec(arm(&infos), RECOVERABLE)], &[]);
        let body = HEADER_LEN + GEDE_V3_LEN;
        let mut n = b.clone();
        set_u16(&mut n, body + ARM_ERR_INFO_NUM, 3);
        assert!(verdict(&n).is_err());
        let mut l = b;
        set_u32(&mut l, body + ARM_SECTION_LENGTH, 200);
        assert!(verdict(&l).is_err());
        // A 10-byte memory section with data_length to match.
        let mut b = build(RECOVERABLE, &[sec(mem(pa), RECOVERABLE)], &[]);
        set_u32(&mut b, HEADER_LEN + GEDE_ERROR_DATA_LENGTH, 10);
        set_u32(&mut b, DATA_LENGTH, (GEDE_V3_LEN + 10) as u32);
        b.resize((HEADER_LEN + GEDE_V3_LEN + 10).next_multiple_of(4), 0);
        assert!(verdict(&b).is_err());
    }

    #[test]
    fn verdict_refuses_to_guess_past_the_written_bytes() {
        let b = build(RECOVERABLE, &[sec(mem(PA_BASE), RECOVERABLE)], &[]);
        assert!(verdict(&b[..100])
            .unwrap_err()
            .contains("only 100 are written"));
        let mut z = b.clone();
        set_u32(&mut z, BLOCK_STATUS, 0);
        assert!(verdict(&z).unwrap_err().contains("block_status is 0"));
    }
}
