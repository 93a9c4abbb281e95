/* Follows work done by the workers (a letter's PDFs, a batch of personalised letters) without reloading:
 * an element with data-progress="URL of a JSON status" is updated from it every few seconds, its
 * [data-progress-message] (a polite live region) reads the new status, and the page is reloaded once the
 * work is finished so that its links appear. Without this file the page says how to refresh it. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-progress]");
    if (!box || box.getAttribute("data-finished") === "true") { return; }
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-progress-message]");
    function ask() {
      fetch(box.getAttribute("data-progress"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (status) {
          if (bar && typeof status.total === "number") {
            bar.max = Math.max(status.total, 1);
            bar.value = status.done + status.failed;
            bar.textContent = status.percent + "%";
          }
          if (text && status.message && text.textContent !== status.message) { text.textContent = status.message; }
          if (status.finished || status.stopped) { window.location.reload(); return; }
          window.setTimeout(ask, 1500);
        })
        .catch(function () { window.setTimeout(ask, 5000); });
    }
    window.setTimeout(ask, 1000);
  });
})();
