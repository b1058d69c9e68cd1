  /* ---- Units of common words only ----
     A Thai phrase of common words (ผู้ เสีย หาย) has every word in a tenth or more of all
     documents: each a bitset (six documents a digit) with its best postings exact. Such a unit
     is matched by ANDing the bitsets a digit at a time, and, when it is the whole query, ranked
     without scoring every document it matches: all but those with an exact posting score the
     same, so only the first few of them can be among the best. On a first query this replaces
     decoding and scoring tens of thousands of documents before the engine has optimised
     anything. */

  /* Per group its one dense list's bitset and, as digits, the documents of its other lists
     (expansions of a word being typed); null unless every group has exactly one dense list. */
  function denseGroups(groups) {
    var oneDense = function (lists) {
      return lists.filter(function (entry) { return entry.list.bits; }).length === 1;
    };
    // Checked first, so that no overlay is built for a unit that then takes the general path.
    if (groups.length < 2 || !groups.every(oneDense)) return null;
    var dense = [];
    for (var g = 0; g < groups.length; g++) {
      var bits = null, sparse = [], reach = 0;
      for (var l = 0; l < groups[g].length; l++) {
        var list = groups[g][l].list;
        if (list.bits) {
          bits = list.bits;
          reach = Math.max(reach, bits.length);
        } else {
          sparse.push(list);
          if (list.docs.length) reach = Math.max(reach, ((list.docs[list.docs.length - 1] / 6) | 0) + 1);
        }
      }
      var overlay = null;
      if (sparse.length) {
        overlay = new Uint8Array(reach);
        sparse.forEach(function (other) {
          for (var j = 0; j < other.docs.length; j++) overlay[(other.docs[j] / 6) | 0] |= 1 << (other.docs[j] % 6);
        });
      }
      dense.push({ bits: bits, overlay: overlay, reach: reach });
    }
    return dense;
  }

  /* Digit `at` of the AND of every group: the six documents from at * 6 that are in all. */
  function denseDigit(dense, at) {
    var value = 63;
    for (var g = 0; g < dense.length && value; g++) {
      var group = dense[g];
      var digit = at < group.bits.length ? DIGIT[group.bits.charCodeAt(at)] : 0;
      if (group.overlay !== null && at < group.overlay.length) digit |= group.overlay[at];
      value &= digit;
    }
    return value;
  }

  /* How many bits each 6-bit digit has set. */
  var BITS_SET = new Uint8Array(64);
  for (var digitValue = 1; digitValue < 64; digitValue++) BITS_SET[digitValue] = (digitValue & 1) + BITS_SET[digitValue >> 1];

  function denseReach(dense) {
    var reach = Infinity;
    for (var g = 0; g < dense.length; g++) reach = Math.min(reach, dense[g].reach);
    return reach;
  }

  /* The scores of `docs` (ascending, each in every group): per group its best weight * level,
     summed group after group in the order narrow() sums them, so the totals are the same. */
  function denseScores(groups, docs) {
    var scores = new Float64Array(docs.length);
    var best = new Float64Array(docs.length);
    for (var g = 0; g < groups.length; g++) {
      for (var l = 0; l < groups[g].length; l++) {
        var list = groups[g][l].list, weight = groups[g][l].weight;
        // A dense list gives its documents one level (`rest`) but for its best postings. When
        // it is its group's only list, every document here is in it: no bit to test.
        if (list.bits && groups[g].length === 1) best.fill(weight * list.rest);
        else if (list.bits) raiseToFloor(docs, best, weight * list.rest, list.bits);
        raiseByPostings(docs, best, weight, list.bits ? list.top : list);
      }
      // The first group's scores are its best as they are (0 + x is x).
      if (g === 0) {
        scores.set(best);
        best.fill(0);
      } else {
        addAndClear(scores, best);
      }
    }
    return scores;
  }

  /* The three loops of denseScores, each alone in its function (see decodeInto). */
  function raiseToFloor(docs, best, floor, bits) {
    for (var c = 0; c < docs.length; c++) {
      var doc = docs[c];
      if (floor > best[c] && ((DIGIT[bits.charCodeAt((doc / 6) | 0)] >> (doc % 6)) & 1)) best[c] = floor;
    }
  }

  /* Raises best[i] to weight * level wherever docs[i] has a posting in `exact`: one merge of the
     two ascending lists, or, when `docs` is much the longer, a gallop through it per posting. */
  function raiseByPostings(docs, best, weight, exact) {
    if (docs.length > 8 * exact.docs.length) raiseByGallop(docs, best, weight, exact.docs, exact.impacts);
    else raiseByMerge(docs, best, weight, exact.docs, exact.impacts);
  }

  function raiseByMerge(docs, best, weight, wanted, levels) {
    var at = 0, t = 0;
    while (at < docs.length && t < wanted.length) {
      var doc = docs[at], posting = wanted[t];
      if (doc < posting) {
        at++;
      } else if (doc > posting) {
        t++;
      } else {
        var s = weight * levels[t];
        if (s > best[at]) best[at] = s;
        at++;
        t++;
      }
    }
  }

  function raiseByGallop(docs, best, weight, wanted, levels) {
    var at = 0;
    for (var t = 0; t < wanted.length && at < docs.length; t++) {
      at = gallop(docs, at, wanted[t]);
      if (at < docs.length && docs[at] === wanted[t]) {
        var s = weight * levels[t];
        if (s > best[at]) best[at] = s;
      }
    }
  }

  function addAndClear(scores, best) {
    for (var c = 0; c < scores.length; c++) {
      scores[c] += best[c];
      best[c] = 0;
    }
  }

  /* Every document of the unit, scored: the same as groupMatches + narrow. */
  function denseMatches(groups, dense) {
    var bound = Infinity;
    for (var g = 0; g < groups.length; g++) bound = Math.min(bound, groups[g].size);
    var docs = new Int32Array(bound);
    var size = 0;
    for (var at = 0, reach = denseReach(dense); at < reach; at++) {
      for (var value = denseDigit(dense, at), bit = 0; value; bit++, value >>= 1) if (value & 1) docs[size++] = at * 6 + bit;
    }
    docs = docs.subarray(0, size);
    return { docs: docs, scores: denseScores(groups, docs) };
  }

  /* The ranking of a query that is one such unit (see ranking()). Scored exactly: the documents
     with an exact posting in any list. Every other document in all groups scores the same (the
     sum of each group's weight times its `rest` level), and among equal scores the earlier
     document wins, so the first k of them, found by walking the AND from the start, are the
     only ones that can be among the k best. */
  function denseRanking(groups, dense, allowed) {
    var exactLists = [];
    groups.forEach(function (lists) {
      lists.forEach(function (entry) { exactLists.push(entry.list.bits ? entry.list.top.docs : entry.list.docs); });
    });
    var sorted = new Int32Array(exactLists.reduce(function (sum, docs) { return sum + docs.length; }, 0));
    exactLists.reduce(function (offset, docs) { sorted.set(docs, offset); return offset + docs.length; }, 0);
    sorted.sort();
    var exactDocs = sorted.subarray(0, keepInAll(sorted, dense, allowed));
    var exactScores = denseScores(groups, exactDocs);
    // The others in document order, found as they are needed.
    var others = [], at = 0, reach = denseReach(dense), skip = 0;
    function findOthers(count) {
      while (others.length < count && at < reach) {
        for (var value = denseDigit(dense, at), bit = 0; value; bit++, value >>= 1) {
          var doc = at * 6 + bit;
          if (!(value & 1) || (allowed && !allowed[doc])) continue;
          while (skip < exactDocs.length && exactDocs[skip] < doc) skip++;
          if (skip === exactDocs.length || exactDocs[skip] !== doc) others.push(doc);
        }
        at++;
      }
    }
    return {
      confirm: null,
      hasComplete: function (count) {
        findOthers(count - exactDocs.length);
        return exactDocs.length + others.length >= count;
      },
      count: function () {
        // Every document with an exact posting is in the bitsets too: count their AND's bits
        // (six a digit) without listing the documents.
        var count = 0;
        for (var at = 0; at < reach; at++) {
          var value = denseDigit(dense, at);
          if (!allowed) { count += BITS_SET[value]; continue; }
          for (var bit = 0; value; bit++, value >>= 1) if ((value & 1) && allowed[at * 6 + bit]) count++;
        }
        return count;
      },
      best: function (k) {
        findOthers(k);
        var otherDocs = Int32Array.from(others.slice(0, k));
        var otherScores = denseScores(groups, otherDocs);
        var docs = new Int32Array(exactDocs.length + otherDocs.length);
        docs.set(exactDocs);
        docs.set(otherDocs, exactDocs.length);
        var scores = new Float64Array(docs.length);
        scores.set(exactScores);
        scores.set(otherScores, exactDocs.length);
        return best({ docs: docs, units: null, scores: scores }, k);
      }
    };
  }

  /* Moves to the front of `sorted` (ascending, with repeats) each document once if it is in every
     group and allowed; returns how many. A loop alone in its function (see decodeInto). */
  function keepInAll(sorted, dense, allowed) {
    var n = 0, previous = -1;
    for (var i = 0; i < sorted.length; i++) {
      var doc = sorted[i];
      if (doc === previous) continue;
      previous = doc;
      if (((denseDigit(dense, (doc / 6) | 0) >> (doc % 6)) & 1) === 0) continue;
      if (allowed && !allowed[doc]) continue;
      sorted[n++] = doc;
    }
    return n;
  }

  function intersectSets(a, b) {
    var out = [];
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return Int32Array.from(out);
  }

  /* A unit's groups as lists (groupLists), in the order they are matched: the smallest leads;
     one with expansions only if clearly smaller, since leading means merging all its lists,
     where following means only looking candidates up in them. */
  function unitGroups(data, unit) {
    var groups = unit.groups.map(function (group) { return groupLists(data, group); });
    var cost = function (lists) { return lists.size * (lists.length > 1 ? 2 : 1); };
    return groups.sort(function (a, b) { return cost(a) - cost(b); });
  }

  /* One unit's matches: documents matching every group, starting from the smallest group; for a
     Thai run whose pairs are loaded, also the documents containing all its character pairs, to
     be confirmed against the stored text. `groups`: its unitGroups(), when the caller has them. */
  function unitMatches(data, unit, groups) {
    groups = groups || unitGroups(data, unit);
    var dense = denseGroups(groups);
    var words;
    if (dense) {
      words = denseMatches(groups, dense);
    } else {
      words = groups.length ? groupMatches(data, groups[0]) : { docs: new Int32Array(0), scores: new Float64Array(0) };
      for (var g = 1; g < groups.length && words.docs.length; g++) words = narrow(words, groups[g]);
    }
    var matches = { docs: words.docs, scores: words.scores, confirm: null };
    if (!unit.pairs.length) return matches;
    var docs = null;
    unit.pairs.forEach(function (pair) {
      var list = pairDocs(data, pair);
      docs = docs === null ? list : intersectSets(docs, list);
    });
    var weight = idf(data.meta.docs, docs.length) * PAIR_IMPACT;
    var extra = [];
    var j = 0;
    for (var i = 0; i < docs.length; i++) {
      while (j < words.docs.length && words.docs[j] < docs[i]) j++;
      if (j >= words.docs.length || words.docs[j] !== docs[i]) extra.push(docs[i]);
    }
    if (!extra.length) return matches;
    // Word matches and pair-only matches, merged in document order; pair-only ones confirmed later.
    var size = words.docs.length + extra.length;
    var merged = { docs: new Int32Array(size), scores: new Float64Array(size), confirm: new Uint8Array(size) };
    var w = 0, e = 0;
    for (var k = 0; k < size; k++) {
      if (e >= extra.length || (w < words.docs.length && words.docs[w] < extra[e])) {
        merged.docs[k] = words.docs[w];
        merged.scores[k] = words.scores[w++];
      } else {
        merged.docs[k] = extra[e++];
        merged.scores[k] = weight;
        merged.confirm[k] = 1;
      }
    }
    return merged;
  }

