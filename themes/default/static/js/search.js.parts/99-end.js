  handbook._internal = { editDistance: editDistance, normalise: normalise, fold: fold, folded: folded, stem: stem, runs: runs, wordTerm: wordTerm, segmentThai: segmentThai, findMarks: findMarks, makeExcerpt: makeExcerpt, withoutLabels: withoutLabels, decodeText: decodeText, decodeChunk: decodeChunk, bodyText: bodyText,
    // The browser's cut of a Thai run for language `lang`, its meta file loaded (for bench/phrase.js).
    cutThai: function (lang, run) { var data = languageStore(lang); addVocabulary(data, run); return segmentThai(run, data.vocabulary); } };
  if (typeof module !== "undefined" && module.exports) module.exports = handbook._internal;
})(typeof window !== "undefined" ? window : globalThis);
