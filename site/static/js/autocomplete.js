// Suggestions under the search boxes (an ARIA combobox with a listbox): popular searches, which
// run that search, and pages, which open that page. Arrow keys choose, Enter opens, Escape
// closes; Enter with nothing chosen searches for what was typed. Without this script the
// search works the same, just without suggestions.
(function () {
  "use strict";
  var DELAY = 200;
  var KIND_LABELS = { search: "Zoeken", page: "Pagina" };

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || !window.fetch) return;
    var listId = input.id + "-suggesties";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("search-form--autocomplete");
    form.append(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function choose(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index < 0) input.removeAttribute("aria-activedescendant");
      else input.setAttribute("aria-activedescendant", listId + "-" + index);
    }

    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) choose(-1);
    }

    function render(suggestions) {
      items = suggestions;
      list.replaceChildren.apply(list, items.map(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        var kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = KIND_LABELS[item.kind] + ": ";
        option.append(kind, item.title);
        // Keep the focus in the box: a click opens the suggestion, it does not blur first.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { window.location.assign(item.url); });
        return option;
      }));
      choose(-1);
      open(items.length > 0);
      status.textContent = items.length
        ? items.length + (items.length === 1 ? " suggestie" : " suggesties") + ", kies met de pijltjestoetsen"
        : "";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) {
        render([]);
        return;
      }
      timer = setTimeout(function () {
        var request = ++latest;
        fetch(form.dataset.autocomplete + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (request === latest) render(data.suggestions); })
          .catch(function () { render([]); });
      }, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose(Math.max(-1, Math.min(items.length - 1, active + step)));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        open(false);
      }
    });

    input.addEventListener("blur", function () { open(false); });
  }

  document.querySelectorAll("form[data-autocomplete]").forEach(enhance);
})();
