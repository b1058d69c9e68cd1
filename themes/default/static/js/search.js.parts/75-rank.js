  /* The document chunk holding `doc`, and the stored document. */
  function chunkOf(data, doc) { return Math.floor(doc / data.meta.chunk); }
  function storedDoc(data, doc) {
    var chunk = data.docs[chunkOf(data, doc)];
    var entry = chunk && chunk[doc % data.meta.chunk];
    return entry ? decodedDoc(entry) : null;
  }

  /* handbook.prepare({lang}): loads the index's meta file ahead of a first query (the search box
     calls it on focus). Never fails: a missing index is reported by the query itself. */
  handbook.prepare = function (options) {
    var lang = (options && options.lang) || pageLanguage();
    return loadMeta(lang).then(function () { return true; }, function () { return false; });
  };

  /* handbook.search(query, {lang, limit, role, complete}) -> Promise of [{url, title, excerpt,
     kind, ...}], with `total`: how many documents match (at most that many when Thai text must
     be confirmed in stored text). Unless `complete` is true, the query's last word may be
     unfinished, and words it starts are matched too, weighing less. */
  handbook.search = function (query, options) {
    options = options || {};
    var text = normalise(query || "");
    return searchOnce(text, options).then(function (results) {
      // A finished query that finds nothing as written finds what its last word starts, as
      // the search box showed while it was typed (trafficing: traffick|ing). Not a Thai one:
      // its last piece is then mostly a slip (ผู้เสียหย: หย), better met by a suggestion.
      if (results.length || !options.complete) return results;
      var found = runs(text);
      if (found.length > 0 && found[found.length - 1].thai) return results;
      return searchOnce(text, Object.assign({}, options, { complete: false }));
    });
  };

  function searchOnce(text, options) {
    var lang = options.lang || pageLanguage();
    var limit = options.limit || 10;
    return rankQuery(lang, text, options, limit).then(function (query) {
      if (!query) return Object.assign([], { total: 0 });
      return collect(lang, query.data, query.units, query.ranked, limit, text).then(function (results) {
        // A Thai question typed without spaces (ผู้เสียหายเป็นเด็กต้องทำอย่างไร) is one run whose
        // every word must be in one document. When none has them all, and every word is one the
        // index has (not a slip, which a suggestion serves better), its words are taken as
        // separate words, as if typed with spaces: the documents with the most of them first.
        var loose = !results.length && !query.units.some(function (unit) { return unit.quoted; }) && looseUnits(query.units);
        if (!loose) return withTotal(results, query.ranked, limit);
        var ranked = rank(query.data, loose, options.role);
        return collect(lang, query.data, loose, ranked, limit, text).then(function (found) {
          return withTotal(found, ranked, limit);
        });
      });
    });
  }

  /* `results` with their `total`: counted when first read, not before the results are returned:
     for a common word that is a pass over every document, which a reader can wait for after
     seeing results. */
  function withTotal(results, ranked, limit) {
    var total;
    Object.defineProperty(results, "total", {
      enumerable: true,
      get: function () {
        // Never fewer than shown: confirmations may have dropped some of the counted ones.
        if (total === undefined) total = results.length < limit ? results.length : Math.max(results.length, ranked.count());
        return total;
      }
    });
    return results;
  }

  /* The units of a query with each Thai run of several words split into one unit a word, or
     null when no run has several words, or a run has a piece the index has no word for. */
  function looseUnits(units) {
    var split = false;
    var loose = [];
    for (var i = 0; i < units.length; i++) {
      var unit = units[i];
      if (!unit.thai || unit.groups.length < 2) { loose.push(unit); continue; }
      if (unit.groups.some(function (group) { return !group.known; })) return null;
      split = true;
      unit.groups.forEach(function (group) {
        loose.push({ thai: group.text, groups: [group], needles: [group.text], pairs: [] });
      });
    }
    return split ? loose : null;
  }

  function pageLanguage() {
    var body = global.document && global.document.body;
    return (body && body.getAttribute("data-lang")) || "en";
  }

  /* A normalised query's units and ranking ({data, units, ranked}, or null when it has no
     words), with the shards it needs loaded; `limit` decides whether character pairs are
     needed (see below). */
  function rankQuery(lang, text, options, limit) {
    var data;
    var units;
    return loadMeta(lang).then(function (loaded) {
      data = loaded;
      addVocabulary(data, text);
      units = parse(text, data.vocabulary, options.complete);
      if (!units.length) return null;
      var shards = [];
      units.forEach(function (unit) {
        unit.groups.forEach(function (group) {
          group.terms.forEach(function (term) { shards.push(shardOf(data.meta.shards, term)); });
          [group.prefix, group.rawPrefix].forEach(function (prefix) {
            if (prefix && prefix.length >= 2) shards = shards.concat(shardsWithPrefix(data.meta.shards, prefix));
          });
          shorterStems(group).forEach(function (stem) { shards.push(shardOf(data.meta.shards, stem)); });
        });
      });
      var loads = [loadAll(lang, "shard", shards)];
      if (options.role && data.meta.roles && !data.roles) loads.push(load(lang, "roles"));
      return Promise.all(loads).then(function () {
        expandPrefixes(data, units);
        var ranked = rank(data, units, options.role);
        // Character pairs only when words are not enough: a Thai piece the index has no word
        // for, or too few documents with every word (the index may have cut the text otherwise).
        // Not for a short run all of words: two or three letters are mostly found inside other
        // words (บก in ได้รับการ), while a long word is the same word inside a longer one. (A
        // short run the index has no word for is confirmed against the index's own cut.)
        var thaiUnits = units.filter(function (unit) {
          var length = unit.thai ? Array.from(unit.thai).length : 0;
          return length >= 2 && (unit.groups.some(function (g) { return !g.known; }) ||
            (!ranked.hasComplete(limit) && length >= SHORTEST_PAIRED));
        });
        if (!thaiUnits.length) return ranked;
        var pairShards = [];
        thaiUnits.forEach(function (unit) {
          unit.pairs = pairsOf(unit.thai);
          unit.pairs.forEach(function (pair) { pairShards.push(shardOf(data.meta.pairs, pair)); });
        });
        return loadAll(lang, "pairs", pairShards).then(function () { return rank(data, units, options.role); });
      });
    }).then(function (ranked) {
      return ranked ? { data: data, units: units, ranked: ranked } : null;
    });
  }

  /* Dense per-document arrays for ranking, kept between queries and zero between uses. */
  function rankBuffers(data) {
    if (!data.rankBuffers) {
      data.rankBuffers = { matched: new Uint8Array(data.meta.docs), scores: new Float64Array(data.meta.docs) };
    }
    return data.rankBuffers;
  }

  /* Every document matching at least one unit, with how many units it matches and its score.
     Documents matching every unit, when there are any, are the only candidates. Returns
     {hasComplete(n): whether at least n documents match every unit, confirm: doc -> Thai runs
     to confirm in its text, best(k): the k best documents, best first}. */
  function rank(data, units, role) {
    var allowed = null;
    if (role) {
      allowed = new Uint8Array(data.meta.docs);
      var roleDocs = decodeSet(((data.roles || {})[role]) || "");
      for (var r = 0; r < roleDocs.length; r++) allowed[roleDocs[r]] = 1;
    }
    var confirm = null;
    var noteConfirm = function (m, unit) {
      for (var i = 0; m.confirm && i < m.docs.length; i++) {
        if (!m.confirm[i] || (allowed && !allowed[m.docs[i]])) continue;
        if (!confirm) confirm = new Map();
        confirm.set(m.docs[i], (confirm.get(m.docs[i]) || []).concat([unit.thai]));
      }
    };
    var candidates;
    if (units.length === 1) {
      // One unit (a word, or a Thai run): its matches are the candidates as they are.
      var groups = unitGroups(data, units[0]);
      if (!units[0].pairs.length) {
        var dense = denseGroups(groups);
        if (dense) return denseRanking(groups, dense, allowed);
      }
      var m = unitMatches(data, units[0], groups);
      noteConfirm(m, units[0]);
      candidates = { docs: m.docs, units: null, scores: m.scores };
      if (allowed) candidates = keep(candidates, function (doc) { return allowed[doc]; });
      return ranking(candidates, candidates.docs.length, confirm);
    }
    var buffers = rankBuffers(data);
    var matched = buffers.matched, scores = buffers.scores;
    var touched = [];
    units.forEach(function (unit) {
      var m = unitMatches(data, unit);
      noteConfirm(m, unit);
      for (var i = 0; i < m.docs.length; i++) {
        var doc = m.docs[i];
        if (allowed && !allowed[doc]) continue;
        if (matched[doc] === 0) touched.push(doc);
        matched[doc]++;
        scores[doc] += m.scores[i];
      }
    });
    var complete = 0;
    for (var t = 0; t < touched.length; t++) if (matched[touched[t]] === units.length) complete++;
    // The candidates copied out, and the shared arrays cleared, before anything asynchronous.
    var size = complete || touched.length;
    candidates = { docs: new Int32Array(size), units: new Uint8Array(size), scores: new Float64Array(size) };
    var n = 0;
    touched.forEach(function (doc) {
      if (!complete || matched[doc] === units.length) {
        candidates.docs[n] = doc;
        candidates.units[n] = matched[doc];
        candidates.scores[n] = scores[doc];
        n++;
      }
      matched[doc] = 0;
      scores[doc] = 0;
    });
    return ranking(candidates, complete, confirm);
  }

  function keep(candidates, test) {
    var docs = [], scores = [];
    for (var i = 0; i < candidates.docs.length; i++) {
      if (test(candidates.docs[i])) { docs.push(candidates.docs[i]); scores.push(candidates.scores[i]); }
    }
    return { docs: Int32Array.from(docs), units: null, scores: Float64Array.from(scores) };
  }

  function ranking(candidates, complete, confirm) {
    return {
      hasComplete: function (count) { return complete >= count; },
      count: function () { return candidates.docs.length; },
      confirm: confirm,
      best: function (k) { return best(candidates, k); }
    };
  }

  /* The k best candidates, best first: more units matched, then a higher score, then earlier in
     the site. One pass keeping the k best in order: a query for a common word has tens of
     thousands of candidates and shows ten, so nearly every candidate is rejected by a single
     comparison with the k-th best. */
  function best(candidates, k) {
    var docs = candidates.docs, units = candidates.units, scores = candidates.scores;
    var better = function (i, j) {
      var ui = units ? units[i] : 0, uj = units ? units[j] : 0;
      if (ui !== uj) return ui > uj;
      if (scores[i] !== scores[j]) return scores[i] > scores[j];
      return docs[i] < docs[j];
    };
    var top = [];
    for (var i = 0; i < docs.length; i++) {
      if (top.length === k && !better(i, top[k - 1])) continue;
      var at = top.length === k ? k - 1 : top.length;
      while (at > 0 && better(i, top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = i;
    }
    return top.map(function (i) { return docs[i]; });
  }

  function pairsOf(run) {
    var chars = Array.from(run);
    var pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      var pair = chars[i] + chars[i + 1];
      if (pairs.indexOf(pair) < 0) pairs.push(pair);
    }
    return pairs;
  }

  /* Loads the stored documents of the best candidates, drops those whose Thai text was only
     suggested by character pairs and is not really there, or that lack a quoted phrase, and
     builds the results: for a query of several words, the phrase as typed first, then its words
     near each other, then apart, then only some of them (see phraseOf), each in ranking order. */
  function collect(lang, data, units, ranked, limit, text) {
    var phrase = phraseOf(units);
    var kept = [];
    var typed = 0;
    // A few more than shown when some candidates may fail their confirmation.
    var spare = ranked.confirm || (phrase && phrase.quoted.length) ? 2 : 0;
    var wanted = limit + spare;
    var order = ranked.best(wanted);
    var next = 0;
    // Enough read: as many as shown, and for a phrase, as many with it as typed or a pool read.
    var pool = phrase ? limit * PHRASE_POOL : 0;
    var enough = function () {
      return kept.length >= limit && (!phrase || typed >= limit || next >= pool);
    };
    function round() {
      if (next >= order.length && order.length === wanted) {
        // Confirmations dropped some, or a phrase is looked for: widen the ranking and go on
        // after what was seen.
        wanted *= 4;
        order = ranked.best(wanted);
      }
      var want = kept.length < limit ? limit - kept.length + spare : limit;
      // Looking for the phrase, as many again as read so far (fewer rounds of loading).
      var batch = order.slice(next, next + Math.max(want, phrase ? Math.min(pool - next, Math.max(limit, next)) : 0));
      next += batch.length;
      return loadAll(lang, "docs", batch.map(function (doc) { return chunkOf(data, doc); })).then(function () {
        batch.forEach(function (doc) {
          var stored = storedDoc(data, doc);
          if (!stored) return;
          var runs = ranked.confirm && ranked.confirm.get(doc);
          if (runs) {
            var haystack = storedText(stored);
            if (!runs.every(function (run) { return writtenAsWords(data, haystack, run); })) return;
          }
          var rank = SOME, texts = null;
          if (phrase) {
            texts = resultTexts(stored);
            if (phrase.quoted.length && !hasQuoted(texts.haystack, phrase)) return;
            rank = phraseClass(texts.haystack, phrase);
            if (rank === AS_TYPED) typed++;
          }
          kept.push({ stored: stored, rank: rank, at: kept.length, texts: texts });
        });
        var more = next < order.length || order.length === wanted;
        if (more && !enough() && (!phrase || !phrase.quoted.length || next < QUOTED_POOL)) return round();
        kept.sort(function (a, b) { return b.rank - a.rank || a.at - b.at; });
        return kept.slice(0, limit).map(function (k) { return result(data, k.stored, units, text, phrase, k.texts, k.rank); });
      });
    }
    return round();
  }

  /* A stored document's page title, heading and text as one normalised string. */
  function storedText(stored) {
    return normalise(stored[1] + " " + stored[2] + " " + stored[4]);
  }

