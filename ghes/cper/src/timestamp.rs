// SPDX-License-Identifier: GPL-2.0
//! The 8-byte CPER timestamp of revision-3 Generic Error Data Entries (UEFI 2.10 N.2.1.1).

/// A CPER timestamp: BCD seconds, minutes, hours, flags, day, month, year, century.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Timestamp(pub [u8; 8]);

/// Linux's `bcd2bin()` on a byte: `(x & 0x0f) + (x >> 4) * 10` (at most 165, no overflow).
pub(crate) const fn bcd2bin(x: u8) -> u8 {
    (x & 0x0f).wrapping_add((x >> 4).wrapping_mul(10))
}

impl Timestamp {
    /// From the little-endian 64-bit field.
    pub const fn from_raw(v: u64) -> Self {
        Timestamp(v.to_le_bytes())
    }

    /// The little-endian 64-bit field.
    pub const fn raw(&self) -> u64 {
        u64::from_le_bytes(self.0)
    }

    /// Bit 0 of byte 3: the time is precise (Linux prints "precise " or "imprecise ").
    pub const fn precise(&self) -> bool {
        self.0[3] & 1 != 0
    }

    /// Seconds, decoded from BCD.
    pub const fn seconds(&self) -> u8 {
        bcd2bin(self.0[0])
    }

    /// Minutes, decoded from BCD.
    pub const fn minutes(&self) -> u8 {
        bcd2bin(self.0[1])
    }

    /// Hours, decoded from BCD.
    pub const fn hours(&self) -> u8 {
        bcd2bin(self.0[2])
    }

    /// Day of the month, decoded from BCD.
    pub const fn day(&self) -> u8 {
        bcd2bin(self.0[4])
    }

    /// Month, decoded from BCD.
    pub const fn month(&self) -> u8 {
        bcd2bin(self.0[5])
    }

    /// Year within the century, decoded from BCD.
    pub const fn year(&self) -> u8 {
        bcd2bin(self.0[6])
    }

    /// Century, decoded from BCD.
    pub const fn century(&self) -> u8 {
        bcd2bin(self.0[7])
    }

    /// Encodes a date and time as BCD (the year modulo 10000, the others modulo 100).
    pub const fn new(
        year: u16,
        month: u8,
        day: u8,
        hours: u8,
        minutes: u8,
        seconds: u8,
        precise: bool,
    ) -> Self {
        const fn bcd(v: u8) -> u8 {
            let v = v % 100;
            ((v / 10) << 4) | (v % 10)
        }
        Timestamp([
            bcd(seconds),
            bcd(minutes),
            bcd(hours),
            precise as u8,
            bcd(day),
            bcd(month),
            bcd((year % 100) as u8),
            bcd(((year / 100) % 100) as u8),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcd() {
        let t = Timestamp::new(2024, 12, 31, 23, 59, 58, true);
        assert_eq!(t.0, [0x58, 0x59, 0x23, 1, 0x31, 0x12, 0x24, 0x20]);
        assert_eq!((t.century(), t.year(), t.month()), (20, 24, 12));
        assert_eq!(
            (t.day(), t.hours(), t.minutes(), t.seconds()),
            (31, 23, 59, 58)
        );
        assert!(t.precise());
        assert_eq!(bcd2bin(0xff), 165);
        assert_eq!(Timestamp::from_raw(t.raw()), t);
    }
}
