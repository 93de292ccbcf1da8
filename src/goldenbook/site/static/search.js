/* Sách vàng Sáng tạo Việt Nam — search box (every page) and the explore page (tra-cuu/).
 *
 * Reads the static index made by goldenbook.search at build time (search/*.json):
 * the manifest first, then one term shard per query word and the result chunks
 * it shows. Text is folded exactly as the build folded it (goldenbook.text.fold):
 * NFD, combining marks dropped, đ → d, case-folded — the tables below are
 * generated from Python's Unicode data when the site is built.
 * All URLs are relative to the page, so the site works under any sub-path.
 */
(function () {
  "use strict";

  var TABLES = /*@fold-tables@*/ null;

  // ------------------------------------------------------------ folding (mirror of goldenbook.text.fold)
  var COMBINING = new RegExp(TABLES.combining, "gu");
  var SPACES = new RegExp(TABLES.spaces + "+", "gu");
  var CASEFOLD = TABLES.casefold;
  var WORD = /[\p{L}\p{N}]+/gu;
  var ORIGINAL_WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var ENDS_IN_WORD = /[\p{L}\p{M}\p{N}]$/u;

  function fold(text) {
    var s = String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(COMBINING, "");
    var out = "";
    for (var ch of s) {
      var mapped = CASEFOLD[ch];
      out += mapped !== undefined ? mapped : ch.toLowerCase();
    }
    return out.replace(SPACES, " ").replace(/^ | $/g, "");
  }

  // older spelling's i/y pairs made one (mirror of goldenbook.search.folding.spelling)
  var I_OR_Y = /^(?:[bcdghklmnprstvx]|ch|gh|kh|ng|ngh|nh|ph|th|tr|qu)y$/;
  function spelling(word) { return I_OR_Y.test(word) ? word.slice(0, -1) + "i" : word; }

  function tokens(text) {
    return (fold(text).match(WORD) || []).map(spelling);
  }

  var SPLIT_SPACES = new RegExp(TABLES.spaces + "+", "u");
  var MARKED_WORD_SPLIT = /[^\p{L}\p{N}\u0300-\u036f]+/u;
  var SIGN = { "đ": "d", "\u0306": "a", "\u0302": "c", "\u031b": "h",
               "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };

  function signature(word) {
    var letters = "", tone = "";
    for (var ch of word.toLowerCase().normalize("NFD")) {
      var sign = SIGN[ch];
      if (sign === undefined) continue;
      if ("12345".indexOf(sign) >= 0) tone += sign; else letters += sign;
    }
    return letters + tone;
  }

  /** tokens(text), each with the key of the diacritics it was typed with ("" for none). */
  function markedTokens(text) {
    var out = [];
    String(text).split(SPLIT_SPACES).forEach(function (piece) {
      if (!piece) return;
      var found = tokens(piece);
      var parts = [piece];
      if (found.length !== 1) {
        parts = piece.normalize("NFD").split(MARKED_WORD_SPLIT).filter(function (p) { return tokens(p).length; });
        var aligned = parts.length === found.length && parts.every(function (p, i) {
          var t = tokens(p);
          return t.length === 1 && t[0] === found[i];
        });
        if (!aligned) {
          found.forEach(function (w) { out.push([w, ""]); });
          return;
        }
      }
      found.forEach(function (w, i) {
        var sign = signature(parts[i]);
        out.push([w, sign ? w + ":" + sign : ""]);
      });
    });
    return out;
  }

  var MAX_TERMS = 24; // a document's matched terms are the bits of a 32-bit number
  /** Query → terms: every word exact, the last one also a prefix while it is being typed. */
  function parse(query) {
    var words = markedTokens(query);
    var open = ENDS_IN_WORD.test(query);
    var seen = {};
    var terms = [];
    words.forEach(function (pair, i) {
      var prefix = open && i === words.length - 1;
      var key = (prefix ? "*" : "=") + pair[0];
      if (!seen[key] && terms.length < MAX_TERMS) {
        seen[key] = true;
        terms.push({ token: pair[0], prefix: prefix, form: pair[1] });
      }
    });
    return terms;
  }

  function matches(token, terms) {
    return terms.some(function (t) {
      return t.prefix ? token.indexOf(t.token) === 0 : token === t.token;
    });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** The original (accented) text with every word whose folded form matched wrapped in <mark>. */
  function highlight(text, terms) {
    var out = "";
    var last = 0;
    text = String(text);
    ORIGINAL_WORD.lastIndex = 0;
    var m;
    while ((m = ORIGINAL_WORD.exec(text)) !== null) {
      out += escapeHtml(text.slice(last, m.index));
      var hit = terms.length && tokens(m[0]).some(function (t) { return matches(t, terms); });
      out += hit ? "<mark>" + escapeHtml(m[0]) + "</mark>" : escapeHtml(m[0]);
      last = m.index + m[0].length;
    }
    return out + escapeHtml(text.slice(last));
  }

  // ------------------------------------------------------------ document sets (mirror of goldenbook.search.index)
  var B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var B64_INDEX = new Int8Array(128);
  for (var i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

  /** Calls each(doc) for every document of an encoded set. */
  function eachDoc(text, each) {
    if (!text) return;
    var n, v, b;
    if (text.charCodeAt(0) === 126) { // "~": a bitmap, six documents a character
      for (n = 1; n < text.length; n++) {
        v = B64_INDEX[text.charCodeAt(n)];
        if (!v) continue;
        for (b = 0; b < 6; b++) if ((v >> b) & 1) each((n - 1) * 6 + b);
      }
      return;
    }
    var doc = -1, gap = 0, shift = 0;
    for (n = 0; n < text.length; n++) {
      v = B64_INDEX[text.charCodeAt(n)];
      gap += (v & 31) * Math.pow(2, shift);
      if (v & 32) { shift += 5; continue; }
      doc += gap + 1;
      each(doc);
      gap = 0;
      shift = 0;
    }
  }

  // ------------------------------------------------------------ the index
  var indexes = {};

  function Index(root) {
    this.root = root; // absolute URL of the site root, ending in "/"
    this.files = new Map();
    this.manifestPromise = null;
  }

  Index.for = function (rootAttr) {
    var root = new URL((rootAttr || ".").replace(/\/?$/, "/"), document.baseURI).href;
    return indexes[root] || (indexes[root] = new Index(root));
  };

  Index.prototype.fetchJson = function (path, fresh) {
    var self = this;
    if (!this.files.has(path)) {
      var url = new URL(path + (this.version ? "?v=" + this.version : ""), this.root).href;
      // opened from a file (council preview): static/offline.js reads the data, fetch() would be refused
      var promise = window.goldenbookFiles ? window.goldenbookFiles.read(url) : fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
      promise.catch(function () { self.files.delete(path); });
      this.files.set(path, promise);
    }
    return this.files.get(path);
  };

  Index.prototype.manifest = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.fetchJson("search/manifest.json", true).then(function (m) {
        self.version = m.version;
        self.m = m;
        return m;
      });
      this.manifestPromise.catch(function () { self.manifestPromise = null; });
    }
    return this.manifestPromise;
  };

  Index.prototype.shardOf = function (key) {
    var b = this.m.shards, lo = 0, hi = b.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (b[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Index.prototype.shard = function (n) {
    return this.fetchJson("search/terms/" + n + ".json");
  };

  // ------------------------------------------------------------ ranking (mirror of goldenbook.search.query)
  var FIELDS = 6;
  var WEIGHTS = [8.0, 5.0, 4.0, 3.0, 1.5, 1.0];
  var K1 = 1.2, PREFIX = 0.4, PHRASE = 1.0, FORM = 0.5, ENTITY = 1000.0;

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  function bm25(flags, weight) {
    var tf = 0.0;
    for (var f = 0; f < FIELDS; f++) if ((flags >> f) & 1) tf += WEIGHTS[f];
    return weight * tf * (K1 + 1) / (tf + K1);
  }

  function quantized(score) { return Math.floor(score * 1e6 + 0.5); }

  function popcount(bits) { var c = 0; while (bits) { c += bits & 1; bits >>>= 1; } return c; }

  /** Field bits per document (a Map) of rows of encoded field sets, OR-ed together. */
  function flagsOf(rows) {
    var out = new Map();
    rows.forEach(function (row) {
      if (!row) return;
      for (var f = 0; f < FIELDS && f < row.length; f++) {
        if (!row[f]) continue;
        var bit = 1 << f;
        eachDoc(row[f], function (d) { out.set(d, (out.get(d) || 0) | bit); });
      }
    });
    return out;
  }

  /** The facets named in the words: [first word, count, entity], longest names first, left to right. */
  Index.prototype.entities = function (words) {
    var entities = this.m.entities || [], byKey = {}, longest = 0;
    entities.forEach(function (e) { byKey[e[0]] = e; longest = Math.max(longest, e[0].split(" ").length); });
    var found = [], start = 0;
    while (start < words.length) {
      var hit = false;
      for (var size = Math.min(longest, words.length - start); size > 0; size--) {
        var entity = byKey[words.slice(start, start + size).join(" ")];
        if (entity) { found.push([start, size, entity]); start += size; hit = true; break; }
      }
      if (!hit) start += 1;
    }
    return found;
  };

  /** Loads the shards holding these keys (and prefix ranges); resolves to a key → row reader. */
  Index.prototype.rowsFor = function (keys, prefixes) {
    var self = this, wanted = {};
    keys.forEach(function (k) { wanted[self.shardOf(k)] = true; });
    prefixes.forEach(function (t) {
      var first = self.shardOf(t), last = self.shardOf(t + "\uffff");
      if (last - first + 1 > self.m.max_span) { wanted[first] = true; return; }
      for (var k = first; k <= last; k++) wanted[k] = true;
    });
    var numbers = Object.keys(wanted).map(Number);
    return Promise.all(numbers.map(function (k) { return self.shard(k); })).then(function (loaded) {
      var shards = {};
      numbers.forEach(function (k, i) { shards[k] = loaded[i]; });
      return {
        row: function (key) { var s = shards[self.shardOf(key)]; return Object.prototype.hasOwnProperty.call(s, key) ? s[key] : null; },
        /** Documents with a phrase key starting with key, or null when its keys span too many shards. */
        after: function (key) {
          var first = self.shardOf(key), last = self.shardOf(key + "\uffff");
          if (last - first + 1 > self.m.max_span) return null;
          var rowsFound = [];
          for (var k = first; k <= last; k++) {
            var s = shards[k];
            for (var name in s) if (name.indexOf(key) === 0) rowsFound.push(s[name]);
          }
          return flagsOf(rowsFound);
        },
                completions: function (t) {
          var first = self.shardOf(t), last = self.shardOf(t + "\uffff"), rows = [];
          if (last - first + 1 > self.m.max_span) {
            var stored = shards[first][t + "*"];
            return stored ? [stored] : [];
          }
          for (var k = first; k <= last; k++) {
            var s = shards[k];
            for (var key in s) {
              if (key.indexOf(t) === 0 && key.charAt(key.length - 1) !== "*" && key.indexOf(" ") < 0) rows.push(s[key]);
            }
          }
          return rows;
        }
      };
    });
  };

  /** Documents matching every term, best first (records, then pages with every word in their title). */
  Index.prototype.rank = function (query) {
    var self = this;
    return this.manifest().then(function (m) {
      var terms = parse(query);
      var empty = { terms: terms, hits: [], facets: [], partial: [], known: {}, words: [] };
      if (!terms.length) return empty;
      var words = markedTokens(query).map(function (p) { return p[0]; });
      var pairs = [], seenPair = {};
      for (var i = 0; i + 1 < words.length; i++) {
        var pk = words[i] + " " + words[i + 1];
        if (!seenPair[pk]) { seenPair[pk] = true; pairs.push(pk); }
      }
      var found = self.entities(words);
      var keys = terms.map(function (t) { return t.token; }).concat(pairs);
      found.forEach(function (f) {
        var mark = (f[2].length > 5 ? f[2][5] : f[2][0]).split(" ");
        keys = keys.concat(mark);
        for (var j = 0; j + 1 < mark.length; j++) keys.push(mark[j] + " " + mark[j + 1]);
      });
      var prefixes = terms.filter(function (t) { return t.prefix; }).map(function (t) { return t.token; });
      terms.forEach(function (t) {  // a one-letter last word: the phrases it may complete after the previous word
        if (t.prefix && Array.from(t.token).length === 1 && words.length > 1) prefixes.push(words[words.length - 2] + " " + t.token);
      });
      return self.rowsFor(keys, prefixes).then(function (rows) {
        var n = m.documents;
        var score = new Map(), matched = new Map(), inTitle = new Map(), known = {};
        terms.forEach(function (term, number) {
          var row = rows.row(term.token);
          var exact = flagsOf([row]);
          var completions = term.prefix ? flagsOf(rows.completions(term.token)) : new Map();
          if (exact.size || completions.size) known[term.token] = true;
          if (term.prefix && Array.from(term.token).length === 1 && words.length > 1) {
            var after = rows.after(words[words.length - 2] + " " + term.token);
            if (after) {
              var kept = new Map();
              completions.forEach(function (flags, d) { if (after.has(d)) kept.set(d, flags); });
              if (kept.size) completions = kept;
            }
          }
          var written = null;
          if (term.form && row && row.length > FIELDS && row[FIELDS][term.form]) {
            written = new Set();
            eachDoc(row[FIELDS][term.form], function (d) { written.add(d); });
          }
          var w = idf(exact.size, n), wc = idf(completions.size, n), bit = 1 << number;
          var visit = function (doc) {
            var s = exact.has(doc) ? bm25(exact.get(doc), w) : 0.0;
            if (completions.has(doc)) s = Math.max(s, PREFIX * bm25(completions.get(doc), wc));
            if (written && written.has(doc)) s *= 1 + FORM;
            score.set(doc, (score.has(doc) ? score.get(doc) : 0.0) + s);
            matched.set(doc, (matched.get(doc) || 0) | bit);
            if (((exact.get(doc) || 0) | (completions.get(doc) || 0)) & 1) inTitle.set(doc, (inTitle.get(doc) || 0) | bit);
          };
          exact.forEach(function (_, doc) { visit(doc); });
          completions.forEach(function (_, doc) { if (!exact.has(doc)) visit(doc); });
        });
        var phrases = {};
        pairs.forEach(function (pk) {
          var docs = flagsOf([rows.row(pk)]);
          phrases[pk] = docs;
          var w = idf(docs.size, n);
          docs.forEach(function (flags, doc) {
            if (score.has(doc)) score.set(doc, score.get(doc) + PHRASE * bm25(flags, w));
          });
        });
        var facets = [], inFacets = new Set(), namedWords = 0, placesOnly = true;
        found.forEach(function (f) { namedWords += f[1]; });
        var asked = 2 * namedWords >= words.length; // names that are half the query or more are what it asks for
        found.forEach(function (f) {
          if (f[2][4] !== 1) placesOnly = false;
          var entity = f[2];
          facets.push([entity[1], entity[2], entity[3], entity[0]]);
          if (!asked) return;
          var mark = (entity.length > 5 ? entity[5] : entity[0]).split(" "), bit = 1 << entity[4], members = null;
          var markKeys = mark.slice();
          for (var j = 0; j + 1 < mark.length; j++) markKeys.push(mark[j] + " " + mark[j + 1]);
          markKeys.forEach(function (key) {
            var docs = new Set();
            flagsOf([rows.row(key)]).forEach(function (flags, d) { if (flags & bit) docs.add(d); });
            if (members === null) members = docs;
            else members = new Set(Array.from(members).filter(function (d) { return docs.has(d); }));
          });
          var named = {};
          words.slice(f[0], f[0] + f[1]).forEach(function (w) { named[w] = true; });
          var credit = 0;
          terms.forEach(function (t, number) { if (named[t.token]) credit |= 1 << number; });
          (members || new Set()).forEach(function (doc) {
            score.set(doc, (score.has(doc) ? score.get(doc) : 0.0) + ENTITY);
            matched.set(doc, (matched.get(doc) || 0) | credit);
            inFacets.add(doc);
          });
        });
        // a query of place names only asks for those places' records, not for their words
        var onlyFacets = found.length > 0 && namedWords === words.length && placesOnly;
        var first = m.first_record, records = m.records, every = (1 << terms.length) - 1;
        var ranked = Array.from(score.keys()).map(function (d) { return [quantized(score.get(d)), d]; });
        ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        var hitsRecords = [], hitsPages = [], partial = [];
        ranked.forEach(function (pair) {
          var d = pair[1], isRecord = d >= first && d < first + records, bits = matched.get(d);
          if (bits === every) {
            if (isRecord) { if (!onlyFacets || inFacets.has(d)) hitsRecords.push(d); }
            else if (inTitle.get(d) === every && (!onlyFacets || inFacets.has(d))) hitsPages.push(d);
          } else if (isRecord && terms.length > 1 && popcount(bits) === terms.length - 1) {
            partial.push(d);
          }
        });
        return { terms: terms, hits: hitsRecords.concat(hitsPages), facets: facets, partial: partial,
                 known: known, words: words };
      });
    });
  };

  /** Optimal string alignment distance over code points (what rapidfuzz's OSA computes). */
  function osa(a, b) {
    a = Array.from(a); b = Array.from(b);
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push(new Array(b.length + 1)); rows[i][0] = i; }
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
        rows[i][j] = v;
      }
    }
    return rows[a.length][b.length];
  }

  var CORRECTIONS = 8;

  /** The index words nearest to word (≤ 1 edit up to 4 letters, else ≤ 2), nearest then commonest first. */
  Index.prototype.corrections = function (word) {
    return this.fetchJson("search/words.json").then(function (vocabulary) {
      var size = Array.from(word).length, limit = size <= 4 ? 1 : 2, found = [];
      for (var i = 0; i < vocabulary.length; i++) {
        var candidate = vocabulary[i];
        if (Math.abs(Array.from(candidate).length - size) > limit) continue;
        var d = osa(word, candidate);
        if (d <= limit) found.push([d, i, candidate]);
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return found.slice(0, CORRECTIONS).map(function (f) { return f[2]; });
    });
  };

  /** Unknown words replaced by their nearest correction that makes an index phrase with a neighbour. */
  Index.prototype.corrected = function (words, known) {
    var self = this;
    return Promise.all(words.map(function (w) { return known[w] ? [] : self.corrections(w); })).then(function (options) {
      var keys = [];
      words.forEach(function (w, i) {
        options[i].forEach(function (o) {
          if (i > 0) keys.push(words[i - 1] + " " + o);
          if (i + 1 < words.length) keys.push(o + " " + words[i + 1]);
        });
      });
      return self.rowsFor(keys, []).then(function (rows) {
        return words.map(function (w, i) {
          for (var k = 0; k < options[i].length; k++) {
            var o = options[i][k];
            if ((i > 0 && rows.row(words[i - 1] + " " + o)) || (i + 1 < words.length && rows.row(o + " " + words[i + 1]))) return o;
          }
          return options[i].length ? options[i][0] : w;
        });
      });
    });
  };

  /** A query's results, or when it has none what is shown instead (see goldenbook.search.query). */
  Index.prototype.search = function (query) {
    var self = this;
    return this.rank(query).then(function (r) {
      var result = { terms: r.terms, hits: r.hits, facets: r.facets, note: "", shownQuery: "", suggestions: [] };
      if (r.hits.length || !r.terms.length) return result;
      var words = r.words;
      var tokensSeen = {}, distinct = 0, knownCount = 0;
      r.terms.forEach(function (t) {
        if (!tokensSeen[t.token]) { tokensSeen[t.token] = true; distinct++; if (r.known[t.token]) knownCount++; }
      });
      var corrected = Promise.resolve(null);
      if (knownCount < distinct) {
        corrected = self.corrected(words, r.known).then(function (replaced) {
          if (replaced.join(" ") === words.join(" ")) return null;
          var text = replaced.join(" ");
          result.suggestions.push(text);
          return self.rank(text).then(function (found) {
            if (!found.hits.length) return null;
            result.hits = found.hits; result.note = "corrected"; result.shownQuery = text; result.facets = found.facets;
            return result;
          });
        });
      }
      return corrected.then(function (done) {
        if (done) return done;
        var steps = [];
        if (r.facets.length) {
          var named = {};
          self.entities(words).forEach(function (f) { for (var k = f[0]; k < f[0] + f[1]; k++) named[k] = true; });
          var rest = words.filter(function (_, k) { return !named[k]; }).join(" ");
          var alone = words.filter(function (_, k) { return named[k]; }).join(" ");
          if (rest) { result.suggestions.push(rest); steps.push([rest, "without-facets"]); }
          if (alone) steps.push([alone, "facets"]);
        }
        var next = function (k) {
          if (k >= steps.length) {
            if (r.partial.length) { result.hits = r.partial; result.note = "partial"; }
            return result;
          }
          return self.rank(steps[k][0] + " ").then(function (found) {
            if (found.hits.length) {
              result.hits = found.hits; result.note = steps[k][1]; result.shownQuery = steps[k][0];
              return result;
            }
            return next(k + 1);
          });
        };
        return next(0);
      });
    });
  };

  /** Display rows of documents (fetching only their chunks). */
  Index.prototype.rows = function (ids) {
    var self = this, size = this.m.chunk, chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / size)] = true; });
    var numbers = Object.keys(chunks);
    return Promise.all(numbers.map(function (c) { return self.fetchJson("search/docs/" + c + ".json"); }))
      .then(function (loaded) {
        var byChunk = {};
        numbers.forEach(function (c, i) { byChunk[c] = loaded[i]; });
        return ids.map(function (id) { return byChunk[Math.floor(id / size)][id % size]; });
      });
  };

  Index.prototype.facets = function () {
    return this.fetchJson("search/facets.json");
  };

  // ------------------------------------------------------------ showing a result
  function row(r) {
    return { kind: r[0], target: r[1], title: r[2], current: r[3], historic: r[4], field: r[5],
             edition: r[6], year: r[7], excerpt: r[8] };
  }

  function href(index, r) {
    var kinds = index.m.labels.kind;
    var path = r.kind === 2 ? r.target : kinds[r.kind][0] + "/" + r.target + "/";
    if (window.goldenbookFiles && /(^|\/)$/.test(path)) path += "index.html"; // from a file: name the page's file
    return new URL(path, index.root).href;
  }

  function place(index, r) {
    var labels = index.m.labels;
    if (!r.current) return "";
    var now = labels.current[r.current - 1][1];
    if (r.historic) {
      var then = labels.historic[r.historic - 1][1];
      if (then !== now) return then + " (nay thuộc " + now + ")";
    }
    return now;
  }

  function meta(index, r) {
    var labels = index.m.labels, parts = [];
    if (r.kind === 2) {
      var section = (labels.section || []).filter(function (s) { return r.target.indexOf(s[0]) === 0; })[0];
      parts.push(section ? section[1] : labels.kind[2][1]);
    } else if (r.kind !== 0) {
      parts.push(labels.kind[r.kind][1]);
    }
    var p = place(index, r);
    if (p) parts.push(p);
    if (r.field) parts.push(labels.field[r.field - 1][1]);
    if (r.kind !== 2) parts.push(r.edition ? "Sách vàng " + r.edition : "năm " + r.year);
    return parts.join(" · ");
  }

  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function announce(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  /** What a result list says when it is not the query as typed (Result.note). */
  function noteText(found, query) {
    var q = "«" + query.trim() + "»";
    if (found.note === "corrected" || found.note === "without-facets") {
      return "Không có kết quả cho " + q + ". Kết quả cho «" + found.shownQuery + "»:";
    }
    if (found.note === "facets") {
      var names = found.facets.map(function (f) { return f[2]; }).join(", ");
      return "Không có kết quả khớp mọi từ của " + q + ". Hồ sơ thuộc " + names + ":";
    }
    if (found.note === "partial") return "Không có kết quả khớp mọi từ của " + q + ". Kết quả khớp gần nhất:";
    return "";
  }

  /** The query's words without a facet's name (what is left once the facet filters). */
  function withoutFacet(query, facet) {
    var named = {};
    facet[3].split(" ").forEach(function (w) { named[w] = true; });
    return tokens(query).filter(function (w) { return !named[w]; }).join(" ");
  }

  function facetParam(facet) { return facet[0]; }

  // ------------------------------------------------------------ the header box
  var LIMIT = 8;

  function initHeader(box) {
    var index = Index.for(box.getAttribute("data-root"));
    var form = box.querySelector("form");
    var input = box.querySelector(".gb-search__input");
    var panel = box.querySelector(".gb-search__panel");
    var output = box.querySelector(".gb-search__results");
    var toggle = box.querySelector(".gb-search__toggle");
    var close = box.querySelector(".gb-search__close");
    var explore = form.getAttribute("action");
    var seq = 0, active = -1;

    function options() { return output.querySelectorAll("[role=option]"); }

    function setActive(n) {
      var list = options();
      if (!list.length) return;
      active = (n + list.length) % list.length;
      list.forEach(function (el, i) { el.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", list[active].id);
      list[active].scrollIntoView({ block: "nearest" });
    }

    function show(html) {
      output.innerHTML = html;
      output.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function hide() {
      output.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function open() {
      box.classList.add("gb-search--open");
      toggle.setAttribute("aria-expanded", "true");
      input.focus();
    }

    function shut() {
      box.classList.remove("gb-search--open");
      toggle.setAttribute("aria-expanded", "false");
      hide();
    }

    function all(query, count) {
      var url = explore + "?q=" + encodeURIComponent(query);
      return '<a class="gb-search__all" href="' + escapeHtml(url) + '">' +
        (count > LIMIT ? "Xem tất cả " + number(count) + " kết quả" : "Lọc thêm") + " trong trang Tra cứu →</a>";
    }

    function offers(found, query) {
      return found.facets.map(function (f) {
        var url = explore + "?" + new URLSearchParams([["q", withoutFacet(query, f)], [facetParam(f), f[1]]]
          .filter(function (p) { return p[1]; })).toString();
        return '<a class="gb-search__facet" href="' + escapeHtml(url) + '">Lọc theo ' + escapeHtml(f[2]) + "?</a>";
      }).join("");
    }

    /** Never a bare «not found»: closer words, the query without its facets, the province and field pages. */
    function helpHtml(found, query) {
      var links = found.suggestions.map(function (text) {
        return '<a class="gb-search__suggestion" href="' + escapeHtml(explore + "?q=" + encodeURIComponent(text)) +
          '" data-query="' + escapeHtml(text) + '">' + escapeHtml(text) + "</a>";
      });
      var root = index.root;
      return '<p class="gb-search__help">' + (links.length ? "Thử tìm: " + links.join(", ") + ". " : "") +
        "Kiểm tra lại chính tả, bớt từ, hoặc xem hồ sơ theo " +
        '<a href="' + escapeHtml(new URL("tinh-thanh/", root).href) + '">tỉnh, thành</a> và ' +
        '<a href="' + escapeHtml(new URL("linh-vuc/", root).href) + '">lĩnh vực</a>.</p>';
    }

    function run(started) {
      var mine = ++seq;
      var query = input.value;
      if (!query.trim()) { hide(); return; }
      index.search(query).then(function (found) {
        if (mine !== seq) return null;
        return index.rows(found.hits.slice(0, LIMIT)).then(function (rows) {
          if (mine !== seq) return;
          var html;
          var terms = found.shownQuery ? parse(found.shownQuery) : found.terms;
          if (!found.terms.length || !found.hits.length) {
            html = '<p class="gb-search__status">Không tìm thấy kết quả cho «' + escapeHtml(query.trim()) + "».</p>" +
              (found.terms.length ? helpHtml(found, query) : "");
          } else {
            var note = noteText(found, query);
            html = '<p class="gb-search__status">' + number(found.hits.length) + " kết quả" +
              (note ? ". " + escapeHtml(note) : "") + "</p>" + offers(found, query) +
              '<ul class="gb-search__list" role="listbox" id="gb-search-list" aria-label="Kết quả tìm kiếm">';
            rows.forEach(function (raw, i) {
              var r = row(raw);
              html += '<li role="presentation"><a class="gb-search__hit" role="option" aria-selected="false" id="gb-hit-' +
                i + '" href="' + escapeHtml(href(index, r)) + '"><span class="gb-search__title">' +
                highlight(r.title, terms) + '</span><span class="gb-search__meta">' +
                escapeHtml(meta(index, r)) + "</span></a></li>";
            });
            html += "</ul>" + all((found.shownQuery || query).trim(), found.hits.length);
          }
          show(html);
          announce("gb-search:rendered", { query: query, count: found.hits.length,
                                           ms: performance.now() - started });
        });
      }).catch(function () {
        if (mine !== seq) return;
        show('<p class="gb-search__status">Không tải được dữ liệu tìm kiếm. <a href="' + escapeHtml(explore) +
             '">Mở trang Tra cứu</a>.</p>');
      });
    }

    // the manifest (about 2 KB) is fetched when the page is idle, so a first query needs only its shards
    var prefetch = function () { index.manifest().catch(function () {}); };
    output.addEventListener("click", function (event) {
      var suggestion = event.target.closest("a[data-query]");
      if (!suggestion) return;
      event.preventDefault();
      input.value = suggestion.getAttribute("data-query");
      input.focus();
      run(performance.now());
    });
    if (window.requestIdleCallback) window.requestIdleCallback(prefetch, { timeout: 3000 });
    else setTimeout(prefetch, 1000);
    input.addEventListener("focus", prefetch);
    input.addEventListener("input", function (event) { run(event.timeStamp || performance.now()); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Escape") { if (output.hidden) { shut(); input.blur(); } else { hide(); } }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options()[active].getAttribute("href");
      }
    });
    toggle.addEventListener("click", function () {
      if (box.classList.contains("gb-search--open")) shut(); else open();
    });
    close.addEventListener("click", shut);
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) hide();
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (getComputedStyle(toggle).display !== "none") open(); else input.focus();
      }
    });
    if (input.value.trim()) run(performance.now());
  }

  // ------------------------------------------------------------ the explore page
  var PAGE = 20;
  var FACETS = [ // URL parameter, facet column, label table
    { param: "tinh", column: "current", labels: "current" },
    { param: "tinh-cu", column: "historic", labels: "historic" },
    { param: "linh-vuc", column: "field", labels: "field" },
    { param: "an-pham", column: "edition", labels: "edition" },
    { param: "loai", column: "kind", labels: "kind" },
    { param: "nam", column: "year", labels: "year" }
  ];

  function labelValue(row) { return Array.isArray(row) ? String(row[0]) : String(row); }
  function labelText(row) { return Array.isArray(row) ? String(row[1]) : String(row); }

  function initExplore(box) {
    var index = Index.for(box.getAttribute("data-root"));
    var form = box.querySelector("form");
    var input = form.querySelector("[name=q]");
    var status = box.querySelector(".gb-explore__status");
    var list = box.querySelector(".gb-explore__results");
    var pager = box.querySelector(".gb-explore__pager");
    var reset = box.querySelector(".gb-explore__reset");
    var seq = 0, typingTimer = null;
    var offer = document.createElement("p");
    offer.className = "gb-explore__offer";
    offer.hidden = true;
    status.parentNode.insertBefore(offer, status.nextSibling);

    function selectFor(f) { return form.querySelector("select[name='" + f.param + "']"); }

    function readState(search) {
      var params = new URLSearchParams(search);
      var state = { q: params.get("q") || "", page: Math.max(1, parseInt(params.get("trang"), 10) || 1) };
      FACETS.forEach(function (f) { state[f.param] = params.get(f.param) || ""; });
      return state;
    }

    function formState() {
      var state = { q: input.value, page: 1 };
      FACETS.forEach(function (f) { state[f.param] = selectFor(f).value; });
      return state;
    }

    function query(state) {
      var params = new URLSearchParams();
      if (state.q.trim()) params.set("q", state.q.trim());
      FACETS.forEach(function (f) { if (state[f.param]) params.set(f.param, state[f.param]); });
      if (state.page > 1) params.set("trang", String(state.page));
      var text = params.toString();
      return text ? "?" + text : location.pathname;
    }

    function fillForm(state) {
      input.value = state.q;
      FACETS.forEach(function (f) { selectFor(f).value = state[f.param]; });
    }

    function buildOptions(m) {
      FACETS.forEach(function (f) {
        var select = selectFor(f), rows = m.labels[f.labels];
        if (f.labels === "kind") rows = rows.slice(0, 2);
        var html = '<option value="">Tất cả</option>';
        rows.forEach(function (r) {
          html += '<option value="' + escapeHtml(labelValue(r)) + '">' + escapeHtml(labelText(r)) + "</option>";
        });
        select.innerHTML = html;
      });
    }

    function render(state, started) {
      var mine = ++seq;
      return Promise.all([index.manifest(), index.facets()]).then(function (loaded) {
        var m = loaded[0], columns = loaded[1];
        var first = m.first_record, records = m.records;
        var searching = state.q.trim() ? index.search(state.q) : Promise.resolve(null);
        return searching.then(function (found) {
          if (mine !== seq) return;
          var order;
          if (found) {
            order = found.hits.filter(function (d) { return d >= first && d < first + records; }).map(function (d) { return d - first; });
          } else {
            order = new Array(records);
            for (var d = 0; d < records; d++) order[d] = d;
          }
          // filters: 1-based value per facet, 0 when not filtering
          var wanted = FACETS.map(function (f) {
            var value = state[f.param];
            if (!value) return 0;
            var rows = m.labels[f.labels];
            for (var i = 0; i < rows.length; i++) if (labelValue(rows[i]) === value) return i + 1;
            return -1; // an unknown value matches nothing
          });
          var cols = FACETS.map(function (f) { return columns[f.column]; });
          var counts = FACETS.map(function (f) { return new Int32Array(m.labels[f.labels].length + 1); });
          var totals = new Int32Array(FACETS.length);
          var results = [];
          var values = new Int32Array(FACETS.length);
          for (var n = 0; n < order.length; n++) {
            var doc = order[n], failing = -1, fails = 0;
            for (var f = 0; f < FACETS.length; f++) {
              values[f] = cols[f].charCodeAt(doc) - 48;
              if (wanted[f] && values[f] !== wanted[f]) { fails++; failing = f; }
            }
            if (fails === 0) {
              results.push(doc);
              for (f = 0; f < FACETS.length; f++) { counts[f][values[f]]++; totals[f]++; }
            } else if (fails === 1) { // counts of a facet ignore its own filter
              counts[failing][values[failing]]++;
              totals[failing]++;
            }
          }
          FACETS.forEach(function (f, fi) {
            var select = selectFor(f);
            Array.prototype.forEach.call(select.options, function (option, oi) {
              var count = oi === 0 ? totals[fi] : counts[fi][oi];
              var label = oi === 0 ? "Tất cả" : labelText(m.labels[f.labels][oi - 1]);
              option.textContent = label + " (" + number(count) + ")";
              option.disabled = oi !== 0 && count === 0 && option.value !== state[f.param];
            });
          });
          var pages = Math.max(1, Math.ceil(results.length / PAGE));
          var page = Math.min(state.page, pages);
          var shown = results.slice((page - 1) * PAGE, page * PAGE);
          return index.rows(shown.map(function (d) { return d + first; })).then(function (rows) {
            if (mine !== seq) return;
            var terms = found ? (found.shownQuery ? parse(found.shownQuery) : found.terms) : [];
            var note = found ? noteText(found, state.q) : "";
            status.textContent = results.length
              ? (note ? note + " " : "") + number(results.length) + " hồ sơ" + (pages > 1 ? " — trang " + page + "/" + pages : "")
              : "Không có hồ sơ nào khớp" + (state.q.trim() ? " với «" + state.q.trim() + "»" : "") +
                " và các bộ lọc đã chọn." + (found && found.suggestions.length
                  ? " Thử tìm: " + found.suggestions.map(function (t) { return "«" + t + "»"; }).join(", ") + "." : "");
            var offered = found ? found.facets.filter(function (f) {
              var select = form.querySelector("select[name='" + facetParam(f) + "']");
              return select && select.value !== f[1];
            }) : [];
            offer.innerHTML = offered.map(function (f, i) {
              return '<button type="button" class="gb-explore__facet" data-offer="' + i + '">Lọc theo ' +
                escapeHtml(f[2]) + "?</button>";
            }).join(" ");
            offer.hidden = !offered.length;
            offer.offered = offered;
            var html = "";
            rows.forEach(function (raw) {
              var r = row(raw);
              html += '<li class="gb-explore__item"><a class="gb-explore__title" href="' + escapeHtml(href(index, r)) +
                '">' + highlight(r.title, terms) + '</a><span class="gb-explore__meta">' +
                escapeHtml(meta(index, r)) + '</span><span class="gb-explore__excerpt">' +
                highlight(r.excerpt, terms) + "</span></li>";
            });
            list.innerHTML = html;
            list.setAttribute("start", String((page - 1) * PAGE + 1));
            renderPager(state, page, pages);
            announce("gb-explore:rendered", { count: results.length, page: page, ms: performance.now() - started });
          });
        });
      }).catch(function () {
        if (mine !== seq) return;
        status.textContent = "Không tải được dữ liệu tra cứu. Hãy tải lại trang.";
      });
    }

    function renderPager(state, page, pages) {
      if (pages <= 1) { pager.innerHTML = ""; return; }
      var link = function (p, text, rel) {
        var target = Object.assign({}, state, { page: p });
        return '<a href="' + escapeHtml(query(target)) + '" data-page="' + p + '"' + (rel ? ' rel="' + rel + '"' : "") +
          ">" + text + "</a>";
      };
      var html = page > 1 ? link(page - 1, "← Trang trước", "prev") : "";
      var from = Math.max(1, page - 2), to = Math.min(pages, page + 2);
      if (from > 1) html += link(1, "1") + (from > 2 ? "<span>…</span>" : "");
      for (var p = from; p <= to; p++) {
        html += p === page ? '<span aria-current="page">' + p + "</span>" : link(p, String(p));
      }
      if (to < pages) html += (to < pages - 1 ? "<span>…</span>" : "") + link(pages, String(pages));
      if (page < pages) html += link(page + 1, "Trang sau →", "next");
      pager.innerHTML = html;
    }

    var current = readState(location.search);

    function go(state, push, started) {
      current = state;
      var url = query(state);
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      return render(state, started);
    }

    index.manifest().then(function (m) {
      buildOptions(m);
      fillForm(current);
      box.classList.add("gb-explore--ready");
      render(current, performance.now());
    }).catch(function () {
      status.textContent = "Không tải được dữ liệu tra cứu. Hãy tải lại trang.";
    });

    input.addEventListener("input", function (event) {
      var started = event.timeStamp || performance.now();
      clearTimeout(typingTimer);
      var state = formState();
      // the address follows the typing without filling the history with every letter
      typingTimer = setTimeout(function () { history.replaceState(null, "", query(state)); }, 400);
      current = state;
      render(state, started);
    });
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") go(formState(), true, event.timeStamp || performance.now());
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      go(formState(), true, performance.now());
    });
    offer.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-offer]");
      if (!button) return;
      var f = offer.offered[parseInt(button.getAttribute("data-offer"), 10)];
      var state = formState();
      state[facetParam(f)] = f[1];
      state.q = withoutFacet(state.q, f);
      fillForm(state);
      go(state, true, performance.now());
    });
    reset.addEventListener("click", function (event) {
      event.preventDefault();
      var state = { q: "", page: 1 };
      FACETS.forEach(function (f) { state[f.param] = ""; });
      fillForm(state);
      go(state, true, performance.now());
    });
    pager.addEventListener("click", function (event) {
      var a = event.target.closest("a[data-page]");
      if (!a) return;
      event.preventDefault();
      go(Object.assign({}, current, { page: parseInt(a.getAttribute("data-page"), 10) }), true, performance.now())
        .then(function () { box.scrollIntoView({ block: "start" }); });
    });
    window.addEventListener("popstate", function () {
      current = readState(location.search);
      fillForm(current);
      render(current, performance.now());
    });
  }

  // ------------------------------------------------------------ start
  window.goldenbookSearch = { fold: fold, tokens: tokens, markedTokens: markedTokens, parse: parse, highlight: highlight,
                              osa: osa, Index: Index };

  function start() {
    document.querySelectorAll("[data-gb-search]").forEach(initHeader);
    document.querySelectorAll("[data-gb-explore]").forEach(initExplore);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
