// Say so plainly when an autosave did not reach the server; sending the form later still saves every answer.
(function () {
  "use strict";
  function notSaved(event) {
    var region = document.getElementById("answer-progress");
    if (!region || !region.contains(event.detail.target)) { return; }
    var note = region.querySelector(".grundlag-answer-offline");
    if (!note) {
      note = document.createElement("p");
      note.className = "form-error-message grundlag-answer-offline";
      region.appendChild(note);
    }
    var saved = region.querySelector(".grundlag-answer-saved");
    if (saved) { saved.remove(); }
    note.textContent = region.dataset.notSaved;
  }
  document.addEventListener("htmx:sendError", notSaved);
  document.addEventListener("htmx:responseError", notSaved);
})();
