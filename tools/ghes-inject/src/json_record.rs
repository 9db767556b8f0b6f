// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject record json FILE`: a CPER Generic Error Status Block (UEFI 2.10 Appendix N,
//! N.2 and N.2.2) described in JSON, for records the typed `record` commands and EINJ cannot
//! describe: several sections, ARM processor errors, PCIe errors with AER registers, vendor
//! sections. The format is in [`HELP`]; numbers are JSON numbers or "0x..." strings, and a
//! field that is present sets its validation bit.
//!
//! Parsed with serde derive into the structures below, each refusing fields it does not
//! have (`deny_unknown_fields`); a mistake is reported with its line and column.

use std::fmt;

use cper::{
    ArmErrInfo, ArmErrInfoSpec, ArmProcessor, ArmSpec, BlockStatus, BodySpec, EstatusBuilder, Guid,
    MemError, MemErrorSpec, Pcie, PcieSpec, Section, SectionSpec,
};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// The JSON format, for `ghes-inject record json --help`.
pub(crate) const HELP: &str = r#"ghes-inject record json FILE -o OUT: build a record described in JSON

{ "severity": "recoverable",            record severity: recoverable | fatal | corrected | info
  "sections": [                         one object per Generic Error Data Entry, in order
    { "type": "memory", "pa": "0x40001000", "error_type": 3,
      "node": 0, "card": 1, "module": 2, "bank": 3, "device": 4, "row": 5, "column": 6,
      "bit_pos": 7, "requestor_id": 8, "responder_id": 9, "target_id": 10, "rank": 11 },
    { "type": "arm", "mpidr": "0x80000100", "midr": "0x410fd4f0", "affinity_level": 1,
      "running_state": 1, "psci_state": 0,
      "errors": [ { "kind": "cache" | "tlb" | "bus" | "vendor", "error_info": "0x...",
                    "va": "0x...", "pa": "0x...", "flags": 1, "multiple_error": 0 } ] },
    { "type": "pcie", "segment": 0, "bus": 0, "device": 1, "function": 0,
      "vendor_id": "0x1b36", "device_id": "0x000c", "port_type": 4,
      "aer": { "uncor_status": "0x1000", "uncor_mask": 0, "uncor_severity": "0x62030",
               "cor_status": 0, "cor_mask": 0, "tlp_header": [0, 0, 0, 0] } },
    { "type": "raw", "guid": "6768..-....-....-....-............", "data": "hex bytes" }
  ] }

Every section also takes "severity" (default: the record's), "flags" (a number, or a list
of: primary, containment_warning, reset, threshold_exceeded, resource_not_accessible,
latent_error), "fru_id" (a GUID) and "fru_text" (at most 20 characters). The first section
is marked primary unless it sets "flags". Block Status says one (un)correctable error, and
multiple ones with several sections, as firmware writes it.
"#;

/// Why a JSON description was refused: the message, and where in the text when serde_json
/// knows (1-based line and column).
#[derive(Debug)]
pub(crate) struct JsonError {
    /// Line and column, if known.
    pub(crate) at: Option<(usize, usize)>,
    /// What is wrong.
    pub(crate) msg: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{line}:{column}: {}", self.msg),
            None => write!(f, " {}", self.msg),
        }
    }
}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> Self {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        JsonError {
            at: (e.line() > 0).then(|| (e.line(), e.column())),
            msg: text.strip_suffix(&suffix).unwrap_or(&text).to_string(),
        }
    }
}

fn refused(msg: String) -> JsonError {
    JsonError { at: None, msg }
}

/// A number from 0 to `MAX`: a JSON number, or a string in decimal or "0x" hex.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Num<const MAX: u64>(u64);

type U8 = Num<0xff>;
type U16 = Num<0xffff>;
type U32 = Num<0xffff_ffff>;
type U64 = Num<{ u64::MAX }>;

impl<'de, const MAX: u64> Deserialize<'de> for Num<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const MAX: u64>;
        impl<const MAX: u64> V<MAX> {
            fn check<E: de::Error>(n: u64) -> Result<Num<MAX>, E> {
                if n > MAX {
                    return Err(E::custom(format!("out of range: {n} > {MAX} ({MAX:#x})")));
                }
                Ok(Num(n))
            }
        }
        impl<const MAX: u64> Visitor<'_> for V<MAX> {
            type Value = Num<MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "a number from 0 to {MAX:#x} (a JSON number or a \"0x...\" string)"
                )
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                Self::check(n)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Err(E::custom(format!("out of range: {n} < 0")))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => s.parse(),
                };
                match parsed {
                    Ok(n) => Self::check(n),
                    Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                        Err(E::custom(format!("out of range: \"{s}\" > {MAX:#x}")))
                    }
                    Err(_) => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
                }
            }
        }
        d.deserialize_any(V::<MAX>)
    }
}

/// Sets `*bits |= bit` when `v` is present; its value or 0.
fn valid<const MAX: u64>(v: Option<Num<MAX>>, bits: &mut u64, bit: u64) -> u64 {
    if v.is_some() {
        *bits |= bit;
    }
    v.map_or(0, |n| n.0)
}

/// A record or section severity, by name.
#[derive(Deserialize, Clone, Copy, Debug)]
#[serde(rename_all = "lowercase")]
enum Severity {
    Recoverable,
    Fatal,
    Corrected,
    Info,
}

impl Severity {
    fn raw(self) -> u32 {
        match self {
            Self::Recoverable => 0,
            Self::Fatal => 1,
            Self::Corrected => 2,
            Self::Info => 3,
        }
    }
}

/// The whole description.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    #[serde(default)]
    severity: Option<Severity>,
    sections: Vec<SectionJson>,
}

/// One Generic Error Data Entry, by its "type".
#[derive(Deserialize, Debug)]
#[serde(tag = "type", rename_all = "lowercase")]
enum SectionJson {
    Memory(MemoryJson),
    Arm(ArmJson),
    Pcie(PcieJson),
    Raw(RawJson),
}

/// The fields every section takes (serde cannot flatten these into a struct that refuses
/// unknown fields, so each section type lists them).
macro_rules! section_struct {
    ($(#[$meta:meta])* struct $name:ident { $($field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        struct $name {
            #[serde(default)]
            severity: Option<Severity>,
            #[serde(default)]
            flags: Option<Flags>,
            #[serde(default)]
            fru_id: Option<GuidJson>,
            #[serde(default)]
            fru_text: Option<FruText>,
            $(#[serde(default)] $field: $ty,)*
        }

        impl Common for $name {
            fn common(&self) -> CommonFields<'_> {
                (
                    self.severity,
                    self.flags.map(|f| f.0),
                    self.fru_id.map(|g| g.0),
                    self.fru_text.as_ref().map(|t| t.0.as_bytes()),
                )
            }
        }
    };
}

/// The fields every section takes: severity, flags, FRU id and FRU text.
type CommonFields<'a> = (Option<Severity>, Option<u8>, Option<Guid>, Option<&'a [u8]>);

/// What every section type shares.
trait Common {
    fn common(&self) -> CommonFields<'_>;
}

section_struct! {
    /// A platform memory error section; each field present sets its validation bit.
    struct MemoryJson {
        pa: Option<U64>,
        error_type: Option<U8>,
        node: Option<U16>,
        card: Option<U16>,
        module: Option<U16>,
        bank: Option<U16>,
        device: Option<U16>,
        row: Option<U16>,
        column: Option<U16>,
        bit_pos: Option<U16>,
        requestor_id: Option<U64>,
        responder_id: Option<U64>,
        target_id: Option<U64>,
        rank: Option<U16>,
    }
}

section_struct! {
    /// An ARM processor error section with its error information entries.
    struct ArmJson {
        mpidr: Option<U64>,
        midr: Option<U64>,
        affinity_level: Option<U8>,
        running_state: Option<U32>,
        psci_state: Option<U32>,
        errors: Vec<ArmErrorJson>,
    }
}

/// One ARM error information entry.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ArmErrorJson {
    kind: ArmErrorKind,
    #[serde(default)]
    error_info: Option<U64>,
    #[serde(default)]
    va: Option<U64>,
    #[serde(default)]
    pa: Option<U64>,
    #[serde(default)]
    flags: Option<U8>,
    #[serde(default)]
    multiple_error: Option<U16>,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ArmErrorKind {
    Cache,
    Tlb,
    Bus,
    Vendor,
}

section_struct! {
    /// A PCIe error section; device location and AER registers set their validation bits.
    struct PcieJson {
        segment: Option<U16>,
        bus: Option<U8>,
        device: Option<Num<31>>,
        function: Option<Num<7>>,
        vendor_id: Option<U16>,
        device_id: Option<U16>,
        port_type: Option<U32>,
        aer: Option<AerJson>,
    }
}

/// The AER registers of a PCIe section.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct AerJson {
    #[serde(default)]
    uncor_status: U32,
    #[serde(default)]
    uncor_mask: U32,
    #[serde(default)]
    uncor_severity: U32,
    #[serde(default)]
    cor_status: U32,
    #[serde(default)]
    cor_mask: U32,
    #[serde(default)]
    tlp_header: [U32; 4],
}

section_struct! {
    /// A section of any type, given by its GUID, with its bytes.
    struct RawJson {
        guid: Option<GuidJson>,
        data: Option<HexBytes>,
    }
}

/// Section flags: a number, or a list of their names.
#[derive(Clone, Copy, Debug)]
struct Flags(u8);

const FLAG_NAMES: [(&str, u8); 6] = [
    ("primary", Section::FLAG_PRIMARY),
    ("containment_warning", Section::FLAG_CONTAINMENT_WARNING),
    ("reset", Section::FLAG_RESET),
    ("threshold_exceeded", Section::FLAG_THRESHOLD_EXCEEDED),
    (
        "resource_not_accessible",
        Section::FLAG_RESOURCE_NOT_ACCESSIBLE,
    ),
    ("latent_error", Section::FLAG_LATENT_ERROR),
];

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flags;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number up to 0xff or a list of flag names")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Flags, E> {
                u8::try_from(n)
                    .map(Flags)
                    .map_err(|_| E::custom(format!("out of range: {n} > 255 (0xff)")))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Flags, E> {
                Num::<0xff>::deserialize(de::value::StrDeserializer::<E>::new(s))
                    .map(|n| Flags(n.0 as u8))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Flags, A::Error> {
                let mut flags = 0;
                while let Some(name) = seq.next_element::<String>()? {
                    flags |= FLAG_NAMES
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, bit)| *bit)
                        .ok_or_else(|| {
                            let names: Vec<&str> = FLAG_NAMES.iter().map(|(n, _)| *n).collect();
                            de::Error::custom(format!(
                                "unknown flag \"{name}\", expected one of {}",
                                names.join(", ")
                            ))
                        })?;
                }
                Ok(Flags(flags))
            }
        }
        d.deserialize_any(V)
    }
}

/// A GUID in its printed form, `aabbccdd-eeff-0011-2233-445566778899` (the first three
/// fields little-endian in memory, as `%pUl` prints them).
#[derive(Clone, Copy, Debug)]
struct GuidJson(Guid);

impl<'de> Deserialize<'de> for GuidJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_guid(&s).map(GuidJson).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{s}\" is not a GUID like 01234567-89ab-cdef-0123-456789abcdef"
            ))
        })
    }
}

fn parse_guid(s: &str) -> Option<Guid> {
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if lens != [8, 4, 4, 4, 12] || !s.chars().all(|c| c == '-' || c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = |p: &str| u64::from_str_radix(p, 16).ok();
    let tail = format!("{}{}", parts[3], parts[4]);
    let mut d = [0u8; 8];
    for (i, byte) in d.iter_mut().enumerate() {
        *byte = hex(&tail[i * 2..i * 2 + 2])? as u8;
    }
    Some(Guid::new(
        hex(parts[0])? as u32,
        hex(parts[1])? as u16,
        hex(parts[2])? as u16,
        d,
    ))
}

/// FRU text: at most 20 characters (the field's size).
#[derive(Debug)]
struct FruText(String);

impl<'de> Deserialize<'de> for FruText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() > 20 {
            return Err(de::Error::custom(format!(
                "out of range: fru_text of {} bytes > 20",
                s.len()
            )));
        }
        Ok(FruText(s))
    }
}

/// Bytes written as hex digits, spaces allowed between bytes.
#[derive(Debug)]
struct HexBytes(Vec<u8>);

impl<'de> Deserialize<'de> for HexBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: String = String::deserialize(d)?
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !s.len().is_multiple_of(2) || !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(de::Error::custom("\"data\" is not whole hex bytes"));
        }
        Ok(HexBytes(
            (0..s.len() / 2)
                .map(|i| u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).unwrap_or(0))
                .collect(),
        ))
    }
}

/// Builds the record described by the JSON text `text`.
pub(crate) fn build(text: &str) -> Result<Vec<u8>, JsonError> {
    let doc: RecordJson = serde_json::from_str(text)?;
    if doc.sections.is_empty() {
        return Err(refused(
            "the record needs a non-empty \"sections\" list".into(),
        ));
    }
    let severity = doc.severity.map_or(0, Severity::raw);

    // Bodies borrow from these: convert everything first, then build.
    let parsed = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| ParsedSection::new(s, i, severity))
        .collect::<Result<Vec<_>, _>>()?;

    let mut buf = vec![0u8; 65536];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("64 KiB holds a header");
        b.severity(severity);
        let uncorrectable = severity != 2 && severity != 3;
        let (one, several) = if uncorrectable {
            (
                BlockStatus::UNCORRECTABLE,
                BlockStatus::MULTIPLE_UNCORRECTABLE,
            )
        } else {
            (BlockStatus::CORRECTABLE, BlockStatus::MULTIPLE_CORRECTABLE)
        };
        b.block_flags(if parsed.len() > 1 { one | several } else { one });
        for (i, p) in parsed.iter().enumerate() {
            b.section(&p.spec())
                .map_err(|e| refused(format!("section {i}: {e}")))?;
        }
        b.finish()
            .map_err(|e| refused(format!("cannot finish the record: {e}")))?
    };
    buf.truncate(len);
    Ok(buf)
}

/// One section, converted, owning what its [`BodySpec`] borrows.
struct ParsedSection {
    body: Body,
    severity: u32,
    flags: u8,
    fru_id: Option<Guid>,
    fru_text: Option<Vec<u8>>,
}

enum Body {
    Memory(MemErrorSpec),
    Arm(ArmSpec<'static>, Vec<ArmErrInfoSpec>),
    Pcie(PcieSpec),
    Raw(Guid, Vec<u8>),
}

impl ParsedSection {
    fn new(s: &SectionJson, index: usize, record_severity: u32) -> Result<Self, JsonError> {
        let (body, common) = match s {
            SectionJson::Memory(m) => (Body::Memory(memory(m)), m.common()),
            SectionJson::Arm(a) => {
                let (spec, infos) = arm(a);
                (Body::Arm(spec, infos), a.common())
            }
            SectionJson::Pcie(p) => (Body::Pcie(pcie(p)), p.common()),
            SectionJson::Raw(r) => {
                let need = |what: &str| refused(format!("section {index} (raw) needs \"{what}\""));
                let guid = r.guid.ok_or_else(|| need("guid"))?.0;
                let data = r.data.as_ref().ok_or_else(|| need("data"))?.0.clone();
                (Body::Raw(guid, data), r.common())
            }
        };
        let (severity, flags, fru_id, fru_text) = common;
        Ok(ParsedSection {
            body,
            severity: severity.map_or(record_severity, Severity::raw),
            flags: flags.unwrap_or(if index == 0 { Section::FLAG_PRIMARY } else { 0 }),
            fru_id,
            fru_text: fru_text.map(<[u8]>::to_vec),
        })
    }

    fn spec(&self) -> SectionSpec<'_> {
        let body = match &self.body {
            Body::Memory(m) => BodySpec::Memory(*m),
            Body::Arm(a, infos) => BodySpec::Arm(ArmSpec {
                err_infos: infos,
                ..*a
            }),
            Body::Pcie(p) => BodySpec::Pcie(*p),
            Body::Raw(guid, data) => BodySpec::Raw {
                section_type: *guid,
                data,
            },
        };
        let mut spec = SectionSpec::new(body)
            .severity(self.severity)
            .flags(self.flags);
        spec.fru_id = self.fru_id;
        spec.fru_text = self.fru_text.as_deref();
        spec
    }
}

fn memory(j: &MemoryJson) -> MemErrorSpec {
    let mut m = MemErrorSpec::default();
    let b = &mut m.validation_bits;
    // Each value is bounded by its field's width when parsed (`Num<MAX>`).
    m.physical_addr = valid(j.pa, b, MemError::VALID_PA);
    m.error_type = valid(j.error_type, b, MemError::VALID_ERROR_TYPE) as u8;
    m.node = valid(j.node, b, MemError::VALID_NODE) as u16;
    m.card = valid(j.card, b, MemError::VALID_CARD) as u16;
    m.module = valid(j.module, b, MemError::VALID_MODULE) as u16;
    m.bank = valid(j.bank, b, MemError::VALID_BANK) as u16;
    m.device = valid(j.device, b, MemError::VALID_DEVICE) as u16;
    m.row = valid(j.row, b, MemError::VALID_ROW) as u16;
    m.column = valid(j.column, b, MemError::VALID_COLUMN) as u16;
    m.bit_pos = valid(j.bit_pos, b, MemError::VALID_BIT_POSITION) as u16;
    m.requestor_id = valid(j.requestor_id, b, MemError::VALID_REQUESTOR_ID);
    m.responder_id = valid(j.responder_id, b, MemError::VALID_RESPONDER_ID);
    m.target_id = valid(j.target_id, b, MemError::VALID_TARGET_ID);
    m.rank = valid(j.rank, b, MemError::VALID_RANK_NUMBER) as u16;
    m
}

fn arm(j: &ArmJson) -> (ArmSpec<'static>, Vec<ArmErrInfoSpec>) {
    let mut a = ArmSpec::default();
    let mut bits = 0u64;
    a.mpidr = valid(j.mpidr, &mut bits, u64::from(ArmProcessor::VALID_MPIDR));
    a.midr = j.midr.map_or(0, |n| n.0);
    a.affinity_level = valid(
        j.affinity_level,
        &mut bits,
        u64::from(ArmProcessor::VALID_AFFINITY_LEVEL),
    ) as u8;
    a.running_state = valid(
        j.running_state,
        &mut bits,
        u64::from(ArmProcessor::VALID_RUNNING_STATE),
    ) as u32;
    if j.running_state.is_some() {
        a.psci_state = j.psci_state.map_or(0, |n| n.0) as u32;
    }
    a.validation_bits = bits as _;
    let infos = j.errors.iter().map(arm_error).collect();
    (a, infos)
}

fn arm_error(e: &ArmErrorJson) -> ArmErrInfoSpec {
    let mut info = ArmErrInfoSpec {
        error_type: match e.kind {
            ArmErrorKind::Cache => ArmErrInfo::TYPE_CACHE,
            ArmErrorKind::Tlb => ArmErrInfo::TYPE_TLB,
            ArmErrorKind::Bus => ArmErrInfo::TYPE_BUS,
            ArmErrorKind::Vendor => ArmErrInfo::TYPE_VENDOR,
        },
        ..Default::default()
    };
    let mut bits = 0u64;
    info.error_info = valid(
        e.error_info,
        &mut bits,
        u64::from(ArmErrInfo::VALID_ERR_INFO),
    );
    info.virt_fault_addr = valid(e.va, &mut bits, u64::from(ArmErrInfo::VALID_VIRT_ADDR));
    info.physical_fault_addr = valid(e.pa, &mut bits, u64::from(ArmErrInfo::VALID_PHYSICAL_ADDR));
    info.flags = valid(e.flags, &mut bits, u64::from(ArmErrInfo::VALID_FLAGS)) as u8;
    info.multiple_error = valid(
        e.multiple_error,
        &mut bits,
        u64::from(ArmErrInfo::VALID_MULTI_ERR),
    ) as u16;
    info.validation_bits = bits as u16;
    info
}

fn pcie(j: &PcieJson) -> PcieSpec {
    let mut p = PcieSpec::default();
    let located = j.segment.is_some()
        || j.bus.is_some()
        || j.device.is_some()
        || j.function.is_some()
        || j.vendor_id.is_some()
        || j.device_id.is_some();
    if located {
        p.validation_bits |= Pcie::VALID_DEVICE_ID;
    }
    let n = |v: Option<u64>| v.unwrap_or(0);
    p.segment = n(j.segment.map(|v| v.0)) as u16;
    p.bus = n(j.bus.map(|v| v.0)) as u8;
    p.device = n(j.device.map(|v| v.0)) as u8;
    p.function = n(j.function.map(|v| v.0)) as u8;
    p.vendor_id = n(j.vendor_id.map(|v| v.0)) as u16;
    p.device_id = n(j.device_id.map(|v| v.0)) as u16;
    if let Some(t) = j.port_type {
        p.validation_bits |= Pcie::VALID_PORT_TYPE;
        p.port_type = t.0 as u32;
    }
    if let Some(a) = &j.aer {
        let w = |v: U32| v.0 as u32;
        p.validation_bits |= Pcie::VALID_AER_INFO;
        p.set_aer(
            w(a.uncor_status),
            w(a.uncor_mask),
            w(a.uncor_severity),
            w(a.cor_status),
            w(a.cor_mask),
            a.tlp_header.map(w),
        );
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use cper::{Estatus, SectionBody};

    #[test]
    fn a_multi_section_record_parses_back_with_every_field() {
        let json = r#"{ "severity": "recoverable", "sections": [
            { "type": "memory", "pa": "0x40001000", "error_type": 3, "node": 1 },
            { "type": "arm", "mpidr": "0x80000100", "midr": "0x410fd4f0",
              "errors": [ { "kind": "cache", "pa": "0x40002000", "flags": 3 } ] },
            { "type": "pcie", "segment": 0, "bus": 0, "device": 1, "function": 0,
              "aer": { "uncor_status": "0x1000", "uncor_severity": "0x62030" } },
            { "type": "raw", "guid": "01234567-89ab-cdef-0123-456789abcdef",
              "data": "de ad be ef", "severity": "corrected", "fru_text": "DIMM A1" } ] }"#;
        let bytes = build(json).unwrap_or_else(|e| panic!("{e}"));
        let e = Estatus::parse(&bytes).unwrap();
        let sections: Vec<_> = e.sections().collect();
        assert_eq!(sections.len(), 4);
        let status = e.block_status();
        assert!(status.uncorrectable() && status.multiple_uncorrectable());
        assert_eq!(
            sections[0].flags() & Section::FLAG_PRIMARY,
            Section::FLAG_PRIMARY
        );
        assert_eq!(sections[1].flags(), 0);
        match sections[0].body() {
            Ok(SectionBody::Memory(m)) => {
                let want = MemError::VALID_PA | MemError::VALID_ERROR_TYPE | MemError::VALID_NODE;
                assert_eq!(m.validation_bits(), want);
                assert_eq!(
                    (m.physical_addr(), m.error_type(), m.node()),
                    (0x4000_1000, 3, 1)
                );
            }
            other => panic!("section 0 is {other:?}"),
        }
        match sections[1].body() {
            Ok(SectionBody::Arm(a)) => assert_eq!(a.mpidr(), 0x8000_0100),
            other => panic!("section 1 is {other:?}"),
        }
        match sections[2].body() {
            Ok(SectionBody::Pcie(p)) => {
                assert_eq!(
                    p.validation_bits(),
                    Pcie::VALID_DEVICE_ID | Pcie::VALID_AER_INFO
                );
                assert_eq!(p.aer_info()[4..8], 0x1000u32.to_le_bytes());
            }
            other => panic!("section 2 is {other:?}"),
        }
        assert_eq!(
            sections[3].section_type().to_string(),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
        assert_eq!(sections[3].data(), &[0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(sections[3].error_severity(), 2);
        assert_eq!(sections[3].fru_text(), Some(&b"DIMM A1"[..]));
    }

    #[test]
    fn mistakes_are_refused_with_their_place() {
        let cases = [
            (
                r#"{"sections": []}"#,
                " the record needs a non-empty \"sections\"",
            ),
            (
                r#"{"sections": [{"type": "memory", "pa": "0xZZ"}]}"#,
                "1:47: invalid value: string \"0xZZ\", expected a number from 0 to",
            ),
            (
                "{\"sections\": [\n  {\"type\": \"memory\", \"adress\": 1}]}",
                "2:34: unknown field `adress`, expected one of",
            ),
            (
                r#"{"sections": [{"type": "nvme"}]}"#,
                "unknown variant `nvme`",
            ),
            (
                r#"{"sections": [{"type": "pcie", "device": 32}]}"#,
                "out of range: 32 > 31",
            ),
            (
                r#"{"sections": [{"type": "memory", "error_type": 256}]}"#,
                "out of range: 256 > 255",
            ),
            (
                r#"{"sections": [{"type": "raw", "guid": "xyz", "data": ""}]}"#,
                "not a GUID",
            ),
            (
                r#"{"sections": [{"type": "arm", "errors": [{"kind": "l3"}]}]}"#,
                "unknown variant `l3`, expected one of `cache`, `tlb`, `bus`, `vendor`",
            ),
            (
                r#"{"severity": "bad", "sections": []}"#,
                "1:18: unknown variant `bad`",
            ),
            (r#"{"sections": [], "extra": 1}"#, "unknown field `extra`"),
            ("{", "1:1: EOF while parsing an object"),
        ];
        for (json, want) in cases {
            let err = build(json)
                .err()
                .unwrap_or_else(|| panic!("{json} was accepted"))
                .to_string();
            assert!(err.contains(want), "{json}: '{err}' lacks '{want}'");
        }
    }
}
