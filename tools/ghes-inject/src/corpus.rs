// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject corpus -o DIR`: the lab's corpus of CPER records (Generic Error Status Blocks
//! with their Generic Error Data Entries, UEFI 2.10 Appendix N), one of every section type and
//! variant Linux's cper.c prints differently, each with the report lines Linux prints for it,
//! so a lab test can inject every record into two kernels and compare what they print.
//!
//! Every record is valid ([`Estatus::parse`] accepts it and every section body decodes), none
//! is fatal (severities 0 recoverable, 2 corrected and 3 informational only), every record
//! differs from every other one (Linux's GHES cache drops a record identical to a recent one),
//! every length is a multiple of 4, and every physical address lies at or above 4 GiB,
//! outside the lab guest's RAM (0x4000_0000..0x8000_0000), so recovery never poisons a page.
//! PCIe and CXL device locations use segments the guest does not have.

use std::path::Path;

use cper::{
    ArmContextSpec, ArmErrInfo as E, ArmErrInfoSpec, ArmProcessor as A, ArmSpec, BlockStatus,
    BodySpec, CxlComponentEvent as Ev, CxlProtErr as X, Estatus, EstatusBuilder, FwErrRecRefSpec,
    GhesSeverity, Guid, MemError as M, MemError2 as M2, MemErrorSpec, Pcie as P, PcieSpec,
    ProcGeneric as G, ProcGenericSpec, Section, SectionSpec, Timestamp,
};

/// CPER severity 0.
const RECOVERABLE: u32 = 0;
/// CPER severity 2.
const CORRECTED: u32 = 2;
/// CPER severity 3.
const INFO: u32 = 3;

/// Record `i`'s physical addresses are in the page at `PA_BASE + i * 0x1000`: above 4 GiB,
/// far from the guest's RAM (0x4000_0000..0x8000_0000).
pub(crate) const PA_BASE: u64 = 0x1_2000_0000;

/// Fills `b` as firmware writes a record of `severity` (0 recoverable, 2 corrected, 3
/// informational; never fatal) with `sections`: Block Status says one (un)correctable error,
/// and more than one with several sections; the first section is marked primary.
pub(crate) fn add_sections(
    b: &mut EstatusBuilder<'_>,
    severity: u32,
    sections: &[SectionSpec<'_>],
) {
    b.severity(severity);
    let (one, several) = if severity == RECOVERABLE {
        (
            BlockStatus::UNCORRECTABLE,
            BlockStatus::MULTIPLE_UNCORRECTABLE,
        )
    } else {
        (BlockStatus::CORRECTABLE, BlockStatus::MULTIPLE_CORRECTABLE)
    };
    b.block_flags(if sections.len() > 1 {
        one | several
    } else {
        one
    });
    for (i, s) in sections.iter().enumerate() {
        let mut s = *s;
        if i == 0 {
            s.flags |= Section::FLAG_PRIMARY;
        }
        b.section(&s).expect("a section fits the record");
    }
}

/// Memory error validation bits 0..=21: every field.
const MEM_ALL: u64 = (1 << 22) - 1;
/// Every field but bank group and bank address (the bank is one number).
const MEM_ALL_FLAT_BANK: u64 = MEM_ALL & !(M::VALID_BANK_GROUP | M::VALID_BANK_ADDRESS);

/// ARM error information values (cper-arm.c's fields), as in the cper crate's tests.
const CACHE_EI: u64 = 0x7f | 1 << 16 | 3 << 18 | 2 << 22 | 1 << 25 | 1 << 27 | 1 << 28;
const TLB_EI: u64 = 0x16 | 7 << 18 | 1 << 22 | 1 << 26;
const BUS_EI: u64 =
    0xFA7 | 2 << 16 | 5 << 18 | 3 << 22 | 1 << 29 | 1 << 31 | 3 << 32 | 0x1ab << 34 | 1 << 43;

/// A FRU Id for the sections that carry one.
const FRU_ID: Guid = Guid::new(
    0x1e5c_a7e1,
    0x0d1b,
    0x4a2c,
    [0x9b, 0x11, 0x70, 0x0c, 0x5e, 0x10, 0x01, 0x02],
);

/// One record of the corpus.
pub(crate) struct Record {
    /// `NN-name`.
    pub(crate) name: String,
    /// The Generic Error Status Block.
    pub(crate) bytes: Vec<u8>,
}

impl Record {
    /// `corrected` when the record's severity is corrected or below on GHES's scale,
    /// `uncorrected` otherwise.
    pub(crate) fn severity_class(&self) -> &'static str {
        let sev = Estatus::parse(&self.bytes).map_or(u32::MAX, |e| e.error_severity());
        if cper::ghes_severity(sev) <= GhesSeverity::Corrected {
            "corrected"
        } else {
            "uncorrected"
        }
    }
}

/// The records built so far.
#[derive(Default)]
struct Corpus {
    records: Vec<Record>,
}

impl Corpus {
    /// The base of the next record's address page.
    fn pa(&self) -> u64 {
        PA_BASE + self.records.len() as u64 * 0x1000
    }

    /// Adds a record of `severity` with `sections` (the first marked primary).
    fn add(&mut self, desc: &str, severity: u32, sections: &[SectionSpec<'_>]) {
        self.add_with_raw_data(desc, severity, sections, &[]);
    }

    /// Adds a record with `raw` as its raw data, padded to a multiple of 4 bytes.
    fn add_with_raw_data(
        &mut self,
        desc: &str,
        severity: u32,
        sections: &[SectionSpec<'_>],
        raw: &[u8],
    ) {
        let mut buf = vec![0u8; 16384];
        let len = {
            let mut b = EstatusBuilder::new(&mut buf).expect("16 KiB holds a header");
            add_sections(&mut b, severity, sections);
            let end = b.finish().expect("a built record is complete");
            let pad = (4 - (end + raw.len()) % 4) % 4;
            if !raw.is_empty() || pad != 0 {
                let mut data = raw.to_vec();
                data.resize(raw.len() + pad, 0);
                b.raw_data(&data).expect("the raw data fits");
            }
            b.finish().expect("a built record is complete")
        };
        buf.truncate(len);
        let name = format!("{:02}-{desc}", self.records.len());
        self.records.push(Record { name, bytes: buf });
    }
}

/// A section of `severity` with `body`, revision 3 (QEMU's).
fn sec(body: BodySpec<'_>, severity: u32) -> SectionSpec<'_> {
    SectionSpec::new(body).severity(severity)
}

/// A memory error body with `validation_bits` at `pa` of `error_type`.
fn mem(validation_bits: u64, pa: u64, error_type: u8) -> BodySpec<'static> {
    BodySpec::Memory(MemErrorSpec {
        validation_bits,
        physical_addr: pa,
        error_type,
        ..Default::default()
    })
}

/// A memory error with every field set (which ones print is up to `validation_bits`).
fn mem_full(validation_bits: u64, pa: u64, error_type: u8, salt: u16) -> MemErrorSpec {
    MemErrorSpec {
        validation_bits,
        error_status: 4 << 8, // storage error in DRAM memory
        physical_addr: pa,
        physical_addr_mask: 0x0000_ffff_ffff_ffc0,
        node: 1 + salt,
        card: 2,
        module: 3,
        bank: 0x0305, // bank group 3, bank address 5
        device: 7,
        row: 0x1234 + salt,
        column: 0x56,
        bit_pos: 13,
        requestor_id: 0x0000_0000_0000_0a01,
        responder_id: 0x0000_0000_0000_0b02,
        target_id: 0x0000_0000_0000_0c03,
        error_type,
        extended: 5 << 5 | 2, // chip id 5, row bits 16..17 = 2
        rank: 2,
        mem_array_handle: 0x7e10,
        // No SMBIOS type 17 structure of QEMU's has this handle: "DIMM location: not present."
        mem_dev_handle: 0x7e11 + salt,
        old_layout: false,
    }
}

/// Memory Error Section 2 (UEFI 2.10 N.2.5.1): the builder has no typed body for it.
fn mem2_body(validation_bits: u64, pa: u64, error_type: u8) -> Vec<u8> {
    let mut b = vec![0u8; M2::SIZE];
    let mut put = |off: usize, v: &[u8]| b[off..off + v.len()].copy_from_slice(v);
    put(0, &validation_bits.to_le_bytes());
    put(8, &(4u64 << 8).to_le_bytes());
    put(16, &pa.to_le_bytes());
    put(24, &0x0000_ffff_ffff_f000u64.to_le_bytes());
    put(32, &1u16.to_le_bytes()); // node
    put(34, &2u16.to_le_bytes()); // card
    put(36, &3u16.to_le_bytes()); // module
    put(38, &0x0102u16.to_le_bytes()); // bank
    put(40, &4u32.to_le_bytes()); // device
    put(44, &0x2_1234u32.to_le_bytes()); // row
    put(48, &0x78u32.to_le_bytes()); // column
    put(52, &1u32.to_le_bytes()); // rank
    put(56, &42u32.to_le_bytes()); // bit position
    put(60, &[3, error_type, 0x10]); // chip id, error type, status
    put(64, &0x0a01u64.to_le_bytes());
    put(72, &0x0b02u64.to_le_bytes());
    put(80, &0x0c03u64.to_le_bytes());
    put(88, &0x7e20u32.to_le_bytes()); // card handle
    put(92, &0x7e21u32.to_le_bytes()); // module handle
    b
}

/// A CXL Protocol Error Section (UEFI 2.10 N.2.13): the builder has no typed body for it.
/// `full`: a CXL device with every field, the DVSEC and the RAS capability; else a
/// Restricted CXL Host downstream port with only its RCRB address.
fn cxl_prot_err_body(full: bool, rcrb: u64) -> Vec<u8> {
    const DVSEC_LEN: usize = 56;
    const RAS_LEN: usize = 88;
    let len = if full {
        X::SIZE + DVSEC_LEN + RAS_LEN
    } else {
        X::SIZE
    };
    let mut b = vec![0u8; len];
    let mut put = |off: usize, v: &[u8]| b[off..off + v.len()].copy_from_slice(v);
    if !full {
        put(
            0,
            &(X::VALID_AGENT_TYPE | X::VALID_AGENT_ADDRESS).to_le_bytes(),
        );
        put(8, &[1]); // Restricted CXL Host Downstream Port
        put(16, &rcrb.to_le_bytes());
        return b;
    }
    put(0, &0x7fu64.to_le_bytes()); // every validation bit
    put(8, &[2]); // CXL Device
    put(16, &[1, 0, 0x5e]); // function, device, bus
    put(19, &0x00c2u16.to_le_bytes()); // segment
    put(24, &0x8086u16.to_le_bytes());
    put(26, &0x0d93u16.to_le_bytes());
    put(28, &0x1af4u16.to_le_bytes());
    put(30, &0x1100u16.to_le_bytes());
    put(32, &[0x02, 0x05]); // class code 0502: CXL memory device
    put(34, &(7u16 << 3).to_le_bytes()); // slot 7
    put(40, &0x1357_9bdfu32.to_le_bytes());
    put(44, &0x0246_8aceu32.to_le_bytes());
    let cap: Vec<u8> = (0..60u8).map(|i| i.wrapping_mul(5) ^ 0x10).collect();
    put(48, &cap);
    put(108, &(DVSEC_LEN as u16).to_le_bytes());
    put(110, &(RAS_LEN as u16).to_le_bytes());
    let dvsec: Vec<u8> = (0..DVSEC_LEN as u8)
        .map(|i| 0x23 ^ i.wrapping_mul(3))
        .collect();
    put(X::SIZE, &dvsec);
    let ras = X::SIZE + DVSEC_LEN;
    let regs: [u32; 6] = [
        0x0000_0400,
        0x0000_0000,
        0x0000_0400,
        0x0000_0040,
        0x0000_0000,
        0xd,
    ];
    for (i, r) in regs.iter().enumerate() {
        put(ras + 4 * i, &r.to_le_bytes());
    }
    let log: Vec<u8> = (0..64u8).map(|i| 0xc0 | (i & 0x3f)).collect();
    put(ras + 24, &log);
    b
}

/// A CXL Component Event section (UEFI 2.10 N.2.14): the 32-byte header, then the 112-byte
/// CXL event record without its UUID (common header, then `data`). The builder has no typed
/// body for it.
fn cxl_event_body(handle: u16, data: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; Ev::MAX_SIZE];
    let mut put = |off: usize, v: &[u8]| b[off..off + v.len()].copy_from_slice(v);
    put(0, &(Ev::MAX_SIZE as u32).to_le_bytes());
    let vb = Ev::VALID_DEVICE_ID | Ev::VALID_SERIAL | Ev::VALID_EVENT_LOG;
    put(4, &vb.to_le_bytes());
    put(12, &0x8086u16.to_le_bytes());
    put(14, &0x0d93u16.to_le_bytes());
    put(16, &[0, 0, 0x5f]); // function, device, bus
    put(19, &0x00c3u16.to_le_bytes()); // segment: none in the guest
    put(21, &(2u16 << 3).to_le_bytes()); // slot
    put(24, &0x1122_3344u32.to_le_bytes());
    put(28, &0x5566_7788u32.to_le_bytes());
    // The event record's common header: length (with the UUID), flags, handle, timestamp.
    put(32, &[0x80, 0x01, 0, 0]);
    put(36, &handle.to_le_bytes());
    put(
        40,
        &0x17a0_0000_0000_0000u64
            .wrapping_add(u64::from(handle))
            .to_le_bytes(),
    );
    put(64, data);
    b
}

/// An ARM processor error body with `infos` and no context or vendor data.
fn arm(validation_bits: u32, infos: &[ArmErrInfoSpec]) -> ArmSpec<'_> {
    ArmSpec {
        validation_bits,
        affinity_level: 1,
        mpidr: 0x0000_0000_8000_0001,
        midr: 0x0000_0000_410f_d0c1,
        running_state: 1,
        psci_state: 0,
        err_infos: infos,
        ..Default::default()
    }
}

/// The `i`th byte of an unknown section's text body.
fn text_pattern(i: usize) -> u8 {
    b"ghes-rs corpus: vendor section payload 0123456789 "[i % 50]
}

/// Builds every record of the corpus.
pub(crate) fn records() -> Vec<Record> {
    let mut c = Corpus::default();

    // Platform memory errors (N.2.5).
    c.add(
        "memory-no-valid-bits",
        CORRECTED,
        &[sec(mem(0, 0, 0), CORRECTED)],
    );
    let p = c.pa();
    c.add(
        "memory-pa-only",
        RECOVERABLE,
        &[sec(mem(M::VALID_PA, p, 0), RECOVERABLE)],
    );
    let p = c.pa();
    c.add(
        "memory-pa-mask",
        CORRECTED,
        &[sec(
            BodySpec::Memory(MemErrorSpec {
                validation_bits: M::VALID_PA | M::VALID_PA_MASK,
                physical_addr: p + 0x40,
                physical_addr_mask: 0xffff_ffff_ffff_f000,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-all-fields",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(mem_full(MEM_ALL, p, 3, 0)),
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-all-fields-rev2",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(mem_full(MEM_ALL_FLAT_BANK, p, 5, 1)),
            RECOVERABLE,
        )
        .revision(SectionSpec::REVISION_2)],
    );
    let p = c.pa();
    c.add(
        "memory-timestamp-rev3",
        CORRECTED,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 2), CORRECTED)
            .timestamp(Timestamp::new(2024, 5, 17, 10, 20, 30, true))],
    );
    let p = c.pa();
    c.add(
        "memory-timestamp-imprecise",
        RECOVERABLE,
        &[
            sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 14), RECOVERABLE)
                .timestamp(Timestamp::new(2025, 1, 2, 3, 4, 5, false)),
        ],
    );
    let p = c.pa();
    c.add(
        "memory-fru-id-text",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(mem_full(
                M::VALID_PA | M::VALID_NODE | M::VALID_ERROR_TYPE,
                p,
                3,
                6,
            )),
            RECOVERABLE,
        )
        .fru_id(FRU_ID)
        .fru_text(b"DIMM_A1")],
    );
    let p = c.pa();
    c.add(
        "memory-fru-text-20-bytes",
        CORRECTED,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 4), CORRECTED)
            .fru_text(b"CPU0-DIMM-A1-ch0-rk1")],
    );
    let p = c.pa();
    c.add(
        "memory-single-bit-ecc",
        CORRECTED,
        &[sec(
            BodySpec::Memory(MemErrorSpec {
                validation_bits: M::VALID_ERROR_STATUS | M::VALID_PA | M::VALID_ERROR_TYPE,
                error_status: 4 << 8,
                physical_addr: p + 0x80,
                error_type: 2,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-multi-bit-ecc",
        RECOVERABLE,
        &[sec(
            mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 3),
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-multi-symbol-chipkill",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(mem_full(
                M::VALID_PA | M::VALID_RANK_NUMBER | M::VALID_BANK | M::VALID_ERROR_TYPE,
                p,
                5,
                2,
            )),
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-parity-error",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(MemErrorSpec {
                validation_bits: M::VALID_ERROR_STATUS | M::VALID_PA | M::VALID_ERROR_TYPE,
                error_status: 16 << 8,
                physical_addr: p,
                error_type: 8,
                ..Default::default()
            }),
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-scrub-corrected",
        CORRECTED,
        &[sec(
            BodySpec::Memory(mem_full(
                M::VALID_PA | M::VALID_ROW | M::VALID_COLUMN | M::VALID_ERROR_TYPE,
                p,
                13,
                3,
            )),
            CORRECTED,
        )],
    );
    let p = c.pa();
    c.add(
        "memory-map-out-event-info",
        INFO,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 15), INFO)],
    );
    let p = c.pa();
    c.add(
        "memory-unknown-error-type-info",
        INFO,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 0x20), INFO)],
    );
    let p = c.pa();
    c.add(
        "memory-threshold-exceeded",
        CORRECTED,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 2), CORRECTED)
            .flags(Section::FLAG_THRESHOLD_EXCEEDED)],
    );
    let p = c.pa();
    c.add(
        "memory-poisoned-read-status",
        RECOVERABLE,
        &[sec(
            BodySpec::Memory(MemErrorSpec {
                validation_bits: M::VALID_ERROR_STATUS | M::VALID_PA,
                error_status: 26 << 8,
                physical_addr: p + 0x100,
                ..Default::default()
            }),
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    // The UEFI 2.1/2.2 layout: 73 bytes, so 3 bytes of raw data pad the record.
    c.add(
        "memory-old-layout-73-bytes",
        CORRECTED,
        &[sec(
            BodySpec::Memory(MemErrorSpec {
                old_layout: true,
                ..mem_full(0x7fff, p, 2, 4)
            }),
            CORRECTED,
        )],
    );
    let p = c.pa();
    let raw: Vec<u8> = (0..32).map(text_pattern).collect();
    c.add_with_raw_data(
        "memory-with-raw-data",
        RECOVERABLE,
        &[sec(
            mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 3),
            RECOVERABLE,
        )],
        &raw,
    );
    let p = c.pa();
    c.add(
        "memory-corrected-section-recoverable-record",
        RECOVERABLE,
        &[sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 2), CORRECTED)],
    );

    // Memory Error Section 2 (N.2.5.1): Linux 6.12 prints it as unknown.
    let p = c.pa();
    let body = mem2_body(M2::VALID_PA | M2::VALID_ERROR_TYPE, p, 3);
    c.add(
        "memory2-pa",
        RECOVERABLE,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::PLATFORM_MEM2,
                data: &body,
            },
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    let body = mem2_body((1 << 22) - 1, p, 2);
    c.add(
        "memory2-all-fields",
        CORRECTED,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::PLATFORM_MEM2,
                data: &body,
            },
            CORRECTED,
        )],
    );

    // Generic processor errors (N.2.4.1).
    c.add(
        "proc-generic-few-bits",
        CORRECTED,
        &[sec(
            BodySpec::ProcGeneric(ProcGenericSpec {
                validation_bits: G::VALID_TYPE | G::VALID_ISA | G::VALID_ERROR_TYPE,
                proc_type: 2,
                proc_isa: 4,
                proc_error_type: 0x01,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );
    let p = c.pa();
    c.add(
        "proc-generic-all-bits",
        RECOVERABLE,
        &[sec(
            BodySpec::ProcGeneric(ProcGenericSpec {
                validation_bits: 0x1fff,
                proc_type: 2,
                proc_isa: 4,
                proc_error_type: 0x0f,
                operation: 2,
                flags: 0x0f,
                level: 2,
                cpu_version: 0x0000_0000_410f_d0c1,
                proc_id: 0x0000_0000_8000_0101,
                target_addr: p + 0x200,
                requestor_id: 0x0000_0000_0000_0101,
                responder_id: 0x0000_0000_0000_0202,
                ip: 0xffff_8000_8012_3456,
            }),
            RECOVERABLE,
        )],
    );

    // ARM processor errors (N.2.4.4).
    let arm_all = A::VALID_MPIDR | A::VALID_AFFINITY_LEVEL | A::VALID_RUNNING_STATE;
    let p = c.pa();
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_CACHE,
        validation_bits: E::VALID_FLAGS
            | E::VALID_ERR_INFO
            | E::VALID_VIRT_ADDR
            | E::VALID_PHYSICAL_ADDR,
        flags: E::FLAG_FIRST | E::FLAG_LAST,
        error_info: CACHE_EI,
        virt_fault_addr: 0xffff_0000_1234_5678,
        physical_fault_addr: p + 0x40,
        ..Default::default()
    }];
    c.add(
        "arm-cache-pa",
        RECOVERABLE,
        &[sec(BodySpec::Arm(arm(arm_all, &infos)), RECOVERABLE)],
    );
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_TLB,
        validation_bits: E::VALID_ERR_INFO | E::VALID_MULTI_ERR | E::VALID_VIRT_ADDR,
        multiple_error: 4,
        error_info: TLB_EI,
        virt_fault_addr: 0x0000_ffff_a000_1000,
        ..Default::default()
    }];
    c.add(
        "arm-tlb-mpidr-only",
        CORRECTED,
        &[sec(BodySpec::Arm(arm(A::VALID_MPIDR, &infos)), CORRECTED)],
    );
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_BUS,
        validation_bits: E::VALID_FLAGS | E::VALID_ERR_INFO,
        flags: E::FLAG_PROPAGATED | E::FLAG_OVERFLOW,
        error_info: BUS_EI,
        ..Default::default()
    }];
    c.add(
        "arm-bus-no-processor-bits",
        RECOVERABLE,
        &[sec(BodySpec::Arm(arm(0, &infos)), RECOVERABLE)],
    );
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_VENDOR,
        validation_bits: E::VALID_ERR_INFO,
        error_info: 0x0123_4567_89ab_cdef,
        ..Default::default()
    }];
    c.add(
        "arm-vendor-type-info",
        INFO,
        &[sec(BodySpec::Arm(arm(arm_all, &infos)), INFO)],
    );
    let p = c.pa();
    let infos = [
        ArmErrInfoSpec {
            error_type: E::TYPE_CACHE,
            validation_bits: E::VALID_ERR_INFO | E::VALID_PHYSICAL_ADDR,
            error_info: CACHE_EI,
            physical_fault_addr: p + 0x80,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_TLB,
            validation_bits: E::VALID_ERR_INFO | E::VALID_MULTI_ERR,
            multiple_error: 1,
            error_info: TLB_EI,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_BUS,
            validation_bits: E::VALID_FLAGS | E::VALID_ERR_INFO | E::VALID_PHYSICAL_ADDR,
            flags: E::FLAG_FIRST,
            error_info: BUS_EI,
            physical_fault_addr: p + 0xc0,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_VENDOR,
            validation_bits: E::VALID_ERR_INFO,
            error_info: 0xfeed,
            ..Default::default()
        },
    ];
    c.add(
        "arm-multiple-infos",
        RECOVERABLE,
        &[sec(BodySpec::Arm(arm(arm_all, &infos)), RECOVERABLE)],
    );
    let gprs: Vec<u8> = (0..256u32).map(|i| (i * 3 + 1) as u8).collect();
    let el1: Vec<u8> = (0..136u32).map(|i| (0xe0 ^ i) as u8).collect();
    let ctxs = [
        ArmContextSpec {
            version: 0,
            ctx_type: 4, // AArch64 general purpose registers
            registers: &gprs,
        },
        ArmContextSpec {
            version: 0,
            ctx_type: 5, // AArch64 EL1 context registers
            registers: &el1,
        },
    ];
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_CACHE,
        validation_bits: E::VALID_ERR_INFO | E::VALID_VIRT_ADDR,
        // Instruction, instruction fetch, level 1, context not corrupted, corrected.
        error_info: 0x1f | 5 << 18 | 1 << 22 | 1 << 26,
        virt_fault_addr: 0xffff_8000_8000_0040,
        ..Default::default()
    }];
    c.add(
        "arm-contexts-vendor-data",
        CORRECTED,
        &[sec(
            BodySpec::Arm(ArmSpec {
                contexts: &ctxs,
                vendor_data: b"vendor:ghes-rs01",
                ..arm(arm_all | A::VALID_VENDOR_INFO, &infos)
            }),
            CORRECTED,
        )],
    );
    let a32: Vec<u8> = (0..64u32).map(|i| (i * 7) as u8).collect();
    let misc: Vec<u8> = (0..20u32).map(|i| (0x40 + i) as u8).collect();
    let ctxs = [
        ArmContextSpec {
            version: 0,
            ctx_type: 0, // AArch32 general purpose registers
            registers: &a32,
        },
        ArmContextSpec {
            version: 0,
            ctx_type: 8, // Misc. system register structure
            registers: &misc,
        },
    ];
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_BUS,
        validation_bits: E::VALID_ERR_INFO,
        error_info: BUS_EI & !(1 << 43),
        ..Default::default()
    }];
    c.add(
        "arm-aarch32-misc-contexts",
        RECOVERABLE,
        &[sec(
            BodySpec::Arm(ArmSpec {
                contexts: &ctxs,
                vendor_data: &[0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8],
                ..arm(A::VALID_AFFINITY_LEVEL, &infos)
            }),
            RECOVERABLE,
        )],
    );

    // PCI Express errors (N.2.7). Segments 0xc0.. do not exist in the guest: AER recovery
    // finds no device.
    c.add(
        "pcie-minimal",
        CORRECTED,
        &[sec(
            BodySpec::Pcie(PcieSpec {
                validation_bits: P::VALID_PORT_TYPE | P::VALID_VERSION,
                port_type: 4,
                version_major: 3,
                version_minor: 0,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );
    let pcie_full = |port_type: u32, segment: u16, uncor: u32, cor: u32| {
        let mut s = PcieSpec {
            validation_bits: 0xff,
            port_type,
            version_major: 4,
            version_minor: 1,
            command: 0x0547,
            status: 0x4010,
            vendor_id: 0x1b36,
            device_id: 0x000c,
            class_code: [0x00, 0x04, 0x06],
            function: 3,
            device: 0x1f,
            segment,
            bus: 0x3a,
            secondary_bus: 0x3b,
            slot: 5 << 3,
            serial_lower: 0x89ab_cdef,
            serial_upper: 0x0123_4567,
            bridge_secondary_status: 0x2000,
            bridge_control: 0x0013,
            ..Default::default()
        };
        for (i, b) in s.capability.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(11) ^ 0x10;
        }
        s.set_aer(
            uncor,
            0x0040_0000,
            0x0046_2030,
            cor,
            0x0000_2000,
            [0x4a00_0001, 0x0100_000f, 0x1234_0000, 0x0000_0000],
        );
        s
    };
    c.add(
        "pcie-all-fields",
        RECOVERABLE,
        &[sec(
            BodySpec::Pcie(pcie_full(4, 0x00c0, 0x0010_0000, 0)),
            RECOVERABLE,
        )],
    );
    c.add(
        "pcie-all-fields-endpoint-corrected",
        CORRECTED,
        &[sec(
            BodySpec::Pcie(pcie_full(0, 0x00c1, 0, 0x0000_0041)),
            CORRECTED,
        )],
    );

    // Firmware error record references (N.2.10): cper_print_fw_err() branches on the
    // revision (0: identifier, 1: none, 2: GUID, 3+: none) and the record type.
    let trailing: Vec<u8> = (0..16).map(text_pattern).collect();
    c.add(
        "fw-err-rev0-ipf-sal-info",
        INFO,
        &[sec(
            BodySpec::FwErrRecRef(FwErrRecRefSpec {
                record_type: 0,
                revision: 0,
                record_identifier: 0x1122_3344_5566_7788,
                trailing: &trailing,
                ..Default::default()
            }),
            INFO,
        )],
    );
    c.add(
        "fw-err-rev1-soc-type1",
        CORRECTED,
        &[sec(
            BodySpec::FwErrRecRef(FwErrRecRefSpec {
                record_type: 1,
                revision: 1,
                record_identifier: 0x0000_0000_cafe_f00d,
                trailing: &trailing,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );
    let trailing32: Vec<u8> = (0..32).map(|i| text_pattern(i + 7)).collect();
    c.add(
        "fw-err-rev2-soc-type2-guid",
        RECOVERABLE,
        &[sec(
            BodySpec::FwErrRecRef(FwErrRecRefSpec {
                record_type: 2,
                revision: 2,
                record_identifier: 0x0000_0000_0000_0042,
                record_identifier_guid: FRU_ID,
                trailing: &trailing32,
            }),
            RECOVERABLE,
        )],
    );
    c.add(
        "fw-err-rev3-unknown-type",
        CORRECTED,
        &[sec(
            BodySpec::FwErrRecRef(FwErrRecRefSpec {
                record_type: 7,
                revision: 3,
                record_identifier: 0x99,
                ..Default::default()
            }),
            CORRECTED,
        )],
    );

    // CXL (N.2.13, N.2.14).
    let p = c.pa();
    let body = cxl_prot_err_body(false, p);
    c.add(
        "cxl-prot-err-rch-downstream-port",
        CORRECTED,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::CXL_PROT_ERR,
                data: &body,
            },
            CORRECTED,
        )],
    );
    let body = cxl_prot_err_body(true, 0);
    c.add(
        "cxl-prot-err-device-all-fields",
        RECOVERABLE,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::CXL_PROT_ERR,
                data: &body,
            },
            RECOVERABLE,
        )],
    );
    let p = c.pa();
    // General media: DPA, descriptor, type, transaction type, validity, channel, rank.
    let mut gm = p.to_le_bytes().to_vec();
    gm.extend_from_slice(&[0x02, 0x00, 0x01, 0x03, 0x00, 1, 2]);
    let body = cxl_event_body(0x0101, &gm);
    c.add(
        "cxl-general-media-event",
        CORRECTED,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::CXL_GEN_MEDIA,
                data: &body,
            },
            CORRECTED,
        )],
    );
    let p = c.pa();
    let mut dram = (p + 0x40).to_le_bytes().to_vec();
    dram.extend_from_slice(&[0x01, 0x01, 0x02, 0x3f, 0x00, 3, 1, 0x0f, 0, 0, 2, 5]);
    let body = cxl_event_body(0x0202, &dram);
    c.add(
        "cxl-dram-event",
        RECOVERABLE,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::CXL_DRAM,
                data: &body,
            },
            RECOVERABLE,
        )],
    );
    // Memory module: event type (health status change) and health information.
    let module = [
        0x00, 0x01, 0x00, 0x00, 10, 0x2d, 0x00, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
    ];
    let body = cxl_event_body(0x0303, &module);
    c.add(
        "cxl-memory-module-event-info",
        INFO,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::CXL_MEM_MODULE,
                data: &body,
            },
            INFO,
        )],
    );

    // Unknown section types: hex-dumped.
    let body: Vec<u8> = (0..100).map(text_pattern).collect();
    c.add(
        "unknown-100-bytes",
        CORRECTED,
        &[sec(
            BodySpec::Raw {
                section_type: super::RAW_SECTION_TYPE,
                data: &body,
            },
            CORRECTED,
        )],
    );
    let body: Vec<u8> = (0..64u32).map(|i| (i * 13 + 5) as u8).collect();
    c.add(
        "unknown-x86-processor-section",
        RECOVERABLE,
        &[sec(
            BodySpec::Raw {
                section_type: Guid::PROC_IA,
                data: &body,
            },
            RECOVERABLE,
        )],
    );
    c.add(
        "unknown-empty-body-info",
        INFO,
        &[sec(
            BodySpec::Raw {
                section_type: super::RAW_SECTION_TYPE,
                data: &[],
            },
            INFO,
        )],
    );
    let body: Vec<u8> = (0..2000).map(super::raw_pattern).collect();
    c.add(
        "unknown-large-2000-bytes",
        RECOVERABLE,
        &[sec(
            BodySpec::Raw {
                section_type: super::RAW_SECTION_TYPE,
                data: &body,
            },
            RECOVERABLE,
        )],
    );

    // Multi-section records.
    let p = c.pa();
    c.add(
        "multi-two-memory",
        RECOVERABLE,
        &[
            sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 3), RECOVERABLE),
            sec(
                BodySpec::Memory(mem_full(MEM_ALL_FLAT_BANK, p + 0x800, 2, 5)),
                CORRECTED,
            ),
        ],
    );
    let p = c.pa();
    let infos = [ArmErrInfoSpec {
        error_type: E::TYPE_CACHE,
        validation_bits: E::VALID_ERR_INFO | E::VALID_PHYSICAL_ADDR,
        error_info: CACHE_EI,
        physical_fault_addr: p + 0x40,
        ..Default::default()
    }];
    c.add(
        "multi-memory-arm",
        RECOVERABLE,
        &[
            sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 3), RECOVERABLE),
            sec(BodySpec::Arm(arm(arm_all, &infos)), RECOVERABLE),
        ],
    );
    let p = c.pa();
    c.add(
        "multi-memory-pcie-proc-generic",
        CORRECTED,
        &[
            sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 13), CORRECTED),
            sec(
                BodySpec::Pcie(pcie_full(6, 0x00c4, 0, 0x0000_0001)),
                CORRECTED,
            ),
            sec(
                BodySpec::ProcGeneric(ProcGenericSpec {
                    validation_bits: G::VALID_TYPE | G::VALID_FLAGS | G::VALID_LEVEL,
                    proc_type: 2,
                    flags: 0x08,
                    level: 1,
                    ..Default::default()
                }),
                INFO,
            ),
        ],
    );
    let p = c.pa();
    let body: Vec<u8> = (0..40).map(|i| text_pattern(i + 3)).collect();
    c.add(
        "multi-four-mixed-revisions",
        CORRECTED,
        &[
            sec(mem(M::VALID_PA | M::VALID_ERROR_TYPE, p, 2), CORRECTED)
                .revision(SectionSpec::REVISION_2)
                .fru_text(b"slot B2"),
            sec(
                BodySpec::FwErrRecRef(FwErrRecRefSpec {
                    record_type: 2,
                    revision: 0,
                    record_identifier: 0x77,
                    ..Default::default()
                }),
                INFO,
            )
            .timestamp(Timestamp::new(2024, 12, 31, 23, 59, 58, true)),
            sec(
                BodySpec::Raw {
                    section_type: super::RAW_SECTION_TYPE,
                    data: &body,
                },
                CORRECTED,
            )
            .revision(SectionSpec::REVISION_2),
            sec(mem(M::VALID_PA, p + 0x200, 0), CORRECTED),
        ],
    );

    c.records
}

/// What Linux prints for `estatus` as the lab's NAME.report holds it: the lines of
/// `ghes-inject print` (seq 1, source 0) without the first (it names the source) and without
/// each line's leading `{seq}`.
pub(crate) fn report(estatus: &Estatus<'_>) -> String {
    let mut out = String::new();
    for line in super::report_lines(1, 0, estatus).iter().skip(1) {
        out.push_str(strip_seq(line));
        out.push('\n');
    }
    out
}

/// `line` without a leading `{digits}`.
fn strip_seq(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix('{') {
        if let Some(end) = rest.find('}') {
            let digits = &rest[..end];
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                return &rest[end + 1..];
            }
        }
    }
    line
}

/// Writes the corpus into `dir` (created if need be); returns the number of records.
pub(crate) fn write(dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let records = records();
    let mut index = String::new();
    for r in &records {
        let estatus = Estatus::parse(&r.bytes).map_err(|e| format!("{}: {e}", r.name))?;
        let write = |ext: &str, bytes: &[u8]| {
            let path = dir.join(format!("{}.{ext}", r.name));
            std::fs::write(&path, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        write("cper", &r.bytes)?;
        write("report", report(&estatus).as_bytes())?;
        index.push_str(&format!("{} {}\n", r.name, r.severity_class()));
    }
    let path = dir.join("index");
    std::fs::write(&path, index).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(records.len())
}

/// `corpus [--malformed] -o DIR`; a failure names the file.
pub(crate) fn run(dir: &Path, malformed: bool) -> Result<(), String> {
    let written = if malformed {
        super::malformed::write(dir)
    } else {
        write(dir)
    };
    written.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seq_prefix_is_stripped_like_the_lab_does() {
        assert_eq!(strip_seq("{12}[Hardware Error]: x"), "[Hardware Error]: x");
        assert_eq!(strip_seq("{}x"), "{}x");
        assert_eq!(strip_seq("{a}x"), "{a}x");
        assert_eq!(strip_seq("[Firmware Warn]: y"), "[Firmware Warn]: y");
    }

    #[test]
    fn every_record_is_valid_clean_and_a_multiple_of_4() {
        for r in records() {
            let e = Estatus::parse(&r.bytes).unwrap_or_else(|e| panic!("{}: {e}", r.name));
            assert!(e.anomalies().is_clean(), "{}: {}", r.name, e.anomalies());
            assert_eq!(r.bytes.len() % 4, 0, "{}", r.name);
            assert_eq!(e.len(), r.bytes.len(), "{}", r.name);
        }
    }
}
