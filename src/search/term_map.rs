//! A map from terms to numbers for the index's ranges: a term of up to 15 bytes is its key itself, held in the table.
//!
//! Most terms are short (a Thai word of up to five letters, an English stem of up to fifteen):
//! packed into a number with their length, they are hashed and compared in registers, where a
//! `String` key was compared through memcmp after loading its bytes from elsewhere in memory
//! (the largest share of memcmp in a large build). Longer terms keep a `String` key.

use rustc_hash::FxHashMap;

/// The most bytes a term packed into a number can have.
const SHORTEST_LONG: usize = 16;

/// A term as a key: packed when it is short enough.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum TermKey {
    Short(u128),
    Long(String),
}

impl TermKey {
    #[cfg(test)]
    pub(super) fn new(term: &str) -> TermKey {
        match packed(term.as_bytes()) {
            Some(key) => TermKey::Short(key),
            None => TermKey::Long(term.to_string()),
        }
    }

    /// The term.
    pub(super) fn into_term(self) -> String {
        match self {
            TermKey::Short(key) => unpacked(key),
            TermKey::Long(term) => term,
        }
    }
}

/// Terms to numbers.
#[derive(Debug, Default)]
pub(super) struct TermMap {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
}

impl TermMap {
    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub(super) fn get(&self, term: &str) -> Option<u32> {
        match packed(term.as_bytes()) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(term).copied(),
        }
    }

    pub(super) fn insert(&mut self, term: &str, value: u32) {
        match packed(term.as_bytes()) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(term.to_string(), value),
        };
    }

    /// The number of `key`, given `value()` first if it has none.
    pub(super) fn get_or_insert(&mut self, key: TermKey, value: impl FnOnce() -> u32) -> u32 {
        match key {
            TermKey::Short(key) => *self.short.entry(key).or_insert_with(value),
            TermKey::Long(term) => *self.long.entry(term).or_insert_with(value),
        }
    }

    /// The keys and their numbers, in no order.
    pub(super) fn into_keys(self) -> impl Iterator<Item = (TermKey, u32)> {
        let short = self
            .short
            .into_iter()
            .map(|(key, value)| (TermKey::Short(key), value));
        let long = self
            .long
            .into_iter()
            .map(|(term, value)| (TermKey::Long(term), value));
        short.chain(long)
    }

    /// The terms and their numbers, in no order.
    pub(super) fn terms(&self) -> impl Iterator<Item = (String, u32)> + '_ {
        let short = self
            .short
            .iter()
            .map(|(key, value)| (unpacked(*key), *value));
        let long = self.long.iter().map(|(term, value)| (term.clone(), *value));
        short.chain(long)
    }
}

/// `bytes` as a number, if there are fewer than `SHORTEST_LONG`: the bytes in the low fifteen
/// bytes, in order (little-endian), the count in the top byte. Read with a few overlapping
/// loads rather than byte by byte.
fn packed(bytes: &[u8]) -> Option<u128> {
    let length = bytes.len();
    if length >= SHORTEST_LONG {
        return None;
    }
    let load8 = |at: usize| -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let load4 = |at: usize| -> u64 {
        let mut word = [0; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(word))
    };
    let (low, high) = if length >= 8 {
        // The last eight bytes overlap the first eight by 16 - length: shifted out.
        let high = load8(length - 8)
            .checked_shr(8 * (16 - length) as u32)
            .unwrap_or(0);
        (load8(0), high)
    } else if length >= 4 {
        // The same with four-byte loads; overlapping bytes are equal, so or-ing them is safe.
        (load4(0) | load4(length - 4) << (8 * (length - 4)), 0)
    } else {
        let mut low = 0;
        for (at, byte) in bytes.iter().enumerate() {
            low |= u64::from(*byte) << (8 * at);
        }
        (low, 0)
    };
    Some(u128::from(low) | u128::from(high) << 64 | (length as u128) << 120)
}

/// The term a packed number holds.
fn unpacked(key: u128) -> String {
    let length = (key >> 120) as usize;
    let bytes = key.to_le_bytes();
    // The bytes were a term's, so they are UTF-8.
    String::from_utf8_lossy(&bytes[..length.min(15)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_of_every_length_are_kept_apart_and_given_back() {
        let terms: Vec<String> = (0..=20)
            .flat_map(|length| {
                [
                    "a".repeat(length),
                    format!("{}b", "a".repeat(length)),
                    "ก".repeat(length / 3),
                    "x\0".repeat(length / 2),
                    format!("{}\0", "x\0".repeat(length / 2)),
                ]
            })
            .collect();
        let mut map = TermMap::default();
        for (n, term) in terms.iter().enumerate() {
            if map.get(term).is_none() {
                map.insert(term, n as u32);
            }
        }
        for term in &terms {
            let n = map.get(term).expect("found") as usize;
            assert_eq!(&terms[n], term);
            assert_eq!(TermKey::new(term).into_term(), *term);
        }
        let mut back: Vec<String> = map.terms().map(|(term, _)| term).collect();
        back.sort();
        let mut distinct = terms.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(back, distinct);
        assert_eq!(map.len(), distinct.len());
        let keys: Vec<(TermKey, u32)> = map.into_keys().collect();
        assert_eq!(keys.len(), distinct.len());
    }
}
