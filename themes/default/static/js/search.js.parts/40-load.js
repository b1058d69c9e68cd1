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
  handbook._docs = function (lang, n, pages) { languageStore(lang).docs[n] = storedChunk(pages); };
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

