/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // Tell the server the reader's time zone so that deadlines are also shown in it (next page onwards).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var current = document.cookie.match(/(?:^|; )wsis_tz=([^;]*)/);
    // IANA names (letters, digits, "/", "_", "+", "-") are safe in a cookie as they are.
    if (zone && /^[A-Za-z0-9\/_+-]+$/.test(zone) && (!current || current[1] !== zone)) {
      document.cookie = "wsis_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* an old browser: Geneva time only */ }
  // Move the focus to the list of errors so that screen readers announce it and keyboards start there.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
  // On a phone the stocktaking search's filters fold under their button, so that the results come first;
  // wider screens show them beside the results (the stylesheet hides the button there).
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.querySelector("[data-fold-on-phone]");
    if (!filters || !window.matchMedia) { return; }
    var phone = window.matchMedia("(max-width: 40rem)");
    var fold = function () { filters.open = !phone.matches; };
    fold();
    phone.addEventListener("change", fold);
  });
})();
