  /* ---- Results and excerpts ---- */

  var EXCERPT_BEFORE = 50;
  var EXCERPT_LENGTH = 180;

  /* English words too common to mark when a query has others. */
  var FUNCTION_WORDS = {};
  ("a an and are as at be by for from has have in is it its of on or that the their this to was " +
    "were will with").split(" ").forEach(function (word) { FUNCTION_WORDS[word] = true; });

  /* A Thai word this long is marked in results however common it is. */
  var LONG_THAI_WORD = 5;

  function result(data, stored, units, text) {
    var needles = [];
    // Each text folded once (with the map back to its characters): checked, then marked.
    var cells = withoutLabels(stored[4]);
    var body = folded(cells.text);
    var heading = folded(stored[2] || stored[1]);
    var haystack = folded(stored[1]).folded + " " + heading.folded + " " + body.folded;
    var also = data.meta.also || {};
    // A reader's phrase for the handbook's (F-7 for the form code F-07) is marked where that is
    // written, like a reader's word.
    if (Object.prototype.hasOwnProperty.call(also, text)) {
      also[text].forEach(function (means) { if (needles.indexOf(means) < 0) needles.push(means); });
    }
    // English words such as "the" and "at" are marked only when they are all the query has:
    // every line has them ("reception at the airport").
    var marked = units.filter(function (unit) { return unit.thai || !FUNCTION_WORDS[unit.needles[1]]; });
    (marked.length ? marked : units).forEach(function (unit) {
      unit.needles.forEach(function (n) { if (n && Array.from(n).length >= 2 && needles.indexOf(n) < 0) needles.push(n); });
      // A reader's word (สถานทูต) is marked where the handbook's word for it is written.
      unit.needles.forEach(function (word) {
        if (word && Object.prototype.hasOwnProperty.call(also, word)) {
          also[word].forEach(function (means) { if (needles.indexOf(means) < 0) needles.push(means); });
        }
      });
      // A Thai phrase found as written is marked as a whole, not word by word.
      if (unit.thai && thaiAt(haystack, unit.thai, 0) >= 0) return;
      // Otherwise its words, but not short ones in a quarter of all documents (ที่, เป็น, และ),
      // which would light up every line; unless they are all that common. A long word is
      // marked however common: it is what the reader looks for (ผู้เสียหาย).
      var words = [];
      unit.groups.forEach(function (g) {
        g.terms.concat(g.expansions || []).forEach(function (t) {
          if (t && Array.from(t).length >= 2 && words.indexOf(t) < 0) words.push(t);
        });
      });
      var rare = !unit.thai ? words : words.filter(function (t) {
        var list = postings(data, t);
        return !list || list.count * 4 <= data.meta.docs || Array.from(t).length >= LONG_THAI_WORD;
      });
      (rare.length ? rare : words).forEach(function (t) { if (needles.indexOf(t) < 0) needles.push(t); });
    });
    var excerpt = makeExcerpt(body, needles, cells.labels);
    return {
      url: stored[0],
      title: stored[2] || stored[1],
      page: stored[2] ? stored[1] : "",
      kind: stored[3],
      excerpt: excerpt.text,
      marks: excerpt.marks,
      titleMarks: findMarks(heading, needles)
    };
  }

  /* Text that fold() might change: an ASCII capital, any character outside ASCII and Thai, ๆ,
     a Thai digit, เเ, ํา, a tone mark before a vowel, a mark typed twice. Most stored Thai and
     English text has none, and is then its own folded form. */
  var FOLDS = /[^\x00-\x40\x5B-\x7F\u0E00-\u0E7F]|[\u0E46\u0E50-\u0E59]|\u0E40\u0E40|\u0E4D[\u0E48-\u0E4B]?\u0E32|[\u0E48-\u0E4B][\u0E31\u0E34-\u0E3A]|([\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])\1/;

  /* Stored text with its folded form and, for each folded character, where it came from (no
     map: each character is where it was). */
  function folded(text) {
    if (!FOLDS.test(text)) return { text: text, folded: text, map: null };
    var map = [];
    return { text: text, folded: fold(text, true, map), map: map };
  }

  /* [start, end) ranges of `source.text` matching any needle: Thai anywhere, other words at a word start
     and extended to the word's end (a stem such as "referr" marks all of "referral"). */
  function findMarks(source, needles) {
    var text = source.text, folded = source.folded, map = source.map;
    var marks = [];
    needles.forEach(function (needle) {
      var from = 0;
      var at;
      var thai = isThai(needle.charAt(0));
      while ((at = thai ? thaiAt(folded, needle, from) : folded.indexOf(needle, from)) >= 0) {
        from = at + needle.length;
        if (!thai && at > 0 && isWordChar(folded.charAt(at - 1))) continue;
        var end = from;
        if (!thai) while (end < folded.length && isWordChar(folded.charAt(end))) end++;
        var start = map ? map[at] : at;
        var stop = !map ? end : end < map.length ? map[end] : text.length;
        marks.push([start, stop]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
      else merged.push([m[0], m[1]]);
    });
    return merged;
  }

  /* Whether Thai `run` is written in `text`: anywhere a syllable starts and ends when it is
     long; when it is short, only as whole words of the index's own cut of the text around it
     (ตา is not in ตาม, nor ยา in นิยาม, but the letters of an abbreviation the index cut into
     single letters are). */
  function writtenAsWords(data, text, run) {
    var at = thaiAt(text, run, 0);
    if (at < 0 || Array.from(run).length >= SHORTEST_PAIRED) return at >= 0;
    for (; at >= 0; at = thaiAt(text, run, at + 1)) {
      var start = at, end = at + run.length;
      while (start > 0 && isThai(text.charAt(start - 1))) start--;
      while (end < text.length && isThai(text.charAt(end))) end++;
      var around = text.slice(start, end);
      addVocabulary(data, around);
      var cut = start, from = false, to = false;
      segmentThai(around, data.vocabulary).forEach(function (piece) {
        if (cut === at) from = true;
        cut += piece.text.length;
        if (cut === at + run.length) to = true;
      });
      if (from && to) return true;
    }
    return false;
  }

  /* Where Thai `needle` is next written in `text` from `from` without cutting a syllable at
     either end (not บก in ได้รับการ, whose ก starts การ), or -1. */
  function thaiAt(text, needle, from) {
    var at;
    while ((at = text.indexOf(needle, from)) >= 0) {
      if (syllableStartsAt(text, at) && syllableStartsAt(text, at + needle.length)) return at;
      from = at + 1;
    }
    return -1;
  }

  /* Whether a Thai syllable can start at `at`: not on a mark or a vowel written after its
     consonant (ะ า ำ ๅ), not just after a vowel written before it (เ แ โ ใ ไ), not on a
     consonant silenced by the karan (์) after it. The last resort for cutting an excerpt in
     Thai text with no space nearby: never "…ำนักงาน" for สำนักงาน, or "ม่ใช่" for ไม่ใช่. */
  function syllableStartsAt(text, at) {
    if (at <= 0 || at >= text.length) return true;
    var c = text.charAt(at), before = text.charAt(at - 1);
    if (!isThai(c) || !isThai(before)) return true;
    if (isThaiMark(c) || c === "\u0E30" || c === "\u0E32" || c === "\u0E33" || c === "\u0E45") return false;
    if (before >= "\u0E40" && before <= "\u0E44") return false;
    var next = text.charAt(at + 1), after = text.charAt(at + 2);
    return next !== "\u0E4C" && !(isThaiMark(next) && after === "\u0E4C");
  }

  /* How far to look for a space to cut an excerpt at, before cutting elsewhere. Thai separates
     phrases, not words, with spaces: a cut between two spaces falls inside a word. */
  var EXCERPT_SLACK = 40;

  /* Where an excerpt may end in Thai text with no space nearby: before a vowel written ahead of
     its consonant (เ แ โ ใ ไ), which always starts a syllable, within EXCERPT_SLACK / 2
     characters back; else at the first place a syllable can start. */
  function thaiCut(text, at) {
    for (var back = at; back > at - EXCERPT_SLACK / 2 && back > 0; back--) {
      var c = text.charAt(back);
      if (c >= "\u0E40" && c <= "\u0E44") return back;
    }
    while (at < text.length && !syllableStartsAt(text, at)) at++;
    return at;
  }

  /* Stored text without the marks around table cells' labels (U+FDD0 label U+FDD1, see
     SHOWN_ONLY_START in markdown.rs), and where the labels are: [start, end) in that text. */
  function withoutLabels(stored) {
    if (stored.indexOf("\uFDD0") < 0) return { text: stored, labels: [] };
    var text = "", labels = [], open = -1;
    for (var i = 0; i < stored.length; i++) {
      var c = stored.charAt(i);
      if (c === "\uFDD0") open = text.length;
      else if (c === "\uFDD1") { if (open >= 0) labels.push([open, text.length]); open = -1; }
      else text += c;
    }
    return { text: text, labels: labels };
  }

  /* An excerpt around the first match. It starts after a space near EXCERPT_BEFORE characters
     ahead of the match, or else at the match itself (a word's start); it ends at a space, or
     else at a match's end, or else in Thai where a syllable starts. `labels`: the table cells'
     labels in the text (withoutLabels); an excerpt starting inside a cell after its label begins
     with the label, so that a "Do | Avoid" row's avoid never reads as advice. */
  function makeExcerpt(source, needles, labels) {
    var text = source.text;
    var marks = findMarks(source, needles);
    var start = 0;
    if (marks.length && marks[0][0] > EXCERPT_BEFORE) {
      var first = marks[0][0];
      var wanted = first - EXCERPT_BEFORE;
      var after = text.indexOf(" ", wanted);
      var before = text.lastIndexOf(" ", wanted);
      if (after >= 0 && after < first && after - wanted <= EXCERPT_SLACK) start = after + 1;
      else if (before >= 0 && wanted - before <= EXCERPT_SLACK) start = before + 1;
      else start = first;
    }
    var end = Math.min(text.length, start + EXCERPT_LENGTH);
    if (end < text.length) {
      var limit = end;
      var cut = text.lastIndexOf(" ", limit);
      var markEnd = 0;
      marks.forEach(function (m) { if (m[1] <= limit + 10 && m[1] > markEnd) markEnd = m[1]; });
      var nextSpace = text.indexOf(" ", limit);
      if (cut > limit - EXCERPT_SLACK) end = cut;
      else if (markEnd > limit - EXCERPT_SLACK) end = markEnd;
      else if (nextSpace >= 0 && nextSpace - limit <= EXCERPT_SLACK / 2) end = nextSpace;
      else end = thaiCut(text, limit);
    }
    var prefix = start > 0 ? "… " : "";
    var label = null, atLabel = false;
    (labels || []).forEach(function (range) {
      if (range[1] <= start) label = range;
      if (range[0] >= start && range[0] <= start + 1) atLabel = true;
    });
    if (label && start > 0 && !atLabel) prefix = text.slice(label[0], label[1]) + " … ";
    var suffix = end < text.length ? " …" : "";
    var shift = prefix.length - start;
    var inside = marks.filter(function (m) { return m[0] >= start && m[1] <= end; })
      .map(function (m) { return [m[0] + shift, m[1] + shift]; });
    return { text: prefix + text.slice(start, end) + suffix, marks: inside };
  }

