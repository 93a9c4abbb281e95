// Names the admin's widgets carry for every reader, whenever the libraries build them:
// - the translation tabs (modeltranslation) name each language in the reader's language ("العربية"), as their
//   title does, instead of showing its code ("ar");
// - an autocomplete box (select2) and the text it shows are named by the field's label as well as by the
//   choice shown, so that neither is nameless while the field is empty.
(function () {
  function nameTabs(root) {
    root.querySelectorAll(".ui-tabs-nav a[title]").forEach(function (link) {
      if (link.textContent !== link.title) link.textContent = link.title;
    });
  }

  function labelledBy(element, labelId) {
    var ids = (element.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (ids.indexOf(labelId) === -1) element.setAttribute("aria-labelledby", [labelId].concat(ids).join(" "));
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (!label) return;
      if (!label.id) label.id = select.id + "-label";
      select.parentElement.querySelectorAll('.select2-selection[role="combobox"], .select2-selection__rendered[role]')
        .forEach(function (element) { labelledBy(element, label.id); });
    });
  }

  function name() {
    nameTabs(document);
    nameAutocompletes(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    name();
    new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  });
})();
