  handbook._internal = { editDistance: editDistance, normalise: normalise, fold: fold, folded: folded, stem: stem, runs: runs, wordTerm: wordTerm, segmentThai: segmentThai, findMarks: findMarks, makeExcerpt: makeExcerpt, withoutLabels: withoutLabels };
  if (typeof module !== "undefined" && module.exports) module.exports = handbook._internal;
})(typeof window !== "undefined" ? window : globalThis);
