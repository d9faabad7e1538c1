// Move keyboard and screen-reader focus to the error summary when a form came back with errors.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.getElementById("foutoverzicht");
  if (summary) { summary.focus(); }
});
