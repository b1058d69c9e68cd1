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

