// SPDX-License-Identifier: GPL-2.0
//! `ghes-inject notify|inject` on sdei and sei sources: what the tool sends to the lab
//! firmware's doorbell (tools/firmware/patches/tfa-0003, a line per command), how it reports
//! the firmware's answer and refusal, and one test per kind of bad input, each with its exit
//! status (2 usage, 1 unreachable, 3 refused). A Unix socket on the host plays the firmware.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;

use common::scratch;

const LAYOUT: &str = "\
source 1 polled status=0x7c410410 ack=0x7c410418 block=0x7c410480 length=4096 extra=50 malformed=none
source 2 sdei status=0x7c410420 ack=0x7c410428 block=0x7c411480 length=4096 extra=512 malformed=none
source 3 sdei status=0x7c410430 ack=0x7c410438 block=0x7c412480 length=4096 extra=513 malformed=none
source 4 sei status=0x7c410440 ack=0x7c410448 block=0x7c413480 length=4096 extra=0 malformed=none
";

/// A scratch directory with the layout file; returns (dir, layout path).
fn setup(name: &str) -> (PathBuf, String) {
    let dir = scratch(name);
    let layout = dir.join("layout");
    std::fs::write(&layout, LAYOUT).unwrap();
    let path = layout.to_str().unwrap().to_string();
    (dir, path)
}

/// Runs `ghes-inject ARGS` with GHES_RS_DOORBELL set to `env` (or unset): (code, out, err).
fn run(args: &[&str], env: Option<&Path>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ghes-inject"));
    cmd.args(args).env_remove("GHES_RS_DOORBELL");
    if let Some(path) = env {
        cmd.env("GHES_RS_DOORBELL", path);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A doorbell at DIR/doorbell that answers one command with `answer`; joining it gives the
/// command lines it read (empty lines, which the firmware ignores, left out).
fn firmware(dir: &Path, answer: &'static str) -> (PathBuf, JoinHandle<Vec<String>>) {
    let path = dir.join("doorbell");
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path).unwrap();
    let thread = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut lines = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 {
            let command = line.trim().to_string();
            line.clear();
            if command.is_empty() {
                continue;
            }
            lines.push(command);
            (&stream).write_all(answer.as_bytes()).unwrap();
            (&stream).write_all(b"\n").unwrap();
            break;
        }
        lines
    });
    (path, thread)
}

/// `ghes-inject COMMAND` (notify or inject) against an absent gdbstub, for `source` of `layout`,
/// then `extra`.
fn command<'a>(cmd: &'a str, layout: &'a str, source: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        cmd,
        "--gdb",
        "127.0.0.1:1",
        "--layout",
        layout,
        "--source",
        source,
    ];
    args.extend_from_slice(extra);
    args
}

fn notify<'a>(layout: &'a str, source: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    command("notify", layout, source, extra)
}

#[test]
fn an_sdei_source_asks_the_firmware_for_its_event_on_the_cpu() {
    let (dir, layout) = setup("doorbell_sdei");
    let (bell, fw) = firmware(&dir, "ok sdei 0x200 cpu 1");
    let bell_arg = bell.to_str().unwrap();
    let (code, out, err) = run(
        &notify(&layout, "2", &["--doorbell", bell_arg, "--cpu", "1"]),
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(fw.join().unwrap(), ["sdei 0x200 1"]);
    assert_eq!(
        out,
        "source 2 (sdei): the firmware raised SDEI event 0x200 on CPU 1 (ok sdei 0x200 cpu 1)\n"
    );
}

#[test]
fn an_sei_source_asks_for_an_serror_with_the_syndrome_from_the_environments_doorbell() {
    let (dir, layout) = setup("doorbell_sei");
    let (bell, fw) = firmware(&dir, "ok serror 0xbe000811 cpu 1 from EL0");
    let (code, out, err) = run(
        &notify(&layout, "4", &["--cpu", "1", "--esr", "0xbe000811"]),
        Some(&bell),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(fw.join().unwrap(), ["serror 0xbe000811 1"]);
    assert!(out.contains("an SError (ESR 0xbe000811) on CPU 1"), "{out}");

    let (bell, fw) = firmware(&dir, "ok serror 0xbf000000 cpu 0");
    let (code, _, err) = run(&notify(&layout, "4", &[]), Some(&bell));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fw.join().unwrap(),
        ["serror 0xbf000000 0"],
        "default: implementation defined, CPU 0"
    );
}

#[test]
fn a_refusal_by_the_firmware_exits_3_with_its_reason() {
    let (dir, layout) = setup("doorbell_refused");
    let (bell, fw) = firmware(&dir, "refused: sdei 0x201 cpu 7: no such CPU, or it is off");
    let (code, out, err) = run(&notify(&layout, "3", &["--cpu", "7"]), Some(&bell));
    assert_eq!(fw.join().unwrap(), ["sdei 0x201 7"]);
    assert_eq!((code, out.as_str()), (3, ""), "{err}");
    assert_eq!(
        err,
        "ghes-inject: source 3: the firmware refused SDEI event 0x201 on CPU 7: sdei 0x201 \
         cpu 7: no such CPU, or it is off (the record stays; `ghes-inject notify` asks again)\n"
    );
}

#[test]
fn a_missing_doorbell_is_a_usage_error_naming_where_to_find_it() {
    let (_dir, layout) = setup("doorbell_missing");
    let (code, out, err) = run(&notify(&layout, "2", &[]), None);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("source 2 (sdei) is notified by the lab firmware at EL3: give its doorbell with --doorbell PATH or GHES_RS_DOORBELL"),
        "{err}"
    );
    // Refused before the guest is touched: inject never reaches the (absent) gdbstub.
    let (code, _, err) = run(
        &command("inject", &layout, "4", &["raw", "--size", "16"]),
        None,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--doorbell PATH or GHES_RS_DOORBELL"), "{err}");
}

#[test]
fn an_unreachable_doorbell_is_a_failure_naming_it() {
    let (dir, layout) = setup("doorbell_unreachable");
    let bell = dir.join("no-such-socket");
    let (code, _, err) = run(
        &notify(&layout, "2", &["--doorbell", bell.to_str().unwrap()]),
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "ghes-inject: cannot reach the firmware's doorbell {}: ",
            bell.display()
        )),
        "{err}"
    );
}

#[test]
fn an_esr_on_an_sdei_source_or_a_cpu_on_an_interrupt_source_is_a_usage_error() {
    let (_dir, layout) = setup("doorbell_options");
    let bell = ["--doorbell", "/nonexistent"];
    let (code, _, err) = run(
        &notify(
            &layout,
            "2",
            &[&bell[..], &["--esr", "0xbe000811"]].concat(),
        ),
        None,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--esr is the syndrome of an sei source's SError; source 2 is sdei"),
        "{err}"
    );
    let (code, _, err) = run(&notify(&layout, "1", &["--cpu", "1"]), None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--cpu and --doorbell are for sdei and sei sources, which the lab firmware notifies; source 1 is polled"),
        "{err}"
    );
}

#[test]
fn a_syndrome_that_is_not_an_serrors_or_a_cpu_out_of_range_is_a_usage_error() {
    let (_dir, layout) = setup("doorbell_values");
    let (code, _, err) = run(&notify(&layout, "4", &["--esr", "0x96000010"]), None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("invalid value '0x96000010' for '--esr <ESR>': not an SError syndrome: EC (bits 31:26) is 0x25"),
        "{err}"
    );
    let (code, _, err) = run(&notify(&layout, "2", &["--cpu", "512"]), None);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("out of range: 512 > 511"), "{err}");
}

#[test]
fn inject_no_notify_needs_no_way_to_raise_the_notification() {
    // A gpio source says no interrupt of its own (the HED's is --gsi's), an sei source no
    // doorbell: with --no-notify neither is asked for, and the tool goes on to the guest (here
    // an unreachable gdbstub: exit 1, not a usage error).
    let (dir, layout) = setup("inject_no_notify");
    std::fs::write(
        &layout,
        format!(
            "{LAYOUT}source 5 gpio status=0x7c410450 ack=0x7c410458 block=0x7c414480 \
             length=4096 extra=0 malformed=none\n"
        ),
    )
    .unwrap();
    for source in ["5", "4"] {
        let (code, _, err) = run(
            &command(
                "inject",
                &layout,
                source,
                &["--no-notify", "raw", "--size", "16"],
            ),
            None,
        );
        assert_eq!(code, 1, "source {source}: {err}");
        assert!(err.contains("gdbstub"), "source {source}: {err}");
    }
    drop(dir);
}
