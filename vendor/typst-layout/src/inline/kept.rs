//! CHANGED for the handbook (see vendor/README.md): stretches of a paragraph's text that line
//! breaking keeps whole, as if each were an inline box, without cutting the text into pieces.
//!
//! The handbook keeps its Thai terms whole (ผู้เสียหาย, which ICU's dictionary would cut
//! ผู้เสีย|หาย). It used to set each in a `box`; 27,000 boxes cut the Thai text into as many more
//! shaping runs, about a tenth of the PDF edition's CPU. Now it tells the line breaker, once,
//! how to find those stretches in a paragraph's text ([`set_kept_ranges`]), and the line
//! breaker finds break opportunities in the text with each stretch replaced by one
//! OBJECT REPLACEMENT CHARACTER, which is what it would see if the stretch were a box: no
//! opportunity inside a stretch, and around it those UAX #14 gives an inline object.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

/// Finds the kept stretches of a paragraph's text: appends their byte ranges, in order, not
/// overlapping, each on character boundaries.
pub type KeptRanges = dyn Fn(&str, &mut Vec<Range<usize>>) + Send + Sync;

thread_local! {
    static KEPT: RefCell<Option<Arc<KeptRanges>>> = const { RefCell::new(None) };
}

/// Sets (or with `None` removes) what finds the kept stretches of every paragraph laid out on
/// this thread from now on (e.g. in a thread pool's start handler: a pool typesetting one
/// handbook's documents). Typst memoises layouts across threads: lay out with one finder only,
/// or empty the memo cache (`comemo::evict(0)`) when changing it.
pub fn set_kept_ranges(finder: Option<Arc<KeptRanges>>) {
    KEPT.with(|kept| *kept.borrow_mut() = finder);
}

/// A paragraph's text as the line breaker sees it: with every kept stretch one
/// OBJECT REPLACEMENT CHARACTER, and how to find an offset of it in the real text.
pub struct KeptText {
    pub text: String,
    /// Per stretch: its end in `text` and how many bytes longer the real text is from there.
    shifts: Vec<(usize, usize)>,
}

impl KeptText {
    /// `None` where no finder is set or the text has no kept stretch.
    pub fn of(text: &str) -> Option<KeptText> {
        let finder = KEPT.with(|kept| kept.borrow().clone())?;
        let mut ranges = Vec::new();
        finder(text, &mut ranges);
        if ranges.is_empty() {
            return None;
        }
        let mut seen = String::with_capacity(text.len());
        let mut shifts = Vec::with_capacity(ranges.len());
        let mut last = 0;
        for range in ranges {
            let ok = last <= range.start
                && range.start < range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end);
            if !ok || range.end > text.len() {
                // A finder's mistake must never cost a paragraph: that stretch is not kept.
                continue;
            }
            seen.push_str(&text[last..range.start]);
            seen.push('\u{FFFC}');
            shifts.push((seen.len(), range.end - seen.len()));
            last = range.end;
        }
        seen.push_str(&text[last..]);
        Some(KeptText { text: seen, shifts })
    }

    /// The offset in the real text of `at`, an offset of [`Self::text`] not inside a stretch's
    /// replacement character.
    pub fn real(&self, at: usize) -> usize {
        let before = self.shifts.partition_point(|&(end, _)| end <= at);
        match before {
            0 => at,
            n => at + self.shifts[n - 1].1,
        }
    }
}
