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

  function tokens(text) {
    return fold(text).match(WORD) || [];
  }

  /** Query → terms: every word exact, the last one a prefix while it is being typed. */
  function parse(query) {
    var words = tokens(query);
    var open = ENDS_IN_WORD.test(query);
    var seen = {};
    var terms = [];
    words.forEach(function (word, i) {
      var prefix = open && i === words.length - 1;
      var key = (prefix ? "*" : "=") + word;
      if (!seen[key]) {
        seen[key] = true;
        terms.push({ token: word, prefix: prefix });
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

  function orInto(text, set) {
    if (!text) return;
    var n, v, b;
    if (text.charCodeAt(0) === 126) { // "~": a bitmap, six documents a character
      for (n = 1; n < text.length; n++) {
        v = B64_INDEX[text.charCodeAt(n)];
        if (!v) continue;
        for (b = 0; b < 6; b++) if ((v >> b) & 1) set[(n - 1) * 6 + b] = 1;
      }
      return;
    }
    var doc = -1, gap = 0, shift = 0;
    for (n = 0; n < text.length; n++) {
      v = B64_INDEX[text.charCodeAt(n)];
      gap += (v & 31) * Math.pow(2, shift);
      if (v & 32) { shift += 5; continue; }
      doc += gap + 1;
      set[doc] = 1;
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

  /** The sets of one term: [in title, in place/field/people/tags, anywhere], as 0/1 over every document. */
  Index.prototype.term = function (term) {
    var n = this.m.documents;
    var title = new Uint8Array(n), meta = new Uint8Array(n), all = new Uint8Array(n);
    var first = this.shardOf(term.token);
    var addRow = function (row) { if (row) { orInto(row[0], title); orInto(row[1], meta); orInto(row[2], all); } };
    if (!term.prefix) {
      return this.shard(first).then(function (s) { addRow(s[term.token]); return [title, meta, all]; });
    }
    var last = this.shardOf(term.token + "\uffff");
    if (last - first + 1 > this.m.max_span) {
      return this.shard(first).then(function (s) { addRow(s[term.token + "*"]); return [title, meta, all]; });
    }
    var wanted = [];
    for (var k = first; k <= last; k++) wanted.push(this.shard(k));
    return Promise.all(wanted).then(function (shards) {
      shards.forEach(function (s) {
        for (var key in s) {
          if (key.indexOf(term.token) === 0 && key.charAt(key.length - 1) !== "*") addRow(s[key]);
        }
      });
      return [title, meta, all];
    });
  };

  /** Every document matching all terms, best first: 2 points a term in the title, else 1 in the
   *  place, field, people or tags; then site order (index pages, records A–Z, other pages). */
  Index.prototype.search = function (query) {
    var self = this;
    var terms = parse(query);
    return this.manifest().then(function (m) {
      if (!terms.length) return { terms: terms, hits: [] };
      return Promise.all(terms.map(function (t) { return self.term(t); })).then(function (sets) {
        var n = m.documents, count = new Uint8Array(n), score = new Uint8Array(n);
        sets.forEach(function (tiers) {
          var title = tiers[0], meta = tiers[1], all = tiers[2];
          for (var d = 0; d < n; d++) {
            count[d] += all[d];
            score[d] += title[d] ? 2 : meta[d];
          }
        });
        var buckets = [];
        for (var s = 0; s <= 2 * terms.length; s++) buckets.push([]);
        for (var d = 0; d < n; d++) if (count[d] === terms.length) buckets[score[d]].push(d);
        var hits = [];
        for (s = 2 * terms.length; s >= 0; s--) hits = hits.concat(buckets[s]);
        return { terms: terms, hits: hits };
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

    function run(started) {
      var mine = ++seq;
      var query = input.value;
      if (!query.trim()) { hide(); return; }
      index.search(query).then(function (found) {
        if (mine !== seq) return null;
        return index.rows(found.hits.slice(0, LIMIT)).then(function (rows) {
          if (mine !== seq) return;
          var html;
          if (!found.terms.length || !found.hits.length) {
            html = '<p class="gb-search__status">Không tìm thấy kết quả cho «' + escapeHtml(query.trim()) + "».</p>";
          } else {
            html = '<p class="gb-search__status">' + number(found.hits.length) + " kết quả</p>" +
              '<ul class="gb-search__list" role="listbox" id="gb-search-list" aria-label="Kết quả tìm kiếm">';
            rows.forEach(function (raw, i) {
              var r = row(raw);
              html += '<li role="presentation"><a class="gb-search__hit" role="option" aria-selected="false" id="gb-hit-' +
                i + '" href="' + escapeHtml(href(index, r)) + '"><span class="gb-search__title">' +
                highlight(r.title, found.terms) + '</span><span class="gb-search__meta">' +
                escapeHtml(meta(index, r)) + "</span></a></li>";
            });
            html += "</ul>" + all(query.trim(), found.hits.length);
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
            var terms = found ? found.terms : [];
            status.textContent = results.length
              ? number(results.length) + " hồ sơ" + (pages > 1 ? " — trang " + page + "/" + pages : "")
              : "Không có hồ sơ nào khớp" + (state.q.trim() ? " với «" + state.q.trim() + "»" : "") +
                " và các bộ lọc đã chọn.";
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
  window.goldenbookSearch = { fold: fold, tokens: tokens, parse: parse, highlight: highlight, Index: Index };

  function start() {
    document.querySelectorAll("[data-gb-search]").forEach(initHeader);
    document.querySelectorAll("[data-gb-explore]").forEach(initExplore);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
