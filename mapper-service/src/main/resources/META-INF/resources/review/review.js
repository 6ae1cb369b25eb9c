// The review page: reads and edits the map only through the mapper's REST API.
(function () {
  'use strict';
  const FIELD_TYPES = ['varchar', 'varchar_auto', 'text', 'phone', 'double', 'monetary', 'enum', 'set', 'user', 'org',
    'people', 'date', 'daterange', 'time', 'timerange', 'address'];
  const TRANSFORMS = ['TEXT', 'FULL_NAME', 'EMAILS', 'PHONES', 'REFERENCE', 'OWNER', 'TAG_LABELS', 'TIMESTAMP_UTC', 'DATE',
    'MARKDOWN_TO_HTML', 'CONFIG_OPTION', 'CODE_MAP', 'NUMBER', 'BOOLEAN_OPTION', 'ADDRESS', 'IMAGE_URL', 'JSON_TEXT',
    'ARRAY_OPTIONS', 'DEAL_STAGE', 'DEAL_PIPELINE', 'DEAL_CONTACTS', 'ARCHIVED', 'ACTIVITY_TYPE', 'DUE_DATE_TIME',
    'DONE_FLAG', 'NEAREST_COLOUR', 'NONE'];
  const LOW = 0.6;
  let state = null; // {migrationId, review}

  const $ = (sel, root) => (root || document).querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  };
  const api = (path, options) => fetch('/api/migrations/' + encodeURIComponent(state.migrationId) + path,
    Object.assign({headers: {'Content-Type': 'application/json'}}, options || {}))
    .then(async r => {
      const body = r.status === 204 ? null : await r.json().catch(() => null);
      if (!r.ok) { const err = new Error((body && body.message) || ('HTTP ' + r.status)); err.body = body; throw err; }
      return body;
    });

  function message(text) { $('#message').textContent = text || ''; }

  function describeTarget(t) {
    if (t.kind === 'STANDARD') return t.field;
    if (t.kind === 'CUSTOM') return 'custom "' + t.custom.name + '" (' + t.custom.type + ')' +
      (t.custom.options && t.custom.options.length ? ': ' + t.custom.options.join(', ') : '');
    return 'not migrated (documented loss)';
  }

  function facts(table, line) {
    const r = state.review;
    const parts = [];
    line.sources.forEach(col => {
      const p = r.profiles && r.profiles[table + '.' + col];
      if (p) {
        const fill = p.rows ? Math.round(100 * p.nonNull / p.rows) : 0;
        parts.push(col + ': ' + fill + '% filled; e.g. ' + (p.samples || []).slice(0, 3).join(' | '));
      }
      const d = r.distinctValues && r.distinctValues[table + '.' + col];
      if (d) parts.push(col + ': ' + Object.entries(d).slice(0, 6).map(([v, n]) => v + ' (' + n + ')').join(', '));
    });
    return parts.join(' · ');
  }

  function issuesFor(lineId) {
    return (state.review.issues || []).filter(i => i.line === lineId);
  }

  function render() {
    const r = state.review;
    const map = r.map;
    $('#summary').hidden = false;
    $('#version').textContent = map.version;
    $('#status').textContent = map.approved ? 'approved by ' + map.approvedBy + ' at ' + map.approvedAt : 'not approved';
    $('#status').className = map.approved ? 'approved' : '';
    $('#proposed-by').textContent = map.proposedBy;
    $('#hash').textContent = map.hash.substring(0, 12);
    const globalIssues = (r.issues || []).filter(i => !i.line);
    $('#global-issues').replaceChildren(...globalIssues.map(i =>
      el('p', {class: 'issue-' + i.severity}, i.severity + ' ' + i.code + ': ' + i.message)));
    const objects = $('#objects');
    objects.replaceChildren();
    map.document.objects.forEach(o => {
      objects.append(el('h2', {}, o.source + ' → ' + o.destination));
      if (o.rule) objects.append(el('p', {class: 'rule'}, o.rule));
      if (!o.fields.length) return;
      const body = el('tbody');
      o.fields.forEach(line => body.append(...lineRows(o, line)));
      objects.append(el('table', {'data-object': o.source},
        el('thead', {}, el('tr', {}, ['Line', 'Source', 'Destination', 'Transform', 'Required', 'Confidence', 'Reason',
          'Sample values / fill rate', ''].map(h => el('th', {}, h)))), body));
    });
    const g = map.document;
    $('#globals').replaceChildren(el('h2', {}, 'Global decisions'),
      el('p', {}, 'Currency: ' + g.currency + ' · owners matched by ' + g.owners.matchBy + ' (unresolved: ' +
        g.owners.onUnresolved + ') · dedup: persons by ' + g.dedup.personKey + ', organizations by ' +
        g.dedup.organizationKey + ', on match ' + g.dedup.onMatch + ' · note statuses: ' + g.noteStatuses.handling),
      el('p', {}, 'Pipelines: ' + g.pipelines.map(p => (p.category || '(none)') + ' → ' + p.pipeline).join(', ')),
      el('p', {}, 'Stages: ' + g.stages.map(s => s.value + ' → ' + s.stage + ' (' + s.status +
        (s.probability != null ? ', ' + s.probability + '%' : '') + ')').join(', ')),
      el('p', {}, 'Activity types: ' + g.activityTypes.map(a => a.value + ' → ' + a.key + (a.create ? ' (new)' : '')).join(', ')),
      el('p', {}, 'Person/Lead rule: ' + g.personLeadRule.rule));
  }

  function lineRows(object, line) {
    const low = line.confidence < LOW;
    const issues = issuesFor(line.id);
    const row = el('tr', {'data-line': line.id},
      el('td', {}, line.id), el('td', {}, line.sources.join(' + ')), el('td', {class: 'target'}, describeTarget(line.target)),
      el('td', {}, line.transform.kind + (Object.keys(line.transform.params || {}).length ? ' ' +
        JSON.stringify(line.transform.params) : '')),
      el('td', {}, line.required ? 'yes' : ''),
      el('td', {class: 'confidence' + (low ? ' low' : '')}, Math.round(line.confidence * 100) + '%'),
      el('td', {class: 'reason'}, line.reason + (line.origin ? ' [' + line.origin + ']' : '')),
      el('td', {class: 'samples'}, facts(object.source, line)),
      el('td', {}, el('button', {type: 'button', class: 'edit', onclick: () => openEditor(object, line, row)}, 'Edit')));
    const errors = el('tr', {class: 'line-issues', 'data-issues-for': line.id},
      el('td', {colSpan: 9}, issueList(issues)));
    if (!issues.length) errors.hidden = true;
    return [row, errors];
  }

  function issueList(issues) {
    return el('ul', {class: 'line-errors'}, issues.map(i =>
      el('li', {class: 'issue-' + i.severity}, i.severity + ' ' + i.code + ': ' + i.message)));
  }

  function showIssues(lineId, issues) {
    const tr = document.querySelector('tr[data-issues-for="' + CSS.escape(lineId) + '"]');
    tr.hidden = issues.length === 0;
    tr.firstChild.replaceChildren(issueList(issues));
  }

  function openEditor(object, line, row) {
    document.querySelectorAll('.editor-row').forEach(e => e.remove());
    const frag = $('#editor-template').content.cloneNode(true);
    const editorRow = frag.querySelector('tr');
    const form = frag.querySelector('form');
    form.type.append(...FIELD_TYPES.map(t => el('option', {value: t}, t)));
    form.transform.append(...TRANSFORMS.map(t => el('option', {value: t}, t)));
    form.kind.value = line.target.kind;
    form.field.value = line.target.field || '';
    form.customName.value = line.target.custom ? line.target.custom.name : '';
    form.type.value = line.target.custom ? line.target.custom.type : 'varchar';
    form.options.value = line.target.custom ? (line.target.custom.options || []).join(', ') : '';
    form.transform.value = line.transform.kind;
    form.params.value = Object.entries(line.transform.params || {}).map(([k, v]) => k + '=' + v).join('; ');
    form.required.checked = line.required;
    form.confidence.value = line.confidence;
    form.reason.value = line.reason;
    form.editedBy.value = $('#approver').value || localStorage.getItem('reviewer') || '';
    const edited = () => {
      const params = {};
      form.params.value.split(';').map(s => s.trim()).filter(Boolean).forEach(p => {
        const i = p.indexOf('=');
        if (i > 0) params[p.substring(0, i).trim()] = p.substring(i + 1).trim();
      });
      const kind = form.kind.value;
      return {
        id: line.id, sources: line.sources, required: form.required.checked,
        confidence: Number(form.confidence.value), reason: form.reason.value, origin: 'user',
        transform: {kind: form.transform.value, params: params},
        target: kind === 'STANDARD' ? {kind: kind, field: form.field.value}
          : kind === 'CUSTOM' ? {kind: kind, custom: {name: form.customName.value, type: form.type.value,
            options: form.options.value.split(',').map(s => s.trim()).filter(Boolean)}}
            : {kind: 'LOSS'}
      };
    };
    const withLine = l => {
      const doc = JSON.parse(JSON.stringify(state.review.map.document));
      doc.objects.forEach(o => { o.fields = o.fields.map(f => f.id === l.id ? l : f); });
      return doc;
    };
    form.querySelector('.check').onclick = () => api('/map/validation', {method: 'POST', body: JSON.stringify(withLine(edited()))})
      .then(issues => {
        const mine = issues.filter(i => i.line === line.id);
        showIssues(line.id, mine);
        message(mine.length ? 'This line has ' + mine.length + ' problem(s).' : 'This line is valid.');
      }).catch(e => message(e.message));
    form.querySelector('.save').onclick = () => {
      localStorage.setItem('reviewer', form.editedBy.value);
      api('/map/lines/' + encodeURIComponent(line.id), {method: 'PUT',
        body: JSON.stringify({line: edited(), editedBy: form.editedBy.value})})
        .then(saved => load().then(() => message('Saved as version ' + saved.map.version + '.')))
        .catch(e => message(e.message));
    };
    form.querySelector('.cancel').onclick = () => editorRow.remove();
    row.after(editorRow);
  }

  function load() {
    return api('/map').then(review => { state.review = review; render(); })
      .catch(e => { $('#summary').hidden = true; $('#objects').replaceChildren(); message(e.message); });
  }

  $('#pick').onsubmit = ev => {
    ev.preventDefault();
    state = {migrationId: $('#migration').value.trim()};
    history.replaceState(null, '', '?migration=' + encodeURIComponent(state.migrationId));
    message('');
    load();
  };

  $('#approve-form').onsubmit = ev => {
    ev.preventDefault();
    const map = state.review.map;
    api('/map/versions/' + map.version + '/approval', {method: 'POST',
      body: JSON.stringify({approvedBy: $('#approver').value, expectedHash: map.hash})})
      .then(v => { $('#approve-result').textContent = 'Version ' + v.version + ' approved by ' + v.approvedBy + '.'; return load(); })
      .catch(e => {
        $('#approve-result').textContent = 'Not approved: ' + e.message;
        ((e.body && e.body.issues) || []).forEach(i => { if (i.line) showIssues(i.line, issuesFor(i.line).concat([])); });
      });
  };

  const initial = new URLSearchParams(location.search).get('migration');
  if (initial) { $('#migration').value = initial; $('#pick').requestSubmit(); }
})();
