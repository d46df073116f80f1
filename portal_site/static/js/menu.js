/* The main menu on narrow screens: collapsed behind its button once JavaScript runs.
   Without JavaScript the button stays hidden and the menu is simply shown (portal.css). */
(function () {
  "use strict";
  function toggle(button, open) {
    var nav = button.closest(".main-nav");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (nav) { nav.classList.toggle("main-nav--open", open); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".main-nav__toggle");
    if (button) { toggle(button, button.getAttribute("aria-expanded") !== "true"); }
  });
  // Escape inside the open menu closes it and returns to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) { return; }
    var nav = event.target.closest(".main-nav--open");
    var button = nav && nav.querySelector(".main-nav__toggle");
    if (button) { toggle(button, false); button.focus(); }
  });
})();
