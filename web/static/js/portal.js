// Optional enhancement of the portal's petition form; the form works without it.
"use strict";

// Refuse files of a kind that cannot be attached, or too large, before the form is sent: a body
// larger than the server takes is answered with an error page, and everything typed into the form
// would be lost with it.
document.querySelectorAll("input[type=file][data-max-file]").forEach((input) => {
  const form = input.form;
  const message = document.getElementById(input.dataset.sizeMessage);
  const check = () => {
    const files = Array.from(input.files);
    const kinds = (input.dataset.kinds || "").split(",").filter(Boolean);
    const wrong = files.map((file) => file.name)
      .filter((name) => kinds.length && !kinds.some((kind) => name.toLowerCase().endsWith(kind)));
    const large = files.filter((file) => file.size > Number(input.dataset.maxFile)).map((file) => file.name);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let text = "";
    if (wrong.length) {
      text = input.dataset.wrongKind.replace("{files}", wrong.join(", "));
    } else if (large.length) {
      text = input.dataset.tooLarge.replace("{files}", large.join(", "));
    } else if (total > Number(input.dataset.maxTotal)) {
      text = input.dataset.tooMuch;
    }
    input.setCustomValidity(text);
    message.textContent = text;
    message.hidden = !text;
    if (text) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    return !text;
  };
  input.addEventListener("change", check);
  // "Add another petitioner" skips the browser's validation, so the form checks for itself.
  form.addEventListener("submit", (event) => {
    if (!check()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      input.focus();
    }
  }, true);
});
