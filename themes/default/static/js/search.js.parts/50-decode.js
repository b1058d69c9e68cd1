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


  /* ---- Decoding stored text (the format of src/search/stored_text.rs) ---- */

  /* A run of Thai opens with "~"; inside it each character of THAI_LETTERS stands for a Thai
     code point (U+0E01..U+0E3A, then U+0E3F..U+0E5B, in order), a space is a space, "~" ends
     the run and any other character ends it and stands for itself. Outside, "~~" is a "~". */
  var THAI_LETTERS = "!#$%&'*+,-/0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
  var THAI_OF = new Uint16Array(128);
  for (var letterAt = 0; letterAt < THAI_LETTERS.length; letterAt++) {
    THAI_OF[THAI_LETTERS.charCodeAt(letterAt)] = letterAt < 58 ? 0x0E01 + letterAt : 0x0E3F + letterAt - 58;
  }

  /* A chunk file's pages, [page address, title, kind, [[rest of address, heading, text], ...]],
     as its documents, each decoded when first read (decodedDoc): a query reads one or two of a
     chunk's eight, and decoding a whole chunk took longer than the rest of its load. */
  function storedChunk(pages) {
    var docs = [];
    for (var p = 0; p < pages.length; p++) {
      var page = { url: pages[p][0], title: pages[p][1], kind: pages[p][2], decoded: false };
      for (var d = 0; d < pages[p][3].length; d++) docs.push({ page: page, coded: pages[p][3][d], stored: null });
    }
    return docs;
  }

  /* A document of a chunk as [address, title, heading, kind, text], decoded once. */
  function decodedDoc(entry) {
    if (entry.stored) return entry.stored;
    var page = entry.page, coded = entry.coded;
    if (!page.decoded) {
      page.url = decodeText(page.url);
      page.title = decodeText(page.title);
      page.decoded = true;
    }
    entry.stored = [page.url + decodeText(coded[0]), page.title, decodeText(coded[1]), page.kind, decodeText(coded[2])];
    entry.coded = null;
    return entry.stored;
  }

  /* Every document of a chunk file's data, decoded (for tests and bench/phrase.js). */
  function decodeChunk(pages) { return storedChunk(pages).map(decodedDoc); }

  var decodeUnits = new Uint16Array(4096);
  function decodeText(text) {
    if (text.indexOf("~") < 0) return text;
    if (decodeUnits.length < text.length) decodeUnits = new Uint16Array(text.length * 2);
    var n = decodeTextInto(text, decodeUnits);
    var out = "";
    for (var at = 0; at < n; at += 8192) out += String.fromCharCode.apply(null, decodeUnits.subarray(at, Math.min(n, at + 8192)));
    return out;
  }

  /* The loop of decodeText on its own (see decodeInto): the decoded UTF-16 units into `units`,
     never more of them than `text` has; returns how many. */
  function decodeTextInto(text, units) {
    var n = 0, thai = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (thai) {
        var letter = c < 128 ? THAI_OF[c] : 0;
        if (letter !== 0) { units[n++] = letter; continue; }
        if (c === 32) { units[n++] = 32; continue; }
        thai = false;
        if (c !== 126) units[n++] = c;
      } else if (c === 126) {
        if (text.charCodeAt(i + 1) === 126) { units[n++] = 126; i++; } else thai = true;
      } else units[n++] = c;
    }
    return n;
  }
