//! Where the handbook's Thai terms are kept whole in a text, and a long term's words: the one decision that pages write as markup (markdown/marks.rs) and the PDF's line breaker reads as ranges (pdf/markup.rs).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

/// A Thai term of more clusters than this is kept as a long term, breakable between its words:
/// a phone's line holds about thirty, a heading's, a table cell's or the A5 pocket guide's
/// column fewer, and a longer unbreakable run would overflow them.
pub const KEEP_MAX_CLUSTERS: usize = 14;

/// A kept term inside a long one is one of its words up to this many clusters (สถานเอกอัครราชทูต):
/// a 360-pixel phone's line of title text (a role pack's cover) holds about eighteen.
const WORD_MAX_CLUSTERS: usize = 16;

/// A term is kept where it starts and ends at a word boundary of the text around it, or where
/// the dictionary word it cuts into on either side leaves at most this many clusters outside
/// it: ตัว of รับตัวผู้เสียหาย (the dictionary reads ตัวผู้|เสีย|หาย, "male", and browsers cut
/// ผู้เสีย|หาย there), but not กระบวน of กระบวนการส่งกลับ, where keeping การส่งกลับ would glue the
/// whole longer word into one unbreakable run.
const MOST_GLUED_CLUSTERS: usize = 3;

/// The handbook's Thai terms (glossary terms, role and organisation names, the words synonyms
/// stand for: `Site::kept_words`), and the abbreviations of a language, found in a text.
///
/// Line breaking by dictionary cuts ผู้เสีย|หาย and การค้า|มนุษย์. A short term is never broken;
/// a longer one, which a narrow line may not hold, breaks only between its words: the shorter kept
/// terms inside it (การค้ามนุษย์ in ผู้เสียหายจากการค้ามนุษย์) and, around them, dictionary words.
pub struct TermFinder {
    matcher: Option<AhoCorasick>,
    /// The patterns that are all ASCII (abbreviations, mostly), for a text that is all ASCII,
    /// where no other pattern can match: with each one's index among all patterns. Half a
    /// bilingual handbook's texts are English, and a scan by the small automaton (or none, when
    /// no pattern is ASCII) is much cheaper than by the whole one's DFA, byte by byte.
    ascii_matcher: Option<(AhoCorasick, Vec<usize>)>,
    /// Per pattern, what a match is.
    marks: Vec<Mark>,
}

enum Mark {
    Abbreviation(String),
    Term,
    LongTerm(Vec<Word>),
}

/// One word of a long term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Whether the writer's space comes before it (a break opportunity of its own); otherwise,
    /// past the first word, the markup adds one.
    pub after_space: bool,
    /// Whether the dictionary would cut it (a kept term, a compound): a single dictionary word
    /// is not broken by line breaking either.
    pub cut: bool,
}

/// A piece of a text, in order: the pieces of a text put together are the text.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment<'t, 'f> {
    Plain(&'t str),
    Abbreviation {
        text: &'t str,
        title: &'f str,
    },
    /// A short term, never broken.
    Term(&'t str),
    /// A long term, as its words, with the punctuation just before and after it (an opening
    /// bracket, a closing one, a comma), which goes with its first and last words.
    LongTerm {
        open: &'t str,
        words: &'f [Word],
        close: &'t str,
    },
}

fn is_thai_term(term: &str) -> bool {
    term.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c))
}

impl TermFinder {
    /// `abbreviations` as (abbreviation, expansion) pairs; of `terms`, the Thai ones.
    pub fn new(abbreviations: Vec<(String, String)>, terms: &[String]) -> TermFinder {
        let (mut patterns, mut marks): (Vec<String>, Vec<Mark>) = abbreviations
            .into_iter()
            .map(|(short, long)| (short, Mark::Abbreviation(long)))
            .unzip();
        let abbreviated = patterns.clone();
        let kept: Vec<&String> = terms
            .iter()
            .filter(|term| {
                // A term holding an abbreviation (เจ้าหน้าที่ พมจ.) would hide its <abbr>.
                is_thai_term(term)
                    && term.graphemes(true).count() >= 2
                    && !abbreviated.iter().any(|a| term.contains(a.as_str()))
            })
            .collect();
        let word_terms: Vec<&String> = kept
            .iter()
            .copied()
            .filter(|term| term.graphemes(true).count() <= WORD_MAX_CLUSTERS)
            .collect();
        for term in kept {
            if patterns.contains(term) {
                continue;
            }
            patterns.push(term.clone());
            marks.push(if term.graphemes(true).count() <= KEEP_MAX_CLUSTERS {
                Mark::Term
            } else {
                let nested: Vec<String> = word_terms
                    .iter()
                    .filter(|word| word.len() < term.len() && term.contains(word.as_str()))
                    .map(|word| word.to_string())
                    .collect();
                Mark::LongTerm(words_of(term, &nested))
            });
        }
        let ascii: Vec<usize> = (0..patterns.len())
            .filter(|&at| patterns[at].is_ascii())
            .collect();
        let ascii_patterns: Vec<&String> = ascii.iter().map(|&at| &patterns[at]).collect();
        TermFinder {
            matcher: build_matcher(&patterns),
            ascii_matcher: build_matcher(&ascii_patterns).map(|matcher| (matcher, ascii)),
            marks,
        }
    }

    pub fn none() -> TermFinder {
        TermFinder {
            matcher: None,
            ascii_matcher: None,
            marks: Vec::new(),
        }
    }

    /// `text` as its pieces: every kept term, and every abbreviation if `abbreviations`.
    pub fn segments<'t, 'f>(&'f self, text: &'t str, abbreviations: bool) -> Vec<Segment<'t, 'f>> {
        // An ASCII text can match only the ASCII patterns: `ids` maps the small automaton's
        // patterns to all patterns' indices.
        let (matcher, ids) = if text.is_ascii() {
            match &self.ascii_matcher {
                Some((matcher, ids)) => (Some(matcher), Some(ids.as_slice())),
                None => (None, None),
            }
        } else {
            (self.matcher.as_ref(), None)
        };
        self.segments_by(text, abbreviations, matcher, ids)
    }

    /// `segments` with `matcher`, whose pattern `n` is pattern `ids[n]` of all (the same index
    /// without `ids`).
    fn segments_by<'t, 'f>(
        &'f self,
        text: &'t str,
        abbreviations: bool,
        matcher: Option<&AhoCorasick>,
        ids: Option<&[usize]>,
    ) -> Vec<Segment<'t, 'f>> {
        let mut pieces = Vec::new();
        let Some(matcher) = matcher else {
            if !text.is_empty() {
                pieces.push(Segment::Plain(text));
            }
            return pieces;
        };
        let mut last = 0;
        // The text's word boundaries, found once and only if a term is in it.
        let mut boundaries: Option<Vec<usize>> = None;
        // The Thai run last cut, with its cuts: a long run holds several terms.
        let mut last_run = RunCuts::default();
        // Where to look for the next term. A match that is not kept is passed by one character
        // only, not skipped whole: การส่งกลับ inside กระบวนการส่งกลับ is not kept, but ส่งกลับ,
        // which starts inside it, is.
        let mut from = 0;
        while let Some(found) = matcher.find(Input::new(text).span(from..text.len())) {
            let pattern = found.pattern().as_usize();
            let mark = &self.marks[ids.map_or(pattern, |ids| ids[pattern])];
            let is_abbreviation = matches!(mark, Mark::Abbreviation(_));
            let wanted = abbreviations || !is_abbreviation;
            let kept = wanted
                && stands_alone(text, found.start(), found.end())
                && (is_abbreviation || {
                    let (start, end) = (found.start(), found.end());
                    let (word_start, word_end) = boundaries_around(text, start, end, &mut last_run)
                        .unwrap_or_else(|| {
                            let cuts = boundaries
                                .get_or_insert_with(|| crate::thai_words::word_boundaries(text));
                            around(cuts, text.len(), start, end)
                        });
                    fits_the_words_around(text, word_start, word_end, start, end)
                });
            if !kept {
                from = found.start()
                    + text[found.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                continue;
            }
            let (mut start, mut end) = (found.start(), found.end());
            if matches!(mark, Mark::LongTerm(_)) {
                if let Some(open) = text[last..start].chars().next_back().filter(|c| opens(*c)) {
                    start -= open.len_utf8();
                }
                if let Some(close) = text[end..].chars().next().filter(|c| closes(*c)) {
                    end += close.len_utf8();
                }
            }
            if last < start {
                pieces.push(Segment::Plain(&text[last..start]));
            }
            let matched = &text[found.start()..found.end()];
            pieces.push(match mark {
                Mark::Abbreviation(title) => Segment::Abbreviation {
                    text: matched,
                    title,
                },
                Mark::Term => Segment::Term(matched),
                Mark::LongTerm(words) => Segment::LongTerm {
                    open: &text[start..found.start()],
                    words,
                    close: &text[found.end()..end],
                },
            });
            last = end;
            from = end;
        }
        if last < text.len() {
            pieces.push(Segment::Plain(&text[last..]));
        }
        pieces
    }
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘')
}

fn closes(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '"' | '\'' | '”' | '’' | ',' | '.' | ':' | ';' | '!' | '?'
    )
}

fn build_matcher<S: AsRef<[u8]>>(patterns: &[S]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    // A DFA: every text of every page is searched, and a few hundred terms make a small one;
    // the default (a non-contiguous NFA for this size) took twice as long to scan.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

/// The last of `cuts` (word boundaries, in order) at or before `start` and the first at or
/// after `end`, the text's edges counting as boundaries.
fn around(cuts: &[usize], len: usize, start: usize, end: usize) -> (usize, usize) {
    let word_start = cuts.iter().rev().find(|&&at| at <= start).copied();
    let word_end = cuts.iter().find(|&&at| at >= end).copied();
    (word_start.unwrap_or(0), word_end.unwrap_or(len))
}

/// What [`around`] finds in ICU's word boundaries of the whole `text`, found from the Thai runs
/// that hold the term's two ends alone, each cut by `ThaiDictionary` (ICU's own cuts at a
/// quarter of ICU's cost; this was a tenth of a build's CPU): a run's cuts depend on the run
/// alone, and its edges are word boundaries when the characters beside it are ASCII. `None`
/// where that does not hold (a run beside other scripts, marks or Thai digits, a term whose end
/// is not Thai, no dictionary): the caller then asks ICU about the whole text. `last_run` keeps
/// the last run's cuts for the next term in it.
fn boundaries_around(
    text: &str,
    start: usize,
    end: usize,
    last_run: &mut RunCuts,
) -> Option<(usize, usize)> {
    let dictionary = crate::thai_words::ThaiDictionary::get()?;
    let first = text[start..].chars().next()?;
    let last = text[..end].chars().next_back()?;
    let (first_run, first_run_end) = thai_run(text, start, first, &mut last_run.found)?;
    let (last_run_start, run_end) =
        thai_run(text, end - last.len_utf8(), last, &mut last_run.found)?;
    let word_start = if first_run < start {
        let cuts = last_run.cut(dictionary, text, first_run, first_run_end)?;
        cuts[cuts.partition_point(|&at| at <= start) - 1]
    } else {
        first_run
    };
    let word_end = if end < run_end {
        let cuts = last_run.cut(dictionary, text, last_run_start, run_end)?;
        cuts[cuts.partition_point(|&at| at < end)]
    } else {
        run_end
    };
    Some((word_start, word_end))
}

/// One Thai run's word boundaries, its edges included: the run last cut in a text.
#[derive(Default)]
struct RunCuts {
    run: (usize, usize),
    cuts: Vec<usize>,
    /// The Thai run last found around a character (`thai_run`): its extent, and whether its
    /// edges are plain word boundaries. Both ends of a term, and the next terms, are mostly in
    /// it: walking the run again each time was 0.9% of a build.
    found: Option<((usize, usize), bool)>,
}

impl RunCuts {
    /// The boundaries of the run `from..to` of `text`, cut now unless it was the last one.
    fn cut(
        &mut self,
        dictionary: &crate::thai_words::ThaiDictionary,
        text: &str,
        from: usize,
        to: usize,
    ) -> Option<&[usize]> {
        if self.run != (from, to) || self.cuts.is_empty() {
            self.cuts.clear();
            self.cuts.push(from);
            let mut at = from;
            let cuts = &mut self.cuts;
            let whole = dictionary.segment(&text[from..to], &mut |piece| {
                at += piece.len();
                cuts.push(at);
            });
            if !whole {
                self.cuts.clear();
                return None;
            }
            self.run = (from, to);
        }
        Some(&self.cuts)
    }
}

/// The Thai run (`thai_words::is_thai`) around the character `c` at `at`, if its edges are
/// plain word boundaries: the text's ends or ASCII beside them, and no mark first.
fn thai_run(
    text: &str,
    at: usize,
    c: char,
    found: &mut Option<((usize, usize), bool)>,
) -> Option<(usize, usize)> {
    use crate::thai_words::thai_letter_at;
    if !crate::thai_words::is_thai(c) {
        return None;
    }
    // A Thai letter inside the run found last: the same run, edges and all.
    if let Some(((from, to), plain)) = *found {
        if (from..to).contains(&at) {
            return plain.then_some((from, to));
        }
    }
    // Read by bytes, three at a time: a run is often long and holds several terms.
    let bytes = text.as_bytes();
    let mut from = at;
    while from >= 3 && thai_letter_at(bytes, from - 3).is_some() {
        from -= 3;
    }
    let mut to = at;
    while thai_letter_at(bytes, to).is_some() {
        to += 3;
    }
    let plain_before = from == 0 || bytes[from - 1].is_ascii();
    let plain_after = to == bytes.len() || bytes[to].is_ascii();
    let opens_with_mark =
        thai_letter_at(bytes, from).is_some_and(crate::thai_words::is_cluster_mark);
    let plain = plain_before && plain_after && !opens_with_mark;
    *found = Some(((from, to), plain));
    plain.then_some((from, to))
}

/// Whether a term at `start..end` of `text`, in the word that starts at `word_start` and the one
/// that ends at `word_end`, glues at most [`MOST_GLUED_CLUSTERS`] of them on each side.
fn fits_the_words_around(
    text: &str,
    word_start: usize,
    word_end: usize,
    start: usize,
    end: usize,
) -> bool {
    let glued = |from: usize, to: usize| text[from..to].graphemes(true).count();
    glued(word_start, start) <= MOST_GLUED_CLUSTERS && glued(end, word_end) <= MOST_GLUED_CLUSTERS
}

/// A long term's words: those a diagram's lines break between (`line_breaks::words`): dictionary
/// words, with the shorter kept terms inside it (`nested`) whole, punctuation with the word
/// before it (ทูต/ breaks after the slash); and the writer's spaces.
fn words_of(term: &str, nested: &[String]) -> Vec<Word> {
    let mut words = Vec::new();
    for (index, chunk) in term.split(' ').enumerate() {
        for (at, word) in crate::line_breaks::words(chunk, nested)
            .into_iter()
            .filter(|word| !word.is_empty())
            .enumerate()
        {
            words.push(Word {
                text: word.to_string(),
                after_space: index > 0 && at == 0,
                cut: !crate::thai_words::word_boundaries(word).is_empty(),
            });
        }
    }
    words
}

/// An ASCII abbreviation must not touch other ASCII letters or digits ("MDT" but not "MDTs" or "AMDT");
/// Thai is written without spaces, so a Thai abbreviation only needs its own ending (usually a dot).
/// (A kept Thai term is also checked against the text's word boundaries.)
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let touches = |edge: Option<char>, neighbour: Option<char>| matches!((edge, neighbour), (Some(e), Some(n)) if e.is_ascii_alphanumeric() && n.is_ascii_alphanumeric());
    !touches(first, before) && !touches(last, after)
}

#[cfg(test)]
mod tests;
