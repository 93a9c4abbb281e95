/* The phase of an edition is picked among those its process declares: once a process is chosen, its key
 * select (same name, ending in "key" instead of "process") offers only that process's phases. Works for the
 * phase form and for each row of the edition's phases, rows added later included. Without this file every
 * process's phases are offered, grouped by process, and the server refuses a phase of another process. */
(function () {
  "use strict";
  function keySelectOf(processSelect) {
    var name = processSelect.name.replace(/process$/, "key");
    return processSelect.form ? processSelect.form.querySelector('select[name="' + name + '"][data-phase-key]') : null;
  }
  function filter(processSelect) {
    var keys = keySelectOf(processSelect);
    if (!keys) { return; }
    var process = processSelect.value;
    Array.prototype.forEach.call(keys.querySelectorAll("option[data-process]"), function (option) {
      var other = process !== "" && option.getAttribute("data-process") !== process;
      option.hidden = other;
      option.disabled = other;
      if (other && option.selected) { keys.value = ""; }
    });
    Array.prototype.forEach.call(keys.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.tagName === "SELECT" && /process$/.test(target.name)) { filter(target); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[name$='process']"), filter);
  });
})();
