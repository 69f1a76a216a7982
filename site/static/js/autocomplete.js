// Title suggestions for the search boxes, as a native <datalist>: without this script the
// search works the same, just without suggestions.
(function () {
  "use strict";
  var DELAY = 200;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || !window.fetch) return;
    var list = document.createElement("datalist");
    list.id = input.id + "-suggesties";
    form.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var latest = 0;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        var request = ++latest;
        fetch(form.dataset.autocomplete + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (request !== latest) return;
            list.replaceChildren.apply(list, data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () { list.replaceChildren(); });
      }, DELAY);
    });
  }

  document.querySelectorAll("form[data-autocomplete]").forEach(enhance);
})();
