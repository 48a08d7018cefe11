// A "Print" button shown only when scripts run: it opens the browser's print dialogue.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
