//! An ascending set of document numbers held as variable-length gaps: the index's Thai character
//! pairs while a build adds documents (a byte or two a document instead of four).

/// Document numbers in ascending order, each stored as its distance from the one before (the
/// first as itself), seven bits a byte, low bits first, the high bit saying "more follows".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DocSet {
    bytes: Vec<u8>,
    /// The last number added, if any.
    last: Option<u32>,
}

impl DocSet {
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    /// Adds `number`, which is at least the last one added (the same again is ignored).
    pub fn push(&mut self, number: u32) {
        match self.last {
            Some(last) if last == number => {}
            Some(last) => {
                push_varint(&mut self.bytes, number - last);
                self.last = Some(number);
            }
            None => {
                push_varint(&mut self.bytes, number);
                self.last = Some(number);
            }
        }
    }

    /// Adds every number of `later`, whose numbers all come after this set's.
    pub fn append(&mut self, later: DocSet) {
        let Some(later_last) = later.last else {
            return;
        };
        let Some(last) = self.last else {
            *self = later;
            return;
        };
        // The later set's first number is stored as itself: store it as a distance from ours.
        let (first, used) = read_varint(&later.bytes);
        push_varint(&mut self.bytes, first - last);
        self.bytes.extend_from_slice(&later.bytes[used..]);
        self.last = Some(later_last);
    }

    /// The numbers, ascending.
    pub fn to_vec(&self) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut at = 0;
        let mut number = 0;
        while at < self.bytes.len() {
            let (gap, used) = read_varint(&self.bytes[at..]);
            number += gap;
            numbers.push(number);
            at += used;
        }
        numbers
    }
}

fn push_varint(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// The number at the start of `bytes` and how many bytes it took.
fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0u32;
    for (at, byte) in bytes.iter().enumerate() {
        n |= u32::from(byte & 0x7f) << (7 * at);
        if byte & 0x80 == 0 {
            return (n, at + 1);
        }
    }
    (n, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(numbers: &[u32]) -> DocSet {
        let mut set = DocSet::default();
        for number in numbers {
            set.push(*number);
        }
        set
    }

    #[test]
    fn numbers_come_back_in_order_once_each() {
        let numbers = [0, 0, 1, 5, 127, 128, 300, 300, 70_000, u32::MAX];
        assert_eq!(
            set(&numbers).to_vec(),
            [0, 1, 5, 127, 128, 300, 70_000, u32::MAX]
        );
        assert!(set(&[]).is_empty() && set(&[]).to_vec().is_empty());
    }

    #[test]
    fn appending_a_later_set_is_the_same_as_adding_its_numbers() {
        let mut earlier = set(&[3, 9, 200]);
        earlier.append(set(&[201, 5000, 5001]));
        assert_eq!(earlier, set(&[3, 9, 200, 201, 5000, 5001]));
        let mut empty = DocSet::default();
        empty.append(set(&[7, 8]));
        assert_eq!(empty, set(&[7, 8]));
        let mut kept = set(&[1]);
        kept.append(DocSet::default());
        assert_eq!(kept, set(&[1]));
    }
}
