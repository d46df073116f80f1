/* Type-ahead for the search boxes (form[role=search] input[name=q]): the ARIA 1.2 combobox
   pattern over GET /api/search/suggest/?q=. Without JavaScript the boxes are plain forms.
   Requests are debounced and a newer keystroke aborts the one in flight. */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-suggest-url")) || "/api/search/suggest/";
  var labels = {};
  try { labels = JSON.parse((script && script.getAttribute("data-type-labels")) || "{}"); } catch (error) { labels = {}; }
  var DELAY = 200;
  var MIN_LENGTH = 2;
  var counter = 0;

  function enhance(input) {
    var form = input.form;
    counter += 1;
    var id = (input.id || "search-box-" + counter) + "-suggestions";
    var list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý tìm kiếm");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("search-box--suggest");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function setActive(index) {
      if (active >= 0 && list.children[active]) { list.children[active].setAttribute("aria-selected", "false"); }
      active = index;
      if (active >= 0 && list.children[active]) {
        var option = list.children[active];
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        if (option.scrollIntoView) { option.scrollIntoView({ block: "nearest" }); }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function open() {
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function render(suggestions) {
      items = suggestions;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.className = "suggestions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "suggestions__title";
        title.textContent = item.title;
        option.appendChild(title);
        if (labels[item.type]) {
          var kind = document.createElement("span");
          kind.className = "suggestions__type";
          kind.textContent = labels[item.type];
          option.appendChild(kind);
        }
        list.appendChild(option);
      });
      status.textContent = suggestions.length ? suggestions.length + " gợi ý, dùng phím mũi tên để chọn." : "";
      if (suggestions.length) { open(); } else { close(); }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { open(); return; }
      if (controller) { controller.abort(); }
      if (query.length < MIN_LENGTH) { lastQuery = null; render([]); return; }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var mine = controller;
      window.fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: mine ? mine.signal : undefined,
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (body) {
        if (mine !== controller) { return; }  // a newer request replaced this one
        lastQuery = query;
        render(Array.isArray(body.suggestions) ? body.suggestions : []);
      }).catch(function () {
        // Aborted or failed: the box stays a plain search form.
      });
    }

    function go(index) {
      var item = items[index];
      if (item && item.url) { window.location.assign(item.url); }
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) { open(); if (list.hidden) { fetchSuggestions(); } return; }
        setActive(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!expanded) { return; }
        event.preventDefault();
        setActive(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) { event.preventDefault(); go(active); }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); } else if (input.value) { event.preventDefault(); input.value = ""; lastQuery = null; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    // mousedown keeps the focus in the box, so that blur does not close the list first.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { go(Array.prototype.indexOf.call(list.children, option)); }
    });
  }

  function start() {
    if (typeof window.fetch !== "function") { return; }
    var inputs = document.querySelectorAll("form[role=search] input[name=q]");
    for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
