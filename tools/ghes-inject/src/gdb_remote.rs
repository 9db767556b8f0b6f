// SPDX-License-Identifier: GPL-2.0
//! A minimal GDB Remote Serial Protocol client for QEMU's gdbstub (`qemu -gdb tcp::PORT`),
//! used to read and write a running lab guest's physical memory from the host, as platform
//! firmware writes error status blocks (GDB manual, "Remote Protocol"; QEMU's
//! `Qqemu.PhyMemMode` extension, docs/system/gdb.rst).
//!
//! While a client is connected QEMU keeps every vCPU stopped: what is written between
//! [`GdbRemote::connect`] and [`GdbRemote::detach`] appears to the guest at once.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Bytes per `m`/`M` packet: well below QEMU's packet buffer (MAX_PACKET_LENGTH 4096) once
/// hex-encoded.
const CHUNK: usize = 1024;

/// A connection to QEMU's gdbstub in physical-memory mode.
pub(crate) struct GdbRemote {
    stream: TcpStream,
}

impl GdbRemote {
    /// Connects to `addr` (HOST:PORT), which stops the guest, and switches memory accesses to
    /// guest physical addresses.
    pub(crate) fn connect(addr: &str) -> io::Result<Self> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_nodelay(true)?;
        let mut remote = GdbRemote { stream };
        remote.expect_ok("Qqemu.PhyMemMode:1")?;
        Ok(remote)
    }

    /// Reads `len` bytes of guest physical memory at `addr`.
    pub(crate) fn read(&mut self, addr: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let n = (len - out.len()).min(CHUNK);
            let at = addr + out.len() as u64;
            let reply = self.request(&format!("m{at:x},{n:x}"))?;
            let bytes = unhex(&reply).filter(|b| b.len() == n).ok_or_else(|| {
                bad_reply(format!(
                    "reading {n} bytes at {at:#x}: the stub answered '{reply}'"
                ))
            })?;
            out.extend_from_slice(&bytes);
        }
        Ok(out)
    }

    /// Reads a little-endian 32- or 64-bit value at `addr`.
    pub(crate) fn read_u64(&mut self, addr: u64, width: usize) -> io::Result<u64> {
        let bytes = self.read(addr, width)?;
        Ok(bytes
            .iter()
            .rev()
            .fold(0u64, |v, b| (v << 8) | u64::from(*b)))
    }

    /// Writes `bytes` to guest physical memory at `addr`.
    pub(crate) fn write(&mut self, addr: u64, bytes: &[u8]) -> io::Result<()> {
        for (i, chunk) in bytes.chunks(CHUNK).enumerate() {
            let at = addr + (i * CHUNK) as u64;
            let mut packet = format!("M{at:x},{:x}:", chunk.len());
            for b in chunk {
                let _ = write!(packet, "{b:02x}");
            }
            self.expect_ok(&packet)?;
        }
        Ok(())
    }

    /// Writes a little-endian value of `width` bytes at `addr`.
    pub(crate) fn write_le(&mut self, addr: u64, value: u64, width: usize) -> io::Result<()> {
        self.write(addr, &value.to_le_bytes()[..width])
    }

    /// Detaches: the guest runs again.
    pub(crate) fn detach(mut self) -> io::Result<()> {
        self.expect_ok("D")
    }

    fn expect_ok(&mut self, packet: &str) -> io::Result<()> {
        let short: String = packet.chars().take(40).collect();
        match self.request(packet)?.as_str() {
            "OK" => Ok(()),
            reply => Err(bad_reply(format!("'{short}': the stub answered '{reply}'"))),
        }
    }

    /// Sends one packet and returns the payload of the reply, acknowledged. The stub's own
    /// `+` acknowledgements are skipped.
    fn request(&mut self, payload: &str) -> io::Result<String> {
        let sum = payload.bytes().fold(0u8, u8::wrapping_add);
        self.stream
            .write_all(format!("${payload}#{sum:02x}").as_bytes())?;
        let mut reply = Vec::new();
        let mut byte = [0u8; 1];
        // Skip acknowledgements up to the packet start.
        loop {
            self.stream.read_exact(&mut byte)?;
            match byte[0] {
                b'$' => break,
                b'+' => continue,
                b'-' => return Err(bad_reply("the stub asked for a retransmission".into())),
                _ => continue,
            }
        }
        loop {
            self.stream.read_exact(&mut byte)?;
            if byte[0] == b'#' {
                break;
            }
            reply.push(byte[0]);
        }
        let mut checksum = [0u8; 2];
        self.stream.read_exact(&mut checksum)?;
        let want = reply.iter().fold(0u8, |s, b| s.wrapping_add(*b));
        let got = std::str::from_utf8(&checksum)
            .ok()
            .and_then(|s| u8::from_str_radix(s, 16).ok());
        if got != Some(want) {
            return Err(bad_reply("a reply's checksum does not match".into()));
        }
        self.stream.write_all(b"+")?;
        String::from_utf8(reply).map_err(|_| bad_reply("a reply is not text".into()))
    }
}

fn bad_reply(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("gdbstub: {msg}"))
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok())
        .collect()
}
