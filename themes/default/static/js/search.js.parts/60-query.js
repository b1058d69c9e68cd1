  /* ---- Queries ---- */

  var PREFIX_WEIGHT = 0.6;
  var MAX_EXPANSIONS = 30;
  /* The fewest characters of a Thai run of known words that is also looked for through its
     character pairs when too few documents have its words. */
  var SHORTEST_PAIRED = 4;
  /* A Thai run found only through its character pairs scores as a word this many impact levels strong. */
  var PAIR_IMPACT = 17;

  /* Turns a query into units that must each match: a non-Thai word, or a Thai run (its words,
     or failing that its character pairs, confirmed against the stored text). */
  function parse(text, vocabulary, complete) {
    var typing = !complete && text.length > 0 && !/[\s.,;:!?)"'\]]$/.test(text);
    var units = [];
    runs(text).forEach(function (run) {
      var last = typing && run.end;
      if (run.thai) {
        units.push({ thai: run.text, groups: thaiGroups(run.text, vocabulary, last), needles: [run.text], pairs: [] });
      } else {
        var term = wordTerm(run.text);
        units.push({
          groups: [{ terms: [term], known: true, prefix: last ? term : "", rawPrefix: last && term !== run.text ? run.text : "" }],
          needles: [term, run.text],
          pairs: []
        });
      }
    });
    return units;
  }

  /* The groups of a Thai run: one per word of the index's cut. Text the index has no word for,
     and letters the cut leaves alone (ย|า for ยา: stray letters the index also has as "words"),
     make one unknown group with nothing to look up, found through the run's character pairs.
     `last`: the run is the end of a query still being typed, so its last group is a prefix. */
  function thaiGroups(text, vocabulary, last) {
    var pieces = segmentThai(text, vocabulary);
    var groups = [];
    var stray = "";
    var flush = function () {
      if (stray) groups.push({ terms: [], known: false, text: stray });
      stray = "";
    };
    pieces.forEach(function (piece) {
      if (!piece.known || (pieces.length > 1 && Array.from(piece.text).length === 1)) {
        stray += piece.text;
        return;
      }
      flush();
      groups.push({ terms: [piece.text], known: true, text: piece.text });
    });
    flush();
    groups.forEach(function (group, i) { group.prefix = last && i === groups.length - 1 ? group.text : ""; });
    return groups;
  }

  function expandPrefixes(data, units) {
    units.forEach(function (unit) {
      unit.groups.forEach(function (group) {
        if (!group.prefix) return;
        var extra = [];
        [group.prefix, group.rawPrefix].forEach(function (prefix) {
          if (!prefix || prefix.length < 2) return;
          shardsWithPrefix(data.meta.shards, prefix).forEach(function (n) {
            var shard = data.shard[n] || {};
            for (var term in shard) {
              if (extra.length < MAX_EXPANSIONS && term !== group.terms[0] && term.indexOf(prefix) === 0 && extra.indexOf(term) < 0) extra.push(term);
            }
          });
        });
        shorterStems(group).forEach(function (stem) {
          if (extra.length < MAX_EXPANSIONS && extra.indexOf(stem) < 0 && postings(data, stem)) extra.push(stem);
        });
        group.expansions = extra;
      });
    });
  }

  /* An English word being typed is often past its stem (trafficki, empowermen): the index's
     stems it starts with, up to SHORTER_STEM letters shorter and of four letters or more, are
     completions of it too (traffick, empower). */
  function shorterStems(group) {
    var typed = group.prefix || "";
    if (group.known !== true || !/^[a-z']+$/.test(typed)) return [];
    var stems = [];
    for (var cut = 1; cut <= SHORTER_STEM && typed.length - cut >= 4; cut++) stems.push(typed.slice(0, typed.length - cut));
    return stems;
  }
  var SHORTER_STEM = 3;

  function idf(total, count) {
    return Math.log(1 + (total - count + 0.5) / (count + 0.5));
  }

  /* Scratch space of one number per document, all zero between uses. */
  function scratch(data) {
    if (!data.scratch) data.scratch = new Float64Array(data.meta.docs);
    return data.scratch;
  }

  /* The lists one group may match (its term, and the expansions of a word being typed), each
     with its weight: idf, lowered for expansions. */
  function groupLists(data, group) {
    var total = data.meta.docs;
    var lists = [];
    group.terms.forEach(function (term) {
      var list = postings(data, term);
      if (list) lists.push({ list: list, weight: idf(total, list.count) });
    });
    // A completion never weighs more than the word as typed: a rarer word that merely starts
    // with it (ต่อตาม for ต่อ) has a higher idf, and would otherwise outrank the word itself.
    var exact = lists.reduce(function (most, entry) { return Math.max(most, entry.weight); }, 0);
    (group.expansions || []).forEach(function (term) {
      var list = postings(data, term);
      if (!list) return;
      var weight = idf(total, list.count);
      lists.push({ list: list, weight: (exact ? Math.min(weight, exact) : weight) * PREFIX_WEIGHT });
    });
    lists.size = lists.reduce(function (sum, entry) { return sum + entry.list.count; }, 0);
    return lists;
  }

  /* Every document of a group's lists, {docs: Int32Array ascending, scores}, each scored by its
     best weight * impact. Used only for a unit's smallest group. */
  function groupMatches(data, lists) {
    if (lists.length === 1) {
      var only = walkDense(lists[0].list), weight = lists[0].weight;
      var scores = new Float64Array(only.docs.length);
      for (var i = 0; i < scores.length; i++) scores[i] = weight * only.impacts[i];
      return { docs: only.docs, scores: scores };
    }
    // Several lists: the best score per document in a dense array, then read back in order.
    var best = scratch(data);
    var touched = [];
    lists.forEach(function (entry) {
      var list = walkDense(entry.list);
      var docs = list.docs, impacts = list.impacts;
      for (var j = 0; j < docs.length; j++) {
        var s = entry.weight * impacts[j];
        var old = best[docs[j]];
        if (old === 0) touched.push(docs[j]);
        if (s > old) best[docs[j]] = s;
      }
    });
    var found = Int32Array.from(touched).sort();
    var summed = new Float64Array(found.length);
    for (var k = 0; k < found.length; k++) {
      summed[k] = best[found[k]];
      best[found[k]] = 0;
    }
    return { docs: found, scores: summed };
  }

  /* Position of the first entry >= doc in `docs`, searching from `from`: doubling steps, then
     halving, so that walking a short list through a long one skips most of it. */
  function gallop(docs, from, doc) {
    var step = 1;
    while (from + step < docs.length && docs[from + step] < doc) step <<= 1;
    var lo = from, hi = Math.min(from + step, docs.length);
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] < doc) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* The candidates also in one of `lists`, each score raised by its best weight * impact there.
     Only the candidates are scored; a list much longer than them is galloped through. */
  function narrow(candidates, lists) {
    var size = candidates.docs.length;
    var best = new Float64Array(size);
    var wanted = candidates.docs;
    // Plain loops with everything in locals: these run over thousands of candidates on a first
    // query, before the JavaScript engine has optimised anything.
    for (var l = 0; l < lists.length; l++) {
      var list = lists[l].list, weight = lists[l].weight;
      var c, doc, s;
      if (list.bits && !list.docs) {
        // A dense term: a bit test per candidate, the exact level where it has one.
        var bits = list.bits, topDocs = list.top.docs, topImpacts = list.top.impacts, rest = list.rest;
        var t = 0, topLength = topDocs.length;
        for (c = 0; c < size; c++) {
          doc = wanted[c];
          if (((DIGIT[bits.charCodeAt((doc / 6) | 0)] >> (doc % 6)) & 1) === 0) continue;
          while (t < topLength && topDocs[t] < doc) t++;
          s = weight * (t < topLength && topDocs[t] === doc ? topImpacts[t] : rest);
          if (s > best[c]) best[c] = s;
        }
        continue;
      }
      var docs = list.docs, impacts = list.impacts, length = docs.length;
      var long = length > 8 * size;
      var j = 0;
      for (c = 0; c < size && j < length; c++) {
        doc = wanted[c];
        if (long) j = gallop(docs, j, doc);
        else while (j < length && docs[j] < doc) j++;
        if (j < length && docs[j] === doc) {
          s = weight * impacts[j];
          if (s > best[c]) best[c] = s;
        }
      }
    }
    var found = new Int32Array(size), scores = new Float64Array(size);
    var n = 0;
    for (var k = 0; k < size; k++) {
      if (best[k] > 0) {
        found[n] = wanted[k];
        scores[n++] = candidates.scores[k] + best[k];
      }
    }
    return { docs: found.subarray(0, n), scores: scores.subarray(0, n) };
  }

