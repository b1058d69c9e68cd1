//! The index builder's postings spilled to temporary files a run of documents at a time, and merged
//! term by term at the end (an external merge): a large build holds one run and the vocabulary,
//! not every posting of the handbook.
//!
//! A run is written sorted (terms by their bytes, Thai pairs by slot); documents are numbered in
//! site order and a run holds the documents after the previous run's, so a term's postings are
//! its runs' postings one after the other, exactly what the builder would have held in memory.

use super::doc_set::{read_u32, write_u32, DocSet, TermPostings};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// One run on disk: its terms and its Thai pairs, each in a temporary file that is removed when
/// it is dropped (or the build ends).
pub(super) struct Run {
    terms: File,
    pairs: File,
}

/// Entries of one run (or of the rest still in memory), ascending by key.
pub(super) type Source<K, T> = Box<dyn Iterator<Item = io::Result<(K, T)>>>;

impl Run {
    /// Writes a run's terms and pairs (pairs indexed by slot, empty ones left out).
    pub(super) fn write<'a>(
        terms: impl Iterator<Item = (String, &'a TermPostings)>,
        pairs: &[DocSet],
    ) -> io::Result<Run> {
        let mut sorted: Vec<(String, &TermPostings)> = terms.collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = BufWriter::new(tempfile::tempfile()?);
        write_u32(&mut out, sorted.len() as u32)?;
        for (term, postings) in sorted {
            write_u32(&mut out, term.len() as u32)?;
            out.write_all(term.as_bytes())?;
            postings.write_to(&mut out)?;
        }
        let terms = finished(out)?;
        let mut out = BufWriter::new(tempfile::tempfile()?);
        let filled = pairs.iter().filter(|docs| !docs.is_empty()).count();
        write_u32(&mut out, filled as u32)?;
        for (slot, docs) in pairs
            .iter()
            .enumerate()
            .filter(|(_, docs)| !docs.is_empty())
        {
            write_u32(&mut out, slot as u32)?;
            docs.write_to(&mut out)?;
        }
        let pairs = finished(out)?;
        Ok(Run { terms, pairs })
    }

    /// The run's terms and pairs, read as they are merged.
    pub(super) fn sources(self) -> io::Result<(Source<String, TermPostings>, Source<u32, DocSet>)> {
        let terms = entries(self.terms, |input| {
            let mut bytes = vec![0; read_u32(input)? as usize];
            input.read_exact(&mut bytes)?;
            let term = String::from_utf8(bytes)
                .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
            Ok((term, TermPostings::read_from(input)?))
        })?;
        let pairs = entries(self.pairs, |input| {
            let slot = read_u32(input)?;
            Ok((slot, DocSet::read_from(input)?))
        })?;
        Ok((terms, pairs))
    }
}

/// A written file, flushed and rewound for reading.
fn finished(out: BufWriter<File>) -> io::Result<File> {
    let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.rewind()?;
    Ok(file)
}

/// The entries of a run's file: a count, then each entry as `read` reads it.
fn entries<K: 'static, T: 'static>(
    file: File,
    read: fn(&mut BufReader<File>) -> io::Result<(K, T)>,
) -> io::Result<Source<K, T>> {
    let mut input = BufReader::new(file);
    let count = read_u32(&mut input)?;
    Ok(Box::new((0..count).map(move |_| read(&mut input))))
}

/// Calls `each` once per key of `sources`, in ascending order, with the values of every source
/// that has it joined by `append` in the order of the sources (the runs' order).
pub(super) fn merge<K: Ord, T>(
    mut sources: Vec<Source<K, T>>,
    append: fn(&mut T, T),
    mut each: impl FnMut(K, T),
) -> io::Result<()> {
    let mut heads: Vec<Option<(K, T)>> = sources
        .iter_mut()
        .map(|source| source.next().transpose())
        .collect::<io::Result<_>>()?;
    loop {
        // The first source whose head has the least key.
        let mut first: Option<usize> = None;
        for (at, head) in heads.iter().enumerate() {
            let Some((key, _)) = head else { continue };
            let least = first.and_then(|first| heads[first].as_ref());
            if least.is_none_or(|(least, _)| key < least) {
                first = Some(at);
            }
        }
        let Some(first) = first else { return Ok(()) };
        let Some((key, mut value)) = heads[first].take() else {
            return Ok(());
        };
        heads[first] = sources[first].next().transpose()?;
        for at in first + 1..heads.len() {
            if heads[at].as_ref().is_some_and(|(other, _)| *other == key) {
                if let Some((_, later)) = heads[at].take() {
                    append(&mut value, later);
                }
                heads[at] = sources[at].next().transpose()?;
            }
        }
        each(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_joins_each_key_s_values_in_the_order_of_the_sources() {
        let source = |entries: Vec<(u32, Vec<u32>)>| -> Source<u32, Vec<u32>> {
            Box::new(entries.into_iter().map(Ok))
        };
        let sources = vec![
            source(vec![(1, vec![1]), (4, vec![2])]),
            source(vec![]),
            source(vec![(0, vec![3]), (4, vec![4, 5]), (9, vec![6])]),
            source(vec![(1, vec![7])]),
        ];
        let mut merged = Vec::new();
        merge(
            sources,
            |a, b| a.extend(b),
            |key, value| merged.push((key, value)),
        )
        .expect("merged");
        assert_eq!(
            merged,
            [
                (0, vec![3]),
                (1, vec![1, 7]),
                (4, vec![2, 4, 5]),
                (9, vec![6])
            ]
        );
    }
}
