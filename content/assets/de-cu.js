/*
 * Đề cử sáng kiến — the nomination form (content/de-cu.md). No server, no library.
 *
 * 1. Loads the published JSON Schema (schema/record.schema.json) and the form's data
 *    (assets/de-cu.json: province names by era, key order, repository), both relative
 *    to the page, so the site works under a sub-path.
 * 2. Builds a record from the form, validates it against the schema's Initiative with
 *    a small validator of the keywords that schema uses, plus the rules the schema
 *    cannot say (the province's name for the record's year, shares ≤ 100, one-paragraph
 *    summary, a title that makes a file name), the way `goldenbook validate` does.
 * 3. Shows every problem in Vietnamese beside its field; when none is left, offers the
 *    YAML file (download, named after its slug) and GitHub's "create new file" page.
 *
 * Functions tests call are exposed as window.GoldenbookNomination.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ text

  // Invisible characters the validator refuses (goldenbook.yamlsource.INVISIBLE): dropped from input.
  var INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff\u{110bd}\u{110cd}\u{13430}-\u{13438}\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0001}\u{e0020}-\u{e007f}]/gu;

  /** NFC, no invisible characters, runs of white space collapsed, trimmed (goldenbook.text.clean). */
  function clean(text) {
    return String(text == null ? "" : text).normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  }

  /** Length as Python counts it (code points, not UTF-16 units). */
  function length(text) {
    return Array.from(text).length;
  }

  // Letters python-slugify's transliteration (Unidecode) turns into ASCII letters; other non-ASCII
  // characters (quotes, dashes, «») become separators there too.
  var TRANSLIT = {
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i", "°": "deg", "×": "x", "€": "EUR", "№": "No",
    "½": " 1/2", "¼": " 1/4", "¾": " 3/4"
  };

  /** The record slug, as goldenbook.text.slugify (python-slugify, đ → d) makes it. */
  function slugify(text) {
    var t = String(text).normalize("NFC").replace(/[đĐ]/g, "d");
    t = t.replace(/'+/g, "-");
    t = t.normalize("NFKD").replace(/\p{M}/gu, "");
    t = t.replace(/[^\u0000-\u007f]/g, function (ch) { return TRANSLIT[ch] || " "; });
    t = t.toLowerCase().replace(/'+/g, "").replace(/(\d),(?=\d)/g, "$1");
    return t.replace(/[^-a-z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
  }

  // Tone marks in Vietnamese collation order (goldenbook.text._TONES).
  var TONES = { "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };

  /** goldenbook.text.tone_key: diacritics kept, tone placement (Hoà/Hòa) and case ignored. */
  function toneKey(text) {
    var t = String(text).normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
    return t.replace(/[\p{L}\p{N}_]+/gu, function (word) {
      var tones = "", letters = "";
      Array.from(word.normalize("NFD")).forEach(function (ch) {
        if (TONES[ch]) { tones += TONES[ch]; } else { letters += ch; }
      });
      return letters.normalize("NFC") + tones;
    });
  }

  var DASHES = /[-\u2010-\u2015\u2212]/g;

  /** goldenbook.provinces.name_key: no Tỉnh/Thành phố/TP. prefix, dashes as spaces. */
  function nameKey(name) {
    return toneKey(String(name).replace(DASHES, " ")).replace(/^(?:tinh2\s+|thanh1 phô4\s+|tp\.\s*|tp\s+)/, "");
  }

  /** goldenbook.text.fold: accent-free matching key (đ → d). */
  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function looseKey(name) {
    return fold(String(name).replace(DASHES, " ")).replace(/^(?:tinh\s+|thanh pho\s+|tp\.\s*|tp\s+)/, "");
  }

  function similarity(a, b) {  // 1 − Levenshtein distance / longer length
    if (a === b) { return 1; }
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return 1 - prev[b.length] / Math.max(a.length, b.length, 1);
  }

  // ------------------------------------------------------------------ provinces

  function Register(config) {
    this.last = config.last_historic_year;
    this.byKey = { historic: {}, current: {} };
    this.names = config.names;
    var self = this;
    config.provinces.forEach(function (unit) {
      Object.keys(unit.keys).forEach(function (key) { self.byKey[unit.era][key] = unit; });
    });
    this.units = config.provinces;
  }

  Register.prototype.suggest = function (name, limit) {
    var key = looseKey(name), scored = {}, order = [];
    this.units.forEach(function (unit) {
      unit.loose.forEach(function (loose) {
        var score = similarity(key, loose);
        if (score >= 0.6 && !(unit.name in scored && scored[unit.name] >= score)) {
          if (!(unit.name in scored)) { order.push(unit.name); }
          scored[unit.name] = score;
        }
      });
    });
    return order.sort(function (a, b) { return scored[b] - scored[a]; }).slice(0, limit || 3);
  };

  /** {unit, written} for a usable name, or {error, suggestions}: goldenbook.provinces.Register.resolve. */
  Register.prototype.resolve = function (name, year) {
    var key = nameKey(name);
    var historic = this.byKey.historic[key], current = this.byKey.current[key];
    if (year == null || year <= this.last) {
      if (historic) { return { unit: historic, written: historic.keys[key] }; }
      if (current) { return { unit: current, written: current.keys[key] }; }
    } else if (current) {
      return { unit: current, written: current.keys[key] };
    } else if (historic) {
      var successor = lowerFirst(historic.successor_full_name);
      var day = historic.changed_on.split("-").reverse().join("/");  // each unit's own date, from the register
      var what = historic.renamed_on
        ? historic.full_name + " nay là " + successor + " (từ ngày " + day + ")"
        : historic.full_name + " đã sáp nhập vào " + successor + " từ ngày " + day;
      return { error: what + "; với năm " + year + ", hãy ghi: " + historic.successor, suggestions: [historic.successor] };
    }
    var suggestions = this.suggest(name);
    return {
      error: "Không có tỉnh, thành phố nào tên «" + name + "»" +
        (suggestions.length ? "; có phải là: " + suggestions.join(", ") + "?" : ""),
      suggestions: suggestions
    };
  };

  function lowerFirst(text) { return text.charAt(0).toLowerCase() + text.slice(1); }

  // ------------------------------------------------------------------ JSON Schema (the keywords the record schema uses)

  function resolveRef(root, ref) {
    if (ref.indexOf("#/") !== 0) { throw new Error("only local $ref: " + ref); }
    return ref.slice(2).split("/").reduce(function (node, part) {
      return node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }, root);
  }

  function typeOf(value) {
    if (value === null) { return "null"; }
    if (Array.isArray(value)) { return "array"; }
    if (typeof value === "number") { return Number.isInteger(value) ? "integer" : "number"; }
    return typeof value;  // string, boolean, object
  }

  function typeMatches(wanted, value) {
    var actual = typeOf(value);
    return [].concat(wanted).some(function (type) { return type === actual || (type === "number" && actual === "integer"); });
  }

  /** Every schema error of ``value``: [{path: [...], keyword, params}]. */
  function validateSchema(schema, root, value, path, errors) {
    path = path || [];
    errors = errors || [];
    if (schema === true || schema == null) { return errors; }
    if (schema.$ref) { validateSchema(resolveRef(root, schema.$ref), root, value, path, errors); }
    ["anyOf", "oneOf"].forEach(function (keyword) {
      if (!schema[keyword]) { return; }
      var results = schema[keyword].map(function (branch) { return validateSchema(branch, root, value, path, []); });
      var passing = results.filter(function (r) { return r.length === 0; }).length;
      if (passing === 0) {
        // the branch that fits best: not one that fails on the type of the value itself
        var best = results.slice().sort(function (a, b) { return score(a, path) - score(b, path); })[0];
        best.forEach(function (error) { errors.push(error); });
      } else if (keyword === "oneOf" && passing > 1) {
        errors.push({ path: path, keyword: "oneOf", params: {} });
      }
    });
    if (schema.type && !typeMatches(schema.type, value)) {
      errors.push({ path: path, keyword: "type", params: { type: schema.type } });
      return errors;
    }
    if ("const" in schema && value !== schema.const) { errors.push({ path: path, keyword: "const", params: { value: schema.const } }); }
    if (schema.enum && schema.enum.indexOf(value) < 0) { errors.push({ path: path, keyword: "enum", params: { values: schema.enum } }); }
    if (typeof value === "string") {
      var size = length(value);
      if (schema.minLength != null && size < schema.minLength) { errors.push({ path: path, keyword: "minLength", params: { limit: schema.minLength } }); }
      if (schema.maxLength != null && size > schema.maxLength) { errors.push({ path: path, keyword: "maxLength", params: { limit: schema.maxLength, length: size } }); }
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) { errors.push({ path: path, keyword: "pattern", params: { pattern: schema.pattern } }); }
    }
    if (typeof value === "number") {
      // "ge"/"le" are how pydantic writes bounds on a union (the author's share)
      var low = schema.minimum != null ? schema.minimum : schema.ge, high = schema.maximum != null ? schema.maximum : schema.le;
      if (low != null && value < low) { errors.push({ path: path, keyword: "minimum", params: { low: low, high: high } }); }
      if (high != null && value > high) { errors.push({ path: path, keyword: "maximum", params: { low: low, high: high } }); }
    }
    if (typeOf(value) === "object") {
      (schema.required || []).forEach(function (name) {
        if (!(name in value)) { errors.push({ path: path.concat([name]), keyword: "required", params: {} }); }
      });
      Object.keys(value).forEach(function (name) {
        if (schema.properties && name in schema.properties) {
          validateSchema(schema.properties[name], root, value[name], path.concat([name]), errors);
        } else if (schema.additionalProperties === false) {
          errors.push({ path: path.concat([name]), keyword: "additionalProperties", params: {} });
        }
      });
    }
    if (Array.isArray(value)) {
      if (schema.minItems != null && value.length < schema.minItems) { errors.push({ path: path, keyword: "minItems", params: { limit: schema.minItems } }); }
      if (schema.maxItems != null && value.length > schema.maxItems) { errors.push({ path: path, keyword: "maxItems", params: { limit: schema.maxItems } }); }
      if (schema.items) {
        value.forEach(function (item, index) { validateSchema(schema.items, root, item, path.concat([index]), errors); });
      }
    }
    return errors;
  }

  function score(errors, path) {
    var here = path.join("/");
    return errors.length + errors.filter(function (e) {
      return e.keyword === "type" && e.path.join("/") === here;
    }).length * 1000;
  }

  var PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ «hoi-nong-dan-xa-a».",
    "^[Hh][Tt][Tt][Pp][Ss]?://": "Địa chỉ phải bắt đầu bằng https:// hoặc http://."
  };
  var TYPE_NAMES = { integer: "một số nguyên (ví dụ 2024)", number: "một số", string: "chữ", array: "danh sách", object: "nhóm mục" };

  /** The Vietnamese message for one schema error. */
  function message(error) {
    var p = error.params;
    switch (error.keyword) {
      case "required": return "Bắt buộc: hãy điền mục này.";
      case "minLength": return "Không được để trống.";
      case "maxLength": return "Quá dài: " + p.length + " ký tự (tối đa " + p.limit + ").";
      case "pattern": return PATTERN_MESSAGES[p.pattern] || "Viết chưa đúng dạng.";
      case "minimum":
      case "maximum": return "Giá trị phải từ " + p.low + " đến " + p.high + ".";
      case "type": return "Phải là " + (TYPE_NAMES[[].concat(p.type)[0]] || p.type) + ".";
      case "enum": return "Chọn một giá trị trong danh sách.";
      case "const": return "Giá trị phải là «" + p.value + "».";
      case "minItems": return "Thêm ít nhất một tác giả.";
      case "additionalProperties": return "Mục này không có trong mẫu hồ sơ.";
      case "oneOf": return "Tác giả là người (họ tên) hoặc tập thể (mã hồ sơ), không cả hai.";
      default: return "Giá trị không hợp lệ.";
    }
  }

  // ------------------------------------------------------------------ YAML

  var FLOAT = /^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$/;

  /** Can ``text`` be written as a plain YAML scalar and read back as the same text by the validator? */
  function plainOk(text) {
    if (!text || text !== text.trim() || /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) { return false; }
    if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) { return false; }
    if (/^(~|null|true|false)$/i.test(text) || /^[-+]?(0|[1-9][0-9]*)$/.test(text) || FLOAT.test(text)) { return false; }
    return true;
  }

  function scalar(value) {
    if (typeof value === "number") { return String(value); }
    return plainOk(value) ? value : JSON.stringify(value);  // JSON strings are YAML double-quoted scalars
  }

  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && length(line) + 1 + length(word) > width) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  function ordered(object, order) {
    var known = (order || []).filter(function (key) { return key in object; });
    return known.concat(Object.keys(object).filter(function (key) { return known.indexOf(key) < 0; }));
  }

  /** The record as the text of its YAML file, keys in the contract's order. */
  function toYaml(record, config) {
    var lines = [
      "# yaml-language-server: $schema=../../" + config.schema,
      "# Hồ sơ đề cử, tạo bằng biểu mẫu «Đề cử sáng kiến» trên trang web Sách vàng Sáng tạo Việt Nam.",
      "# Hướng dẫn sửa, bổ sung: trang «Hướng dẫn biên tập»."
    ];
    ordered(record, config.field_order).forEach(function (key) {
      var value = record[key], nested = config.nested_order[key];
      if (key === "contact") {
        lines.push("# RIÊNG TƯ, không bao giờ hiển thị; người liên hệ đã đồng ý cung cấp (xác nhận trên biểu mẫu).");
      }
      if (key === "summary" && length(value) > 80) {
        lines.push("summary: >-");
        wrap(value, 96).forEach(function (line) { lines.push("  " + line); });
      } else if (Array.isArray(value)) {
        lines.push(key + ":");
        value.forEach(function (item) {
          if (typeOf(item) !== "object") { lines.push("  - " + scalar(item)); return; }
          ordered(item, nested).forEach(function (name, index) {
            lines.push((index ? "    " : "  - ") + name + ": " + scalar(item[name]));
          });
        });
      } else if (typeOf(value) === "object") {
        lines.push(key + ":");
        ordered(value, nested).forEach(function (name) { lines.push("  " + name + ": " + scalar(value[name])); });
      } else {
        lines.push(key + ": " + scalar(value));
      }
    });
    return lines.join("\n") + "\n";
  }

  // ------------------------------------------------------------------ the form

  var form = document.getElementById("gb-nomination");
  var api = {
    clean: clean, slugify: slugify, toneKey: toneKey, nameKey: nameKey, fold: fold,
    validateSchema: validateSchema, toYaml: toYaml, plainOk: plainOk, ready: false
  };
  window.GoldenbookNomination = api;
  if (!form) { return; }

  var status = document.getElementById("gb-form-status");
  var state = { config: null, schema: null, register: null, checked: false, result: null };

  function url(relative) { return new URL(relative, document.baseURI).href; }

  function fetchJson(relative) {
    // the council preview opened from a file: static/offline.js reads the data, fetch() would be refused
    if (window.goldenbookFiles) { return window.goldenbookFiles.read(url(relative)); }
    return fetch(url(relative)).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.url); }
      return response.json();
    });
  }

  Promise.all([fetchJson(form.dataset.schema), fetchJson(form.dataset.config)]).then(function (loaded) {
    state.schema = loaded[0];
    state.config = loaded[1];
    state.register = new Register(state.config);
    api.register = state.register;
    api.config = state.config;
    api.schema = state.schema;
    setUp();
    status.hidden = true;
    form.hidden = false;
    api.ready = true;
  }).catch(function (error) {
    status.textContent = "Không tải được biểu mẫu (" + error.message + "). Hãy tải lại trang, hoặc soạn hồ sơ trực tiếp " +
      "trên GitHub theo Hướng dẫn biên tập.";
    status.classList.add("gb-form-error");
  });

  function field(name) { return form.querySelector('[name="' + name + '"]'); }

  function initiativeSchema() {
    var root = state.schema;
    var branch = (root.oneOf || root.anyOf || []).map(function (b) { return b.$ref ? resolveRef(root, b.$ref) : b; })
      .filter(function (b) { return b.properties && b.properties.kind && b.properties.kind.const === "initiative"; })[0];
    return branch || root;
  }

  function setUp() {
    var fieldSchema = initiativeSchema().properties.field;
    var select = field("field");
    fieldSchema.enum.forEach(function (code, index) {
      var option = document.createElement("option");
      option.value = code;
      option.textContent = (fieldSchema.markdownEnumDescriptions || [])[index] || code;
      select.appendChild(option);
    });
    field("year").value = String(new Date().getFullYear());
    updateProvinces();
    addRow("author");
    addRow("source");
    document.getElementById("gb-add-author").addEventListener("click", function () { addRow("author", true); });
    document.getElementById("gb-add-source").addEventListener("click", function () { addRow("source", true); });
    field("year").addEventListener("input", updateProvinces);
    field("summary").addEventListener("input", updateCounter);
    field("title").addEventListener("input", updateFilename);
    form.addEventListener("input", function () { if (state.checked) { check(false); } });
    form.addEventListener("change", function () { if (state.checked) { check(false); } });
    form.addEventListener("submit", function (event) { event.preventDefault(); check(true); });
    document.getElementById("gb-copy").addEventListener("click", function () {
      if (state.result && navigator.clipboard) { navigator.clipboard.writeText(state.result.yaml); }
    });
    updateCounter();
    updateFilename();
  }

  function addRow(kind, focus) {
    var template = document.getElementById("gb-" + kind + "-row");
    var row = template.content.firstElementChild.cloneNode(true);
    var container = document.getElementById(kind === "author" ? "gb-authors" : "gb-sources");
    container.appendChild(row);
    var number = container.children.length;
    row.querySelectorAll("[data-name]").forEach(function (input) {
      input.id = "f-" + kind + "-" + number + "-" + input.dataset.name + "-" + Math.random().toString(36).slice(2, 7);
      var label = input.parentNode.querySelector("label");
      if (label) { label.htmlFor = input.id; }
    });
    row.querySelector("[data-remove]").addEventListener("click", function () {
      row.remove();
      if (state.checked) { check(false); }
    });
    var type = row.querySelector('[data-name="type"]');
    if (type) {
      type.addEventListener("change", function () {
        var collective = type.value === "collective";
        row.querySelectorAll("[data-sub]").forEach(function (part) {
          part.hidden = (part.dataset.sub === "collective") !== collective;
        });
      });
    }
    if (focus) { row.querySelector("input").focus(); }
  }

  function updateProvinces() {
    var year = parseInt(field("year").value, 10);
    var names = !isNaN(year) && year > state.config.last_historic_year
      ? state.config.names.after : state.config.names.until_last_historic_year;
    var list = document.getElementById("gb-provinces");
    list.textContent = "";
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  }

  function updateCounter() {
    var size = length(clean(field("summary").value));
    var counter = document.getElementById("gb-summary-count");
    counter.textContent = size + "/600 ký tự";
    counter.classList.toggle("gb-over", size > 600);
  }

  function updateFilename() {
    var slug = slugify(clean(field("title").value));
    document.getElementById("gb-filename-preview").textContent = slug ? slug + ".yml" : "…";
  }

  function value(name) { return clean(field(name).value); }

  function number(text) {  // "2024" → 2024; anything else stays text (the schema then says what is wrong)
    var t = text.replace(/\s/g, "").replace(/%$/, "").replace(/,/g, ".");
    return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
  }

  /** The record the form describes (empty optional parts left out) and where each row's inputs are. */
  function collect() {
    var record = { kind: "initiative", status: "nominated" };
    ["title", "title_en", "field", "province", "locality", "nominated_by"].forEach(function (name) {
      var text = value(name);
      if (text) { record[name] = text; }
    });
    var year = value("year");
    if (year) { record.year = number(year); }
    var summary = field("summary").value.normalize("NFC").replace(INVISIBLE, "");
    if (clean(summary)) { record.summary = clean(summary); }
    var authors = [], authorRows = [];
    document.querySelectorAll("#gb-authors [data-row]").forEach(function (row) {
      var get = function (name) { return clean(row.querySelector('[data-name="' + name + '"]').value); };
      var author;
      if (row.querySelector('[data-name="type"]').value === "collective") {
        if (!get("collective")) { return; }
        author = { collective: get("collective") };
      } else {
        author = {};
        ["name", "role", "organization"].forEach(function (name) { if (get(name)) { author[name] = get(name); } });
        if (get("share")) { author.share = number(get("share")); }
        if (!Object.keys(author).length) { return; }
      }
      authors.push(author);
      authorRows.push(row);
    });
    record.authors = authors;
    var award = {};
    ["name", "level", "decision"].forEach(function (name) { var t = value("award." + name); if (t) { award[name] = t; } });
    if (value("award.year")) { award.year = number(value("award.year")); }
    if (Object.keys(award).length) { record.award = award; }
    var sources = [], sourceRows = [];
    document.querySelectorAll("#gb-sources [data-row]").forEach(function (row) {
      var source = {};
      ["title", "url", "publisher"].forEach(function (name) {
        var t = clean(row.querySelector('[data-name="' + name + '"]').value);
        if (t) { source[name] = t; }
      });
      if (Object.keys(source).length) { sources.push(source); sourceRows.push(row); }
    });
    if (sources.length) { record.sources = sources; }
    var contact = {};
    ["name", "phone", "email", "address"].forEach(function (name) { var t = value("contact." + name); if (t) { contact[name] = t; } });
    if (Object.keys(contact).length) { record.contact = contact; }
    return { record: record, rows: { authors: authorRows, sources: sourceRows }, rawSummary: summary };
  }

  /** Schema errors plus the checks `goldenbook validate` adds; [{path, text, suggestions?}]. */
  function problems(collected) {
    var record = collected.record;
    var found = validateSchema(initiativeSchema(), state.schema, record).map(function (error) {
      return { path: error.path, text: message(error) };
    });
    var maxYear = new Date().getFullYear() + 1;
    var year = typeof record.year === "number" && Number.isInteger(record.year) ? record.year : null;
    if (year !== null && (year < 2000 || year > maxYear)) {
      found = found.filter(function (p) { return p.path.join(".") !== "year"; });
      found.push({ path: ["year"], text: "Năm phải từ 2000 đến " + maxYear + "." });
    }
    if (record.province) {
      var place = state.register.resolve(record.province, year);
      if (place.error) { found.push({ path: ["province"], text: place.error + ".", suggestions: place.suggestions }); }
    }
    if (/\n\s*\n/.test(collected.rawSummary.trim())) {
      found.push({ path: ["summary"], text: "Tóm tắt chỉ gồm một đoạn văn: bỏ dòng trống." });
    }
    if (record.title && !slugify(record.title)) {
      found.push({ path: ["title"], text: "Tên phải có ít nhất một chữ cái hoặc chữ số." });
    }
    var total = record.authors.reduce(function (sum, a) { return sum + (typeof a.share === "number" ? a.share : 0); }, 0);
    if (total > 100) {
      found.push({ path: ["authors"], text: "Tổng tỷ lệ đóng góp là " + total + "% (tối đa 100%)." });
    }
    (record.sources || []).forEach(function (source, index) {
      if (source.url && /^https?:\/\//i.test(source.url) &&
          !/^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i.test(source.url)) {
        found.push({ path: ["sources", index, "url"], text: "Địa chỉ chưa đầy đủ: dán cả địa chỉ bài viết, ví dụ https://baomoi.vn/…" });
      }
    });
    if (record.contact && !field("contact.consent").checked) {
      found.push({ path: ["contact", "consent"], text: "Chỉ ghi thông tin liên hệ khi người đó đồng ý: hãy đánh dấu ô này (hoặc xóa thông tin liên hệ)." });
    }
    var seen = {};
    return found.filter(function (p) {
      var key = p.path.join(".") + "|" + p.text;
      if (seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
  }

  /** The element that shows an error at ``path`` (a field, a row's input, or the nearest group). */
  function target(path, rows) {
    if ((path[0] === "authors" || path[0] === "sources") && typeof path[1] === "number") {
      var row = rows[path[0]][path[1]];
      if (row) {
        var part = row.querySelector('[data-sub="' + (path[2] || "") + '"]');
        return part && !part.hidden ? part : row;
      }
    }
    for (var n = path.length; n > 0; n--) {
      var node = form.querySelector('.gb-field[data-path="' + path.slice(0, n).join(".") + '"]');
      if (node) { return node; }
    }
    return form.querySelector('.gb-field[data-path="' + path[0] + '"]') || form;
  }

  function clearErrors() {
    form.querySelectorAll(".gb-error").forEach(function (node) { node.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
      var described = (node.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id.indexOf("err-") !== 0; });
      if (described.length) { node.setAttribute("aria-describedby", described.join(" ")); } else { node.removeAttribute("aria-describedby"); }
    });
  }

  var errorCount = 0;

  function showError(problem, rows) {
    var box = target(problem.path, rows);
    var note = document.createElement("p");
    note.className = "gb-error";
    note.id = "err-" + (++errorCount);
    note.dataset.path = problem.path.join(".");
    note.textContent = problem.text;
    (problem.suggestions || []).forEach(function (name) {
      var pick = document.createElement("button");
      pick.type = "button";
      pick.className = "gb-suggestion";
      pick.textContent = name;
      pick.addEventListener("click", function () {
        field("province").value = name;
        check(false);
        field("province").focus();
      });
      note.appendChild(document.createTextNode(" "));
      note.appendChild(pick);
    });
    box.appendChild(note);
    var input = box.matches("input, select, textarea") ? box : box.querySelector("input:not([type=checkbox]), select, textarea, input");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    }
    return { note: note, input: input };
  }

  function check(fromSubmit) {
    state.checked = true;
    var collected = collect();
    var found = problems(collected);
    clearErrors();
    var summary = document.getElementById("gb-error-summary");
    var result = document.getElementById("gb-result");
    var shown = found.map(function (problem) { return showError(problem, collected.rows); });
    if (found.length) {
      summary.hidden = false;
      summary.textContent = "";
      var heading = document.createElement("p");
      heading.textContent = "Hồ sơ còn " + found.length + " lỗi. Sửa các mục được đánh dấu rồi bấm «Kiểm tra hồ sơ» lần nữa.";
      summary.appendChild(heading);
      var list = document.createElement("ul");
      shown.forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        var label = item.input && item.input.id ? form.querySelector('label[for="' + item.input.id + '"]') : null;
        link.href = "#" + (item.input && item.input.id ? item.input.id : item.note.id);
        link.textContent = (label ? label.textContent.replace("*", "").trim() + ": " : "") + item.note.firstChild.textContent;
        entry.appendChild(link);
        list.appendChild(entry);
      });
      summary.appendChild(list);
      result.hidden = true;
      state.result = null;
      if (fromSubmit) { summary.focus(); }
      return false;
    }
    summary.hidden = true;
    showResult(collected.record);
    if (fromSubmit) { result.scrollIntoView({ behavior: "smooth", block: "start" }); }
    return true;
  }

  function showResult(record) {
    var place = state.register.resolve(record.province, record.year);
    record.province = place.written;
    var slug = slugify(record.title);
    var folder = state.config.records_dir + "/" + place.unit.slug;
    var yaml = toYaml(record, state.config);
    state.result = { yaml: yaml, slug: slug, folder: folder, record: record };
    api.result = state.result;
    document.getElementById("gb-result-path").textContent = folder + "/" + slug + ".yml";
    document.getElementById("gb-yaml").textContent = yaml;
    var download = document.getElementById("gb-download");
    if (download.href.indexOf("blob:") === 0) { URL.revokeObjectURL(download.href); }
    download.href = URL.createObjectURL(new Blob([yaml], { type: "application/x-yaml;charset=utf-8" }));
    download.setAttribute("download", slug + ".yml");
    var github = document.getElementById("gb-github");
    var note = document.getElementById("gb-github-note");
    if (state.config.repo) {
      github.hidden = false;
      github.href = state.config.repo + "/new/" + encodeURIComponent(state.config.branch) + "/" + folder +
        "?filename=" + encodeURIComponent(slug + ".yml") + "&value=" + encodeURIComponent(yaml);
      note.textContent = "«Mở trên GitHub» cần tài khoản GitHub có quyền đề xuất thay đổi trong kho. Tên tệp và nội dung đã được điền sẵn; kiểm tra lại rồi bấm «Commit changes…».";
    } else {
      github.hidden = true;
      note.textContent = "Trang web chưa được cấu hình địa chỉ kho dữ liệu (repo_url): hãy tải tệp về rồi gửi lên GitHub.";
    }
    document.getElementById("gb-result").hidden = false;
  }
})();
