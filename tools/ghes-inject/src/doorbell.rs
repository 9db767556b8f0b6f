// SPDX-License-Identifier: GPL-2.0
//! The lab firmware's doorbell: the host's line to EL3, as a BMC's or RAS agent's to a
//! server's platform firmware. Under `tools/lab --firmware tfa`, QEMU's Secure UART (the
//! second serial port of `-M virt,secure=on`) is on a Unix socket, and Trusted Firmware-A's
//! BL31 (tools/firmware/patches/tfa-0003) takes one command per line from it and answers with
//! one line:
//!
//! ```text
//! sdei EVENT CPU   ->  ok sdei 0x200 cpu 1
//! serror ESR CPU   ->  ok serror 0xbe000811 cpu 1 from EL0
//!                      refused: serror 0xbe000811 cpu 1: PSTATE.A is masked there
//! ```
//!
//! `sdei` raises an SDEI event on CPU (SDEI 1.1: the critical GHES event 0x201 by its bound
//! interrupt, the normal 0x200 by an explicit dispatch, answered once the OS completed it);
//! `serror` takes an SError with syndrome ESR (Arm ARM D23.2.44 ESR_EL1, EC 0x2f) to the OS on
//! CPU, as the PE would.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The environment variable tools/lab sets to the doorbell's socket.
pub(crate) const ENV: &str = "GHES_RS_DOORBELL";

/// How long the firmware may take to answer (a normal event is answered after the OS's
/// handler ran, under TCG).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(20);

/// What the firmware said.
pub(crate) enum Answer {
    /// It did it: its line, e.g. `ok sdei 0x200 cpu 1`.
    Done(String),
    /// It refused: why, e.g. `serror 0xbe000811 cpu 1: PSTATE.A is masked there`.
    Refused(String),
}

/// The doorbell to use: `given`, else `$GHES_RS_DOORBELL` when set and not empty.
pub(crate) fn path(given: Option<&Path>) -> Option<PathBuf> {
    given.map(Path::to_path_buf).or_else(|| {
        std::env::var_os(ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// Sends `command` (one line, without its newline) to the doorbell at `path` and returns the
/// firmware's answer. An error says what went wrong in words.
///
/// A newline goes first: it ends whatever a client that gave up left half-written, and the
/// firmware ignores empty lines.
pub(crate) fn ring(path: &Path, command: &str) -> Result<Answer, String> {
    let shown = path.display();
    let mut s = UnixStream::connect(path).map_err(|e| {
        format!("cannot reach the firmware's doorbell {shown}: {e} (is the guest running on --firmware tfa?)")
    })?;
    s.write_all(format!("\n{command}\n").as_bytes())
        .map_err(|e| format!("writing to the doorbell {shown}: {e}"))?;
    let deadline = Instant::now() + ANSWER_TIMEOUT;
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!(
                "the firmware did not answer '{command}' within {} s (doorbell {shown})",
                ANSWER_TIMEOUT.as_secs()
            ));
        }
        s.set_read_timeout(Some(left))
            .map_err(|e| format!("doorbell {shown}: {e}"))?;
        match s.read(&mut byte) {
            Ok(0) => return Err(format!("the doorbell {shown} closed before an answer")),
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) if line.len() < 512 => line.push(byte[0]),
            Ok(_) => return Err(format!("the doorbell {shown} answered an overlong line")),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("reading from the doorbell {shown}: {e}")),
        }
    }
    let text = String::from_utf8_lossy(&line).trim().to_string();
    parse_answer(&text).ok_or_else(|| format!("the doorbell {shown} answered '{text}'"))
}

/// An answer line: `ok ...` or `refused: ...`; anything else is None.
fn parse_answer(line: &str) -> Option<Answer> {
    if let Some(why) = line.strip_prefix("refused: ") {
        return Some(Answer::Refused(why.to_string()));
    }
    line.starts_with("ok ")
        .then(|| Answer::Done(line.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_ok_or_refused_lines() {
        assert!(
            matches!(parse_answer("ok sdei 0x200 cpu 1"), Some(Answer::Done(l)) if l == "ok sdei 0x200 cpu 1")
        );
        assert!(matches!(
            parse_answer("refused: serror 0xbe000811 cpu 1: PSTATE.A is masked there"),
            Some(Answer::Refused(w)) if w == "serror 0xbe000811 cpu 1: PSTATE.A is masked there"
        ));
        assert!(parse_answer("NOTICE: BL31").is_none());
        assert!(parse_answer("ok").is_none());
    }
}
