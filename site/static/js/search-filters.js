// On a wide screen the search filters stand beside the results: open them there. Without this
// script they are one click away, behind their summary.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 56rem)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();
