// The newsletter's theme choice: ticking a theme chooses "alleen de thema's die ik aanvink",
// choosing "alle thema's" clears the ticks. Without this script the form reports a mix instead.
(function () {
  "use strict";

  function enhance(group) {
    var all = group.querySelector('input[type="radio"][value="alle"]');
    var chosen = group.querySelector('input[type="radio"][value="gekozen"]');
    var themes = group.querySelectorAll('input[type="checkbox"]');
    if (!all || !chosen) return;
    themes.forEach(function (theme) {
      theme.addEventListener("change", function () {
        if (theme.checked) chosen.checked = true;
      });
    });
    all.addEventListener("change", function () {
      if (all.checked) themes.forEach(function (theme) { theme.checked = false; });
    });
  }

  document.querySelectorAll("[data-theme-choice]").forEach(enhance);
})();
