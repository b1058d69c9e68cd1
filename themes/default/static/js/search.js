/* Search engine: window.handbook.search(query, {lang, limit, role}) over the index files in search/<lang>/.
   Classic script: the index is a set of classic scripts too, added as <script> tags on demand,
   which works from file:// where fetch, modules and WebAssembly do not.
   normalise(), the tokeniser and the English stemmer mirror src/search/ exactly; tests/search.rs
   runs this file in node against the same test vectors. */
(function (global) {
  "use strict";
  var handbook = global.handbook = global.handbook || {};
  var FORMAT_VERSION = 1;

  /* ---- Normalisation: mirror of src/search/normalise.rs ---- */

  var INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/;
  function isThaiTone(c) { return c >= "\u0E48" && c <= "\u0E4B"; }
  function isAboveBelowVowel(c) { return c === "\u0E31" || (c >= "\u0E34" && c <= "\u0E3A"); }
  function isThaiMark(c) { return isAboveBelowVowel(c) || (c >= "\u0E47" && c <= "\u0E4E"); }

  /* Folds NFC text one character at a time. With `map`, records for each output character the
     index in `text` of the character it came from, so matches can be found in stored text. */
  function fold(text, lowercase, map) {
    var out = [];
    var index = 0;
    for (var ch of text) {
      var at = index;
      index += ch.length;
      if (INVISIBLE.test(ch) || ch === "\u0E46") continue;
      if (ch >= "\u0E50" && ch <= "\u0E59") {
        out.push(String.fromCharCode(48 + ch.charCodeAt(0) - 0x0E50));
        if (map) map.push(at);
        continue;
      }
      var n = out.length;
      var last = n ? out[n - 1] : "";
      if (ch === "\u0E40" && last === "\u0E40") { out[n - 1] = "\u0E41"; continue; }
      if (ch === "\u0E32" && last === "\u0E4D") { out[n - 1] = "\u0E33"; continue; }
      if (ch === "\u0E32" && isThaiTone(last) && n >= 2 && out[n - 2] === "\u0E4D") {
        out[n - 2] = last;
        out[n - 1] = "\u0E33";
        continue;
      }
      if (isAboveBelowVowel(ch) && isThaiTone(last)) {
        if (n >= 2 && out[n - 2] === ch) continue;
        out.splice(n - 1, 0, ch);
        if (map) map.splice(n - 1, 0, at);
        continue;
      }
      if (isThaiMark(ch) && last === ch) continue;
      if (lowercase) {
        var lower = ch.toLowerCase();
        if (lower !== ch) {
          for (var part of lower) {
            out.push(part);
            if (map) map.push(at);
          }
          continue;
        }
      }
      out.push(ch);
      if (map) map.push(at);
    }
    return out.join("");
  }

  /* NFC, invisible characters removed, Thai typing variants folded, Thai digits to ASCII, lowercase. */
  function normalise(text) {
    return fold(String(text).normalize("NFC"), true, null);
  }

  /* ---- Tokenising: mirror of src/search/tokenise.rs and thai.rs ---- */

  var WORD_CHAR = /[\p{Alphabetic}\p{N}\p{M}]/u;
  function isThai(c) { return (c >= "\u0E01" && c <= "\u0E3A") || (c >= "\u0E40" && c <= "\u0E4E"); }
  function isWordChar(c) { return !isThai(c) && WORD_CHAR.test(c); }
  function isApostrophe(c) { return c === "'" || c === "\u2019"; }

  /* Splits normalised text into runs: {thai: true, text} or {thai: false, text} (one word each). */
  function runs(text) {
    var chars = Array.from(text);
    var found = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isThai(c)) {
        var j = i;
        while (j < chars.length && isThai(chars[j])) j++;
        found.push({ thai: true, text: chars.slice(i, j).join(""), end: j === chars.length });
        i = j;
      } else if (isWordChar(c)) {
        var k = i;
        var word = "";
        while (k < chars.length) {
          if (isWordChar(chars[k])) { word += chars[k]; k++; continue; }
          if (isApostrophe(chars[k]) && k + 1 < chars.length && isWordChar(chars[k + 1])) {
            word += "'";
            k++;
            continue;
          }
          break;
        }
        found.push({ thai: false, text: word, end: k === chars.length });
        i = k;
      } else {
        i++;
      }
    }
    return found;
  }

  /* A non-Thai word as an index term: English (ASCII letters) stemmed, anything else as written. */
  function wordTerm(word) {
    return /^[a-z']+$/.test(word) ? stem(word) : word;
  }

  /* Cuts a Thai run by greedy longest match over the index's own Thai words (the research note
     measured this reproducing the index's tokens 100%, where Intl.Segmenter does not).
     Returns [{text, known}]; unknown stretches are kept together. */
  function segmentThai(run, vocabulary) {
    var pieces = [];
    var unknown = "";
    var i = 0;
    while (i < run.length) {
      var longest = 0;
      for (var len = Math.min(vocabulary.longest, run.length - i); len > 0; len--) {
        if (vocabulary.words.has(run.substr(i, len))) { longest = len; break; }
      }
      if (longest === 0) {
        unknown += run.charAt(i);
        i++;
        continue;
      }
      if (unknown) { pieces.push({ text: unknown, known: false }); unknown = ""; }
      pieces.push({ text: run.substr(i, longest), known: true });
      i += longest;
    }
    if (unknown) pieces.push({ text: unknown, known: false });
    return pieces;
  }

  /* ---- English stemmer: Snowball English (Porter2), the algorithm rust-stemmers implements ---- */

  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };

  /* The end of the first non-vowel that follows a vowel, searching from `from`. */
  function regionAfter(w, from) {
    for (var i = from + 1; i < w.length; i++) {
      if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    }
    return w.length;
  }

  /* A short syllable ends at `end`: non-vowel (not w, x, Y), vowel, non-vowel; or vowel, non-vowel at the start. */
  function shortSyllable(w, end) {
    if (end >= 3 && !isVowel(w[end - 1]) && "wxY".indexOf(w[end - 1]) < 0 && isVowel(w[end - 2]) && !isVowel(w[end - 3])) return true;
    return end === 2 && !isVowel(w[end - 1]) && isVowel(w[end - 2]);
  }

  function endsWith(w, suffixes) {
    var best = "";
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    }
    return best;
  }

  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var STEP2_KEYS = Object.keys(STEP2);
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP3_KEYS = Object.keys(STEP3);
  var STEP4_KEYS = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word.charAt(0) === "'" ? word.slice(1) : word;
    if (w.charAt(0) === "y") w = "Y" + w.slice(1);
    for (var i = 1; i < w.length; i++) {
      if (w[i] === "y" && isVowel(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    }
    var p1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[0].length : regionAfter(w, 0);
    var p2 = regionAfter(w, p1);
    var s;

    // Step 1a
    s = endsWith(w, ["'", "'s", "'s'"]);
    if (s) w = w.slice(0, w.length - s.length);
    s = endsWith(w, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") w = w.slice(0, -2);
    else if (s === "ied" || s === "ies") w = w.slice(0, -3) + (w.length - 3 >= 2 ? "i" : "ie");
    else if (s === "s") {
      var before = w.slice(0, -2);
      if (/[aeiouy]/.test(before)) w = w.slice(0, -1);
    }
    if (AFTER_1A[w]) return w;

    // Step 1b
    s = endsWith(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= p1) w = w.slice(0, w.length - s.length) + "ee";
    } else if (s) {
      var stemPart = w.slice(0, w.length - s.length);
      if (/[aeiouy]/.test(stemPart)) {
        w = stemPart;
        var t = endsWith(w, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
        if (t === "at" || t === "bl" || t === "iz") w += "e";
        else if (t) w = w.slice(0, -1);
        else if (w.length === p1 && shortSyllable(w, w.length)) w += "e";
      }
    }

    // Step 1c
    var lastChar = w.charAt(w.length - 1);
    if ((lastChar === "y" || lastChar === "Y") && w.length > 2 && !isVowel(w.charAt(w.length - 2))) {
      w = w.slice(0, -1) + "i";
    }

    // Step 2
    s = endsWith(w, STEP2_KEYS);
    if (s && w.length - s.length >= p1) {
      var base = w.slice(0, w.length - s.length);
      if (s === "ogi") { if (base.charAt(base.length - 1) === "l") w = base + "og"; }
      else if (s === "li") { if ("cdeghkmnrt".indexOf(base.charAt(base.length - 1)) >= 0 && base.length) w = base; }
      else w = base + STEP2[s];
    }

    // Step 3
    s = endsWith(w, STEP3_KEYS);
    if (s && w.length - s.length >= p1) {
      if (s === "ative") { if (w.length - s.length >= p2) w = w.slice(0, -5); }
      else w = w.slice(0, w.length - s.length) + STEP3[s];
    }

    // Step 4
    s = endsWith(w, STEP4_KEYS);
    if (s && w.length - s.length >= p2) {
      if (s === "ion") {
        var c = w.charAt(w.length - 4);
        if (c === "s" || c === "t") w = w.slice(0, -3);
      } else {
        w = w.slice(0, w.length - s.length);
      }
    }

    // Step 5
    lastChar = w.charAt(w.length - 1);
    if (lastChar === "e") {
      var at = w.length - 1;
      if (at >= p2 || (at >= p1 && !shortSyllable(w, at))) w = w.slice(0, -1);
    } else if (lastChar === "l") {
      if (w.length - 1 >= p2 && w.charAt(w.length - 2) === "l") w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  /* ---- Loading index files ---- */

  var store = {}; // lang -> {meta, shard: {}, pairs: {}, docs: {}, roles}
  var pending = {}; // src -> Promise

  function languageStore(lang) {
    if (!store[lang]) store[lang] = { meta: null, shard: {}, pairs: {}, docs: {}, roles: null };
    return store[lang];
  }
  handbook._meta = function (lang, meta) { languageStore(lang).meta = meta; };
  handbook._shard = function (lang, n, terms) { languageStore(lang).shard[n] = terms; };
  handbook._pairs = function (lang, n, pairs) { languageStore(lang).pairs[n] = pairs; };
  handbook._docs = function (lang, n, docs) { languageStore(lang).docs[n] = docs; };
  handbook._roles = function (lang, roles) { languageStore(lang).roles = roles; };

  function siteRoot() {
    if (handbook.root !== undefined) return handbook.root;
    var body = global.document && global.document.body;
    return (body && body.getAttribute("data-root")) || "";
  }

  /* Adds a <script> tag; replaceable (tests in node load the files themselves). */
  handbook._loadScript = handbook._loadScript || function (src) {
    return new Promise(function (resolve, reject) {
      var script = global.document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      global.document.head.appendChild(script);
    });
  };

  function load(lang, file) {
    var src = siteRoot() + "search/" + lang + "/" + file + ".js";
    if (!pending[src]) {
      pending[src] = handbook._loadScript(src).catch(function (error) {
        delete pending[src];
        throw error;
      });
    }
    return pending[src];
  }

  function loadMeta(lang) {
    var data = languageStore(lang);
    return (data.meta ? Promise.resolve() : load(lang, "meta")).then(function () {
      if (!data.meta || data.meta.version !== FORMAT_VERSION) throw new Error("search index missing or of another version");
      if (data.vocabulary) return data;
      var words = new Set();
      var longest = 0;
      data.meta.thai.split(" ").forEach(function (word) {
        if (!word) return;
        words.add(word);
        if (word.length > longest) longest = word.length;
      });
      data.vocabulary = { words: words, longest: longest, sorted: Array.from(words).sort(compare) };
      return data;
    });
  }

  /* Code point order, as Rust sorts strings (UTF-16 order differs above U+FFFF). */
  function compare(a, b) {
    if (a === b) return 0;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    }
    return x.length - y.length;
  }

  /* The shard holding `key`: the last whose first key is <= key. */
  function shardOf(starts, key) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(starts[mid], key) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* Shards that may hold keys starting with `prefix`. */
  function shardsWithPrefix(starts, prefix) {
    var first = shardOf(starts, prefix);
    var found = [first];
    for (var n = first + 1; n < starts.length && starts[n].indexOf(prefix) === 0; n++) found.push(n);
    return found;
  }

  function loadAll(lang, kind, numbers) {
    var data = languageStore(lang);
    return Promise.all(numbers.filter(function (n, i) { return numbers.indexOf(n) === i; }).map(function (n) {
      return data[kind][n] ? null : load(lang, kind + "-" + n);
    }));
  }

  /* Postings as [doc, impact, doc, impact, ...] with absolute document numbers. */
  function postings(data, term) {
    var shard = data.shard[shardOf(data.meta.shards, term)];
    var flat = shard && shard[term];
    if (!flat) return null;
    var out = new Array(flat.length);
    var doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      out[i] = doc;
      out[i + 1] = flat[i + 1];
    }
    return out;
  }

  function pairDocs(data, pair) {
    var shard = data.pairs[shardOf(data.meta.pairs, pair)];
    var deltas = shard && shard[pair];
    if (!deltas) return [];
    var doc = 0;
    return deltas.map(function (d) { doc += d; return doc; });
  }

  /* ---- Queries ---- */

  var PREFIX_WEIGHT = 0.6;
  var MAX_EXPANSIONS = 30;

  /* Turns a query into units that must each match: a non-Thai word, or a Thai run (its words,
     or failing that its character pairs, confirmed against the stored text). */
  function parse(query, vocabulary) {
    var text = normalise(query);
    var typing = text.length > 0 && !/[\s.,;:!?)"'\]]$/.test(text);
    var units = [];
    runs(text).forEach(function (run) {
      var last = typing && run.end;
      if (run.thai) {
        var pieces = segmentThai(run.text, vocabulary);
        units.push({
          thai: run.text,
          groups: pieces.map(function (piece, i) {
            return { terms: [piece.text], known: piece.known, prefix: last && i === pieces.length - 1 ? piece.text : "" };
          }),
          needles: [run.text]
        });
      } else {
        var term = wordTerm(run.text);
        units.push({
          groups: [{ terms: [term], known: true, prefix: last ? term : "", rawPrefix: last && term !== run.text ? run.text : "" }],
          needles: [term, run.text]
        });
      }
    });
    return units;
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
        group.expansions = extra;
      });
    });
  }

  function idf(total, count) {
    return Math.log(1 + (total - count + 0.5) / (count + 0.5));
  }

  /* Scores of one group: doc -> best idf * impact over its terms. */
  function groupScores(data, group) {
    var scores = new Map();
    var total = data.meta.docs;
    var add = function (term, weight) {
      var list = postings(data, term);
      if (!list) return;
      var w = idf(total, list.length / 2) * weight;
      for (var i = 0; i < list.length; i += 2) {
        var s = w * list[i + 1];
        var old = scores.get(list[i]);
        if (old === undefined || s > old) scores.set(list[i], s);
      }
    };
    group.terms.forEach(function (term) { add(term, 1); });
    (group.expansions || []).forEach(function (term) { add(term, PREFIX_WEIGHT); });
    return scores;
  }

  /* Scores of one unit: the sum over its groups, for documents matching every group; plus, for
     a Thai run, documents containing all its character pairs (to be confirmed by substring). */
  function unitScores(data, unit) {
    var result = new Map();
    var maps = unit.groups.map(function (group) { return groupScores(data, group); });
    if (maps.length && maps.every(function (m) { return m.size > 0; })) {
      maps[0].forEach(function (score, doc) {
        var sum = score;
        for (var i = 1; i < maps.length; i++) {
          var s = maps[i].get(doc);
          if (s === undefined) return;
          sum += s;
        }
        result.set(doc, { score: sum, confirm: false });
      });
    }
    if (unit.pairs.length) {
      var docs = null;
      unit.pairs.forEach(function (pair) {
        var list = pairDocs(data, pair);
        docs = docs === null ? list : intersect(docs, list);
      });
      var weight = idf(data.meta.docs, (docs || []).length) * 60;
      (docs || []).forEach(function (doc) {
        if (!result.has(doc)) result.set(doc, { score: weight, confirm: true });
      });
    }
    return result;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
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

  /* The document chunk holding `doc`: the last whose first document is <= doc. */
  function chunkOf(data, doc) {
    var starts = data.meta.chunks;
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function storedDoc(data, doc) {
    var n = chunkOf(data, doc);
    var chunk = data.docs[n];
    return chunk ? chunk[doc - data.meta.chunks[n]] : null;
  }

  /* handbook.search(query, {lang, limit, role}) -> Promise of [{url, title, excerpt, kind, ...}]. */
  handbook.search = function (query, options) {
    options = options || {};
    var body = global.document && global.document.body;
    var lang = options.lang || (body && body.getAttribute("data-lang")) || "en";
    var limit = options.limit || 10;
    return loadMeta(lang).then(function (data) {
      var units = parse(query || "", data.vocabulary);
      if (!units.length) return [];
      var shards = [];
      units.forEach(function (unit) {
        unit.pairs = [];
        unit.groups.forEach(function (group) {
          group.terms.forEach(function (term) { shards.push(shardOf(data.meta.shards, term)); });
          [group.prefix, group.rawPrefix].forEach(function (prefix) {
            if (prefix && prefix.length >= 2) shards = shards.concat(shardsWithPrefix(data.meta.shards, prefix));
          });
        });
      });
      var loads = [loadAll(lang, "shard", shards)];
      if (options.role && data.meta.roles) loads.push(data.roles ? null : load(lang, "roles"));
      return Promise.all(loads).then(function () {
        expandPrefixes(data, units);
        var ranked = rank(data, units, options.role);
        // Character pairs only when words are not enough: a Thai piece the index has no word
        // for, or too few documents with every word (the index may have cut the text otherwise).
        var complete = ranked.filter(function (t) { return t.units === units.length; }).length;
        var thaiUnits = units.filter(function (unit) {
          return unit.thai && Array.from(unit.thai).length >= 2 &&
            (complete < limit || unit.groups.some(function (g) { return !g.known; }));
        });
        if (!thaiUnits.length) return ranked;
        var pairShards = [];
        thaiUnits.forEach(function (unit) {
          unit.pairs = pairsOf(unit.thai);
          unit.pairs.forEach(function (pair) { pairShards.push(shardOf(data.meta.pairs, pair)); });
        });
        return loadAll(lang, "pairs", pairShards).then(function () { return rank(data, units, options.role); });
      }).then(function (ranked) {
        return collect(lang, data, units, ranked, limit);
      });
    });
  };

  /* Documents ordered by how many units they match, then by score. */
  function rank(data, units, role) {
    var allowed = null;
    if (role) {
      allowed = new Set();
      var doc = 0;
      ((data.roles || {})[role] || []).forEach(function (d) { doc += d; allowed.add(doc); });
    }
    var totals = new Map();
    units.forEach(function (unit) {
      unitScores(data, unit).forEach(function (hit, doc) {
        if (allowed && !allowed.has(doc)) return;
        var total = totals.get(doc) || { doc: doc, units: 0, score: 0, confirm: [] };
        total.units += 1;
        total.score += hit.score;
        if (hit.confirm) total.confirm.push(unit.thai);
        totals.set(doc, total);
      });
    });
    var ranked = Array.from(totals.values());
    var complete = ranked.filter(function (t) { return t.units === units.length; });
    if (complete.length) ranked = complete;
    ranked.sort(function (a, b) { return b.units - a.units || b.score - a.score || a.doc - b.doc; });
    return ranked;
  }

  /* Loads the stored documents of the best candidates, drops those whose Thai text was only
     suggested by character pairs and is not really there, and builds the results. */
  function collect(lang, data, units, ranked, limit) {
    var results = [];
    var next = 0;
    function round() {
      var batch = ranked.slice(next, next + limit - results.length + 2);
      next += batch.length;
      return loadAll(lang, "docs", batch.map(function (t) { return chunkOf(data, t.doc); })).then(function () {
        batch.forEach(function (total) {
          if (results.length >= limit) return;
          var stored = storedDoc(data, total.doc);
          if (!stored) return;
          var haystack = normalise(stored[1] + " " + stored[2] + " " + stored[4]);
          if (!total.confirm.every(function (run) { return haystack.indexOf(run) >= 0; })) return;
          results.push(result(stored, units));
        });
        if (results.length < limit && next < ranked.length) return round();
        return results;
      });
    }
    return round();
  }

  /* ---- Results and excerpts ---- */

  var EXCERPT_BEFORE = 50;
  var EXCERPT_LENGTH = 180;

  function result(stored, units) {
    var needles = [];
    var haystack = normalise(stored[1] + " " + stored[2] + " " + stored[4]);
    units.forEach(function (unit) {
      unit.needles.forEach(function (n) { if (n && Array.from(n).length >= 2 && needles.indexOf(n) < 0) needles.push(n); });
      // A Thai phrase found as written is marked as a whole, not word by word.
      if (unit.thai && haystack.indexOf(unit.thai) >= 0) return;
      unit.groups.forEach(function (g) {
        g.terms.concat(g.expansions || []).forEach(function (t) {
          if (t && Array.from(t).length >= 2 && needles.indexOf(t) < 0) needles.push(t);
        });
      });
    });
    var excerpt = makeExcerpt(stored[4], needles);
    return {
      url: stored[0],
      title: stored[2] || stored[1],
      page: stored[2] ? stored[1] : "",
      kind: stored[3],
      excerpt: excerpt.text,
      marks: excerpt.marks,
      titleMarks: findMarks(stored[2] || stored[1], needles)
    };
  }

  /* [start, end) ranges of `text` matching any needle: Thai anywhere, other words at a word start
     and extended to the word's end (a stem such as "referr" marks all of "referral"). */
  function findMarks(text, needles) {
    var map = [];
    var folded = fold(text, true, map);
    var marks = [];
    needles.forEach(function (needle) {
      var from = 0;
      var at;
      while ((at = folded.indexOf(needle, from)) >= 0) {
        from = at + needle.length;
        var thai = isThai(needle.charAt(0));
        if (!thai && at > 0 && isWordChar(folded.charAt(at - 1))) continue;
        var end = from;
        if (!thai) while (end < folded.length && isWordChar(folded.charAt(end))) end++;
        var start = map[at];
        var stop = end < map.length ? map[end] : text.length;
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

  function makeExcerpt(text, needles) {
    var marks = findMarks(text, needles);
    var start = 0;
    if (marks.length && marks[0][0] > EXCERPT_BEFORE) {
      start = marks[0][0] - EXCERPT_BEFORE;
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < marks[0][0] && space - start < 20) start = space + 1;
      while (start > 0 && isThaiMark(text.charAt(start))) start--;
    }
    var end = Math.min(text.length, start + EXCERPT_LENGTH);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start + EXCERPT_LENGTH - 30) end = cut;
      while (end < text.length && isThaiMark(text.charAt(end))) end++;
    }
    var prefix = start > 0 ? "… " : "";
    var suffix = end < text.length ? " …" : "";
    var shift = prefix.length - start;
    var inside = marks.filter(function (m) { return m[0] >= start && m[1] <= end; })
      .map(function (m) { return [m[0] + shift, m[1] + shift]; });
    return { text: prefix + text.slice(start, end) + suffix, marks: inside };
  }

  handbook._internal = { normalise: normalise, fold: fold, stem: stem, runs: runs, wordTerm: wordTerm, segmentThai: segmentThai, findMarks: findMarks };
  if (typeof module !== "undefined" && module.exports) module.exports = handbook._internal;
})(typeof window !== "undefined" ? window : globalThis);
