// Tick every instance on the page at once, and say how many are ticked.
(() => {
  'use strict';
  const all = document.getElementById('tick-all');
  const boxes = [...document.querySelectorAll('input[name="ids"]')];
  const count = document.getElementById('selected-count');
  if (!all || !count) return;
  const update = () => {
    const ticked = boxes.filter((box) => box.checked).length;
    count.textContent = ticked ? ' · ' + count.dataset.template.replace('{count}', ticked) : '';
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  };
  all.addEventListener('change', () => {
    for (const box of boxes) box.checked = all.checked;
    update();
  });
  for (const box of boxes) box.addEventListener('change', update);
  update();
})();
