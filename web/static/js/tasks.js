// Optional enhancements of the desk; every page works without them.
"use strict";

// Ask before an irreversible completion, and make a second click harmless.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.value === "complete" && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
});

// A page the browser brings back from its history (Back) keeps the mark of the form sent from it;
// the form must take a submission again.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) {
    document.querySelectorAll("form[data-confirm], form[data-once]").forEach((form) => {
      delete form.dataset.sent;
    });
  }
});

// Bring the summary of field errors into view and focus, so it is read out first.
const summary = document.getElementById("form-errors");
if (summary) {
  summary.focus();
}

// A second click on a form that registers something sends nothing more.
document.querySelectorAll("form[data-once]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.hasAttribute("formaction")) {
      return;
    }
    if (form.dataset.sent === "1") {
      event.preventDefault();
    }
    form.dataset.sent = "1";
  });
});
