// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject hest --import FILE`: a vendor's HEST, relocated into the lab. Every byte of
//! the vendor table is kept but the addresses of the GHES/GHESv2 registers, which move into
//! the unused room of QEMU's 64 KiB `etc/hardware_errors` NVS region (where the lab's
//! firmware can reach them), and the header's identity, which becomes QEMU's (OEM id and
//! OEM table id, OEM revision one higher) so the kernel's initrd table upgrade replaces
//! QEMU's table with it. Registers that several sources share stay shared (one new register
//! for each distinct vendor register, one block for each distinct error status address
//! register); a register at address 0 or outside system memory is kept as it is, so both
//! drivers meet it. The Error Source Count is kept too, even when it disagrees with the
//! subtables the Length holds.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hest::{ErrorSource, Gas, Ghes, Hest, NotifyKind, SubtableError};

/// Size and alignment of QEMU's error region.
pub const REGION_SIZE: u64 = 0x1_0000;
/// Alignment of each new register.
pub const REGISTER_ALIGN: u64 = 8;
/// Alignment of each new error status block.
pub const BLOCK_ALIGN: u64 = 64;
/// The most of a block any driver reads (`GHES_ESTATUS_MAX_SIZE`): larger blocks get this.
pub const MAX_BLOCK: u32 = 65536;
/// The least a block gets: one generic error status header.
pub const MIN_BLOCK: u32 = 20;
/// Byte offsets in a GHES/GHESv2 subtable (ACPI 6.5 tables 18.11 and 18.13).
const STATUS_ADDRESS: usize = 24;
const ACK_ADDRESS: usize = 68;
/// Header fields replaced by QEMU's (ACPI 6.5 table 5.4).
const CHECKSUM: usize = 9;
const OEM_ID: usize = 10;
const OEM_REVISION: usize = 24;

/// `ghes-inject hest --import --help`.
pub const IMPORT_HELP: &str = "\
IMPORT (--import VENDOR_HEST):
  Every byte of VENDOR_HEST up to its Length is kept (bytes past it are dropped) except:
  - the header's OEM ID and OEM Table ID become QEMU's and the OEM Revision QEMU's + 1,
    so the initrd table upgrade replaces QEMU's HEST; checksum recomputed;
  - each GHES/GHESv2 error status address and read-ack register in system memory at a
    non-zero address moves into QEMU's 64 KiB error NVS region, after what QEMU uses:
    one new 8-byte register per distinct vendor register (sources that share a register
    keep sharing one), then one error status block per distinct error status address
    register, as long as the largest Error Status Block Length of the sources sharing it
    (at least 20, at most 65536 bytes). Registers at address 0 or in another address
    space are kept as they are.
  Kept as well: source ids, types, flags, Enabled, notification structures (type, length,
  configuration write enable, poll interval, vector, thresholds), block lengths, read-ack
  preserve and write masks, subtables of other types, the Error Source Count (even when it
  disagrees with the Length), subtables after one that cannot be walked.
  The subtables are walked by Length, as ghes_rs does.

  The layout file has one line per GHES whose status register moved:
    source ID KIND status=0xADDR ack=0xADDR block=0xADDR length=N extra=V malformed=none
           preserve=0xMASK write=0xVALUE
  KIND: polled external local sci nmi cmci mce gpio sea sei gsiv sdei or unknown;
  extra: the poll interval of a polled source, the vector of any other; ack=0x0 when
  the source has no read-ack register (GHES v1) or it was not moved. The guest's
  firmware acknowledges by this protocol: read-ack done means
  (register & ~preserve) == write. stdout says, source by source, what moved and what
  was kept.
";

/// Why no table was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(msg.into()))
}

/// One relocated GHES: its layout line's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// Byte offset of the subtable.
    pub offset: usize,
    /// Source id.
    pub id: u16,
    /// Lab kind name (layout file).
    pub kind: &'static str,
    /// New error status address register.
    pub status: u64,
    /// New read-ack register, 0 if none.
    pub ack: u64,
    /// The block the status register points at.
    pub block: u64,
    /// Its length.
    pub length: u32,
    /// Poll interval or vector.
    pub extra: u32,
    /// Read Ack Preserve (QEMU's for a GHES v1, unused).
    pub preserve: u64,
    /// Read Ack Write.
    pub write: u64,
}

impl Moved {
    /// The layout file line, without the newline.
    pub fn layout_line(&self) -> String {
        format!(
            "source {} {} status={:#x} ack={:#x} block={:#x} length={} extra={} malformed=none \
             preserve={:#x} write={:#x}",
            self.id,
            self.kind,
            self.status,
            self.ack,
            self.block,
            self.length,
            self.extra,
            self.preserve,
            self.write
        )
    }
}

/// The result of [`import`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The new table.
    pub table: Vec<u8>,
    /// The GHES sources whose registers moved, in table order.
    pub moved: Vec<Moved>,
    /// What was done, one line per subtable (and per table-level fact).
    pub report: Vec<String>,
}

impl Imported {
    /// The layout file.
    pub fn layout(&self) -> String {
        self.moved.iter().map(|m| m.layout_line() + "\n").collect()
    }
}

/// The lab kind name of a notification type.
pub fn kind_name(kind: NotifyKind) -> &'static str {
    match kind {
        NotifyKind::Polled => "polled",
        NotifyKind::External => "external",
        NotifyKind::LocalInterrupt => "local",
        NotifyKind::Sci => "sci",
        NotifyKind::Nmi => "nmi",
        NotifyKind::Cmci => "cmci",
        NotifyKind::Mce => "mce",
        NotifyKind::Gpio => "gpio",
        NotifyKind::Sea => "sea",
        NotifyKind::Sei => "sei",
        NotifyKind::Gsiv => "gsiv",
        NotifyKind::SoftwareDelegated => "sdei",
        NotifyKind::Unknown(_) => "unknown",
    }
}

/// Bytes a register needs: its access size or its bits, whichever is more, at least 8.
fn register_len(gas: &Gas) -> u64 {
    let access = gas.access_bits().map_or(0, |b| u64::from(b / 8));
    let bits = u64::from(gas.bit_width) + u64::from(gas.bit_offset);
    access
        .max(bits.div_ceil(8))
        .max(8)
        .next_multiple_of(REGISTER_ALIGN)
}

/// Whether the lab can move a register: system memory at a non-zero address.
fn movable(gas: &Gas) -> bool {
    gas.is_system_memory() && gas.address != 0
}

/// QEMU's region and the end of what QEMU uses of it: (base, high, oem id, table id, rev).
fn qemu_region(qemu: &[u8], blocks: &[u64]) -> Result<(u64, u64, [u8; 14], u32), ImportError> {
    let hest = Hest::parse(qemu).map_err(|e| ImportError(format!("QEMU's HEST: {e}")))?;
    let ghes: Vec<Ghes> = hest
        .sources()
        .map_while(Result::ok)
        .filter_map(|s| s.ghes().copied())
        .collect();
    let Some(first) = ghes.first() else {
        return err("QEMU's HEST has no GHES source: no error region to place registers in");
    };
    if ghes.len() != blocks.len() {
        return err(format!(
            "QEMU's HEST has {} GHES source(s) but --qemu-block gives {} address(es)",
            ghes.len(),
            blocks.len()
        ));
    }
    let base = first.error_status_address.address & !(REGION_SIZE - 1);
    let end = u128::from(base) + u128::from(REGION_SIZE);
    let mut high = u128::from(base);
    for (g, &block) in ghes.iter().zip(blocks) {
        let mut areas = vec![
            (
                g.error_status_address.address,
                register_len(&g.error_status_address),
            ),
            (block, u64::from(g.error_block_length)),
        ];
        if let Some(a) = &g.ack {
            areas.push((a.register.address, register_len(&a.register)));
        }
        for (start, len) in areas {
            let stop = u128::from(start) + u128::from(len);
            if start < base || stop > end {
                return err(format!(
                    "QEMU's source {}: {len} bytes at {start:#x} are outside the region \
                     {base:#x}-{:#x}",
                    g.source_id,
                    end - 1
                ));
            }
            high = high.max(stop);
        }
    }
    let mut identity = [0u8; 14];
    identity.copy_from_slice(&qemu[OEM_ID..OEM_ID + 14]);
    let rev = hest
        .oem_revision()
        .checked_add(1)
        .ok_or(ImportError("QEMU's OEM revision is 0xffffffff".into()))?;
    Ok((base, u64::try_from(high).unwrap_or(u64::MAX), identity, rev))
}

/// Imports `vendor` into QEMU's region (QEMU's table `qemu`, its blocks `qemu_blocks`).
pub fn import(vendor: &[u8], qemu: &[u8], qemu_blocks: &[u64]) -> Result<Imported, ImportError> {
    let (base, high, identity, oem_revision) = qemu_region(qemu, qemu_blocks)?;
    let hest = Hest::parse(vendor).map_err(|e| ImportError(format!("the vendor HEST: {e}")))?;
    let mut table = hest.bytes().to_vec();
    let mut report = Vec::new();
    if vendor.len() > table.len() {
        report.push(format!(
            "table: {} byte(s) past its Length {} dropped",
            vendor.len() - table.len(),
            table.len()
        ));
    }
    // The walk by Length; whatever cannot be walked is kept as bytes.
    let mut sources: Vec<ErrorSource<'_>> = Vec::new();
    for s in hest.sources() {
        match s {
            Ok(s) => sources.push(s),
            Err(SubtableError::CountMismatch { declared, found }) => report.push(format!(
                "table: Error Source Count {declared} kept, though the Length holds {found} \
                 subtable(s) (Linux walks {declared}, ghes_rs all {found})"
            )),
            Err(e) => report.push(format!("table: {e}; those bytes are kept as they are")),
        }
    }
    // New registers: one per distinct (space, address) of a movable register, status
    // registers first, then read-ack registers, in table order.
    let mut cursor = u128::from(high).next_multiple_of(u128::from(REGISTER_ALIGN));
    let mut new_reg: BTreeMap<u64, u64> = BTreeMap::new();
    let ghes: Vec<(usize, Ghes)> = sources
        .iter()
        .filter_map(|s| s.ghes().map(|g| (s.offset(), *g)))
        .collect();
    let mut registers: Vec<Gas> = ghes.iter().map(|(_, g)| g.error_status_address).collect();
    registers.extend(ghes.iter().filter_map(|(_, g)| g.ack.map(|a| a.register)));
    for gas in registers.iter().filter(|g| movable(g)) {
        if let std::collections::btree_map::Entry::Vacant(v) = new_reg.entry(gas.address) {
            v.insert(u64::try_from(cursor).unwrap_or(u64::MAX));
            cursor += u128::from(register_len(gas));
        }
    }
    // Blocks: one per distinct moved status register, the largest length of its sources.
    let mut block_len: BTreeMap<u64, u32> = BTreeMap::new();
    for (_, g) in &ghes {
        if movable(&g.error_status_address) {
            let len = g.error_block_length.clamp(MIN_BLOCK, MAX_BLOCK);
            let e = block_len
                .entry(g.error_status_address.address)
                .or_insert(len);
            *e = (*e).max(len);
        }
    }
    let mut block_at: BTreeMap<u64, u64> = BTreeMap::new();
    for (_, g) in &ghes {
        let status = g.error_status_address.address;
        if let (Some(&len), false) = (block_len.get(&status), block_at.contains_key(&status)) {
            cursor = cursor.next_multiple_of(u128::from(BLOCK_ALIGN));
            block_at.insert(status, u64::try_from(cursor).unwrap_or(u64::MAX));
            cursor += u128::from(len);
        }
    }
    let end = u128::from(base) + u128::from(REGION_SIZE);
    if cursor > end {
        return err(format!(
            "the {} register(s) and {} block(s) need {} bytes from {high:#x} but the region \
             {base:#x}-{:#x} has {} left",
            new_reg.len(),
            block_at.len(),
            cursor - u128::from(high),
            end - 1,
            end - u128::from(high)
        ));
    }
    // Sharing, for the report.
    let sharers = |addr: u64, ack: bool| -> Vec<u16> {
        ghes.iter()
            .filter(|(_, g)| {
                let gas = if ack {
                    g.ack.map(|a| a.register)
                } else {
                    Some(g.error_status_address)
                };
                gas.is_some_and(|r| movable(&r) && r.address == addr)
            })
            .map(|(_, g)| g.source_id)
            .collect()
    };
    let mut moved = Vec::new();
    for s in &sources {
        let Some(g) = s.ghes() else {
            report.push(format!(
                "subtable at offset {}: {} source {}: kept as it is",
                s.offset(),
                s.kind(),
                s.source_id()
            ));
            continue;
        };
        let o = s.offset();
        let kind = kind_name(g.notify.kind);
        let mut line = format!(
            "subtable at offset {o}: {} source {} ({}, {}):",
            if g.is_v2() { "GHESv2" } else { "GHES" },
            g.source_id,
            g.notify.kind,
            if g.enabled { "enabled" } else { "disabled" }
        );
        let status = g.error_status_address;
        let Some(&new_status) = new_reg.get(&status.address).filter(|_| movable(&status)) else {
            let _ = write!(
                line,
                " error status address {:#x} in {} kept as it is",
                status.address,
                status.space()
            );
            report.push(line);
            continue;
        };
        patch(&mut table, o + STATUS_ADDRESS, new_status);
        let shared = sharers(status.address, false);
        let _ = write!(
            line,
            " status register {:#x} -> {new_status:#x}",
            status.address
        );
        if shared.len() > 1 {
            let _ = write!(line, " (shared by sources {shared:?})");
        }
        let mut new_ack = 0;
        if let Some(a) = &g.ack {
            match new_reg
                .get(&a.register.address)
                .filter(|_| movable(&a.register))
            {
                Some(&n) => {
                    patch(&mut table, o + ACK_ADDRESS, n);
                    new_ack = n;
                    let _ = write!(line, ", read-ack {:#x} -> {n:#x}", a.register.address);
                    let shared = sharers(a.register.address, true);
                    if shared.len() > 1 {
                        let _ = write!(line, " (shared by sources {shared:?})");
                    }
                    let _ = write!(line, " preserve {:#x} write {:#x}", a.preserve, a.write);
                }
                None => {
                    let _ = write!(
                        line,
                        ", read-ack {:#x} in {} kept as it is",
                        a.register.address,
                        a.register.space()
                    );
                }
            }
        }
        let block = block_at.get(&status.address).copied().unwrap_or(0);
        let length = block_len.get(&status.address).copied().unwrap_or(MIN_BLOCK);
        let _ = write!(line, ", block {length} bytes at {block:#x}");
        report.push(line);
        let (preserve, write) = g
            .ack
            .map_or((0xffff_ffff_ffff_fffe, 1), |a| (a.preserve, a.write));
        moved.push(Moved {
            offset: o,
            id: g.source_id,
            kind,
            status: new_status,
            ack: new_ack,
            block,
            length,
            extra: if g.notify.kind == NotifyKind::Polled {
                g.notify.poll_interval
            } else {
                g.notify.vector
            },
            preserve,
            write,
        });
    }
    table[OEM_ID..OEM_ID + 14].copy_from_slice(&identity);
    table[OEM_REVISION..OEM_REVISION + 4].copy_from_slice(&oem_revision.to_le_bytes());
    table[CHECKSUM] = 0;
    table[CHECKSUM] = 0u8.wrapping_sub(hest::checksum(&table));
    Ok(Imported {
        table,
        moved,
        report,
    })
}

fn patch(table: &mut [u8], at: usize, value: u64) {
    if let Some(dst) = table.get_mut(at..at + 8) {
        dst.copy_from_slice(&value.to_le_bytes());
    }
}

/// Runs `ghes-inject hest --import VENDOR` with the other options of `hest`; returns the
/// lines to print.
pub fn run(
    vendor: &str,
    qemu: &str,
    blocks: &[u64],
    out: &str,
    layout: &str,
) -> Result<Vec<String>, ImportError> {
    let read = |p: &str| std::fs::read(p).map_err(|e| ImportError(format!("cannot read {p}: {e}")));
    let imported = import(&read(vendor)?, &read(qemu)?, blocks)?;
    for (path, bytes) in [
        (out, imported.table.clone()),
        (layout, imported.layout().into_bytes()),
    ] {
        std::fs::write(path, bytes)
            .map_err(|e| ImportError(format!("cannot write {path}: {e}")))?;
    }
    let mut lines = imported.report.clone();
    lines.push(format!(
        "{out}: {vendor} imported, {} bytes, {} GHES source(s) moved into the lab's region; \
         layout in {layout}",
        imported.table.len(),
        imported.moved.len()
    ));
    Ok(lines)
}
