// SPDX-License-Identifier: GPL-2.0
//! `Ghes::validate` and `Gas::check`: one test per rule, with the exact message each
//! refusal prints.

use hest::{
    AddressSpace, Gas, GasProblem, Ghes, GhesError, GhesWarning, Notify, NotifyKind, ReadAck,
    RegisterRole, ValidGhes,
};

fn good() -> Ghes {
    Ghes {
        source_id: 5,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0x400,
        error_status_address: Gas::system_memory(0x7c41_0000, 64),
        notify: Notify::new(NotifyKind::Sea),
        error_block_length: 0x400,
        ack: Some(ReadAck {
            register: Gas::system_memory(0x7c41_0008, 64),
            preserve: !1,
            write: 1,
        }),
    }
}

fn status(gas: Gas) -> Ghes {
    Ghes {
        error_status_address: gas,
        ..good()
    }
}

fn ack(register: Gas, write: u64) -> Ghes {
    Ghes {
        ack: Some(ReadAck {
            register,
            preserve: 0,
            write,
        }),
        ..good()
    }
}

fn refusal(g: Ghes) -> (GhesError, String) {
    let e = g.validate().unwrap_err();
    assert_eq!(e.source_id(), 5);
    (e, e.to_string())
}

fn status_problem(gas: Gas) -> GasProblem {
    match status(gas).validate() {
        Err(GhesError::Register {
            role: RegisterRole::ErrorStatusAddress,
            problem,
            gas: got,
            ..
        }) => {
            assert_eq!(got, gas);
            problem
        }
        other => panic!("expected a status register refusal, got {other:?}"),
    }
}

#[test]
fn a_good_source_passes() {
    assert_eq!(
        good().validate(),
        Ok(ValidGhes {
            block_length: 0x400,
            warning: None
        })
    );
    // GHES (v1) has no read-ack register to check.
    let v1 = Ghes {
        ack: None,
        ..good()
    };
    assert!(v1.validate().is_ok());
}

#[test]
fn disabled() {
    let (e, msg) = refusal(Ghes {
        enabled: false,
        notify: Notify::new(NotifyKind::Unknown(40)),
        ..good()
    });
    assert_eq!(e, GhesError::Disabled { source_id: 5 });
    assert_eq!(msg, "GHES source 5: disabled by firmware");
}

#[test]
fn unknown_notification_type() {
    let (e, msg) = refusal(Ghes {
        notify: Notify::new(NotifyKind::from_raw(12)),
        ..good()
    });
    assert_eq!(
        e,
        GhesError::UnknownNotify {
            source_id: 5,
            raw: 12
        }
    );
    assert_eq!(msg, "GHES source 5: unknown notification type 12");
    // Every known type passes: which ones it supports is the driver's decision.
    for raw in 1..=11 {
        let g = Ghes {
            notify: Notify::new(NotifyKind::from_raw(raw)),
            ..good()
        };
        assert!(g.validate().is_ok(), "type {raw}");
    }
}

#[test]
fn polled_needs_an_interval() {
    let (e, msg) = refusal(Ghes {
        notify: Notify::new(NotifyKind::Polled),
        ..good()
    });
    assert_eq!(e, GhesError::PollIntervalZero { source_id: 5 });
    assert_eq!(
        msg,
        "GHES source 5: polled with a poll interval of 0 ms, so it would never be polled"
    );
    let polled = Ghes {
        notify: Notify {
            poll_interval: 1,
            ..Notify::new(NotifyKind::Polled)
        },
        ..good()
    };
    assert!(polled.validate().is_ok());
}

#[test]
fn error_block_length_bounds() {
    let (e, msg) = refusal(Ghes {
        error_block_length: 19,
        ..good()
    });
    assert_eq!(
        e,
        GhesError::BlockTooShort {
            source_id: 5,
            length: 19
        }
    );
    assert_eq!(
        msg,
        "GHES source 5: error status block length 19 is less than the 20-byte status header"
    );
    let at = |len| Ghes {
        error_block_length: len,
        ..good()
    };
    assert_eq!(at(20).validate().unwrap().block_length, 20);
    assert_eq!(
        at(65536).validate(),
        Ok(ValidGhes {
            block_length: 65536,
            warning: None
        })
    );
    let capped = at(65537).validate().unwrap();
    assert_eq!(capped.block_length, 65536);
    let w = capped.warning.unwrap();
    assert_eq!(
        w,
        GhesWarning::BlockLengthCapped {
            source_id: 5,
            declared: 65537
        }
    );
    assert_eq!(
        w.to_string(),
        "GHES source 5: error status block length 65537 is above 65536; records are read up \
         to 65536 bytes"
    );
    assert_eq!(at(u32::MAX).validate().unwrap().block_length, 65536);
}

#[test]
fn status_address_zero() {
    let gas = Gas::system_memory(0, 64);
    assert_eq!(status_problem(gas), GasProblem::AddressZero);
    assert_eq!(
        refusal(status(gas)).1,
        "GHES source 5: error status address register 0x0 (system memory, 64 bits at bit 0, \
         access 4): address is 0"
    );
}

#[test]
fn access_size_code_must_be_1_to_4() {
    for access_width in [0u8, 5, 255] {
        let gas = Gas {
            access_width,
            ..Gas::system_memory(0x1000, 64)
        };
        assert_eq!(
            status_problem(gas),
            GasProblem::AccessWidthInvalid { access_width }
        );
    }
    let gas = Gas {
        access_width: 0,
        ..Gas::system_memory(0x1000, 64)
    };
    assert!(refusal(status(gas))
        .1
        .ends_with("access 0): access size code 0 is not 1 to 4"));
}

#[test]
fn small_access_sizes_are_widened_like_linux() {
    // 64-bit register, byte access, 8-aligned: Linux widens to a 64-bit access.
    let widened = Gas {
        access_width: 1,
        ..Gas::system_memory(0x1000, 64)
    };
    assert!(status(widened).validate().is_ok());
    // Not widened when misaligned for 64 bits: 64 bits do not fit a 32-bit access.
    let gas = Gas {
        access_width: 3,
        ..Gas::system_memory(0x1004, 64)
    };
    let p = status_problem(gas);
    assert_eq!(
        p,
        GasProblem::ExceedsAccess {
            bit_width: 64,
            bit_offset: 0,
            access_bits: 32
        }
    );
    assert_eq!(p.to_string(), "64 bits at bit 0 do not fit a 32-bit access");
}

#[test]
fn status_register_must_be_system_memory() {
    let io = Gas {
        space_id: 1,
        ..Gas::system_memory(0x1000, 32)
    };
    let p = status_problem(io);
    assert_eq!(
        p,
        GasProblem::NotSystemMemory {
            space: AddressSpace::SystemIo
        }
    );
    assert_eq!(p.to_string(), "in system I/O, not system memory");
    let pcc = Gas {
        space_id: 10,
        ..Gas::system_memory(0x1000, 32)
    };
    assert_eq!(status_problem(pcc).to_string(), "in PCC, not system memory");
}

#[test]
fn status_register_must_be_a_whole_32_or_64_bit_register() {
    let narrow = Gas::system_memory(0x1000, 16);
    let p = status_problem(narrow);
    assert_eq!(p, GasProblem::StatusWidth { bit_width: 16 });
    assert_eq!(
        p.to_string(),
        "16 bits wide, an address register must be 32 or 64"
    );
    let offset = Gas {
        bit_width: 32,
        bit_offset: 8,
        ..Gas::system_memory(0x1000, 64)
    };
    let p = status_problem(offset);
    assert_eq!(p, GasProblem::StatusBitOffset { bit_offset: 8 });
    assert_eq!(
        p.to_string(),
        "starts at bit 8, an address register must start at 0"
    );
    assert!(status(Gas::system_memory(0x1000, 32)).validate().is_ok());
}

#[test]
fn registers_must_be_naturally_aligned() {
    let p = status_problem(Gas {
        address: 0x1004,
        ..Gas::system_memory(0, 64)
    });
    assert_eq!(
        p,
        GasProblem::Misaligned {
            address: 0x1004,
            access_bytes: 8
        }
    );
    assert_eq!(
        p.to_string(),
        "address 0x1004 is not aligned to its 8-byte access"
    );
    assert_eq!(
        status_problem(Gas::system_memory(0x1002, 32)),
        GasProblem::Misaligned {
            address: 0x1002,
            access_bytes: 4
        }
    );
}

#[test]
fn read_ack_register_rules() {
    // A one-bit field at bit 3 of a byte is fine, with a write value inside the field.
    let bit = Gas {
        bit_width: 1,
        bit_offset: 3,
        access_width: 1,
        ..Gas::system_memory(0x2001, 8)
    };
    assert!(ack(bit, 1).validate().is_ok());

    let (e, msg) = refusal(ack(bit, 2));
    assert_eq!(
        e,
        GhesError::AckWriteOutsideRegister {
            source_id: 5,
            write: 2,
            bit_width: 1
        }
    );
    assert_eq!(
        msg,
        "GHES source 5: read ack write value 0x2 does not fit the 1-bit register"
    );

    let empty = Gas {
        bit_width: 0,
        ..bit
    };
    let (e, msg) = refusal(ack(empty, 0));
    assert!(matches!(
        e,
        GhesError::Register {
            role: RegisterRole::ReadAck,
            problem: GasProblem::BitWidthZero,
            ..
        }
    ));
    assert_eq!(
        msg,
        "GHES source 5: read ack register 0x2001 (system memory, 0 bits at bit 3, access 1): \
         0 bits wide"
    );

    let (e, _) = refusal(ack(Gas::system_memory(0, 64), 1));
    assert!(matches!(
        e,
        GhesError::Register {
            role: RegisterRole::ReadAck,
            problem: GasProblem::AddressZero,
            ..
        }
    ));

    // The bit field must fit the access: 4 bits at bit 6 of a byte do not.
    let spill = Gas {
        bit_width: 4,
        bit_offset: 6,
        ..bit
    };
    let (e, _) = refusal(ack(spill, 1));
    assert!(matches!(
        e,
        GhesError::Register {
            problem: GasProblem::ExceedsAccess {
                bit_width: 4,
                bit_offset: 6,
                access_bits: 8
            },
            ..
        }
    ));
    // A full-width 64-bit register takes any write value.
    assert!(ack(Gas::system_memory(0x3000, 64), u64::MAX)
        .validate()
        .is_ok());
}

#[test]
fn rules_apply_in_the_documented_order() {
    // Several problems at once: the first in the order is reported.
    let g = Ghes {
        error_block_length: 0,
        error_status_address: Gas::system_memory(0, 64),
        notify: Notify::new(NotifyKind::Unknown(99)),
        ..good()
    };
    assert!(matches!(g.validate(), Err(GhesError::UnknownNotify { .. })));
    let g = Ghes {
        notify: Notify::new(NotifyKind::Sea),
        ..g
    };
    assert!(matches!(g.validate(), Err(GhesError::BlockTooShort { .. })));
    let g = Ghes {
        error_block_length: 20,
        ack: Some(ReadAck {
            register: Gas::system_memory(0, 64),
            preserve: 0,
            write: 0,
        }),
        ..g
    };
    assert!(matches!(
        g.validate(),
        Err(GhesError::Register {
            role: RegisterRole::ErrorStatusAddress,
            ..
        })
    ));
}
