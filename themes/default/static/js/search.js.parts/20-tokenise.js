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

