/* Council preview builds only: the site opened from a file (the unzipped artifact, file://).
 *
 * Browsers refuse fetch() and XMLHttpRequest of local files. The preview build writes every JSON
 * file the pages read also as a script (X.json → X.json.js, goldenbook.site.offline) that calls
 * goldenbookFiles.deliver(data); goldenbookFiles.read(url) loads it with a <script> element,
 * which browsers allow from files. search.js and the nomination form read their data through it
 * when it is there. Loaded in <head>, before the scripts that read data.
 *
 * What cannot work from a file says so: a record's citation and share links need the public
 * address, which a page opened from a file does not have.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  var waiting = {}; // script URL → { resolve, reject } while it loads
  var read = {};    // script URL → its promise (each file is read once; a failure may be tried again)

  window.goldenbookFiles = {
    /** The data of the JSON file at `url` (absolute or relative to the page), as a promise. */
    read: function (url) {
      var script = document.createElement("script");
      script.src = new URL(url, document.baseURI).href.split(/[?#]/)[0] + ".js";
      var key = script.src;
      if (read[key]) return read[key];
      read[key] = new Promise(function (resolve, reject) {
        waiting[key] = { resolve: resolve, reject: reject };
        script.onload = function () {
          if (waiting[key]) reject(new Error("no data in " + key));
          delete waiting[key];
          script.remove();
        };
        script.onerror = function () {
          delete waiting[key];
          script.remove();
          reject(new Error("cannot read " + key));
        };
        document.head.appendChild(script);
      });
      read[key].catch(function () { delete read[key]; });
      return read[key];
    },
    /** Called by a data script while it runs. */
    deliver: function (data) {
      var current = document.currentScript;
      var entry = current && waiting[current.src];
      if (!entry) return;
      delete waiting[current.src];
      entry.resolve(data);
    }
  };

  var NO_ADDRESS = "Bản xem trước đang mở từ tệp trên máy nên chưa có địa chỉ công khai: " +
    "liên kết chia sẻ và địa chỉ trong trích dẫn chỉ có trên trang đã công bố.";

  function explain() {
    if (!document.querySelector("[data-gb-url]")) return; // the public address was known at build time
    document.querySelectorAll("[data-gb-url]").forEach(function (span) {
      span.textContent = " [địa chỉ trang khi được công bố]";
    });
    document.querySelectorAll("[data-gb-share]").forEach(function (block) {
      var list = block.querySelector("ul");
      if (list) list.hidden = true;
      var note = document.createElement("p");
      note.className = "gb-offline-note";
      note.textContent = NO_ADDRESS;
      block.appendChild(note);
      block.hidden = false;
    });
  }

  // after the deferred scripts (share.js fills in the page's own address, here a file path)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", explain);
  else explain();
})();
