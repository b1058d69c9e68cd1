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

