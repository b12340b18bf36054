// Draw each dashboard chart from the settings in its canvas's data-chart (the table beside it holds
// the same figures for people who read tables or use a screen reader).
(() => {
  'use strict';
  if (!window.Chart) return;
  const PALETTE = ['#1e5bb8', '#b71c1c', '#1b7f3b', '#b25e09', '#6b4fbb', '#00838f', '#795548', '#5f6b7a'];
  const font = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", system-ui, sans-serif';
  Chart.defaults.font.family = font;
  Chart.defaults.color = '#1f2933';

  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const spec = JSON.parse(canvas.dataset.chart);
    const horizontal = Boolean(spec.horizontal);
    const single = spec.datasets.length === 1;
    const datasets = spec.datasets.map((set, index) => ({
      label: set.label,
      data: set.data,
      backgroundColor: single && !horizontal ? PALETTE[0] : PALETTE[index % PALETTE.length],
      borderRadius: 3,
      maxBarThickness: 42,
    }));
    if (horizontal) canvas.parentElement.style.height = `${Math.max(200, 34 * spec.labels.length + 70)}px`;
    const value = horizontal ? 'x' : 'y';
    const scales = {
      x: { stacked: Boolean(spec.stacked), grid: { display: horizontal } },
      y: { stacked: Boolean(spec.stacked), grid: { display: !horizontal } },
    };
    scales[value].beginAtZero = true;
    scales[value].ticks = { precision: 0 };
    if (spec.percent) {
      scales[value].max = 100;
      scales[value].ticks.callback = (tick) => `${tick}%`;
    }
    canvas.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.labels, datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales,
        plugins: { legend: { display: !single, position: 'bottom' } },
      },
    });
    canvas.closest('figure').dataset.state = 'ready';
  }
})();
