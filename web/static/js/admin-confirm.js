// Ask before the console does what cannot be undone, and make a second click send nothing more.
// Every form works without this script; it only adds the question and the guard.
(() => {
  'use strict';
  const forms = document.querySelectorAll('form[data-confirm], form.action-form, #batch-form');
  // A page the browser brings back from its history keeps the mark of the form sent from it.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) for (const form of forms) delete form.dataset.sent;
  });
  for (const form of forms) {
    form.addEventListener('submit', (event) => {
      if (form.dataset.sent === '1') {
        event.preventDefault();
        return;
      }
      let question = form.dataset.confirm;
      const action = form.querySelector('select[name="action"]');
      if (action) {  // the batch form: only the actions it names are asked about
        const asked = (form.dataset.confirmActions || '').split(' ');
        const ticked = form.querySelectorAll('input[name="ids"]:checked').length;
        question = asked.includes(action.value)
          ? form.dataset.confirmBatch.replace('{count}', ticked).replace('{action}',
            action.options[action.selectedIndex].text)
          : '';
      }
      if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = '1';
    });
  }
})();
