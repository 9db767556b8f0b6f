// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject record json FILE`: a CPER Generic Error Status Block (UEFI 2.10 Appendix N,
//! N.2 and N.2.2) described in JSON, for records the typed `record` commands and EINJ cannot
//! describe: several sections, ARM processor errors, PCIe errors with AER registers, vendor
//! sections. The format is in [`HELP`]; numbers are JSON numbers or "0x..." strings, and a
//! field that is present sets its validation bit.

use cper::{
    ArmErrInfo, ArmErrInfoSpec, ArmProcessor, ArmSpec, BlockStatus, BodySpec, EstatusBuilder, Guid,
    MemError, MemErrorSpec, Pcie, PcieSpec, Section, SectionSpec,
};
use serde_json::{Map, Value};

use super::Usage;

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

/// Builds the record described by the JSON text `text`.
pub(crate) fn build(text: &str) -> Result<Vec<u8>, Usage> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| Usage(format!("the JSON does not parse: {e}")))?;
    let doc = object(&doc, "the record")?;
    known_keys(doc, "the record", &["severity", "sections"])?;
    let severity = match doc.get("severity") {
        Some(v) => severity(v, "the record's severity")?,
        None => 0,
    };
    let sections = doc
        .get("sections")
        .and_then(Value::as_array)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Usage("the record needs a non-empty \"sections\" list".into()))?;

    // Bodies borrow from these: parse everything first, then build.
    let parsed = sections
        .iter()
        .enumerate()
        .map(|(i, s)| ParsedSection::parse(s, i, severity))
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
                .map_err(|e| Usage(format!("section {i}: {e}")))?;
        }
        b.finish()
            .map_err(|e| Usage(format!("cannot finish the record: {e}")))?
    };
    buf.truncate(len);
    Ok(buf)
}

/// One section's parsed JSON, owning what its [`BodySpec`] borrows.
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
    fn parse(v: &Value, index: usize, record_severity: u32) -> Result<Self, Usage> {
        let what = format!("section {index}");
        let s = object(v, &what)?;
        let kind = s
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| Usage(format!("{what} needs a \"type\"")))?;
        let common = ["type", "severity", "flags", "fru_id", "fru_text"];
        let body = match kind {
            "memory" => Body::Memory(memory(s, &what, &common)?),
            "arm" => {
                let (spec, infos) = arm(s, &what, &common)?;
                Body::Arm(spec, infos)
            }
            "pcie" => Body::Pcie(pcie(s, &what, &common)?),
            "raw" => {
                known_keys(s, &what, &[&common[..], &["guid", "data"]].concat())?;
                let guid = guid(field(s, "guid", &what)?, &what)?;
                let data = hex_bytes(field(s, "data", &what)?, &what)?;
                Body::Raw(guid, data)
            }
            other => {
                return Err(Usage(format!(
                    "{what}: unknown type '{other}' (memory, arm, pcie or raw)"
                )))
            }
        };
        let severity = match s.get("severity") {
            Some(v) => severity(v, &what)?,
            None => record_severity,
        };
        let flags = match s.get("flags") {
            Some(v) => section_flags(v, &what)?,
            None if index == 0 => Section::FLAG_PRIMARY,
            None => 0,
        };
        let fru_id = s.get("fru_id").map(|v| guid(v, &what)).transpose()?;
        let fru_text = match s.get("fru_text") {
            Some(v) => Some(
                v.as_str()
                    .filter(|t| t.len() <= 20)
                    .ok_or_else(|| {
                        Usage(format!("{what}: fru_text must be 20 characters at most"))
                    })?
                    .as_bytes()
                    .to_vec(),
            ),
            None => None,
        };
        Ok(ParsedSection {
            body,
            severity,
            flags,
            fru_id,
            fru_text,
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

/// A memory error section; each field present sets its validation bit.
fn memory(s: &Map<String, Value>, what: &str, common: &[&str]) -> Result<MemErrorSpec, Usage> {
    const U8: u64 = u8::MAX as u64;
    const U16: u64 = u16::MAX as u64;
    let fields: [(&str, u64, u64); 14] = [
        ("pa", MemError::VALID_PA, u64::MAX),
        ("error_type", MemError::VALID_ERROR_TYPE, U8),
        ("node", MemError::VALID_NODE, U16),
        ("card", MemError::VALID_CARD, U16),
        ("module", MemError::VALID_MODULE, U16),
        ("bank", MemError::VALID_BANK, U16),
        ("device", MemError::VALID_DEVICE, U16),
        ("row", MemError::VALID_ROW, U16),
        ("column", MemError::VALID_COLUMN, U16),
        ("bit_pos", MemError::VALID_BIT_POSITION, U16),
        ("requestor_id", MemError::VALID_REQUESTOR_ID, u64::MAX),
        ("responder_id", MemError::VALID_RESPONDER_ID, u64::MAX),
        ("target_id", MemError::VALID_TARGET_ID, u64::MAX),
        ("rank", MemError::VALID_RANK_NUMBER, U16),
    ];
    let mut names: Vec<&str> = fields.iter().map(|(n, ..)| *n).collect();
    names.extend_from_slice(common);
    known_keys(s, what, &names)?;
    let mut m = MemErrorSpec::default();
    for (name, bit, max) in fields {
        let Some(n) = optional_number(s, name, max, what)? else {
            continue;
        };
        m.validation_bits |= bit;
        // `max` bounds each value to its field's width.
        match name {
            "pa" => m.physical_addr = n,
            "error_type" => m.error_type = n as u8,
            "node" => m.node = n as u16,
            "card" => m.card = n as u16,
            "module" => m.module = n as u16,
            "bank" => m.bank = n as u16,
            "device" => m.device = n as u16,
            "row" => m.row = n as u16,
            "column" => m.column = n as u16,
            "bit_pos" => m.bit_pos = n as u16,
            "requestor_id" => m.requestor_id = n,
            "responder_id" => m.responder_id = n,
            "target_id" => m.target_id = n,
            _ => m.rank = n as u16,
        }
    }
    Ok(m)
}

/// An ARM processor error section with its error information entries.
fn arm(
    s: &Map<String, Value>,
    what: &str,
    common: &[&str],
) -> Result<(ArmSpec<'static>, Vec<ArmErrInfoSpec>), Usage> {
    let names = [
        "mpidr",
        "midr",
        "affinity_level",
        "running_state",
        "psci_state",
        "errors",
    ];
    known_keys(s, what, &[common, &names[..]].concat())?;
    let opt = |name: &str, max: u64| optional_number(s, name, max, what);
    let mut a = ArmSpec::default();
    if let Some(mpidr) = opt("mpidr", u64::MAX)? {
        a.validation_bits |= ArmProcessor::VALID_MPIDR;
        a.mpidr = mpidr;
    }
    a.midr = opt("midr", u64::MAX)?.unwrap_or(0);
    if let Some(level) = opt("affinity_level", u64::from(u8::MAX))? {
        a.validation_bits |= ArmProcessor::VALID_AFFINITY_LEVEL;
        a.affinity_level = level as u8;
    }
    if let Some(state) = opt("running_state", u64::from(u32::MAX))? {
        a.validation_bits |= ArmProcessor::VALID_RUNNING_STATE;
        a.running_state = state as u32;
        a.psci_state = opt("psci_state", u64::from(u32::MAX))?.unwrap_or(0) as u32;
    }
    let mut infos = Vec::new();
    for (i, e) in s
        .get("errors")
        .map(|v| {
            v.as_array()
                .ok_or_else(|| Usage(format!("{what}: \"errors\" must be a list")))
        })
        .transpose()?
        .into_iter()
        .flatten()
        .enumerate()
    {
        infos.push(arm_error(e, &format!("{what} error {i}"))?);
    }
    Ok((a, infos))
}

fn arm_error(v: &Value, what: &str) -> Result<ArmErrInfoSpec, Usage> {
    let e = object(v, what)?;
    known_keys(
        e,
        what,
        &["kind", "error_info", "va", "pa", "flags", "multiple_error"],
    )?;
    let mut info = ArmErrInfoSpec {
        error_type: match e.get("kind").and_then(Value::as_str) {
            Some("cache") => ArmErrInfo::TYPE_CACHE,
            Some("tlb") => ArmErrInfo::TYPE_TLB,
            Some("bus") => ArmErrInfo::TYPE_BUS,
            Some("vendor") => ArmErrInfo::TYPE_VENDOR,
            _ => {
                return Err(Usage(format!(
                    "{what}: \"kind\" must be cache, tlb, bus or vendor"
                )))
            }
        },
        ..Default::default()
    };
    let fields: [(&str, u16, u64); 5] = [
        ("error_info", ArmErrInfo::VALID_ERR_INFO, u64::MAX),
        ("va", ArmErrInfo::VALID_VIRT_ADDR, u64::MAX),
        ("pa", ArmErrInfo::VALID_PHYSICAL_ADDR, u64::MAX),
        ("flags", ArmErrInfo::VALID_FLAGS, u64::from(u8::MAX)),
        (
            "multiple_error",
            ArmErrInfo::VALID_MULTI_ERR,
            u64::from(u16::MAX),
        ),
    ];
    for (name, bit, max) in fields {
        let Some(n) = optional_number(e, name, max, what)? else {
            continue;
        };
        info.validation_bits |= bit;
        match name {
            "error_info" => info.error_info = n,
            "va" => info.virt_fault_addr = n,
            "pa" => info.physical_fault_addr = n,
            "flags" => info.flags = n as u8,
            _ => info.multiple_error = n as u16,
        }
    }
    Ok(info)
}

/// A PCIe error section; device location and AER registers set their validation bits.
fn pcie(s: &Map<String, Value>, what: &str, common: &[&str]) -> Result<PcieSpec, Usage> {
    let names = [
        "segment",
        "bus",
        "device",
        "function",
        "vendor_id",
        "device_id",
        "port_type",
        "aer",
    ];
    known_keys(s, what, &[common, &names[..]].concat())?;
    let num =
        |name: &str, max: u64| Ok::<_, Usage>(optional_number(s, name, max, what)?.unwrap_or(0));
    let mut p = PcieSpec::default();
    if [
        "segment",
        "bus",
        "device",
        "function",
        "vendor_id",
        "device_id",
    ]
    .iter()
    .any(|n| s.contains_key(*n))
    {
        p.validation_bits |= Pcie::VALID_DEVICE_ID;
    }
    p.segment = num("segment", u64::from(u16::MAX))? as u16;
    p.bus = num("bus", u64::from(u8::MAX))? as u8;
    p.device = num("device", 31)? as u8;
    p.function = num("function", 7)? as u8;
    p.vendor_id = num("vendor_id", u64::from(u16::MAX))? as u16;
    p.device_id = num("device_id", u64::from(u16::MAX))? as u16;
    if s.contains_key("port_type") {
        p.validation_bits |= Pcie::VALID_PORT_TYPE;
        p.port_type = num("port_type", u64::from(u32::MAX))? as u32;
    }
    if let Some(aer) = s.get("aer") {
        let what = format!("{what}: aer");
        let a = object(aer, &what)?;
        let regs = [
            "uncor_status",
            "uncor_mask",
            "uncor_severity",
            "cor_status",
            "cor_mask",
        ];
        known_keys(a, &what, &[&regs[..], &["tlp_header"]].concat())?;
        let mut r = [0u32; 5];
        for (slot, name) in r.iter_mut().zip(regs) {
            if let Some(v) = a.get(name) {
                *slot = number(v, u64::from(u32::MAX), &format!("{what}.{name}"))? as u32;
            }
        }
        let mut tlp = [0u32; 4];
        if let Some(v) = a.get("tlp_header") {
            let list = v
                .as_array()
                .filter(|l| l.len() == 4)
                .ok_or_else(|| Usage(format!("{what}.tlp_header must list 4 words")))?;
            for (slot, v) in tlp.iter_mut().zip(list) {
                *slot = number(v, u64::from(u32::MAX), &format!("{what}.tlp_header"))? as u32;
            }
        }
        p.validation_bits |= Pcie::VALID_AER_INFO;
        p.set_aer(r[0], r[1], r[2], r[3], r[4], tlp);
    }
    Ok(p)
}

fn object<'v>(v: &'v Value, what: &str) -> Result<&'v Map<String, Value>, Usage> {
    v.as_object()
        .ok_or_else(|| Usage(format!("{what} must be a JSON object")))
}

fn field<'v>(s: &'v Map<String, Value>, name: &str, what: &str) -> Result<&'v Value, Usage> {
    s.get(name)
        .ok_or_else(|| Usage(format!("{what} needs \"{name}\"")))
}

/// Refuses keys the format does not have: a typo must not silently drop a field.
fn known_keys(s: &Map<String, Value>, what: &str, known: &[&str]) -> Result<(), Usage> {
    match s.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(Usage(format!(
            "{what}: unknown field \"{k}\" (known: {})",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

/// Field `name` of `s`, if present: a number at most `max` (see [`number`]).
fn optional_number(
    s: &Map<String, Value>,
    name: &str,
    max: u64,
    what: &str,
) -> Result<Option<u64>, Usage> {
    s.get(name)
        .map(|v| number(v, max, &format!("{what}: {name}")))
        .transpose()
}

/// A JSON number, or a string in decimal or "0x" hex, at most `max`.
fn number(v: &Value, max: u64, what: &str) -> Result<u64, Usage> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => s.parse().ok(),
        },
        _ => None,
    };
    n.filter(|n| *n <= max).ok_or_else(|| {
        Usage(format!(
            "{what}: {v} is not a number from 0 to {max:#x} (a JSON number or a \"0x...\" string)"
        ))
    })
}

fn severity(v: &Value, what: &str) -> Result<u32, Usage> {
    let name = v
        .as_str()
        .ok_or_else(|| Usage(format!("{what}: severity must be a string")))?;
    super::severity(name)
}

fn section_flags(v: &Value, what: &str) -> Result<u8, Usage> {
    const NAMES: [(&str, u8); 6] = [
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
    if let Some(list) = v.as_array() {
        let mut flags = 0;
        for f in list {
            let name = f.as_str().unwrap_or_default();
            flags |= NAMES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, bit)| *bit)
                .ok_or_else(|| Usage(format!("{what}: unknown flag {f}")))?;
        }
        return Ok(flags);
    }
    Ok(number(v, u64::from(u8::MAX), &format!("{what}: flags"))? as u8)
}

/// A GUID in its printed form, `aabbccdd-eeff-0011-2233-445566778899` (the first three
/// fields little-endian in memory, as `%pUl` prints them).
fn guid(v: &Value, what: &str) -> Result<Guid, Usage> {
    let bad = || {
        Usage(format!(
            "{what}: {v} is not a GUID like 01234567-89ab-cdef-0123-456789abcdef"
        ))
    };
    let s = v.as_str().ok_or_else(bad)?;
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if lens != [8, 4, 4, 4, 12] || !s.chars().all(|c| c == '-' || c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let hex = |p: &str| u64::from_str_radix(p, 16).map_err(|_| bad());
    let tail = format!("{}{}", parts[3], parts[4]);
    let mut d = [0u8; 8];
    for (i, byte) in d.iter_mut().enumerate() {
        *byte = hex(&tail[i * 2..i * 2 + 2])? as u8;
    }
    Ok(Guid::new(
        hex(parts[0])? as u32,
        hex(parts[1])? as u16,
        hex(parts[2])? as u16,
        d,
    ))
}

/// Bytes written as hex digits, spaces allowed between bytes.
fn hex_bytes(v: &Value, what: &str) -> Result<Vec<u8>, Usage> {
    let s: String = v
        .as_str()
        .ok_or_else(|| Usage(format!("{what}: \"data\" must be a string of hex bytes")))?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !s.len().is_multiple_of(2) || !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Usage(format!("{what}: \"data\" is not whole hex bytes")));
    }
    Ok((0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).unwrap_or(0))
        .collect())
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
            (r#"{"sections": []}"#, "non-empty \"sections\""),
            (
                r#"{"sections": [{"type": "memory", "pa": "0xZZ"}]}"#,
                "section 0: pa",
            ),
            (
                r#"{"sections": [{"type": "memory", "adress": 1}]}"#,
                "unknown field \"adress\"",
            ),
            (r#"{"sections": [{"type": "nvme"}]}"#, "unknown type 'nvme'"),
            (
                r#"{"sections": [{"type": "pcie", "device": 32}]}"#,
                "section 0: device",
            ),
            (
                r#"{"sections": [{"type": "raw", "guid": "xyz", "data": ""}]}"#,
                "not a GUID",
            ),
            (
                r#"{"sections": [{"type": "arm", "errors": [{"kind": "l3"}]}]}"#,
                "error 0: \"kind\"",
            ),
            ("{", "does not parse"),
        ];
        for (json, want) in cases {
            let err = build(json)
                .err()
                .unwrap_or_else(|| panic!("{json} was accepted"))
                .0;
            assert!(err.contains(want), "{json}: '{err}' lacks '{want}'");
        }
    }
}
