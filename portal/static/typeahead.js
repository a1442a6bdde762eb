/* Type-ahead for vocabulary fields, following the WAI-ARIA combobox pattern (list popup).
 * It enhances plain text inputs marked data-typeahead="<kind>"; without this script the
 * typed text is resolved on save, so every form works without it.
 * The <script> tag carries the endpoint (data-url, with KIND as placeholder) and the
 * translated announcements (data-found, data-none). Fields with data-typeahead-list take
 * several comma-separated values: a choice replaces only the term being typed. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) { return; }
  var urlTemplate = script.getAttribute("data-url");
  var textFound = script.getAttribute("data-found") || "";
  var textNone = script.getAttribute("data-none") || "";
  var counter = 0;

  function currentTerm(input, several) {
    if (!several) { return input.value.trim(); }
    var parts = input.value.split(/[,;]/);
    return parts[parts.length - 1].trim();
  }

  function replaceTerm(input, several, label) {
    if (!several) { input.value = label; return; }
    var value = input.value;
    var cut = Math.max(value.lastIndexOf(","), value.lastIndexOf(";"));
    var head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
    input.value = head + label + ", ";
  }

  function enhance(input) {
    counter += 1;
    var kind = input.getAttribute("data-typeahead");
    var several = input.hasAttribute("data-typeahead-list");
    var listId = "typeahead-list-" + counter;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    list.id = listId;
    list.className = "typeahead-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.insertBefore(status, list.nextSibling);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      if (index < 0 || index >= items.length) { return; }
      replaceTerm(input, several, items[index].label);
      close();
      input.focus();
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); /* keep focus in the input */
          choose(index);
        });
        list.appendChild(option);
      });
      status.textContent = found.length ? textFound : textNone;
      if (found.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    function ask() {
      var term = currentTerm(input, several);
      if (term.length < 2) { close(); return; }
      asked += 1;
      var mine = asked;
      var url = urlTemplate.replace("KIND", encodeURIComponent(kind)) +
        "?q=" + encodeURIComponent(term);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) { if (mine === asked) { show(data.items || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { ask(); return; }
        highlight(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault(); /* choose, do not submit the form */
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-typeahead]"), enhance);
})();
