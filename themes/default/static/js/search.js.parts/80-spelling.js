  /* ---- Spelling suggestions ----
     handbook.suggest(query, {lang, role}) -> Promise of the query with each misspelt word
     replaced by the nearest word of the index, or "" when the query finds something as it is,
     or no correction finds something (for `role`, when given). With {found: true} (the caller
     has results) only a Thai slip in a long word is looked for. The search box and the results
     page ask for one with every query: search() itself never changes what was asked. */

  handbook.suggest = function (query, options) {
    options = options || {};
    var lang = options.lang || pageLanguage();
    var role = options.role || "";
    var text = normalise(query || "");
    return loadMeta(lang).then(function (data) {
      addVocabulary(data, text);
      var found = runs(text);
      // `found`: the caller has results for the query (the search box, the results page).
      var asked = options.found ? Promise.resolve(true) : finds(lang, text, role);
      return asked.then(function (findsAsItIs) {
        // A query that finds something as it is has nothing to correct, unless a Thai run of
        // it is one slip from a long word of the index (การค้ามนุษย: การค้ามนุษย์), which its
        // pieces (การ|ค้า|มนุษย) only found by chance.
        if (findsAsItIs) {
          var whole = found.map(function (run) { return run.thai ? wholeWordFixes(data, run.text) : []; });
          return whole.some(function (fixes) { return fixes.length; }) ? whole : [];
        }
        var shards = [];
        found.forEach(function (run) {
          if (!run.thai) shards = shards.concat(nearShards(data.meta.shards, wordTerm(run.text)));
        });
        return loadAll(lang, "shard", shards).then(function () {
          return Promise.all(found.map(function (run) {
            return run.thai ? commonestFirst(lang, betterThai(data, run.text)) : betterWord(lang, data, run.text);
          }));
        });
      }).then(function (betters) {
        if (!betters.length) return "";
        // Each word's spellings to try, best first: itself when the index has it. Only the
        // words change: the rest of the query (F-07, anti-) stays as it was typed, folded.
        var choices = betters.map(function (better, i) { return better.length ? better : [found[i].text]; });
        // Where each word is in the query (a word written with ’ is not: then words and spaces).
        var starts = [], from = 0;
        found.forEach(function (run) {
          var start = from < 0 ? -1 : text.indexOf(run.text, from);
          starts.push(start);
          from = start < 0 ? -1 : start + run.text.length;
        });
        var between = from < 0 ? function () { return " "; } : function (i) {
          var end = i === 0 ? 0 : starts[i - 1] + found[i - 1].text.length;
          return text.slice(end, i < found.length ? starts[i] : text.length);
        };
        var tries = [];
        for (var k = 0; k < SUGGESTION_TRIES; k++) {
          var candidate = "";
          for (var i = 0; i < found.length; i++) candidate += between(i) + choices[i][Math.min(k, choices[i].length - 1)];
          candidate = (candidate + (from < 0 ? "" : between(found.length))).trim();
          if (candidate !== text.trim() && tries.indexOf(candidate) < 0) tries.push(candidate);
        }
        return firstFound(lang, tries, role);
      });
    }).catch(function () { return ""; });
  };

  /* At most this many corrected queries are tried, each ranked (not shown) to see that it finds
     something. */
  var SUGGESTION_TRIES = 6;

  /* Whether a normalised query finds anything by its words (for `role`, when given): a Thai
     match through character pairs alone is not confirmed yet, so it does not count. */
  function finds(lang, text, role) {
    return rankQuery(lang, text, { complete: true, role: role }, 1).then(function (query) {
      return Boolean(query && query.ranked.hasComplete(1) && !query.ranked.confirm);
    });
  }

  function firstFound(lang, queries, role) {
    if (!queries.length) return Promise.resolve("");
    return finds(lang, queries[0], role).then(function (found) {
      return found ? queries[0] : firstFound(lang, queries.slice(1), role);
    });
  }

  /* A word's shard and the two beside it: a misspelling sorts near the word it misspells unless
     its first letters are wrong. */
  function nearShards(starts, term) {
    var n = shardOf(starts, term);
    return [n - 1, n, n + 1].filter(function (m) { return m >= 0 && m < starts.length; });
  }

  /* How many edits a word of `length` characters may be from the word it stands for: none for
     short words, which have too many neighbours to guess among. */
  function allowedEdits(length) { return length >= 8 ? 2 : length >= 5 ? 1 : 0; }

  /* Edit distance between a and b (insertions, deletions, substitutions, and swaps of two
     neighbouring characters), or limit + 1 as soon as it must exceed limit. */
  function editDistance(a, b, limit) {
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > limit) return limit + 1;
    var before = null, previous = [], row;
    for (var j = 0; j <= y.length; j++) previous.push(j);
    for (var i = 1; i <= x.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= y.length; j++) {
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[y.length];
  }

  /* A word (not Thai) the index lacks, as words the index has in the shards near it: Promise of
     a list, nearest first, empty when the index has the word or none is near. The index holds
     stems (traffick), so each candidate is spelt as the handbook writes it (see formsOf), and
     the spellings are ordered by how far they are from the reader's word: refferal is one edit
     from the stem refer but two from referral, and referral is what the reader meant. */
  function betterWord(lang, data, word) {
    var term = wordTerm(word);
    var limit = allowedEdits(Array.from(word).length);
    if (!limit || /[0-9]/.test(term) || postings(data, term)) return Promise.resolve([]);
    var near = [];
    nearShards(data.meta.shards, term).forEach(function (n) {
      Object.keys(data.shard[n] || {}).forEach(function (candidate) {
        if (isThai(candidate.charAt(0))) return;
        var distance = Math.min(editDistance(term, candidate, limit), endingDistance(term, candidate, limit));
        if (distance <= limit) near.push({ term: candidate, distance: distance, count: postings(data, candidate).count });
      });
    });
    near.sort(function (a, b) { return a.distance - b.distance || b.count - a.count; });
    near = near.slice(0, SPELLINGS_LOOKED_UP);
    // The reader's own ending, put back on a candidate stem (recaords: record + s).
    var ending = word.indexOf(term) === 0 ? word.slice(term.length) : null;
    return Promise.all(near.map(function (found) {
      return formsOf(lang, data, found.term).then(function (forms) {
        found.surface = found.term;
        found.spelt = Infinity;
        forms.forEach(function (form) {
          var distance = editDistance(word, form, Infinity);
          if (distance < found.spelt) { found.surface = form; found.spelt = distance; }
        });
        // When the handbook has the word only in another inflection: records where the
        // documents wrote record. A stem the documents at hand do not inflect may be no word
        // (operate is oper|ate, but oper|ing is nothing), so its rebuilt form counts one edit
        // further. Not on stems under four letters, which stand for too many words (by|ing).
        var rebuilt = found.term + ending;
        if (ending !== null && found.term.length >= 4 && isInflection(rebuilt, found.term) && wordTerm(rebuilt) === found.term) {
          var inflects = forms.some(function (form) { return isInflection(form, found.term); });
          var distance = editDistance(word, rebuilt, Infinity) + (inflects ? 0 : 1);
          if (distance < found.spelt) { found.surface = rebuilt; found.spelt = distance; found.rebuilt = true; }
        }
        return found;
      });
    })).then(function (spelt) {
      // Near as stems is not enough: repatriation (repatri) is two edits from repair's stem.
      spelt = spelt.filter(function (found) { return found.spelt <= limit; });
      // Among equals, a spelling the handbook has before one put together from the reader's.
      spelt.sort(function (a, b) {
        return a.spelt - b.spelt || !!a.rebuilt - !!b.rebuilt || a.distance - b.distance || b.count - a.count;
      });
      return spelt.map(function (found) { return found.surface; });
    });
  }

  /* Whether `word` is `stem` with an inflection's ending (change: chang + e, records: record + s,
     family: famili as y). */
  function isInflection(word, stem) {
    if (word.indexOf(stem) === 0) return INFLECTIONS.indexOf(word.slice(stem.length)) >= 0;
    return /i$/.test(stem) && word === stem.slice(0, -1) + "y";
  }

  /* Endings that make another form of the same English word from its stem. */
  var INFLECTIONS = ["", "e", "s", "es", "d", "ed", "ing"];

  /* How far a stem is from the beginning of a reader's term, plus one, when the reader's
     ending was mistyped: the stemmer then leaves it on (compensaton stays whole, while
     compensation is compens), so the whole terms are too far apart to compare. Past the limit
     when the candidate is not a stem of a plausible length for the term. The spelling finally
     offered must still be within the limit of what was typed (see betterWord). */
  function endingDistance(term, candidate, limit) {
    var typed = Array.from(term), stem = Array.from(candidate);
    var dropped = typed.length - stem.length;
    if (stem.length < 4 || dropped < 1 || dropped > LONGEST_ENDING) return limit + 1;
    var nearest = limit + 1;
    for (var length = stem.length - 1; length <= stem.length + 1; length++) {
      if (length > typed.length) break;
      nearest = Math.min(nearest, editDistance(typed.slice(0, length).join(""), candidate, limit));
    }
    return nearest + 1;
  }

  /* The most letters the English stemmer takes off a word (compensation: ation, plus one). */
  var LONGEST_ENDING = 6;

  /* Candidates for a misspelt word whose spelling is looked up (a document file each). */
  var SPELLINGS_LOOKED_UP = 3;

  /* How the handbook spells the words of the index's `term`: Promise of the forms written in the
     document file holding the document where the term weighs most (each file holds a few
     neighbouring documents: the more forms, the nearer one). Empty if none is found. */
  function formsOf(lang, data, term) {
    var list = postings(data, term);
    if (!list) return Promise.resolve([]);
    var exact = list.bits && list.top.docs.length ? list.top : walkDense(list);
    if (!exact.docs.length) return Promise.resolve([]);
    var doc = exact.docs[0], most = exact.impacts[0];
    for (var i = 1; i < exact.docs.length; i++) {
      if (exact.impacts[i] > most) { doc = exact.docs[i]; most = exact.impacts[i]; }
    }
    return loadAll(lang, "docs", [chunkOf(data, doc)]).then(function () {
      var forms = [];
      (data.docs[chunkOf(data, doc)] || []).forEach(function (entry) {
        runs(storedText(decodedDoc(entry))).forEach(function (run) {
          if (!run.thai && forms.indexOf(run.text) < 0 && wordTerm(run.text) === term) forms.push(run.text);
        });
      });
      return forms;
    });
  }

  /* The long words of the index that a Thai run of several words becomes with one letter or
     mark added or changed (not its first), most likely first: a mark left out, then a letter. */
  function wholeWordFixes(data, run) {
    var chars = Array.from(run);
    if (chars.length < WHOLE_WORD_SHORTEST || segmentThai(run, data.vocabulary).length < 2) return [];
    var marks = [], letters = [];
    for (var i = 1; i <= run.length; i++) {
      THAI_LETTERS.forEach(function (letter) {
        var added = run.slice(0, i) + letter + run.slice(i);
        var changed = i < run.length ? run.slice(0, i) + letter + run.slice(i + 1) : "";
        var list = isThaiMark(letter) ? marks : letters;
        if (data.vocabulary.words.has(added) && list.indexOf(added) < 0) list.push(added);
        if (changed && data.vocabulary.words.has(changed) && letters.indexOf(changed) < 0) letters.push(changed);
      });
    }
    return marks.concat(letters);
  }

  /* A Thai run shorter than this (characters) is not taken for a long word with a slip. */
  var WHOLE_WORD_SHORTEST = 6;

  /* Every Thai letter, vowel and mark: what a typing slip may have put in or left out. */
  var THAI_LETTERS = [];
  for (var letterCode = 0x0E01; letterCode <= 0x0E4E; letterCode++) {
    if (isThai(String.fromCharCode(letterCode))) THAI_LETTERS.push(String.fromCharCode(letterCode));
  }

  /* How badly the index's words cover a Thai run: [characters in no word, words of one
     character, words], smaller is better. A misspelt word falls apart into unknown text and
     one-letter words (ผู้เสียหย: ผู้ เสีย ห ย); spelt right it is a few long words. */
  function thaiCoverage(run, vocabulary) {
    var pieces = segmentThai(run, vocabulary);
    var unknown = 0, single = 0;
    pieces.forEach(function (piece) {
      if (!piece.known) unknown += piece.text.length;
      else if (piece.text.length === 1) single++;
    });
    return { pieces: pieces, score: [unknown, single, pieces.length] };
  }

  function lessThan(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  /* A Thai run cut badly by the index's words, as the single edits of it (a letter left out,
     added, changed, or two swapped) that the index's words cover better, best first, each
     {text, words, slip, order}; only edits
     where the cut goes wrong, and two letters either side, are tried. Empty when the run is cut
     well already, or badly over too many letters to be a slip (a name the index lacks). */
  function betterThai(data, run) {
    if (run.length > THAI_RUN_CHECKED) return [];
    // Every Thai word of the index, not only those starting with one of the run's letters.
    addVocabulary(data, Object.keys(data.meta.thai).join(""));
    var original = thaiCoverage(run, data.vocabulary);
    if (original.score[0] === 0 && original.score[1] === 0) return [];
    var from = run.length, to = 0, at = 0;
    original.pieces.forEach(function (piece) {
      if (!piece.known || piece.text.length === 1) {
        from = Math.min(from, at);
        to = Math.max(to, at + piece.text.length);
      }
      at += piece.text.length;
    });
    if (to - from > THAI_SLIP_SPAN) return [];
    // The slip may be inside a good word beside the bad cut (สังคน: สัง|คน, meant สังคม).
    from = Math.max(0, from - 2);
    to = Math.min(run.length, to + 2);
    var better = [];
    var seen = {};
    var consider = function (candidate, slip) {
      if (seen[candidate]) return;
      seen[candidate] = true;
      var score = thaiCoverage(candidate, data.vocabulary).score;
      // Only a run cut wholly into words of the index, none of one letter, is offered.
      if (score[0] === 0 && score[1] === 0) better.push({ text: candidate, words: score[2], slip: slip, order: better.length });
    };
    for (var i = from; i <= to; i++) {
      var head = run.slice(0, i), tail = run.slice(i);
      THAI_LETTERS.forEach(function (letter) {
        var consonant = letter <= "\u0E2E";
        consider(head + letter + tail, consonant ? SLIP.consonantLeftOut : SLIP.markLeftOut);
        if (i < to) consider(head + letter + tail.slice(1), SLIP.mistyped);
      });
      if (i + 1 < to) consider(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2), SLIP.swapped);
      if (i < to) consider(head + tail.slice(1), SLIP.doubled);
    }
    // Fewest words (the longest words of the index), then the likeliest slip.
    better.sort(function (a, b) { return a.words - b.words || a.slip - b.slip || a.order - b.order; });
    return better;
  }

  /* Thai spellings equally good by their words and slip (ส่งต่อ, สูงต่อ for สงต่อ), the first few
     reordered by how many documents have them: the handbook's own phrase is the likelier. */
  function commonestFirst(lang, spellings) {
    var tied = spellings.filter(function (found) {
      return found.words === spellings[0].words && found.slip === spellings[0].slip;
    }).slice(0, TIES_COUNTED);
    return Promise.all(tied.map(function (found) {
      return rankQuery(lang, found.text, { complete: true }, 1).then(function (query) {
        found.count = query && !query.ranked.confirm ? query.ranked.count() : 0;
      });
    })).then(function () {
      tied.sort(function (a, b) { return b.count - a.count || a.order - b.order; });
      return tied.concat(spellings.slice(tied.length)).map(function (found) { return found.text; });
    });
  }

  /* Tied Thai spellings whose documents are counted (each may load a shard or two). */
  var TIES_COUNTED = 4;

  /* Thai runs longer than this are not checked for slips: each letter checked is some 150
     edits to cut, on the page's only thread. */
  var THAI_RUN_CHECKED = 40;
  /* A bad cut wider than this many characters is not a slip of the keyboard. A slip at the end
     of a word the index has only whole leaves all of it unknown (วิชาชีบ: seven characters);
     wider, names begin to be offered words (เชียงใหม่: เพียงใหม่ at ten). bench/spelling.js th:
     at 6, 228 of 289 offered what was meant and 26 nothing; at 8, 238 and 16; at 10, 241 and
     13. */
  var THAI_SLIP_SPAN = 8;
  /* Slips from likeliest: a vowel or tone mark left out (ผูเสียหาย), a letter mistyped (ณ for น,
     ศ for ส), a consonant left out, two letters swapped, one typed twice. */
  var SLIP = { markLeftOut: 0, mistyped: 1, consonantLeftOut: 2, swapped: 3, doubled: 4 };

