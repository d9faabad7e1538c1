// Drag-and-drop on the upload form. Only an enhancement: the plain file input stays visible
// and keyboard operable, and the form works without this script.
(function () {
  "use strict";
  function describe(files, target) {
    var names = Array.prototype.map.call(files, function (file) { return file.name; });
    target.textContent = names.length ? (document.documentElement.lang === "en" ? "Chosen: " : "Gekozen: ") + names.join(", ") : "";
  }
  function enhance(zone) {
    var input = zone.querySelector('input[type="file"]');
    var chosen = zone.querySelector("[data-koers-chosen]");
    if (!input || !window.DataTransfer) { return; }
    input.addEventListener("change", function () { describe(input.files, chosen); });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("koers-dropzone--active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("koers-dropzone--active"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      var merged = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { merged.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { merged.items.add(file); });
      input.files = merged.files;
      describe(input.files, chosen);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-koers-dropzone]").forEach(enhance);
  });
})();
