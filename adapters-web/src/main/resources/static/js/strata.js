// Console behaviour lives in this file (no inline scripts: the Content-Security-Policy forbids them).
document.addEventListener('DOMContentLoaded', () => {
  // htmx sends the CSRF token that the layout exposes in meta tags
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    document.body.addEventListener('htmx:configRequest', (event) => {
      event.detail.headers[header.content] = token.content;
    });
  }
  segmentChart();
  resultsChart();
});

// Share of customers against share of revenue per segment, in value order: the Pareto picture.
function segmentChart() {
  percentBars('segment-chart', (data) => [
    { label: '% of customers', data: data.customers, backgroundColor: '#9db9f2' },
    { label: '% of revenue', data: data.revenue, backgroundColor: '#2f6fde' }
  ]);
}

// A campaign's conversion (and, after a later run, migration) rate: treatment against control.
function resultsChart() {
  percentBars('results-chart', (data) => [
    { label: 'Treatment', data: data.treatment, backgroundColor: '#2f6fde' },
    { label: 'Control', data: data.control, backgroundColor: '#9db9f2' }
  ]);
}

// A bar chart in percent from the canvas's data-chart attribute (the server's JSON); marks the canvas when drawn.
function percentBars(canvasId, datasets) {
  const canvas = document.getElementById(canvasId);
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(canvas.dataset.chart);
  new Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: datasets(data) },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => v + '%' } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });
  canvas.dataset.rendered = 'true';
}
