/* Reading preferences: text size (A−, A, A+) and high contrast, kept in localStorage.
   Loaded synchronously in <head> so that the saved choice applies before the first paint;
   it marks <html class="js"> so that the controls (hidden without JavaScript) appear. */
(function () {
  "use strict";
  var root = document.documentElement;
  var MIN = -1;
  var MAX = 3;
  var SIZE_KEY = "portal.fontSize";
  var CONTRAST_KEY = "portal.contrast";

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (error) { /* storage refused (private mode): the choice lasts for this page only */ }
  }

  var size = parseInt(read(SIZE_KEY), 10);
  if (isNaN(size) || size < MIN || size > MAX) { size = 0; }
  var contrast = read(CONTRAST_KEY) === "high";

  function apply() {
    if (size) { root.setAttribute("data-font-size", String(size)); } else { root.removeAttribute("data-font-size"); }
    if (contrast) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
    var buttons = document.querySelectorAll("[data-font-step]");
    for (var i = 0; i < buttons.length; i++) {
      var step = buttons[i].getAttribute("data-font-step");
      var stuck = (step === "-1" && size <= MIN) || (step === "1" && size >= MAX) || (step === "0" && size === 0);
      buttons[i].setAttribute("aria-disabled", stuck ? "true" : "false");
    }
    var toggles = document.querySelectorAll("[data-contrast-toggle]");
    for (var j = 0; j < toggles.length; j++) { toggles[j].setAttribute("aria-pressed", contrast ? "true" : "false"); }
  }

  root.classList.add("js");
  apply();

  // Delegated, so that it works for controls parsed after this script.
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    var sizeButton = target.closest("[data-font-step]");
    if (sizeButton) {
      var step = parseInt(sizeButton.getAttribute("data-font-step"), 10);
      var next = step === 0 ? 0 : Math.min(MAX, Math.max(MIN, size + step));
      if (next !== size) {
        size = next;
        write(SIZE_KEY, size ? String(size) : null);
        apply();
      }
      return;
    }
    if (target.closest("[data-contrast-toggle]")) {
      contrast = !contrast;
      write(CONTRAST_KEY, contrast ? "high" : null);
      apply();
    }
  });
  document.addEventListener("DOMContentLoaded", apply);
  // Another tab changed the preference: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === SIZE_KEY) { size = parseInt(event.newValue, 10) || 0; apply(); }
    if (event.key === CONTRAST_KEY) { contrast = event.newValue === "high"; apply(); }
  });
})();
