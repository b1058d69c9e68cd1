//! An ascending set of document numbers held as variable-length gaps, and a term's postings built
//! on it: the index's pairs and terms while a build adds documents (a byte or two a document
//! instead of four).

/// Document numbers in ascending order, each stored as its distance from the one before (the
/// first as itself), seven bits a byte, low bits first, the high bit saying "more follows".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DocSet {
    bytes: Vec<u8>,
    /// The last number added, if any.
    last: Option<u32>,
    /// How many numbers there are.
    len: u32,
}

impl DocSet {
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    /// How many numbers there are.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The last number added.
    pub fn last(&self) -> Option<u32> {
        self.last
    }

    /// Adds `number`, which is at least the last one added (the same again is ignored).
    #[inline]
    pub fn push(&mut self, number: u32) {
        let gap = match self.last {
            Some(last) if last == number => return,
            Some(last) => number - last,
            None => number,
        };
        if gap < 0x80 {
            // The usual gap, one byte.
            self.bytes.push(gap as u8);
        } else {
            push_varint(&mut self.bytes, gap);
        }
        self.last = Some(number);
        self.len += 1;
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
        self.len += later.len;
    }

    /// The numbers, ascending, in a vector of just their length (the index's pairs are tens of
    /// millions of numbers at the end of a large build).
    pub fn to_vec(&self) -> Vec<u32> {
        let mut numbers = Vec::with_capacity(self.len as usize);
        numbers.extend(self.numbers());
        numbers
    }

    /// The numbers, ascending, as they are read.
    fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut number = 0;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let (gap, used) = read_varint(&self.bytes[at..]);
            number += gap;
            at += used;
            Some(number)
        })
    }
}

/// One term's postings while documents are added: the documents, and each one's weighted
/// frequency of the term, in the same order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TermPostings {
    docs: DocSet,
    frequencies: Vec<f32>,
}

impl TermPostings {
    /// Counts an occurrence weighing `weight` in document `number`, the last one or a later one.
    #[inline]
    pub fn add(&mut self, number: u32, weight: f32) {
        match self.frequencies.last_mut() {
            Some(frequency) if self.docs.last() == Some(number) => *frequency += weight,
            _ => {
                self.docs.push(number);
                self.frequencies.push(weight);
            }
        }
    }

    /// Adds the postings of `later`, whose documents all come after these.
    pub fn append(&mut self, later: TermPostings) {
        self.docs.append(later.docs);
        self.frequencies.extend(later.frequencies);
    }

    /// Calls `each` with (document, weighted frequency), documents ascending.
    pub fn for_each(&self, mut each: impl FnMut(u32, f32)) {
        for (doc, frequency) in self.docs.numbers().zip(&self.frequencies) {
            each(doc, *frequency);
        }
    }

    /// How many documents have the term.
    pub fn len(&self) -> usize {
        self.frequencies.len()
    }
}

/// How a spilled run of the index (`spill.rs`) writes sets and postings: lengths first, then
/// the bytes as held, so that reading one back costs no decoding.
impl DocSet {
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        write_u32(out, self.bytes.len() as u32)?;
        out.write_all(&self.bytes)?;
        write_u32(out, self.last.unwrap_or(0))?;
        write_u32(out, self.len)
    }

    pub fn read_from(input: &mut impl std::io::Read) -> std::io::Result<DocSet> {
        let mut bytes = vec![0; read_u32(input)? as usize];
        input.read_exact(&mut bytes)?;
        let last = read_u32(input)?;
        let len = read_u32(input)?;
        Ok(DocSet {
            last: (len > 0).then_some(last),
            bytes,
            len,
        })
    }
}

impl TermPostings {
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.docs.write_to(out)?;
        for frequency in &self.frequencies {
            out.write_all(&frequency.to_le_bytes())?;
        }
        Ok(())
    }

    pub fn read_from(input: &mut impl std::io::Read) -> std::io::Result<TermPostings> {
        let docs = DocSet::read_from(input)?;
        let mut frequencies = Vec::with_capacity(docs.len as usize);
        for _ in 0..docs.len {
            let mut bytes = [0; 4];
            input.read_exact(&mut bytes)?;
            frequencies.push(f32::from_le_bytes(bytes));
        }
        Ok(TermPostings { docs, frequencies })
    }
}

pub fn write_u32(out: &mut impl std::io::Write, n: u32) -> std::io::Result<()> {
    out.write_all(&n.to_le_bytes())
}

pub fn read_u32(input: &mut impl std::io::Read) -> std::io::Result<u32> {
    let mut bytes = [0; 4];
    input.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
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
    fn a_term_counts_each_document_once_with_its_weights_summed() {
        let mut earlier = TermPostings::default();
        earlier.add(2, 1.0);
        earlier.add(2, 0.5);
        earlier.add(9, 2.0);
        let mut later = TermPostings::default();
        later.add(300, 1.0);
        earlier.append(later);
        let mut pairs: Vec<(u32, f32)> = Vec::new();
        earlier.for_each(|doc, frequency| pairs.push((doc, frequency)));
        assert_eq!(pairs, [(2, 1.5), (9, 2.0), (300, 1.0)]);
    }

    #[test]
    fn sets_and_postings_read_back_as_written() {
        let mut postings = TermPostings::default();
        for (doc, weight) in [(0, 1.0), (0, 0.5), (7, 3.0), (70_000, 0.25)] {
            postings.add(doc, weight);
        }
        let mut bytes = Vec::new();
        postings.write_to(&mut bytes).expect("written");
        set(&[]).write_to(&mut bytes).expect("written");
        let mut input = bytes.as_slice();
        assert_eq!(TermPostings::read_from(&mut input).expect("read"), postings);
        assert_eq!(DocSet::read_from(&mut input).expect("read"), set(&[]));
        assert!(input.is_empty());
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
