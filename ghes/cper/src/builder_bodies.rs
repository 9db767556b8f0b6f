// SPDX-License-Identifier: GPL-2.0
//! Typed section bodies for [`EstatusBuilder`](super::EstatusBuilder): each knows its section
//! type, its length and how to write itself.

use super::arm::{ARM_CTX_LEN, ARM_ERR_INFO_LEN, ARM_LEN};
use super::builder::BuildError;
use super::bytes::put;
use super::guid::Guid;

/// Writes `v` at `off`, or reports the space needed.
fn w(out: &mut [u8], off: usize, v: &[u8]) -> Result<(), BuildError> {
    if put(out, off, v) {
        Ok(())
    } else {
        Err(BuildError::BufferTooSmall {
            needed: off.saturating_add(v.len()),
            available: out.len(),
        })
    }
}

/// A platform memory error section body (`struct cper_sec_mem_err`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemErrorSpec {
    /// Validation Bits (see [`MemError`](super::MemError)'s `VALID_*`).
    pub validation_bits: u64,
    /// Error Status.
    pub error_status: u64,
    /// Physical Address.
    pub physical_addr: u64,
    /// Physical Address Mask.
    pub physical_addr_mask: u64,
    /// Node.
    pub node: u16,
    /// Card.
    pub card: u16,
    /// Module.
    pub module: u16,
    /// Bank.
    pub bank: u16,
    /// Device.
    pub device: u16,
    /// Row.
    pub row: u16,
    /// Column.
    pub column: u16,
    /// Bit Position.
    pub bit_pos: u16,
    /// Requestor Id.
    pub requestor_id: u64,
    /// Responder Id.
    pub responder_id: u64,
    /// Target Id.
    pub target_id: u64,
    /// Memory Error Type.
    pub error_type: u8,
    /// Extended (row bits 16..17, chip id).
    pub extended: u8,
    /// Rank Number.
    pub rank: u16,
    /// Card Handle.
    pub mem_array_handle: u16,
    /// Module Handle.
    pub mem_dev_handle: u16,
    /// Write the 73-byte UEFI 2.1/2.2 layout instead of the 80-byte one.
    pub old_layout: bool,
}

impl MemErrorSpec {
    fn len(&self) -> usize {
        if self.old_layout {
            73
        } else {
            80
        }
    }

    fn write(&self, o: &mut [u8]) -> Result<(), BuildError> {
        let mut b = [0u8; 80];
        put(&mut b, 0, &self.validation_bits.to_le_bytes());
        put(&mut b, 8, &self.error_status.to_le_bytes());
        put(&mut b, 16, &self.physical_addr.to_le_bytes());
        put(&mut b, 24, &self.physical_addr_mask.to_le_bytes());
        let u16s = [
            self.node,
            self.card,
            self.module,
            self.bank,
            self.device,
            self.row,
            self.column,
            self.bit_pos,
        ];
        for (i, v) in u16s.iter().enumerate() {
            put(
                &mut b,
                32usize.saturating_add(i.saturating_mul(2)),
                &v.to_le_bytes(),
            );
        }
        put(&mut b, 48, &self.requestor_id.to_le_bytes());
        put(&mut b, 56, &self.responder_id.to_le_bytes());
        put(&mut b, 64, &self.target_id.to_le_bytes());
        put(&mut b, 72, &[self.error_type, self.extended]);
        put(&mut b, 74, &self.rank.to_le_bytes());
        put(&mut b, 76, &self.mem_array_handle.to_le_bytes());
        put(&mut b, 78, &self.mem_dev_handle.to_le_bytes());
        w(o, 0, b.get(..self.len()).unwrap_or(&b))
    }
}

/// A generic processor error section body (`struct cper_sec_proc_generic`; the CPU brand
/// string is left zero).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProcGenericSpec {
    /// Validation Bits (see [`ProcGeneric`](super::ProcGeneric)'s `VALID_*`).
    pub validation_bits: u64,
    /// Processor Type.
    pub proc_type: u8,
    /// Processor ISA.
    pub proc_isa: u8,
    /// Processor Error Type.
    pub proc_error_type: u8,
    /// Operation.
    pub operation: u8,
    /// Flags.
    pub flags: u8,
    /// Level.
    pub level: u8,
    /// CPU Version Info.
    pub cpu_version: u64,
    /// Processor Id.
    pub proc_id: u64,
    /// Target Address.
    pub target_addr: u64,
    /// Requestor Id.
    pub requestor_id: u64,
    /// Responder Id.
    pub responder_id: u64,
    /// Instruction IP.
    pub ip: u64,
}

impl ProcGenericSpec {
    fn write(&self, o: &mut [u8]) -> Result<(), BuildError> {
        let mut b = [0u8; 192];
        put(&mut b, 0, &self.validation_bits.to_le_bytes());
        put(
            &mut b,
            8,
            &[
                self.proc_type,
                self.proc_isa,
                self.proc_error_type,
                self.operation,
                self.flags,
                self.level,
            ],
        );
        put(&mut b, 16, &self.cpu_version.to_le_bytes());
        put(&mut b, 152, &self.proc_id.to_le_bytes());
        put(&mut b, 160, &self.target_addr.to_le_bytes());
        put(&mut b, 168, &self.requestor_id.to_le_bytes());
        put(&mut b, 176, &self.responder_id.to_le_bytes());
        put(&mut b, 184, &self.ip.to_le_bytes());
        w(o, 0, &b)
    }
}

/// A PCIe error section body (`struct cper_sec_pcie`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PcieSpec {
    /// Validation Bits (see [`Pcie`](super::Pcie)'s `VALID_*`).
    pub validation_bits: u64,
    /// Port Type.
    pub port_type: u32,
    /// Version, major.
    pub version_major: u8,
    /// Version, minor.
    pub version_minor: u8,
    /// Command register.
    pub command: u16,
    /// Status register.
    pub status: u16,
    /// Vendor Id.
    pub vendor_id: u16,
    /// Device Id.
    pub device_id: u16,
    /// Class code, in memory order.
    pub class_code: [u8; 3],
    /// Function.
    pub function: u8,
    /// Device.
    pub device: u8,
    /// Segment.
    pub segment: u16,
    /// Bus.
    pub bus: u8,
    /// Secondary bus.
    pub secondary_bus: u8,
    /// Slot (number in bits 3..15).
    pub slot: u16,
    /// Serial number, lower dword.
    pub serial_lower: u32,
    /// Serial number, upper dword.
    pub serial_upper: u32,
    /// Bridge secondary status.
    pub bridge_secondary_status: u16,
    /// Bridge control.
    pub bridge_control: u16,
    /// PCIe capability structure.
    pub capability: [u8; 60],
    /// AER extended capability structure.
    pub aer_info: [u8; 96],
}

impl Default for PcieSpec {
    fn default() -> Self {
        PcieSpec {
            validation_bits: 0,
            port_type: 0,
            version_major: 0,
            version_minor: 0,
            command: 0,
            status: 0,
            vendor_id: 0,
            device_id: 0,
            class_code: [0; 3],
            function: 0,
            device: 0,
            segment: 0,
            bus: 0,
            secondary_bus: 0,
            slot: 0,
            serial_lower: 0,
            serial_upper: 0,
            bridge_secondary_status: 0,
            bridge_control: 0,
            capability: [0; 60],
            aer_info: [0; 96],
        }
    }
}

impl PcieSpec {
    /// Fills the AER registers cper.c prints: uncorrectable status/mask/severity (AER + 4, 8,
    /// 12), correctable status/mask (AER + 16, 20) and the TLP header log (AER + 28).
    pub fn set_aer(
        &mut self,
        uncor_status: u32,
        uncor_mask: u32,
        uncor_severity: u32,
        cor_status: u32,
        cor_mask: u32,
        tlp_header: [u32; 4],
    ) {
        let regs = [
            uncor_status,
            uncor_mask,
            uncor_severity,
            cor_status,
            cor_mask,
        ];
        for (i, r) in regs.iter().enumerate() {
            put(
                &mut self.aer_info,
                4usize.saturating_add(i.saturating_mul(4)),
                &r.to_le_bytes(),
            );
        }
        for (i, r) in tlp_header.iter().enumerate() {
            put(
                &mut self.aer_info,
                28usize.saturating_add(i.saturating_mul(4)),
                &r.to_le_bytes(),
            );
        }
    }

    fn write(&self, o: &mut [u8]) -> Result<(), BuildError> {
        let mut b = [0u8; 208];
        put(&mut b, 0, &self.validation_bits.to_le_bytes());
        put(&mut b, 8, &self.port_type.to_le_bytes());
        put(&mut b, 12, &[self.version_minor, self.version_major]);
        put(&mut b, 16, &self.command.to_le_bytes());
        put(&mut b, 18, &self.status.to_le_bytes());
        put(&mut b, 24, &self.vendor_id.to_le_bytes());
        put(&mut b, 26, &self.device_id.to_le_bytes());
        put(&mut b, 28, &self.class_code);
        put(&mut b, 31, &[self.function, self.device]);
        put(&mut b, 33, &self.segment.to_le_bytes());
        put(&mut b, 35, &[self.bus, self.secondary_bus]);
        put(&mut b, 37, &self.slot.to_le_bytes());
        put(&mut b, 40, &self.serial_lower.to_le_bytes());
        put(&mut b, 44, &self.serial_upper.to_le_bytes());
        put(&mut b, 48, &self.bridge_secondary_status.to_le_bytes());
        put(&mut b, 50, &self.bridge_control.to_le_bytes());
        put(&mut b, 52, &self.capability);
        put(&mut b, 112, &self.aer_info);
        w(o, 0, &b)
    }
}

/// A firmware error record reference body (`struct cper_sec_fw_err_rec_ref`) and trailing data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FwErrRecRefSpec<'s> {
    /// Record Type.
    pub record_type: u8,
    /// Revision: 0 writes 16 bytes (identifier), 1 writes 16, 2 and later write 32 (GUID).
    pub revision: u8,
    /// Record Identifier.
    pub record_identifier: u64,
    /// Record Identifier GUID (revision 2 and later).
    pub record_identifier_guid: Guid,
    /// Data after the fixed fields.
    pub trailing: &'s [u8],
}

impl FwErrRecRefSpec<'_> {
    fn fixed_len(&self) -> usize {
        if self.revision >= 2 {
            32
        } else {
            16
        }
    }

    fn write(&self, o: &mut [u8]) -> Result<(), BuildError> {
        let mut b = [0u8; 32];
        put(&mut b, 0, &[self.record_type, self.revision]);
        put(&mut b, 8, &self.record_identifier.to_le_bytes());
        put(&mut b, 16, &self.record_identifier_guid.0);
        let n = self.fixed_len();
        w(o, 0, b.get(..n).unwrap_or(&b))?;
        w(o, n, self.trailing)
    }
}

/// One ARM error information structure (`struct cper_arm_err_info`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArmErrInfoSpec {
    /// Version.
    pub version: u8,
    /// Length (32 by default).
    pub length: u8,
    /// Validation Bits (see [`ArmErrInfo`](super::ArmErrInfo)'s `VALID_*`).
    pub validation_bits: u16,
    /// Type (see [`ArmErrInfo`](super::ArmErrInfo)'s `TYPE_*`).
    pub error_type: u8,
    /// Multiple Error count (errors minus one).
    pub multiple_error: u16,
    /// Flags.
    pub flags: u8,
    /// Error Information.
    pub error_info: u64,
    /// Virtual Fault Address.
    pub virt_fault_addr: u64,
    /// Physical Fault Address.
    pub physical_fault_addr: u64,
}

impl Default for ArmErrInfoSpec {
    fn default() -> Self {
        ArmErrInfoSpec {
            version: 0,
            length: ARM_ERR_INFO_LEN as u8,
            validation_bits: 0,
            error_type: 0,
            multiple_error: 0,
            flags: 0,
            error_info: 0,
            virt_fault_addr: 0,
            physical_fault_addr: 0,
        }
    }
}

/// One ARM processor context information structure (`struct cper_arm_ctx_info`) and its
/// registers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArmContextSpec<'s> {
    /// Version.
    pub version: u16,
    /// Register context type (0..=8).
    pub ctx_type: u16,
    /// The register array (its length is the size field).
    pub registers: &'s [u8],
}

/// An ARM processor error section body (`struct cper_sec_proc_arm` and what follows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArmSpec<'s> {
    /// Validation Bits (see [`ArmProcessor`](super::ArmProcessor)'s `VALID_*`).
    pub validation_bits: u32,
    /// Error Affinity Level.
    pub affinity_level: u8,
    /// MPIDR_EL1.
    pub mpidr: u64,
    /// MIDR_EL1.
    pub midr: u64,
    /// Running State.
    pub running_state: u32,
    /// PSCI State.
    pub psci_state: u32,
    /// Error information structures (ERR_INFO_NUM is their count).
    pub err_infos: &'s [ArmErrInfoSpec],
    /// Context information structures (CONTEXT_INFO_NUM is their count).
    pub contexts: &'s [ArmContextSpec<'s>],
    /// Vendor-specific data after the contexts.
    pub vendor_data: &'s [u8],
    /// Write this Section Length instead of the real one (to build malformed records).
    pub section_length: Option<u32>,
}

impl ArmSpec<'_> {
    fn len(&self) -> Result<usize, BuildError> {
        let mut n = ARM_LEN
            .checked_add(
                self.err_infos
                    .len()
                    .checked_mul(ARM_ERR_INFO_LEN)
                    .ok_or(BuildError::TooLarge)?,
            )
            .ok_or(BuildError::TooLarge)?;
        for c in self.contexts {
            n = n
                .checked_add(ARM_CTX_LEN)
                .and_then(|n| n.checked_add(c.registers.len()))
                .ok_or(BuildError::TooLarge)?;
        }
        n.checked_add(self.vendor_data.len())
            .ok_or(BuildError::TooLarge)
    }

    fn write(&self, o: &mut [u8]) -> Result<(), BuildError> {
        let total = u32::try_from(self.len()?).map_err(|_| BuildError::TooLarge)?;
        let infos = u16::try_from(self.err_infos.len()).map_err(|_| BuildError::TooLarge)?;
        let ctxs = u16::try_from(self.contexts.len()).map_err(|_| BuildError::TooLarge)?;
        let mut b = [0u8; ARM_LEN];
        put(&mut b, 0, &self.validation_bits.to_le_bytes());
        put(&mut b, 4, &infos.to_le_bytes());
        put(&mut b, 6, &ctxs.to_le_bytes());
        put(
            &mut b,
            8,
            &self.section_length.unwrap_or(total).to_le_bytes(),
        );
        put(&mut b, 12, &[self.affinity_level]);
        put(&mut b, 16, &self.mpidr.to_le_bytes());
        put(&mut b, 24, &self.midr.to_le_bytes());
        put(&mut b, 32, &self.running_state.to_le_bytes());
        put(&mut b, 36, &self.psci_state.to_le_bytes());
        w(o, 0, &b)?;
        let mut pos = ARM_LEN;
        for e in self.err_infos {
            let mut b = [0u8; ARM_ERR_INFO_LEN];
            put(&mut b, 0, &[e.version, e.length]);
            put(&mut b, 2, &e.validation_bits.to_le_bytes());
            put(&mut b, 4, &[e.error_type]);
            put(&mut b, 5, &e.multiple_error.to_le_bytes());
            put(&mut b, 7, &[e.flags]);
            put(&mut b, 8, &e.error_info.to_le_bytes());
            put(&mut b, 16, &e.virt_fault_addr.to_le_bytes());
            put(&mut b, 24, &e.physical_fault_addr.to_le_bytes());
            w(o, pos, &b)?;
            pos = pos.saturating_add(ARM_ERR_INFO_LEN);
        }
        for c in self.contexts {
            let size = u32::try_from(c.registers.len()).map_err(|_| BuildError::TooLarge)?;
            let mut b = [0u8; ARM_CTX_LEN];
            put(&mut b, 0, &c.version.to_le_bytes());
            put(&mut b, 2, &c.ctx_type.to_le_bytes());
            put(&mut b, 4, &size.to_le_bytes());
            w(o, pos, &b)?;
            w(o, pos.saturating_add(ARM_CTX_LEN), c.registers)?;
            pos = pos
                .saturating_add(ARM_CTX_LEN)
                .saturating_add(c.registers.len());
        }
        w(o, pos, self.vendor_data)
    }
}

/// A section body for [`SectionSpec`](super::SectionSpec).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodySpec<'s> {
    /// Platform memory error.
    Memory(MemErrorSpec),
    /// Generic processor error.
    ProcGeneric(ProcGenericSpec),
    /// ARM processor error.
    Arm(ArmSpec<'s>),
    /// PCIe error.
    Pcie(PcieSpec),
    /// Firmware error record reference.
    FwErrRecRef(FwErrRecRefSpec<'s>),
    /// Any section type with a prepared body.
    Raw {
        /// The section type.
        section_type: Guid,
        /// The body.
        data: &'s [u8],
    },
}

impl BodySpec<'_> {
    /// The section type GUID this body is written under.
    pub fn section_type(&self) -> Guid {
        match self {
            Self::Memory(_) => Guid::PLATFORM_MEM,
            Self::ProcGeneric(_) => Guid::PROC_GENERIC,
            Self::Arm(_) => Guid::PROC_ARM,
            Self::Pcie(_) => Guid::PCIE,
            Self::FwErrRecRef(_) => Guid::FW_ERR_REC_REF,
            Self::Raw { section_type, .. } => *section_type,
        }
    }

    /// The body's length in bytes.
    pub fn body_len(&self) -> Result<usize, BuildError> {
        Ok(match self {
            Self::Memory(m) => m.len(),
            Self::ProcGeneric(_) => 192,
            Self::Arm(a) => a.len()?,
            Self::Pcie(_) => 208,
            Self::FwErrRecRef(f) => f
                .fixed_len()
                .checked_add(f.trailing.len())
                .ok_or(BuildError::TooLarge)?,
            Self::Raw { data, .. } => data.len(),
        })
    }

    /// Writes the body at the start of `out`.
    pub(crate) fn write(&self, out: &mut [u8]) -> Result<(), BuildError> {
        match self {
            Self::Memory(m) => m.write(out),
            Self::ProcGeneric(p) => p.write(out),
            Self::Arm(a) => a.write(out),
            Self::Pcie(p) => p.write(out),
            Self::FwErrRecRef(f) => f.write(out),
            Self::Raw { data, .. } => w(out, 0, data),
        }
    }
}
