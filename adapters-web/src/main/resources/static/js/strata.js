// Console behaviour lives in this file (no inline scripts: the Content-Security-Policy forbids them).

// The answer to a form that is no redirect (its errors, 422; a conflict, 409; "Add an action") comes at the POST's
// address: the address bar showed the form's action (/campaigns, which is the list) and a reload asked to send the form
// again. The server names the page the form was sent from (FormAnswerAddress); it goes into the address bar here, the
// page shown staying as it is, so a reload asks for that page and a form sent again from it names it as its Referer.
(function () {
  const address = document.querySelector('meta[name="strata-address"]');
  if (address && window.history && typeof window.history.replaceState === 'function') {
    try {
      window.history.replaceState(window.history.state, '', address.content);
    } catch (e) {
      // another origin's address is refused by the browser: the page stays where it is
    }
  }
})();

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
  keepWhatWasTypedAcrossTheLogin();
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
  if (keepable(form)) {
    // until the answer's page loads: a login page saying the session had ended keeps it (keepWhatWasTypedAcrossTheLogin)
    remember(SENT_FORM, typedInto(form));
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

// What was typed into a form when its session had ended (session 58). A planner writes a campaign or a rule, the session
// ends meanwhile (30 idle minutes, a log-out in another tab), they press Save: the server answers with the login page
// ("… the form you sent was not saved", SessionEnded) and after the login takes them back to the form's page. The fields
// are kept in this tab's sessionStorage on the way and put back into the same form there, with one line saying so; nothing
// is sent by itself. Kept: what a person types or chooses, and the hidden revision the page was read at (so a save of it
// still finds a colleague's change made meanwhile); never a password, a file, the CSRF token or the form's once-only id.
// A plain form is remembered as it is sent (SENT_FORM) and kept only when its answer is the login page saying the form
// was not saved; any other page forgets it. A form htmx sends (the import upload), or htmx's check of a form as one types
// (the tactical builder), is kept when the answer takes the page to the login. What was kept is put back only on its own
// page, only for the user who typed it (meta strata-user), and forgotten at the first page after the login in any case,
// when someone else logs in in this tab, and with the tab.
const SENT_FORM = 'strata.sentForm';
const KEPT_FORM = 'strata.keptForm';
const KEPT_AT_MOST_MS = 24 * 60 * 60 * 1000;
const ANSWERED_WITHIN_MS = 10 * 60 * 1000;
const NOT_KEPT_TYPES = ['password', 'file', 'submit', 'button', 'reset', 'image'];
const NOT_KEPT_NAMES = ['_csrf', '_form'];

function pageUser() {
  const meta = document.querySelector('meta[name="strata-user"]');
  return meta ? meta.content : null;
}

function thisPage() {
  return window.location.pathname + window.location.search;
}

function tabStorage() {
  try {
    return window.sessionStorage;
  } catch (e) {
    return null;
  }
}

function recalled(key) {
  const storage = tabStorage();
  if (!storage) {
    return null;
  }
  try {
    return JSON.parse(storage.getItem(key));
  } catch (e) {
    storage.removeItem(key);
    return null;
  }
}

function remember(key, value) {
  const storage = tabStorage();
  if (!storage) {
    return;
  }
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch (e) {
    // the tab's storage is full or refused: nothing is kept, as before
    storage.removeItem(key);
  }
}

function forget(key) {
  const storage = tabStorage();
  if (storage) {
    storage.removeItem(key);
  }
}

// A form of a logged-in page whose typing is worth keeping: not the log-out, not a confirmation that is taken once
// (launch, activate: data-once), not one that must be typed again on purpose (the erasure: data-not-kept).
function keepable(form) {
  return !!form && form.tagName === 'FORM' && (form.getAttribute('method') || 'get').toLowerCase() === 'post' && pageUser() !== null
    && !form.hasAttribute('data-once') && !form.hasAttribute('data-not-kept') && !form.classList.contains('logout');
}

// A form is named on its page by its id, else by its action and its place among the forms of the page with that action.
function formKey(form) {
  if (form.id) {
    return '#' + form.id;
  }
  const action = form.getAttribute('action') || '';
  return action + '|' + Array.from(document.forms).filter((f) => !f.id && (f.getAttribute('action') || '') === action).indexOf(form);
}

function formOfKey(key) {
  if (key.startsWith('#')) {
    const form = document.getElementById(key.slice(1));
    return form && form.tagName === 'FORM' ? form : null;
  }
  const at = key.lastIndexOf('|');
  const action = key.slice(0, at);
  return Array.from(document.forms).filter((f) => !f.id && (f.getAttribute('action') || '') === action)[Number(key.slice(at + 1))] || null;
}

function typedInto(form) {
  const fields = [];
  Array.from(form.elements).forEach((element) => {
    if (!element.name || element.disabled || NOT_KEPT_NAMES.includes(element.name) || NOT_KEPT_TYPES.includes(element.type)
      || !['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)) {
      return;
    }
    if (element.type === 'checkbox' || element.type === 'radio') {
      fields.push({ name: element.name, value: element.value, checked: element.checked });
    } else if (element.type === 'select-multiple') {
      fields.push({ name: element.name, values: Array.from(element.selectedOptions).map((o) => o.value) });
    } else {
      fields.push({ name: element.name, value: element.value });
    }
  });
  return {
    user: pageUser(), page: thisPage(), form: formKey(form), fields: fields, at: Date.now(),
    file: !!form.querySelector('input[type="file"]')
  };
}

// What putting the fields back into the form would change: [element, apply] pairs, and whether a field a person sees is
// among them (hidden ones alone, the revision read, are nothing to put back).
function changesFor(form, fields) {
  const byName = new Map();
  Array.from(form.elements).forEach((element) => {
    if (element.name && ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName) && !NOT_KEPT_NAMES.includes(element.name)
      && !NOT_KEPT_TYPES.includes(element.type)) {
      byName.set(element.name, (byName.get(element.name) || []).concat([element]));
    }
  });
  const used = new Map();
  const changes = [];
  fields.forEach((field) => {
    const elements = byName.get(field.name) || [];
    if ('checked' in field) {
      const box = elements.find((e) => (e.type === 'checkbox' || e.type === 'radio') && e.value === field.value);
      if (box && box.checked !== field.checked) {
        changes.push([box, () => { box.checked = field.checked; }]);
      }
      return;
    }
    const next = used.get(field.name) || 0;
    used.set(field.name, next + 1);
    const element = elements.filter((e) => e.type !== 'checkbox' && e.type !== 'radio')[next];
    if (!element) {
      return;
    }
    if (field.values) {
      const now = Array.from(element.selectedOptions).map((o) => o.value);
      if (now.join('\u0000') !== field.values.join('\u0000')) {
        changes.push([element, () => Array.from(element.options).forEach((o) => { o.selected = field.values.includes(o.value); })]);
      }
    } else if (element.value !== field.value) {
      // a choice the page no longer offers (a segment gone meanwhile) is left as the page has it
      if (element.tagName === 'SELECT' && !Array.from(element.options).some((o) => o.value === field.value)) {
        return;
      }
      changes.push([element, () => { element.value = field.value; }]);
    }
  });
  return { changes: changes, seen: changes.some(([element]) => element.type !== 'hidden') };
}

function keepWhatWasTypedAcrossTheLogin() {
  const sent = recalled(SENT_FORM);
  forget(SENT_FORM);
  const user = pageUser();
  if (user === null) {
    // the login page: a form's answer that says it was not saved keeps what was sent
    const ended = document.getElementById('session-ended');
    if (ended && sent && new URLSearchParams(window.location.search).has('unsaved') && Date.now() - sent.at < ANSWERED_WITHIN_MS) {
      remember(KEPT_FORM, sent);
    }
    const kept = recalled(KEPT_FORM);
    if (ended && kept) {
      ended.querySelectorAll('.kept-typed').forEach((line) => { line.hidden = false; });
    }
    return;
  }
  const kept = recalled(KEPT_FORM);
  forget(KEPT_FORM);
  if (!kept || kept.user !== user || kept.page !== thisPage() || !(Date.now() - kept.at < KEPT_AT_MOST_MS)) {
    return;
  }
  const form = formOfKey(kept.form);
  if (!form) {
    return;
  }
  if (form.dataset.restoreIntent) {
    putBackByTheServer(form, kept);
  } else {
    putBack(form, kept);
  }
}

function putBack(form, kept) {
  const { changes, seen } = changesFor(form, kept.fields);
  if (!seen) {
    return;
  }
  changes.forEach(([, apply]) => apply());
  changes.forEach(([element]) => {
    if (element.type === 'hidden') {
      return;
    }
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
    // the tactical builder checks the rule on keyup: the rule put back is checked (and counted) as if typed
    if ((element.getAttribute('hx-trigger') || '').includes('keyup') && typeof htmx !== 'undefined') {
      htmx.trigger(element, 'keyup');
    }
  });
  typedBack(form, kept);
}

// A form whose rows the server adds (the campaign form's actions: "Add an action") may have held more rows than the page
// shows: the server renders it as typed (its intent in data-restore-intent saves nothing) and that form replaces this one.
async function putBackByTheServer(form, kept) {
  if (!changesFor(form, kept.fields).seen && kept.fields.every((f) => form.elements.namedItem(f.name))) {
    return;
  }
  const body = new URLSearchParams();
  kept.fields.forEach((field) => {
    if ('checked' in field) {
      if (field.checked) {
        body.append(field.name, field.value);
      }
    } else if (field.values) {
      field.values.forEach((v) => body.append(field.name, v));
    } else {
      body.append(field.name, field.value);
    }
  });
  body.append('intent', form.dataset.restoreIntent);
  const token = form.querySelector('input[name="_csrf"]');
  if (token) {
    body.append('_csrf', token.value);
  }
  let shown = null;
  try {
    const answer = await fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'error' });
    if (answer.ok) {
      shown = new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById(form.id);
    }
  } catch (e) {
    shown = null;
  }
  if (!shown || shown.tagName !== 'FORM') {
    putBack(form, kept);
    return;
  }
  form.replaceWith(shown);
  typedBack(shown, kept);
}

// One line above the form: what is back, that nothing was sent, and which button sends it.
function typedBack(form, kept) {
  const button = Array.from(form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]'))
    .find((b) => !b.hasAttribute('formnovalidate') && b.getAttribute('aria-hidden') !== 'true' && !b.classList.contains('visually-hidden'));
  const label = button ? (button.textContent || button.value).trim().replace(/\s+/g, ' ') : 'Save';
  const line = document.createElement('p');
  line.className = 'alert';
  line.id = 'typed-back';
  line.setAttribute('role', 'status');
  form.before(line);
  // filled in once the status region is in the page, so that screen readers announce it
  setTimeout(() => {
    line.textContent = kept.file
      ? 'What you chose before the session ended is back, but not the file: choose it again, then press “' + label + '” to send it.'
      : 'What you typed before the session ended is back, not sent yet: press “' + label + '” to send it.';
  }, 50);
}

// htmx: a form it sends is marked as sent (SessionEnded then says on the login page that it was not saved, where a check
// as one types is no sending); an answer that takes the page to the login because the session ended keeps the form's fields.
document.addEventListener('htmx:configRequest', (event) => {
  if (event.detail.elt && event.detail.elt.tagName === 'FORM') {
    event.detail.headers['Strata-Form-Sent'] = 'true';
  }
});
// Several requests may find the session ended at once (the builder's check and its hints, the upload and its progress),
// and each answer opens a session of its own for the login: taken to the login page by the first, the browser could then
// get the second's cookie after the login page's, whose form was then refused as "open too long". So the page goes to the
// login once every request under way is answered (at most 3 s), asks nothing more meanwhile, and goes to the address that
// says a form was not saved when one does.
let leavingForTheLogin = null;
let keptForTheLogin = false;
document.addEventListener('htmx:beforeRequest', (event) => {
  if (leavingForTheLogin !== null) {
    event.preventDefault();
  }
});
document.addEventListener('htmx:beforeOnLoad', (event) => {
  const xhr = event.detail.xhr;
  const to = xhr && xhr.status === 401 ? xhr.getResponseHeader('HX-Redirect') : null;
  if (!to || !to.includes('/login?expired')) {
    return;
  }
  event.preventDefault();
  const sent = to.includes('unsaved');
  const elt = event.target;
  const form = elt.tagName === 'FORM' ? elt : elt.closest('form');
  if (keepable(form) && (!keptForTheLogin || sent)) {
    remember(KEPT_FORM, typedInto(form));
    keptForTheLogin = true;
  }
  if (leavingForTheLogin !== null) {
    if (sent) {
      leavingForTheLogin = to;
    }
    return;
  }
  leavingForTheLogin = to;
  const since = Date.now();
  const leave = () => {
    if (document.querySelector('.htmx-request') && Date.now() - since < 3000) {
      setTimeout(leave, 50);
      return;
    }
    window.location.href = leavingForTheLogin;
  };
  setTimeout(leave, 0);
});

// Someone else logging in in this tab: what the previous user typed is forgotten before their first page.
document.addEventListener('submit', (event) => {
  const name = event.target.querySelector && event.target.querySelector('#login-button') ? event.target.querySelector('#username') : null;
  const kept = name ? recalled(KEPT_FORM) : null;
  if (kept && name.value.trim().toLowerCase() !== String(kept.user).toLowerCase()) {
    forget(KEPT_FORM);
  }
}, true);
