// Move keyboard and screen-reader focus to the error summary when a form came back with errors.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.getElementById("foutoverzicht");
  if (summary) { summary.focus(); }
});

// On a phone the header folds its tools and main menu behind one button (CSS shows the button
// only on narrow screens); without JavaScript the button stays hidden and the links visible.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var button = document.querySelector(".koers-menu-button");
  if (!button) { return; }
  var header = button.closest(".koers-header");
  header.classList.add("koers-header--folding");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("koers-header--open", open);
  });
});
