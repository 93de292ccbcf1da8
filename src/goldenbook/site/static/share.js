/* Sách vàng Sáng tạo Việt Nam: cite, share and print buttons (record pages, print pages).
 *
 * Progressive enhancement only: without this script the citation is plain text to select, the
 * share links are plain links (when the site's address is known at build time) and the browser's
 * own Print command prints the book. With it:
 *   - the page's own address completes a citation and share links built without the site's
 *     address (GOLDENBOOK_SITE_URL unset, e.g. a local preview);
 *   - "Sao chép trích dẫn" copies the citation (Clipboard API);
 *   - "Chia sẻ…" opens the phone's share sheet (Web Share API: Zalo, Messenger, …);
 *   - "In hoặc lưu PDF" opens the print dialog.
 * No request leaves the page.
 */
(function () {
  "use strict";
  var here = location.href.split("#")[0];

  document.querySelectorAll("[data-gb-url]").forEach(function (span) {
    if (!span.textContent.trim()) span.textContent = " " + here;
  });

  document.querySelectorAll("[data-gb-share][data-gb-pending]").forEach(function (block) {
    block.querySelectorAll("a[href]").forEach(function (link) {
      link.href = link.getAttribute("href").split("%7Burl%7D").join(encodeURIComponent(here));
    });
    block.removeAttribute("data-gb-pending");
    block.hidden = false;
  });

  document.querySelectorAll("[data-gb-cite]").forEach(function (block) {
    var button = block.querySelector("[data-gb-copy]");
    var text = block.querySelector("[data-gb-cite-text]");
    var status = block.querySelector("[role=status]");
    if (!button || !text || !(navigator.clipboard && navigator.clipboard.writeText)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim()).then(function () {
        if (status) status.textContent = "Đã sao chép.";
      }, function () {
        if (status) status.textContent = "Không sao chép được — hãy chọn và sao chép đoạn văn trên.";
      });
    });
  });

  document.querySelectorAll("[data-gb-native-share]").forEach(function (button) {
    if (typeof navigator.share !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.getAttribute("data-title") || document.title, url: here })
        .catch(function () { /* closed by the reader */ });
    });
  });

  document.querySelectorAll("[data-gb-print]").forEach(function (button) {
    if (typeof window.print !== "function") return;
    button.hidden = false;
    button.onclick = function () { window.print(); };  // an assignment: the council script may set the same one
  });
})();
