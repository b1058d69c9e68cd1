/* Search engine: window.handbook.search(query, {lang, limit, role}) over the index files in search/<lang>/.
   Classic script: the index is a set of classic scripts too, added as <script> tags on demand,
   which works from file:// where fetch, modules and WebAssembly do not.
   normalise(), the tokeniser and the English stemmer mirror src/search/ exactly; tests/search.rs
   runs this file in node against the same test vectors. */
(function (global) {
  "use strict";
  var handbook = global.handbook = global.handbook || {};
  var FORMAT_VERSION = 2;

  /* ---- Normalisation: mirror of src/search/normalise.rs ---- */

  function isInvisible(code) {
    return code === 0xAD || (code >= 0x200B && code <= 0x200D) || code === 0x2060 || code === 0xFEFF;
  }
  function isThaiTone(c) { return c >= "\u0E48" && c <= "\u0E4B"; }
  function isAboveBelowVowel(c) { return c === "\u0E31" || (c >= "\u0E34" && c <= "\u0E3A"); }
  function isThaiMark(c) { return isAboveBelowVowel(c) || (c >= "\u0E47" && c <= "\u0E4E"); }

  /* Folds NFC text one character at a time. With `map`, records for each output character the
     index in `text` of the character it came from, so matches can be found in stored text. */
  function fold(text, lowercase, map) {
    var out = [];
    var index = 0;
    while (index < text.length) {
      var at = index;
      var code = text.charCodeAt(index);
      // ASCII, most of any text, goes straight through (no Thai rule looks at it): stored texts
      // are folded for every result shown, before the engine has optimised this loop.
      if (code < 128) {
        index++;
        out.push(lowercase && code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text.charAt(at));
        if (map) map.push(at);
        continue;
      }
      var pair = code >= 0xD800 && code <= 0xDBFF && index + 1 < text.length &&
        text.charCodeAt(index + 1) >= 0xDC00 && text.charCodeAt(index + 1) <= 0xDFFF;
      var ch = pair ? text.substr(index, 2) : text.charAt(index);
      index += ch.length;
      if (isInvisible(code) || ch === "\u0E46") continue;
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
    if (!/^[a-z']+$/.test(word)) return word;
    return stem(Object.prototype.hasOwnProperty.call(IRREGULAR_PLURALS, word) ? IRREGULAR_PLURALS[word] : word);
  }

  /* English plurals the stemmer leaves apart from their singular: IRREGULAR_PLURALS in tokenise.rs. */
  var IRREGULAR_PLURALS = { children: "child", women: "woman", men: "man", people: "person", lives: "life", wives: "wife" };

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

  var store = {}; // lang -> {meta, shard, pairs, docs, roles, lists (decoded), vocabulary}
  var pending = {}; // src -> Promise

  function languageStore(lang) {
    if (!store[lang]) {
      store[lang] = { meta: null, shard: {}, pairs: {}, docs: {}, roles: null, lists: new Map(), vocabulary: null };
    }
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
      if (!data.vocabulary) data.vocabulary = { words: new Set(), longest: 0, decoded: {} };
      return data;
    });
  }

  /* Adds to the vocabulary the Thai words that can start at one of the characters of `text`:
     meta.thai groups the words by first character, each group front-coded (one digit for the
     characters shared with the word before, then the rest; see src/search/shard.rs). */
  function addVocabulary(data, text) {
    var vocabulary = data.vocabulary;
    Array.from(text).forEach(function (first) {
      var coded = isThai(first) && !vocabulary.decoded[first] && data.meta.thai[first];
      vocabulary.decoded[first] = true;
      if (!coded) return;
      var previous = "";
      var i = 0;
      while (i < coded.length) {
        var shared = DIGIT[coded.charCodeAt(i++)];
        var end = i;
        while (end < coded.length && coded.charCodeAt(end) >= 128) end++;
        var rest = previous.slice(0, shared) + coded.slice(i, end);
        vocabulary.words.add(first + rest);
        if (rest.length + 1 > vocabulary.longest) vocabulary.longest = rest.length + 1;
        previous = rest;
        i = end;
      }
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

  /* Shards that may hold keys starting with `prefix`: at most the first two, since completing
     a word being typed is worth one more file but not dozens (a two-letter prefix of a large
     index spans many shards; the expansions found are capped anyway). */
  var PREFIX_SHARDS = 2;
  function shardsWithPrefix(starts, prefix) {
    var first = shardOf(starts, prefix);
    var found = [first];
    for (var n = first + 1; n < starts.length && found.length < PREFIX_SHARDS && starts[n].indexOf(prefix) === 0; n++) found.push(n);
    return found;
  }

  function loadAll(lang, kind, numbers) {
    var data = languageStore(lang);
    return Promise.all(numbers.filter(function (n, i) { return numbers.indexOf(n) === i; }).map(function (n) {
      return data[kind][n] ? null : load(lang, kind + "-" + n);
    }));
  }

  /* ---- Decoding number lists (the encoding of src/search/shard.rs) ---- */

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  /* Document gaps, each followed by an impact level when `levels` (postings): {docs: Int32Array
     ascending, impacts: Uint8Array or null}. */
  function decodeGaps(text, levels) {
    var size = levels ? text.length >> 1 : text.length;
    var docs = new Int32Array(size);
    var impacts = levels ? new Uint8Array(size) : null;
    var n = decodeInto(text, docs, impacts);
    return { docs: docs.subarray(0, n), impacts: levels ? impacts.subarray(0, n) : null };
  }

  /* The loop of decodeGaps, on its own: a first query runs it over thousands of postings, and
     the JavaScript engine optimises such a loop while it runs ("on-stack replacement"). Code
     optimised that way falls back to the slow interpreter when it reaches anything after the
     loop that has never run before, such as building the result object, so hot loops here sit
     in small functions that end with the loop. */
  function decodeInto(text, docs, impacts) {
    var n = 0, doc = 0, value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      value |= (digit & 31) << shift;
      if (digit >= 32) { shift += 5; continue; }
      doc += value;
      docs[n] = doc;
      if (impacts !== null) impacts[n] = DIGIT[text.charCodeAt(++i)];
      n++;
      value = 0;
      shift = 0;
    }
    return n;
  }

  /* A term's postings. Every list has this one shape, so that the ranking loops, optimised by the
     JavaScript engine during a first query, never meet a second shape and fall back. */
  function postingList(count, bits, top, rest, docs, impacts) {
    return { count: count, bits: bits, top: top, rest: rest, docs: docs, impacts: impacts };
  }
  function decodePostings(text) {
    var gaps = decodeGaps(text, true);
    return postingList(gaps.docs.length, null, null, 0, gaps.docs, gaps.impacts);
  }
  function decodeSet(text) { return decodeGaps(text, false).docs; }

  /* The documents of a bitset (six documents a digit, bit d % 6 of digit d / 6: encode_bits in
     shard.rs), ascending; `count` (when known) sizes the array up front. */
  function decodeBits(bits, count) {
    var docs = new Int32Array(count === undefined ? bits.length * 6 : count);
    var n = 0;
    for (var at = 0; at < bits.length; at++) {
      var value = DIGIT[bits.charCodeAt(at)];
      for (var bit = 0; value; bit++, value >>= 1) if (value & 1) docs[n++] = at * 6 + bit;
    }
    return docs.subarray(0, n);
  }

  /* The postings of `term`, decoded once and kept, or null: {count, docs, impacts} for a list;
     for a dense term (encode_term in shard.rs) {count, bits, top: its exact postings, rest:
     the level of the others}, with docs and impacts filled in only if it is ever walked whole. */
  function postings(data, term) {
    var key = "t" + term;
    if (data.lists.has(key)) return data.lists.get(key);
    var shard = data.shard[shardOf(data.meta.shards, term)];
    var value = shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
    var list = null;
    if (typeof value === "string") list = decodePostings(value);
    else if (value) list = postingList(value.n, value.b, decodePostings(value.t), value.r, null, null);
    if (shard) data.lists.set(key, list);
    return list;
  }

  /* A dense term's documents and levels, in order: its bitset walked, top postings merged in. */
  function walkDense(list) {
    if (list.docs) return list;
    var docs = decodeBits(list.bits, list.count);
    var impacts = new Uint8Array(docs.length);
    var top = list.top, t = 0;
    for (var i = 0; i < docs.length; i++) {
      while (t < top.docs.length && top.docs[t] < docs[i]) t++;
      impacts[i] = t < top.docs.length && top.docs[t] === docs[i] ? top.impacts[t] : list.rest;
    }
    list.docs = docs;
    list.impacts = impacts;
    return list;
  }

  function pairDocs(data, pair) {
    var key = "p" + pair;
    if (data.lists.has(key)) return data.lists.get(key);
    var shard = data.pairs[shardOf(data.meta.pairs, pair)];
    var value = shard && Object.prototype.hasOwnProperty.call(shard, pair) ? shard[pair] : "";
    var list = typeof value === "string" ? decodeSet(value) : decodeBits(value.b);
    if (shard) data.lists.set(key, list);
    return list;
  }

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

  /* The document chunk holding `doc`, and the stored document. */
  function chunkOf(data, doc) { return Math.floor(doc / data.meta.chunk); }
  function storedDoc(data, doc) {
    var chunk = data.docs[chunkOf(data, doc)];
    return chunk ? chunk[doc % data.meta.chunk] : null;
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
        var loose = !results.length && looseUnits(query.units);
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
     suggested by character pairs and is not really there, and builds the results. */
  function collect(lang, data, units, ranked, limit, text) {
    var results = [];
    // A few more than shown when some candidates may fail their confirmation.
    var spare = ranked.confirm ? 2 : 0;
    var wanted = limit + spare;
    var order = ranked.best(wanted);
    var next = 0;
    function round() {
      if (next >= order.length && order.length === wanted) {
        // Confirmations dropped some: widen the ranking and go on after what was seen.
        wanted *= 4;
        order = ranked.best(wanted);
      }
      var batch = order.slice(next, next + limit - results.length + spare);
      next += batch.length;
      return loadAll(lang, "docs", batch.map(function (doc) { return chunkOf(data, doc); })).then(function () {
        batch.forEach(function (doc) {
          if (results.length >= limit) return;
          var stored = storedDoc(data, doc);
          if (!stored) return;
          var runs = ranked.confirm && ranked.confirm.get(doc);
          if (runs) {
            var haystack = storedText(stored);
            if (!runs.every(function (run) { return writtenAsWords(data, haystack, run); })) return;
          }
          results.push(result(data, stored, units, text));
        });
        if (results.length < limit && (next < order.length || order.length === wanted)) return round();
        return results;
      });
    }
    return round();
  }

  /* A stored document's page title, heading and text as one normalised string. */
  function storedText(stored) {
    return normalise(stored[1] + " " + stored[2] + " " + stored[4]);
  }

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
      (data.docs[chunkOf(data, doc)] || []).forEach(function (stored) {
        runs(storedText(stored)).forEach(function (run) {
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

  handbook._internal = { editDistance: editDistance, normalise: normalise, fold: fold, folded: folded, stem: stem, runs: runs, wordTerm: wordTerm, segmentThai: segmentThai, findMarks: findMarks, makeExcerpt: makeExcerpt, withoutLabels: withoutLabels };
  if (typeof module !== "undefined" && module.exports) module.exports = handbook._internal;
})(typeof window !== "undefined" ? window : globalThis);
