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
});

// Share of customers against share of revenue per segment, in value order: the Pareto picture.
function segmentChart() {
  const canvas = document.getElementById('segment-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(canvas.dataset.chart);
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: '% of customers', data: data.customers, backgroundColor: '#9db9f2' },
        { label: '% of revenue', data: data.revenue, backgroundColor: '#2f6fde' }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => v + '%' } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });
  canvas.dataset.rendered = 'true';
}
