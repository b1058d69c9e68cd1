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

  /* A chunk file's pages, [page address, title, kind, [[rest of address, heading, body], ...]],
     as its documents, each decoded when first read (decodedDoc): a query reads one or two of a
     chunk's eight, and decoding a whole chunk took longer than the rest of its load. A body is
     HTML (a page section's part of its print body, or another document's text escaped): its
     text is taken by bodyText, the rule the index's text was taken by. */
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
    entry.stored = [page.url + decodeText(coded[0]), page.title, decodeText(coded[1]), page.kind, bodyText(decodeText(coded[2]))];
    entry.coded = null;
    return entry.stored;
  }

  /* Every document of a chunk file's data, decoded (for tests and bench/phrase.js). */
  function decodeChunk(pages) { return storedChunk(pages).map(decodedDoc); }

  /* ---- The text of a stored body: mirror of src/search/body_text.rs (one rule) ---- */

  /* Tags that separate words (a space), opening or closing: BLOCK_TAGS in body_text.rs. */
  var BLOCK_TAGS = {};
  ["address", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"].forEach(function (tag) { BLOCK_TAGS[tag] = true; });
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00A0" };

  /* Rust's char::is_whitespace. */
  function isSpace(code) {
    return (code >= 9 && code <= 13) || code === 32 || code === 0x85 || code === 0xA0 || code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200A) || code === 0x2028 || code === 0x2029 || code === 0x202F ||
      code === 0x205F || code === 0x3000;
  }
  function trimSpace(text) {
    var start = 0, end = text.length;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    return text.slice(start, end);
  }
  /* collapse_whitespace in sections.rs: the words, one space between them. */
  function collapseSpace(text) {
    var words = [], from = -1;
    for (var i = 0; i <= text.length; i++) {
      if (i === text.length || isSpace(text.charCodeAt(i))) {
        if (from >= 0) { words.push(text.slice(from, i)); from = -1; }
      } else if (from < 0) from = i;
    }
    return words.join(" ");
  }
  /* `html` after the headings it starts with. */
  function withoutLeadingHeadings(html) {
    for (;;) {
      var at = 0;
      while (at < html.length && isSpace(html.charCodeAt(at))) at++;
      var match = /^<[hH]([1-6])[ >]/.exec(html.slice(at, at + 4));
      if (!match) return html.slice(at);
      var close = html.indexOf("</h" + match[1] + ">", at);
      if (close < 0) return html.slice(at);
      html = html.slice(close + 5);
    }
  }
  function entityAt(html, at) {
    var end = html.indexOf(";", at);
    if (end < 0 || end - at >= 12) return null;
    var name = html.slice(at + 1, end), c = null;
    if (Object.prototype.hasOwnProperty.call(ENTITIES, name)) c = ENTITIES[name];
    else if (name.charAt(0) === "#") {
      var number = name.charAt(1) === "x" || name.charAt(1) === "X" ? parseHex(name.slice(2)) : parseDecimal(name.slice(1));
      if (number !== null && number <= 0x10FFFF && !(number >= 0xD800 && number <= 0xDFFF)) c = String.fromCodePoint(number);
    }
    return c === null ? null : { text: c, end: end + 1 };
  }
  /* As Rust's u32 parsing, which takes a "+" before the digits. */
  function parseHex(digits) { return /^\+?[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : null; }
  function parseDecimal(digits) { return /^\+?[0-9]+$/.test(digits) ? parseInt(digits, 10) : null; }

  /* The text of a stored body as the index read it: body_text in body_text.rs. */
  function bodyText(html) {
    html = withoutLeadingHeadings(html);
    var out = "";
    var table = { headings: [], inHead: false, inHeadCell: false, column: 0 };
    var keep = function (text) {
      if (table.inHeadCell && table.headings.length) table.headings[table.headings.length - 1] += text;
      out += text;
    };
    var at = 0;
    while (at < html.length) {
      var lt = html.indexOf("<", at), amp = html.indexOf("&", at);
      var next = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
      if (next < 0) break;
      keep(html.slice(at, next));
      if (next === amp) {
        var entity = entityAt(html, next);
        keep(entity ? entity.text : "&");
        at = entity ? entity.end : next + 1;
        continue;
      }
      var end = html.indexOf(">", next);
      if (end < 0) { at = next; break; }
      var tag = html.slice(next + 1, end);
      at = end + 1;
      var closing = tag.charAt(0) === "/";
      var name = /^\/*([0-9A-Za-z]*)/.exec(tag)[1].toLowerCase();
      var label = tableTag(table, name, closing);
      if (label !== null) out += label;
      if (BLOCK_TAGS[name] === true) out += " ";
    }
    keep(html.slice(at));
    // Invisible characters go, whitespace collapses, then the text is composed (that order).
    var shown = "";
    for (var i = 0; i < out.length; i++) if (!isInvisible(out.charCodeAt(i))) shown += out.charAt(i);
    return collapseSpace(shown).normalize("NFC");
  }
  /* The label of a body cell of a table of two or three short column headings (TableLabels). */
  function tableTag(table, name, closing) {
    if (name === "table" && !closing) table.headings = [];
    else if (name === "thead") table.inHead = !closing;
    else if (name === "tr" && !closing) table.column = 0;
    else if ((name === "td" || name === "th") && closing) { table.column++; table.inHeadCell = false; }
    else if ((name === "td" || name === "th") && table.inHead) { table.headings.push(""); table.inHeadCell = true; }
    else if (name === "td" || name === "th") {
      var compares = table.headings.length >= 2 && table.headings.length <= 3 && table.headings.every(function (heading) {
        return Array.from(trimSpace(heading)).length <= 24;
      });
      if (!compares || table.column >= table.headings.length) return null;
      var heading = trimSpace(table.headings[table.column]);
      return heading ? " \uFDD0" + heading + ":\uFDD1 " : null;
    }
    return null;
  }

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
