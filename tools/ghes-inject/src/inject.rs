// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject inject|notify|status`: plays the platform firmware of a running lab guest from
//! the host, through QEMU's gdbstub. It writes a record into a GHES error status block the way
//! QEMU's acpi_ghes_record_errors() does (ACPI 6.5 18.3.2.7-8: refuse while the GHESv2 read-ack
//! register says the previous record is unread, clear read-ack, write the record, Block Status
//! last) and raises the source's notification: nothing for a polled source, the SPI for a GSIV
//! or external-interrupt source (made pending in the GIC distributor, GICv3 GICD_ISPENDR<n>),
//! and for an SDEI or SEI source the lab firmware's SDEI event or SError, through its doorbell
//! (doorbell.rs) once the guest runs again.
//!
//! The sources come from the layout file `ghes-inject hest --layout` wrote for the guest's
//! HEST (tools/lab keeps it beside the test's tables).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::cli::{
    DoorbellArgs, InjectArgs, NotifyArgs, StatusArgs, TargetArgs, DEFAULT_SERROR_ESR,
};
use super::doorbell::{self, Answer};
use super::gdb_remote::GdbRemote;
use super::{number, Usage};

/// Exit status when the firmware refuses to overwrite an unacknowledged record, or refuses an
/// SDEI event or SError through its doorbell.
pub(crate) const EXIT_REFUSED: u8 = 3;
/// Exit status when the OS did not consume the record within `--wait`.
pub(crate) const EXIT_NOT_CONSUMED: u8 = 4;

/// The failures of a command that reached the guest, with their exit status.
pub(crate) enum Failure {
    /// A command-line mistake (exit 2).
    Usage(Usage),
    /// A file could not be read or holds something invalid, or the guest could not be
    /// reached or answered nonsense (exit 1).
    Failed(String),
    /// The firmware would refuse, or the OS did not consume the record.
    Refused(u8, String),
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Self {
        Failure::Usage(u)
    }
}

fn io(what: &str) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |e| Failure::Failed(format!("{what}: {e}"))
}

/// One `source` line of a firmware layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LayoutSource {
    /// The source id.
    pub(crate) id: u16,
    /// Its notification kind (polled, gsiv, external, sea, ...).
    pub(crate) kind: String,
    /// Error Status Address register.
    pub(crate) status_reg: u64,
    /// GHESv2 read-ack register, or 0 for a GHES v1 source.
    pub(crate) ack_reg: u64,
    /// Error status block.
    pub(crate) block: u64,
    /// Error Status Block Length.
    pub(crate) length: u64,
    /// Poll interval (ms), GSI or SDEI event.
    pub(crate) extra: u64,
    /// Read Ack Preserve (`preserve=`; QEMU's 0xffff_ffff_ffff_fffe when absent).
    pub(crate) preserve: u64,
    /// Read Ack Write (`write=`; QEMU's 1 when absent).
    pub(crate) write: u64,
    /// (preserve, write) of every layout source with this read-ack register, this one
    /// included: a register several sources share is a mailbox, and the firmware may write
    /// the next record once it holds any of their "done" values.
    pub(crate) sharers: Vec<(u64, u64)>,
}

impl LayoutSource {
    /// Whether read-ack value `ack` says this source's record was read: the GHESv2
    /// protocol, `(register & ~preserve) == write` (ACPI 6.5 18.3.2.8), not bit 0.
    pub(crate) fn acked(&self, ack: u64) -> bool {
        ack_done(ack, self.preserve, self.write)
    }

    /// Whether `ack` says the last record written through this register (by any source
    /// sharing it) was read.
    pub(crate) fn register_free(&self, ack: u64) -> bool {
        self.sharers.iter().any(|&(p, w)| ack_done(ack, p, w))
    }
}

/// `(ack & !preserve) == write`.
pub(crate) fn ack_done(ack: u64, preserve: u64, write: u64) -> bool {
    (ack & !preserve) == (write & !preserve)
}

/// QEMU's Read Ack Preserve and Write, for layout lines without preserve=/write=.
const QEMU_ACK: (u64, u64) = (0xffff_ffff_ffff_fffe, 1);

/// Finds source `id` in the layout text.
pub(crate) fn layout_source(layout: &str, id: u16) -> Result<LayoutSource, Usage> {
    let all = layout_sources(layout)?;
    let mut source = all
        .iter()
        .position(|s| s.id == id)
        .map(|i| all[i].clone())
        .ok_or_else(|| Usage(format!("the layout has no source {id}")))?;
    source.sharers = all
        .iter()
        .filter(|s| s.ack_reg == source.ack_reg)
        .map(|s| (s.preserve, s.write))
        .collect();
    Ok(source)
}

/// Every `source` line of the layout, in order (sharers left empty).
fn layout_sources(layout: &str) -> Result<Vec<LayoutSource>, Usage> {
    let mut out = Vec::new();
    for line in layout.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() != Some(&"source") {
            continue;
        }
        let find = |name: &str| {
            words
                .iter()
                .find_map(|w| w.strip_prefix(name)?.strip_prefix('='))
        };
        let field = |name: &str| -> Result<u64, Usage> {
            let value =
                find(name).ok_or_else(|| Usage(format!("layout line '{line}' has no {name}=")))?;
            number(value)
        };
        let optional = |name: &str, default: u64| find(name).map_or(Ok(default), number);
        let id = words
            .get(1)
            .map_or(Err(()), |w| w.parse::<u16>().map_err(|_| ()));
        let id = id.map_err(|()| Usage(format!("layout line '{line}' has no source id")))?;
        out.push(LayoutSource {
            id,
            kind: words.get(2).unwrap_or(&"").to_string(),
            status_reg: field("status")?,
            ack_reg: field("ack")?,
            block: field("block")?,
            length: field("length")?,
            extra: field("extra")?,
            preserve: optional("preserve", QEMU_ACK.0)?,
            write: optional("write", QEMU_ACK.1)?,
            sharers: Vec::new(),
        });
    }
    Ok(out)
}

/// What every guest command needs: where the stub is and which source.
struct Target {
    gdb: String,
    source: LayoutSource,
    gicd: u64,
    gsi: Option<u64>,
}

/// The target of a guest command: the source, found in the layout file.
fn target(t: &TargetArgs, gsi: Option<u64>) -> Result<Target, Failure> {
    let path = t.layout.display();
    let text = std::fs::read_to_string(&t.layout)
        .map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))?;
    let source = layout_source(&text, t.source)?;
    Ok(Target {
        gdb: t.gdb.clone(),
        source,
        gicd: t.gicd,
        gsi,
    })
}

/// `inject`: writes `record` into the source's block as firmware does, raises the
/// notification unless `--no-notify`, and with `--wait S` waits until the OS has consumed and
/// acknowledged it.
pub(crate) fn inject(a: InjectArgs) -> Result<(), Failure> {
    let t = target(&a.target, a.gsi)?;
    let (no_notify, wait) = (a.no_notify, a.wait.map(Duration::from_secs));
    let plan = notification(&t, &a.doorbell, !no_notify)?;
    let record = super::record_words(&a.record)?;
    let s = &t.source;
    if record.len() as u64 > s.length {
        return Err(Usage(format!(
            "the record ({} bytes) exceeds source {}'s block ({} bytes)",
            record.len(),
            s.id,
            s.length
        ))
        .into());
    }
    if record.len() < 4 {
        return Err(Usage("a record has at least its 4-byte Block Status".into()).into());
    }
    let mut g = GdbRemote::connect(&t.gdb).map_err(io("connecting to the gdbstub"))?;
    if s.ack_reg != 0 {
        let ack = g.read_u64(s.ack_reg, 8).map_err(io("reading read-ack"))?;
        if !s.register_free(ack) {
            g.detach().map_err(io("detaching"))?;
            return Err(Failure::Refused(
                EXIT_REFUSED,
                format!(
                    "source {}: the previous record is not acknowledged (read-ack {ack:#x}); \
                     the firmware does not overwrite it",
                    s.id
                ),
            ));
        }
        g.write_le(s.ack_reg, 0, 8)
            .map_err(io("clearing read-ack"))?;
    }
    let block = g
        .read_u64(s.status_reg, 8)
        .map_err(io("reading the error status address"))?;
    g.write(block + 4, &record[4..])
        .map_err(io("writing the record"))?;
    g.write(block, &record[..4])
        .map_err(io("writing Block Status"))?;
    let raised = if no_notify {
        "not notified (--no-notify)".to_string()
    } else {
        raise(&mut g, &plan)?
    };
    g.detach().map_err(io("detaching"))?;
    println!(
        "source {} ({}): wrote {} bytes at {block:#x}; {raised}",
        s.id,
        s.kind,
        record.len()
    );
    if !no_notify {
        ring_if_planned(&t, &plan)?;
    }
    wait_if_asked(&t, wait)
}

/// `notify`: raises the source's notification (after `inject --no-notify`); with `--wait S`
/// waits as `inject` does.
pub(crate) fn notify(a: NotifyArgs) -> Result<(), Failure> {
    let t = target(&a.target, a.gsi)?;
    let wait = a.wait.map(Duration::from_secs);
    let plan = notification(&t, &a.doorbell, true)?;
    if let Plan::Doorbell { .. } = plan {
        // The firmware raises it: the guest must run, so no gdbstub connection meanwhile.
        ring_if_planned(&t, &plan)?;
        return wait_if_asked(&t, wait);
    }
    let mut g = GdbRemote::connect(&t.gdb).map_err(io("connecting to the gdbstub"))?;
    let raised = raise(&mut g, &plan)?;
    g.detach().map_err(io("detaching"))?;
    println!("source {} ({}): {raised}", t.source.id, t.source.kind);
    wait_if_asked(&t, wait)
}

fn wait_if_asked(t: &Target, wait: Option<Duration>) -> Result<(), Failure> {
    match wait {
        Some(limit) => wait_consumed(t, limit),
        None => Ok(()),
    }
}

/// `status`: prints the block's Block Status and the read-ack register.
pub(crate) fn status(a: StatusArgs) -> Result<(), Failure> {
    let t = target(&a.target, None)?;
    let (block_status, ack) = peek(&t)?;
    let ack = ack.map_or("none (GHES v1)".to_string(), |a| format!("{a:#x}"));
    println!(
        "source {} ({}): block_status={block_status:#010x} read_ack={ack}",
        t.source.id, t.source.kind
    );
    Ok(())
}

/// Block Status and read-ack, read in one short stop of the guest.
fn peek(t: &Target) -> Result<(u64, Option<u64>), Failure> {
    let mut g = GdbRemote::connect(&t.gdb).map_err(io("connecting to the gdbstub"))?;
    let block = g
        .read_u64(t.source.status_reg, 8)
        .map_err(io("reading the error status address"))?;
    let block_status = g.read_u64(block, 4).map_err(io("reading Block Status"))?;
    let ack = match t.source.ack_reg {
        0 => None,
        reg => Some(g.read_u64(reg, 8).map_err(io("reading read-ack"))?),
    };
    g.detach().map_err(io("detaching"))?;
    Ok((block_status, ack))
}

/// Waits until the OS has consumed the record (Block Status 0) and, for GHESv2, acknowledged
/// it (read-ack `(register & ~preserve) == write`); the guest runs between looks.
fn wait_consumed(t: &Target, limit: Duration) -> Result<(), Failure> {
    let start = Instant::now();
    loop {
        let (block_status, ack) = peek(t)?;
        let acked = ack.is_none_or(|a| t.source.acked(a));
        if block_status == 0 && acked {
            println!(
                "source {}: consumed{} after {} ms",
                t.source.id,
                if ack.is_some() {
                    " and acknowledged"
                } else {
                    ""
                },
                start.elapsed().as_millis()
            );
            return Ok(());
        }
        if start.elapsed() >= limit {
            return Err(Failure::Refused(
                EXIT_NOT_CONSUMED,
                format!(
                    "source {}: not consumed within {} s (block_status={block_status:#x}, \
                     read-ack={})",
                    t.source.id,
                    limit.as_secs(),
                    ack.map_or("none".into(), |a| format!("{a:#x}"))
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// How a source's notification is raised, decided before the guest is touched.
enum Plan {
    /// Nothing the host can raise; says why.
    Nothing(String),
    /// An SPI, made pending in the GIC distributor at `reg`.
    Spi { gsi: u64, reg: u64 },
    /// A command line for the lab firmware's doorbell at `path` (SDEI event or SError).
    Doorbell {
        path: PathBuf,
        command: String,
        what: String,
    },
}

/// Decides how to raise the target's notification, refusing options its kind does not take;
/// `raising` is false for `inject --no-notify`: nothing is raised, so neither an interrupt
/// (`--gsi`) nor a doorbell is needed then.
fn notification(t: &Target, d: &DoorbellArgs, raising: bool) -> Result<Plan, Failure> {
    let s = &t.source;
    let kind = s.kind.as_str();
    let doorbell_kind = t.gsi.is_none() && matches!(kind, "sdei" | "sei");
    if d.esr.is_some() && !(doorbell_kind && kind == "sei") {
        return Err(Usage(format!(
            "--esr is the syndrome of an sei source's SError; source {} is {kind}{}",
            s.id,
            if t.gsi.is_some() {
                " raised by --gsi"
            } else {
                ""
            }
        ))
        .into());
    }
    if (d.cpu.is_some() || d.doorbell.is_some()) && !doorbell_kind {
        return Err(Usage(format!(
            "--cpu and --doorbell are for sdei and sei sources, which the lab firmware \
             notifies; source {} is {kind}{}",
            s.id,
            if t.gsi.is_some() {
                " raised by --gsi"
            } else {
                ""
            }
        ))
        .into());
    }
    if !raising {
        return Ok(Plan::Nothing(String::new()));
    }
    let gsi = match (kind, t.gsi) {
        (_, Some(gsi)) => gsi,
        ("gsiv" | "external", None) => s.extra,
        ("polled", None) => {
            return Ok(Plan::Nothing(format!(
                "polled every {} ms, nothing to raise",
                s.extra
            )))
        }
        ("sea", None) => {
            return Ok(Plan::Nothing(
                "sea is an exception in the guest: it is raised when the guest consumes the \
                 error (e.g. mce-victim), not from the host"
                    .into(),
            ))
        }
        ("sdei" | "sei", None) => return doorbell_plan(s, d),
        (kind, None) => {
            return Err(Usage(format!(
                "source {} ({kind}): say which interrupt raises it with --gsi N",
                s.id
            ))
            .into())
        }
    };
    if !(32..1020).contains(&gsi) {
        return Err(Usage(format!("GSI {gsi} is not an SPI (32..1019)")).into());
    }
    Ok(Plan::Spi {
        gsi,
        reg: t.gicd + 0x200 + (gsi / 32) * 4,
    })
}

/// The doorbell command of an sdei or sei source.
fn doorbell_plan(s: &LayoutSource, d: &DoorbellArgs) -> Result<Plan, Failure> {
    let path = doorbell::path(d.doorbell.as_deref()).ok_or_else(|| {
        Usage(format!(
            "source {} ({}) is notified by the lab firmware at EL3: give its doorbell with \
             --doorbell PATH or {} (the guest must run on tools/lab --firmware tfa, whose \
             shell prints it)",
            s.id,
            s.kind,
            doorbell::ENV
        ))
    })?;
    let cpu = d.cpu.unwrap_or(0);
    let (command, what) = if s.kind == "sdei" {
        (
            format!("sdei {:#x} {cpu}", s.extra),
            format!("SDEI event {:#x} on CPU {cpu}", s.extra),
        )
    } else {
        let esr = d.esr.unwrap_or(DEFAULT_SERROR_ESR);
        (
            format!("serror {esr:#x} {cpu}"),
            format!("an SError (ESR {esr:#x}) on CPU {cpu}"),
        )
    };
    Ok(Plan::Doorbell {
        path,
        command,
        what,
    })
}

/// Raises what the guest's GIC can be told through the gdbstub; says what it did (a doorbell
/// plan is rung after the guest resumes: [`ring_if_planned`]).
fn raise(g: &mut GdbRemote, plan: &Plan) -> Result<String, Failure> {
    match plan {
        Plan::Nothing(why) => Ok(why.clone()),
        Plan::Spi { gsi, reg } => {
            g.write_le(*reg, 1 << (gsi % 32), 4)
                .map_err(io("writing GICD_ISPENDR"))?;
            Ok(format!("raised GSI {gsi} (GICD_ISPENDR at {reg:#x})"))
        }
        Plan::Doorbell { what, .. } => Ok(format!("{what} next, by the firmware")),
    }
}

/// Asks the firmware for a doorbell plan's notification (the guest running); prints its
/// answer, or fails with its refusal (exit 3).
fn ring_if_planned(t: &Target, plan: &Plan) -> Result<(), Failure> {
    let Plan::Doorbell {
        path,
        command,
        what,
    } = plan
    else {
        return Ok(());
    };
    let id = t.source.id;
    match doorbell::ring(path, command).map_err(Failure::Failed)? {
        Answer::Done(line) => {
            println!(
                "source {id} ({}): the firmware raised {what} ({line})",
                t.source.kind
            );
            Ok(())
        }
        Answer::Refused(why) => Err(Failure::Refused(
            EXIT_REFUSED,
            format!(
                "source {id}: the firmware refused {what}: {why} (the record stays; \
                 `ghes-inject notify` asks again)"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYOUT: &str = "\
source 1 polled status=0x7c410410 ack=0x7c410418 block=0x7c410480 length=4096 extra=50 malformed=none
source 2 gsiv status=0x7c410420 ack=0x0 block=0x7c411480 length=8192 extra=200 malformed=none
einj mailbox=0x7c41f000 length=4096
";

    #[test]
    fn layout_lines_give_each_register() {
        let s = layout_source(LAYOUT, 2).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            s,
            LayoutSource {
                id: 2,
                kind: "gsiv".into(),
                status_reg: 0x7c41_0420,
                ack_reg: 0,
                block: 0x7c41_1480,
                length: 8192,
                extra: 200,
                preserve: 0xffff_ffff_ffff_fffe,
                write: 1,
                sharers: vec![(0xffff_ffff_ffff_fffe, 1)],
            }
        );
        assert!(layout_source(LAYOUT, 3).is_err());
        assert!(layout_source("source 1 polled status=zz", 1).is_err());
    }

    #[test]
    fn read_ack_follows_each_sources_protocol() {
        // Ampere Altra style: one mailbox register, preserve 0, a value per source.
        let layout = "\
source 0 sci status=0x10 ack=0x50 block=0x80 length=4096 extra=0 malformed=none preserve=0x0 write=0xb1d00000
source 1 polled status=0x18 ack=0x50 block=0x1080 length=4096 extra=3000 malformed=none preserve=0x0 write=0xb1c00000
source 2 gsiv status=0x20 ack=0x58 block=0x2080 length=4096 extra=0 malformed=none preserve=0xfffffffe write=0x1
";
        let s0 = layout_source(layout, 0).unwrap_or_else(|e| panic!("{e}"));
        let s1 = layout_source(layout, 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(s0.acked(0xb1d0_0000) && !s0.acked(0xb1c0_0000) && !s0.acked(1));
        assert!(!s0.acked(0), "a cleared mailbox is a record not yet read");
        assert!(
            s1.register_free(0xb1d0_0000),
            "source 0's ack frees the mailbox"
        );
        assert!(!s1.register_free(0));
        let s2 = layout_source(layout, 2).unwrap_or_else(|e| panic!("{e}"));
        assert!(s2.acked(0xffff_0001) && s2.acked(1) && !s2.acked(0xfffe));
        assert_eq!(s2.sharers, vec![(0xffff_fffe, 1)]);
    }
}
