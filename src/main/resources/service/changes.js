// Governed policy changes: the rule folder's versions, a table edited in Excel (or in the page) and proposed with its
// check and impact, published by a publisher, any version compared or restored. The server enforces the roles; the
// page only hides what the person's role cannot do.
const c$ = id => document.getElementById(id);
let me = null;
let tables = [];
let lastProposal = null;
let keptProposals = [];
const rank = {viewer: 0, editor: 1, publisher: 2};
const may = role => me && rank[me.role] >= rank[role];

function showErrors(where, error) {
  where.textContent = (error.errors || []).map(e => e.text || (e.location + ': ' + e.message)).join('\n');
}
async function send(path, params, body) {
  const response = await fetch(path + '?' + params, {method: body === undefined ? 'GET' : 'POST', body: body});
  const json = await response.json();
  return {ok: response.ok, status: response.status, json: json};
}
/** One check as validate prints it: the summary lines, then each finding at its file and line. */
function checkText(check) {
  const lines = check.summary.slice();
  for (const f of check.findings) {
    lines.push((f.level === 'error' ? '誤り: ' : '警告: ') + f.location + ': ' + f.message);
  }
  return lines.join('\n');
}
async function showHistory() {
  const r = await send('/api/history', new URLSearchParams());
  if (!r.ok) { showErrors(c$('changeErrors'), r.json); return; }
  const table = c$('versions');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  ['版', '日時', '種類', '変更した人', '公開した人', '理由', 'ルール', '変えたファイル']
    .forEach(h => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
  const rows = table.createTBody();
  const shown = c$('tableVersion').value;
  for (const select of [c$('compareFrom'), c$('compareTo'), c$('restoreVersion'), c$('tableVersion')]) {
    select.replaceChildren();
  }
  r.json.versions.forEach((v, i) => {
    const row = rows.insertRow();
    row.dataset.version = v.id;
    const when = v.at.slice(0, 16).replace('T', ' ');
    [v.id, when, v.kindLabel + (v.restoredFrom ? ' (' + v.restoredFrom + ' から)' : ''), v.author, v.publisher,
      v.reason, v.policies.join(', '), v.kind === 'first' ? v.changed.length + ' ファイル' : v.changed.join(', ')]
      .forEach(text => { row.insertCell().textContent = text; });
    const label = v.id + ' ' + when + ' ' + v.kindLabel;
    c$('compareFrom').add(new Option(label, v.id, i === 1, i === 1));
    c$('compareTo').add(new Option(label, v.id, i === 0, i === 0));
    if (i > 0) { c$('restoreVersion').add(new Option(label, v.id)); }
    c$('tableVersion').add(new Option(i === 0 ? label + ' (最新)' : label, i === 0 ? '' : v.id));
  });
  if (Array.from(c$('tableVersion').options).some(o => o.value === shown)) { c$('tableVersion').value = shown; }
  c$('unrecorded').textContent = r.json.unrecorded.length
    ? 'サーバー上に、まだ履歴にない編集があります: ' + r.json.unrecorded.join(', ') + ' (取り込まれるまで公開できません)' : '';
}
/** The tables of the chosen version (the latest unless another is chosen): only the latest's may be proposed. */
async function showTables() {
  const version = c$('tableVersion').value;
  const r = await send('/api/tables', new URLSearchParams(version ? {version: version} : {}));
  if (!r.ok) { showErrors(c$('changeErrors'), r.json); return; }
  tables = r.json.tables;
  const chosen = c$('table').value;
  c$('table').replaceChildren();
  tables.forEach(t => c$('table').add(new Option(t.file, t.file)));
  if (tables.some(t => t.file === chosen)) { c$('table').value = chosen; }
  showCells();
}
/** The chosen table of the latest version, its cells editable by an editor (a CSV table; a workbook stays a file). */
function showCells() {
  const t = tables.find(x => x.file === c$('table').value);
  const view = c$('cellsView');
  view.replaceChildren();
  if (!t) { return; }
  const version = c$('tableVersion').value;
  const base = '/api/table?file=' + encodeURIComponent(t.file) + (version ? '&version=' + version : '');
  c$('downloadXlsx').href = base + '&format=xlsx';
  c$('downloadCsv').href = base + '&format=csv';
  const grid = document.createElement('table');
  grid.className = 'cells';
  const editable = may('editor') && !version && !t.file.toLowerCase().endsWith('.xlsx');
  t.cells.forEach((cells, r) => {
    const row = grid.insertRow();
    cells.forEach(text => {
      const td = row.insertCell();
      td.textContent = text;
      if (r === 0) { td.style.fontWeight = 'bold'; } else if (editable) { td.contentEditable = 'true'; }
    });
  });
  view.appendChild(grid);
  if (editable) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'proposeCells';
    button.textContent = '画面で直した内容で提案する';
    button.addEventListener('click', () => propose(new Blob(['\ufeff' + cellsCsv(grid)], {type: 'text/csv'})));
    view.appendChild(button);
  }
}
function cellsCsv(grid) {
  const quote = v => /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  return Array.from(grid.rows).map(row => Array.from(row.cells).map(td => quote(td.textContent.trim())).join(','))
    .join('\n') + '\n';
}
async function propose(body) {
  c$('changeErrors').textContent = '';
  c$('proposal').textContent = '';
  c$('publishForm').hidden = true;
  if (!c$('reason').value.trim()) { c$('changeErrors').textContent = '変更の理由を書いてください'; return; }
  const params = new URLSearchParams({file: c$('table').value, reason: c$('reason').value.trim()});
  if (lastProposal && c$('carryOn').checked) { params.set('from', lastProposal.id); }
  withData(params);
  c$('propose').disabled = true;
  c$('proposal').textContent = '確かめています…';
  try {
    const r = await send('/api/proposals', params, body);
    if (!r.json.id) { c$('proposal').textContent = ''; showErrors(c$('changeErrors'), r.json); return; }
    showProposal(r.json);
    showProposals();
  } finally {
    c$('propose').disabled = false;
  }
}
function showProposal(p) {
  lastProposal = p;
  const out = c$('proposal');
  out.replaceChildren();
  const title = document.createElement('h4');
  title.textContent = '提案 ' + p.id + ' (版 ' + p.base + ' をもとに · ' + p.author + ' · ' + p.changed.join(', ') + '): '
    + (p.publishable ? '確かめて誤りはありません。公開できます' : '誤りか、期待と違う場面があるので公開できません');
  title.id = 'proposalTitle';
  out.appendChild(title);
  p.checks.forEach(check => {
    for (const f of check.findings) {
      const line = document.createElement('div');
      line.className = f.level;
      line.textContent = (f.level === 'error' ? '誤り: ' : '警告: ') + f.location + ': ' + f.message;
      out.appendChild(line);
    }
  });
  const check = document.createElement('details');
  check.innerHTML = '<summary>確かめた内容 (validate と test-rules)</summary>';
  const pre = document.createElement('pre');
  pre.textContent = p.checks.map(checkText).join('\n\n');
  check.appendChild(pre);
  out.appendChild(check);
  if (p.impact) {
    const heading = document.createElement('h4');
    heading.textContent = '同梱のデータでの変わり方 (diff)';
    out.appendChild(heading);
    const impact = document.createElement('pre');
    impact.className = 'impact';
    impact.id = 'impact';
    impact.textContent = p.impact;
    out.appendChild(impact);
  }
  c$('carryOnLabel').hidden = false;
  c$('carryOnId').textContent = p.id;
  c$('carryOn').checked = !p.publishable;
  c$('publishForm').hidden = !(p.publishable && p.current && may('publisher'));
}
c$('table').addEventListener('change', showCells);
c$('tableVersion').addEventListener('change', showTables);
/** The data the impact is shown on: the bundled file chosen for the evaluation above, or every bundled file. */
function withData(params) {
  const bundled = document.getElementById('bundled');
  if (bundled && bundled.value) { params.set('data', bundled.value); }
  return params;
}
c$('proposeForm').addEventListener('submit', e => {
  e.preventDefault();
  const file = c$('tableFile').files[0];
  if (!file) { c$('changeErrors').textContent = '編集した表のファイルを選んでください'; return; }
  propose(file);
});
c$('publishForm').addEventListener('submit', async e => {
  e.preventDefault();
  c$('changeErrors').textContent = '';
  const params = new URLSearchParams({proposal: lastProposal.id});
  if (c$('note').value.trim()) { params.set('note', c$('note').value.trim()); }
  const r = await send('/api/publish', params, null);
  if (!r.ok) { showErrors(c$('changeErrors'), r.json); return; }
  c$('publishForm').hidden = true;
  c$('proposal').textContent = '版 ' + r.json.version.id + ' として公開しました (ルール ' + r.json.rules.slice(0, 8) + ')';
  lastProposal = null;
  c$('carryOnLabel').hidden = true;
  refresh();
});
c$('compareForm').addEventListener('submit', async e => {
  e.preventDefault();
  c$('comparison').textContent = '比べています…';
  const r = await send('/api/compare', withData(new URLSearchParams({from: c$('compareFrom').value,
    to: c$('compareTo').value})));
  if (!r.ok) { c$('comparison').textContent = ''; showErrors(c$('changeErrors'), r.json); return; }
  c$('comparison').textContent = r.json.impact;
});
c$('restoreForm').addEventListener('submit', async e => {
  e.preventDefault();
  c$('changeErrors').textContent = '';
  if (!c$('restoreReason').value.trim()) { c$('changeErrors').textContent = '戻す理由を書いてください'; return; }
  const r = await send('/api/restore', new URLSearchParams({version: c$('restoreVersion').value,
    reason: c$('restoreReason').value.trim()}), null);
  if (!r.ok) { showErrors(c$('changeErrors'), r.json); return; }
  c$('comparison').textContent = '版 ' + r.json.version.restoredFrom + ' を版 ' + r.json.version.id + ' として戻しました';
  refresh();
});
/** The proposals the service keeps, for a publisher to pick one (and an editor to find theirs again). */
async function showProposals() {
  if (!may('editor')) { return; }
  const r = await send('/api/proposals', new URLSearchParams());
  if (!r.ok) { return; }
  c$('proposals').replaceChildren();
  r.json.proposals.forEach(p => c$('proposals').add(new Option(p.id + ' ' + p.author + ' 「' + p.reason + '」 '
    + p.changed.join(', ') + (p.publishable ? (p.current ? '' : ' (古い版がもと)') : ' (誤りあり)'), p.id)));
  c$('proposalsForm').hidden = r.json.proposals.length === 0;
  keptProposals = r.json.proposals;
}
c$('proposalsForm').addEventListener('submit', e => {
  e.preventDefault();
  const p = keptProposals.find(x => x.id === c$('proposals').value);
  if (p) { showProposal(p); }
});
function refresh() {
  showHistory();
  showTables();
  showProposals();
  if (typeof showRules === 'function') { showRules(); }
}
fetch('/api/me').then(r => r.json()).then(who => {
  me = who;
  if (!who.history) { return; }
  c$('changes').hidden = false;
  c$('toChanges').hidden = false;
  c$('me').textContent = who.name + ' (' + who.roleLabel + ')';
  c$('proposeForm').hidden = !may('editor');
  c$('tablesForm').addEventListener('submit', e => e.preventDefault());
  c$('restoreForm').hidden = !may('publisher');
  refresh();
});
