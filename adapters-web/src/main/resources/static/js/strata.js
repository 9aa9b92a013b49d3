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
  conversionsChart();
  importProgress();
  ruleCompletions();
  filePreview();
  trendCharts();
});

// The tactical builder: the server is told where the cursor is (completions and value hints are for that place), and
// a suggestion replaces the word or value being typed at the cursor, not at the end; then the rule is checked again.
function ruleCompletions() {
  const remember = (event) => {
    const cursor = document.getElementById('rule-cursor');
    if (event.target.id === 'rule' && cursor) {
      cursor.value = event.target.selectionStart;
    }
  };
  ['keyup', 'click', 'select', 'input'].forEach((type) => document.body.addEventListener(type, remember));
  document.body.addEventListener('click', (event) => {
    const button = event.target.closest('button.completion');
    const rule = document.getElementById('rule');
    if (!button || !rule) {
      return;
    }
    const at = rule.selectionStart === null || rule.selectionStart === undefined ? rule.value.length : rule.selectionStart;
    const before = rule.value.slice(0, at);
    let after = rule.value.slice(at);
    const prefix = button.dataset.prefix || '';
    const complete = button.dataset.complete;
    const base = before.endsWith(prefix) ? before.slice(0, before.length - prefix.length) : before;
    if (complete.endsWith('"') && after.startsWith('"')) {
      after = after.slice(1);
    }
    rule.value = base + complete + after;
    const position = (base + complete).length;
    rule.focus();
    rule.setSelectionRange(position, position);
    const cursor = document.getElementById('rule-cursor');
    if (cursor) {
      cursor.value = position;
    }
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

// A campaign's conversions since the launch: the share of each group converted so far, per UTC day, with the counts
// ("3 of 21") in the tooltip.
function conversionsChart() {
  const canvas = document.getElementById('conversions-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(canvas.dataset.chart);
  const soFar = [data.treatmentSoFar, data.controlSoFar];
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Treatment, converted so far', data: data.treatment, borderColor: '#2f6fde', backgroundColor: '#2f6fde', stepped: true },
        { label: 'Control, converted so far', data: data.control, borderColor: '#6e7781', backgroundColor: '#6e7781', borderDash: [6, 4],
          stepped: true }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => v + '%' } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => item.dataset.label + ': ' + item.formattedValue + '% (' + soFar[item.datasetIndex][item.dataIndex] + ')' } }
      }
    }
  });
  canvas.dataset.rendered = 'true';
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
// answers with HX-Redirect to the report. Listeners sit on the body because a refused form is swapped for a new one;
// they tell the upload's events by the element that sent the request (after a swap the form is no longer in the page).
function importProgress() {
  let polling = null;
  const stop = () => {
    clearInterval(polling);
    polling = null;
  };
  const poll = (form) => {
    stop();
    const ask = () => {
      if (document.getElementById('import-report-link')) {
        stop();
        return;
      }
      htmx.ajax('GET', form.dataset.progressUrl, { target: '#import-status', swap: 'innerHTML' });
    };
    ask();
    polling = setInterval(ask, 1000);
  };
  const upload = (event) => {
    const config = event.detail && event.detail.requestConfig;
    const elt = config ? config.elt : event.target;
    return elt && elt.id === 'import-form' ? elt : null;
  };
  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (upload(event)) {
      document.getElementById('import-progress').hidden = false;
      document.getElementById('upload-failed').hidden = true;
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
      poll(form);
    }
  });
  // An answer that is not the report (HX-Redirect) nor the form with its errors (422): Strata's form refused for
  // another reason (429, too many imports at once) is shown as any refused form; anything else is told in words below.
  document.body.addEventListener('htmx:beforeSwap', (event) => {
    const form = upload(event);
    const status = event.detail.xhr.status;
    if (!form || status < 400 || status === 422) {
      return;
    }
    const answer = new DOMParser().parseFromString(event.detail.xhr.responseText || '', 'text/html');
    if (answer.getElementById('import-form')) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      return;
    }
    event.detail.shouldSwap = false;
    uploadFailed(form, status, answer);
  });
  document.body.addEventListener('htmx:sendError', (event) => {
    const form = upload(event);
    if (form) {
      uploadFailed(form, 0, null);
    }
  });
  document.body.addEventListener('htmx:afterRequest', (event) => {
    const form = upload(event);
    if (!form) {
      return;
    }
    stop();
    // a proxy gave up waiting, or the connection broke after the file was sent: the import may well go on on the
    // server, so its record is followed until it ends and links to its report
    const status = event.detail.xhr.status;
    if ((status === 0 || status === 502 || status === 504) && document.getElementById('upload-progress').value >= 100) {
      poll(form);
    }
  });
}

// What the user reads when the upload's answer is neither the report nor the form: a page of Strata's own (its title
// and first message, e.g. the database unavailable), else what a proxy in front of Strata or the network did, by status.
function uploadFailed(form, status, answer) {
  const sent = document.getElementById('upload-progress').value >= 100;
  const heading = answer && answer.querySelector('main h1');
  const said = answer && answer.querySelector('main [role="alert"], main .alert, main h1 + p');
  let text;
  if (heading && said && heading.textContent.trim() !== '') {
    text = heading.textContent.trim() + ': ' + said.textContent.trim();
  } else if (status === 413) {
    text = 'The file was refused before it reached Strata (HTTP 413 from a proxy in front of it, whose body limit is lower than '
      + 'Strata\'s). Nothing was imported. Ask whoever runs the proxy to raise its limit (nginx: client_max_body_size 0), '
      + 'or send the file to the import API.';
  } else if (status === 502 || status === 504 || status === 0) {
    text = (status === 0 ? 'The connection to Strata broke' : 'A proxy in front of Strata stopped waiting for its answer (HTTP ' + status + ')')
      + (sent ? '. The import may go on on the server: its progress is shown below until it ends, and the import list has it.'
        : ' before the file was sent. Nothing was imported: send it again.');
  } else {
    text = 'The upload was answered with HTTP ' + status + ' by something other than Strata. See the import list for whether it '
      + 'was imported before you send it again.';
  }
  const failed = document.getElementById('upload-failed');
  failed.textContent = text + ' ';
  const list = document.createElement('a');
  list.href = form.getAttribute('action').split('?')[0];
  list.textContent = 'Imports';
  failed.append(list);
  failed.hidden = false;
  document.getElementById('upload-status').textContent = sent ? 'Sent; no answer from Strata.' : 'Not sent.';
}

// The upload page, before anything is sent: the first rows of the chosen file as a table, and the entity its header
// looks like (the same clues as the server's FileShape), with a warning and a one-click fix when another is chosen.
function filePreview() {
  document.body.addEventListener('change', async (event) => {
    if (event.target.id !== 'file' && event.target.name !== 'entity' && event.target.id !== 'charset') {
      return;
    }
    const input = document.getElementById('file');
    const preview = document.getElementById('file-preview');
    if (!input || !preview || !input.files || input.files.length === 0) {
      return;
    }
    // read in the charset chosen on the form, as the server will (a label the browser does not know: UTF-8)
    const charset = document.getElementById('charset');
    const bytes = await input.files[0].slice(0, 65536).arrayBuffer();
    let text;
    try {
      text = new TextDecoder(charset ? charset.value : 'utf-8').decode(bytes);
    } catch (e) {
      text = new TextDecoder().decode(bytes);
    }
    const rows = csvRows(text, 6);
    preview.replaceChildren();
    if (rows.length === 0) {
      preview.append(paragraph('The file is empty.', 'warning'));
      return;
    }
    const header = rows[0].map((h) => h.trim().toLowerCase());
    const looks = entityOf(header);
    const chosen = document.querySelector('input[name="entity"]:checked');
    const heading = paragraph(looks ? 'The header looks like ' + looks + '.' : 'The header looks like no known file: it needs customer_id.', looks ? 'hint' : 'warning');
    heading.id = 'preview-entity';
    heading.dataset.entity = looks || '';
    preview.append(heading);
    if (looks && chosen && chosen.value !== looks) {
      const warning = paragraph('You chose ' + chosen.value + ', but the header looks like ' + looks + '. ', 'warning');
      warning.id = 'preview-mismatch';
      warning.setAttribute('role', 'alert');
      const fix = document.createElement('button');
      fix.type = 'button';
      fix.className = 'secondary';
      fix.id = 'preview-fix';
      fix.textContent = 'Import as ' + looks;
      fix.addEventListener('click', () => {
        const radio = document.getElementById('entity-' + looks);
        radio.checked = true;
        radio.dispatchEvent(new Event('change', { bubbles: true }));
      });
      warning.append(fix);
      preview.append(warning);
    }
    const table = document.createElement('table');
    table.id = 'preview-table';
    table.className = 'striped';
    const caption = document.createElement('caption');
    caption.textContent = 'First ' + (rows.length - 1) + ' rows of ' + input.files[0].name;
    table.append(caption);
    const head = table.createTHead().insertRow();
    rows[0].forEach((cell) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = cell;
      head.append(th);
    });
    const body = table.createTBody();
    rows.slice(1).forEach((row) => {
      const tr = body.insertRow();
      row.forEach((cell) => { tr.insertCell().textContent = cell; });
    });
    preview.append(table);
  });
}

function paragraph(text, className) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

// The same clues as FileShape.looksLike on the server.
function entityOf(header) {
  const has = (column) => header.includes(column);
  if (has('order_id') && (has('ordered_at') || has('amount'))) {
    return 'orders';
  }
  if (has('event_type') && has('occurred_at')) {
    return 'events';
  }
  return has('customer_id') ? 'customers' : null;
}

// At most `limit` records of a CSV text (quotes, doubled quotes, separators and line breaks inside quotes); the
// separator is the one of comma, semicolon and tab the first line holds most of.
function csvRows(text, limit) {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const separator = [',', ';', '\t'].reduce((best, s) => (firstLine.split(s).length > firstLine.split(best).length ? s : best), ',');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (rows.length < limit && (cell !== '' || row.length > 0)) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

// A form that leaves the page (a plain POST: create, launch, save) is sent once: a second press while the first is on its
// way (a double click, Enter twice) is not sent (the server also answers a repeat with the first answer: OnceSentForms).
// The pressed button is disabled a task later, once the browser has built what the form sends: disabled at once, in the
// click or submit handler, it would be left out of the submission with its name and value (the campaign form's intent).
// Forms htmx or a script sends (the tactical builder's checks, the import upload) stop the event first and are left alone.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (event.defaultPrevented || (form.getAttribute('method') || 'get').toLowerCase() !== 'post') {
    return;
  }
  if (form.dataset.sent === 'true') {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'true';
  form.setAttribute('aria-busy', 'true');
  const submitter = event.submitter;
  if (submitter && !submitter.disabled) {
    setTimeout(() => {
      submitter.disabled = true;
      submitter.dataset.disabledWhileSent = 'true';
    }, 0);
  }
});

// Back to a page the browser kept (back/forward cache): its forms may be sent again. A confirmation whose step cannot
// be taken twice (launch, activate: data-once) and was sent is asked of the server again instead: shown as kept, it
// offered "Launch to 173 customers" for a campaign launched a moment before (session 57). The server answers with the
// campaign's page and why it cannot launch again.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) {
    return;
  }
  if (document.querySelector('form[data-once][data-sent]')) {
    window.location.replace(window.location.href);
    return;
  }
  document.querySelectorAll('form[data-sent]').forEach((form) => {
    delete form.dataset.sent;
    form.removeAttribute('aria-busy');
  });
  document.querySelectorAll('[data-disabled-while-sent]').forEach((button) => {
    button.disabled = false;
    delete button.dataset.disabledWhileSent;
  });
});
