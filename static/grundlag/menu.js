// The main menu collapses behind a "Menu" button on a narrow screen. Without this script the menu is
// simply shown; with it, the button (a disclosure: aria-expanded, aria-controls) opens and closes it.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 767px)");
  function setUp() {
    var button = document.querySelector(".grundlag-menu-toggle");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.hidden = !open;
    }
    function fit() {
      button.hidden = !phone.matches;
      show(!phone.matches);
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && phone.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
    phone.addEventListener("change", fit);
    fit();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
