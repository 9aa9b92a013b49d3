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
  if (typeof htmx !== 'undefined') {
    // a form sent back with its errors (422) replaces the form, like a 200 would
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '422', swap: true },
      { code: '[45]..', swap: false, error: true }
    ];
  }
  segmentChart();
  resultsChart();
  importProgress();
  ruleCompletions();
});

// A suggestion of the tactical builder replaces the word being typed at the end of the rule, then the rule is checked again.
function ruleCompletions() {
  document.body.addEventListener('click', (event) => {
    const button = event.target.closest('button.completion');
    const rule = document.getElementById('rule');
    if (!button || !rule) {
      return;
    }
    const prefix = button.dataset.prefix || '';
    const text = rule.value;
    const base = text.endsWith(prefix) ? text.slice(0, text.length - prefix.length) : text;
    rule.value = base + button.dataset.complete;
    rule.focus();
    rule.setSelectionRange(rule.value.length, rule.value.length);
    htmx.trigger(rule, 'keyup');
  });
}

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

// The upload page: the bar follows the bytes sent (htmx:xhr:progress); once they are all sent, the server imports
// while the request is still open, and the import's own record is polled for the rows read so far. The server then
// answers with HX-Redirect to the report. Listeners sit on the body because a refused form is swapped for a new one.
function importProgress() {
  let polling = null;
  const stop = () => {
    clearInterval(polling);
    polling = null;
  };
  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (event.target.id === 'import-form') {
      document.getElementById('import-progress').hidden = false;
    }
  });
  document.body.addEventListener('htmx:xhr:progress', (event) => {
    const form = event.target;
    if (form.id !== 'import-form' || polling || !event.detail.lengthComputable) {
      return;
    }
    const percent = Math.round(100 * event.detail.loaded / event.detail.total);
    document.getElementById('upload-progress').value = percent;
    document.getElementById('upload-status').textContent = 'Sending the file: ' + percent + '%';
    if (event.detail.loaded >= event.detail.total) {
      document.getElementById('upload-status').textContent = 'Sent. Importing…';
      const poll = () => htmx.ajax('GET', form.dataset.progressUrl, { target: '#import-status', swap: 'innerHTML' });
      poll();
      polling = setInterval(poll, 1000);
    }
  });
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (event.target.id === 'import-form') {
      stop();
    }
  });
}
