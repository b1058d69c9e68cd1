  /* ---- Phrases: proximity in ranking, quoted phrases, where a phrase stands ----
     The index keeps no word positions (they would make it several times larger). A query of
     several words is ranked by its index scores first; the stored text of its best candidates,
     which the results need anyway, then says how close its words stand: the query as typed
     (its words as typed, next to each other, in order), the same with other forms of its English
     words or punctuation between (victims' support for victim support), its words near each
     other, its words apart, or only some of them. Candidates are shown in that order, each class
     by its score. */

  var AS_TYPED = 4, IN_ORDER = 3, NEAR = 2, APART = 1, SOME = 0;
  /* Characters allowed between two words of a phrase typed with a space between them: spaces,
     and but for the phrase as typed a hyphen, slash or apostrophe (not a comma or a full stop,
     which end one phrase and start another). */
  var PHRASE_GAP = 3;
  var JOINS = /[\s\-\/'\u2019]/;
  /* Words of a query "near" each other: within this many times the query's length, plus a little. */
  var NEAR_FACTOR = 3;
  var NEAR_SLACK = 20;
  /* How many of the best candidates, times the results wanted, are read at most for their phrase
     before ranking stops looking for more documents with the phrase as typed. Reading stops as
     soon as as many as wanted have it, so a query whose best candidates have it reads nothing
     more; one whose words are common and its phrase rare reads more document chunks (on the
     LibreOffice corpus of bench/phrase.js: 5 finds 93% and 85% of the first results with the
     phrase, Thai and English, 10 97% and 94%, 20 99% and 98%, loading on average 190 KiB where
     the ranking without phrases loaded 82). */
  var PHRASE_POOL = 20;
  /* How many candidates are read at most for a quoted phrase before giving up on finding more. */
  var QUOTED_POOL = 640;

  /* The phrase of a query's units, or null for a query of one word (nothing to be near). Its
     `typed`: every unit as one chain of parts as typed; `whole`: the same allowing other forms
     of English words; `quoted`: the chains that must be written as typed (each run of units
     between quotes). */
  function phraseOf(units) {
    var count = 0;
    units.forEach(function (unit) { count += unit.thai ? Math.max(1, unit.groups.length) : 1; });
    var quoted = [];
    units.forEach(function (unit, i) {
      if (!unit.quoted) return;
      if (i > 0 && units[i - 1].quoted === unit.quoted) quoted[quoted.length - 1].push(partOf(unit, true));
      else quoted.push([partOf(unit, true)]);
    });
    if (count < 2 && !quoted.length) return null;
    var words = [];
    units.forEach(function (unit) {
      if (!unit.thai) { words.push(partOf(unit)); return; }
      unit.groups.forEach(function (group) {
        if (group.text) words.push({ thai: true, forms: [group.text], open: !!group.prefix });
      });
    });
    var length = units.reduce(function (sum, unit) { return sum + (unit.thai || unit.needles[1] || "").length + 1; }, 0);
    var typed = units.map(function (unit) { return partOf(unit, true); });
    return { typed: typed, whole: units.map(function (unit) { return partOf(unit, false); }), quoted: quoted, words: words, near: NEAR_FACTOR * length + NEAR_SLACK };
  }

  /* One unit as a part of a phrase: a Thai run as typed, or an English word as typed or (not
     `literal`) as its stem at a word's start; `open` when it is the word being typed or any
     form of it (it may go on). `literal` parts are apart only by spaces. */
  function partOf(unit, literal) {
    if (unit.thai) return { thai: true, forms: [unit.thai], open: unit.groups.some(function (g) { return !!g.prefix; }), literal: literal };
    var forms = [unit.needles[1], unit.needles[0]].filter(function (form, i, all) { return form && all.indexOf(form) === i; });
    if (literal) forms = forms.slice(0, 1);
    return { thai: false, forms: forms, open: !literal || !!unit.groups[0].prefix, literal: literal };
  }

  /* Where `part` is written at `at` in folded `text`: the end of the match, or -1. An English
     word runs on to the end of the word it starts (victim in victims); a Thai run must end where
     a syllable can start, unless it is still being typed. */
  function partAt(text, part, at) {
    for (var f = 0; f < part.forms.length; f++) {
      var form = part.forms[f];
      if (text.substr(at, form.length) !== form) continue;
      var end = at + form.length;
      if (part.thai) {
        if (!syllableStartsAt(text, at)) continue;
        if (part.open || syllableStartsAt(text, end)) return end;
        continue;
      }
      if (at > 0 && isWordChar(text.charAt(at - 1))) continue;
      if (!part.open && end < text.length && isWordChar(text.charAt(end))) continue;
      while (end < text.length && isWordChar(text.charAt(end))) end++;
      return end;
    }
    return -1;
  }

  /* Every [start, end) of folded `text` where the chain of parts is written in order, next to
     each other (a few spaces or punctuation marks between parts typed apart). */
  function chainRanges(text, chain) {
    var ranges = [];
    var first = chain[0];
    first.forms.forEach(function (form) {
      for (var at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        var end = partAt(text, first, at);
        for (var p = 1; end >= 0 && p < chain.length; p++) {
          var next = -1;
          for (var gap = 0; gap <= PHRASE_GAP && end + gap <= text.length; gap++) {
            var between = text.charAt(end + gap - 1);
            if (gap > 0 && !(chain[p].literal ? /\s/ : JOINS).test(between)) break;
            next = partAt(text, chain[p], end + gap);
            if (next >= 0) break;
          }
          end = next;
        }
        if (end >= 0 && !ranges.some(function (r) { return r[0] === at; })) ranges.push([at, end]);
      }
    });
    return ranges.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* How close the query's words stand in folded `text`: AS_TYPED, IN_ORDER, NEAR, APART or SOME. */
  function phraseClass(text, phrase) {
    if (chainRanges(text, phrase.typed).length) return AS_TYPED;
    if (chainRanges(text, phrase.whole).length) return IN_ORDER;
    var stretch = wordsStretch(text, phrase);
    return !stretch ? SOME : stretch.width <= phrase.near ? NEAR : APART;
  }

  /* The narrowest stretch of folded `text` with every word of the phrase ({start, width}, from
     the first few places of each), or null when one is missing. */
  function wordsStretch(text, phrase) {
    var places = [];
    for (var w = 0; w < phrase.words.length; w++) {
      var word = phrase.words[w], found = [];
      word.forms.forEach(function (form) {
        for (var at = text.indexOf(form); at >= 0 && found.length < 64; at = text.indexOf(form, at + 1)) {
          if (partAt(text, word, at) >= 0) found.push(at);
        }
      });
      if (!found.length) return null;
      places.push(found.sort(function (a, b) { return a - b; }));
    }
    return narrowest(places);
  }

  /* The narrowest stretch of text holding one place of every list (each ascending). */
  function narrowest(places) {
    var at = places.map(function () { return 0; });
    var best = { start: 0, width: Infinity };
    for (;;) {
      var low = 0, high = -Infinity;
      for (var i = 0; i < places.length; i++) {
        if (places[i][at[i]] < places[low][at[low]]) low = i;
        high = Math.max(high, places[i][at[i]]);
      }
      if (high - places[low][at[low]] < best.width) best = { start: places[low][at[low]], width: high - places[low][at[low]] };
      if (++at[low] >= places[low].length) return best;
    }
  }

  /* Where in `source` (see folded()) the excerpt should show the query's words near each other,
     when they are (in the text's own characters), else -1. */
  function nearStart(source, phrase) {
    var stretch = wordsStretch(source.folded, phrase);
    if (!stretch || stretch.width > phrase.near) return -1;
    return source.map ? source.map[stretch.start] : stretch.start;
  }

  /* Whether folded `text` has every quoted chain of the phrase written as typed. */
  function hasQuoted(text, phrase) {
    return phrase.quoted.every(function (chain) { return chainRanges(text, chain).length > 0; });
  }

  /* Marks of the phrase as typed in `source` (see folded()), each one whole range; [] when the
     phrase is not written there. */
  function phraseMarks(source, phrase) {
    var map = source.map, text = source.text;
    var ranges = chainRanges(source.folded, phrase.typed);
    return (ranges.length ? ranges : chainRanges(source.folded, phrase.whole)).map(function (range) {
      var start = map ? map[range[0]] : range[0];
      var stop = !map ? range[1] : range[1] < map.length ? map[range[1]] : text.length;
      return [start, stop];
    });
  }
