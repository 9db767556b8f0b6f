// SPDX-License-Identifier: GPL-2.0
//! The duplicate cache's key: a record's length and a 64-bit fingerprint of its bytes.
//!
//! The fingerprint only narrows the search: the cache confirms every candidate with the
//! caller's full comparison, so a collision can never suppress a different record.

/// What the duplicate cache matches first: a record's length and fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheKey {
    /// The record's length in bytes (`cper_estatus_len()`).
    pub len: u32,
    /// A fingerprint of the record's bytes, such as [`fingerprint`].
    pub fingerprint: u64,
}

impl CacheKey {
    /// The key of `record`: its length (saturated at `u32::MAX`) and its [`fingerprint`].
    pub fn of(record: &[u8]) -> Self {
        Self {
            len: u32::try_from(record.len()).unwrap_or(u32::MAX),
            fingerprint: fingerprint(record),
        }
    }
}

/// FNV-1a, 64-bit: a fast, allocation-free fingerprint of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_reference_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn key_of_a_record() {
        let key = CacheKey::of(&[0u8; 20]);
        assert_eq!(key.len, 20);
        assert_ne!(key, CacheKey::of(&[0u8; 21]));
        assert_ne!(key.fingerprint, CacheKey::of(&[1u8; 20]).fingerprint);
    }
}
