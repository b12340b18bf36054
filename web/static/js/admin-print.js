// The print view's button opens the browser's print dialogue (the page is laid out for A4).
(() => {
  'use strict';
  const button = document.getElementById('print-button');
  if (button) button.addEventListener('click', () => window.print());
})();
