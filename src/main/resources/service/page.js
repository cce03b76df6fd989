// The service page: pick a sheet (or a bundled one) and a year, see report.html, download the results.
const $ = id => document.getElementById(id);
const asked = new URLSearchParams(location.search);
// the fiscal years and their labels (FY2018 (H30)) come from the server, which knows the eras: for a bundled or a
// chosen file the years it has actuals for (and the year after them to plan), else the strategies' periods so far
function fillYears(d, planDefault) {
  const year = $('year').value, plan = $('planYear').value;
  while ($('year').options.length > 1) { $('year').remove(1); }  // the first is 実績のある全年度
  $('planYear').replaceChildren();
  d.years.forEach(y => $('year').add(new Option(y.label, y.value)));
  d.planYears.forEach(y => $('planYear').add(new Option(y.label, y.value)));
  const has = (list, v) => list.some(y => y.value === v);
  $('year').value = has(d.years, year) ? year : 'all';
  const last = d.planYears.length ? d.planYears[d.planYears.length - 1].value : '';
  $('planYear').value = has(d.planYears, plan) ? plan : (planDefault && has(d.planYears, planDefault) ? planDefault : last);
}
const years = fetch('/api/years').then(r => r.json()).then(d => fillYears(d, 'FY2019'));
$('bundled').addEventListener('change', () => {
  const name = $('bundled').value;
  fetch('/api/years' + (name ? '?data=' + encodeURIComponent(name) : '')).then(r => r.json()).then(d => fillYears(d));
});
// a chosen sheet is read by the server for its years (a sheet it cannot read keeps the list: evaluating it says why)
$('file').addEventListener('change', () => {
  const file = $('file').files[0];
  if (!file) { return; }
  fetch('/api/years?name=' + encodeURIComponent(file.name), {method: 'POST', body: file})
    .then(r => r.ok ? r.json() : null).then(d => { if (d) { fillYears(d); } });
});
Promise.all([years, fetch('/api/data').then(r => r.json())]).then(([, d]) => {
  d.files.forEach(f => $('bundled').add(new Option(f, f)));
  // /?data=otaru-h30.csv&year=FY2018 opens that report at once (a link people can keep)
  if (asked.get('data')) {
    $('bundled').value = asked.get('data');
    if (asked.get('year')) { $('year').value = asked.get('year'); }
    $('form').requestSubmit();
  }
});
function showRules() {
  fetch('/api/rules').then(r => r.json()).then(r => {
    // the version as the reports name it (8 digits of the hash: rules@82cb021d)
    let text = 'ルール ' + r.hash.slice(0, 8) + '\n' + r.policies.map(p => (p.from ? p.from + '〜 ' : '') + p.name
      + '@' + p.hash.slice(0, 8) + ' (' + p.files.join(', ') + ') · ' + p.loadedAt).join('\n');
    if (r.version) {
      // the version of the rule folder's history (who took it into service, and why)
      text += '\n版 ' + r.version.id + ' · ' + r.version.kindLabel + ' · ' + r.version.publisher + ' · '
        + r.version.reason.split('\n')[0];
    }
    for (const change of r.periodChanges) {
      text += '\n期間の変更 (' + change.at + '): ' + change.text + (change.taken ? '' : ' (取り込んでいません)');
    }
    if (r.rejected) {
      for (const [period, rejection] of Object.entries(r.rejected)) {
        text += '\n' + period + ': 変更は採用されていません:\n'
          + rejection.validation.findings.map(f => f.location + ': ' + f.message).join('\n');
      }
    }
    $('rules').textContent = text;
  });
}
/** The sheet the form names: an uploaded file or a bundled one, as request parameters and body. */
function sheet(params) {
  const file = $('file').files[0];
  if (file) { params.set('name', file.name); return file; }
  if ($('bundled').value) { params.set('data', $('bundled').value); return null; }
  throw new Error('シートを選んでください (choose a sheet)');
}
function cell(row, text, numeric) {
  const td = row.insertCell();
  td.textContent = text;
  if (numeric) { td.className = 'n'; }
}
async function post(path, params, body) {
  const response = await fetch(path + '?' + params, {method: 'POST', body: body});
  if (!response.ok) {
    const error = await response.json();
    $('errors').textContent = error.errors.map(e => e.text || (e.location + ': ' + e.message)).join('\n');
    return null;
  }
  return response;
}
// the next year's plan: what each KPI needs for each band (and the policy's flag, ☆), from the rules in force that year
$('plan').addEventListener('click', async () => {
  $('errors').textContent = '';
  const params = new URLSearchParams({year: $('planYear').value});
  let body;
  try { body = sheet(params); } catch (e) { $('errors').textContent = e.message; return; }
  const response = await post('/api/plan', params, body);
  if (!response) return;
  const plan = await response.json();
  const table = $('needs');
  table.replaceChildren();
  const caption = table.createCaption();
  caption.textContent = plan.label + ' に必要な実績 (' + plan.policy + ')';
  const head = table.createTHead().insertRow();
  const labels = Object.fromEntries(plan.bands.map(b => [b.mark, b.mark + ' ' + b.label]));
  ['No.', 'KPI', '方向'].concat(plan.goals.map(g => labels[g] || g), [''])
    .forEach(h => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
  const rows = table.createTBody();
  $('whatKpi').replaceChildren();
  for (const k of plan.kpis) {
    const row = rows.insertRow();
    cell(row, k.kpiId); cell(row, k.kpi); cell(row, k.direction);
    k.needs.forEach(n => cell(row, n.shown, true));
    cell(row, k.needs.filter(n => n.note).map(n => n.goal + ': ' + n.note).join('; '));
    $('whatKpi').add(new Option(k.kpiId + ' ' + k.kpi, k.kpiId));
  }
});
// what-if: one KPI with an assumed actual, through the same evaluation as the reports
$('whatIf').addEventListener('click', async () => {
  $('errors').textContent = '';
  if (!$('whatActual').value.trim()) { $('errors').textContent = '実績値を入力してください'; return; }
  const params = new URLSearchParams({year: $('planYear').value, format: 'json', kpi: $('whatKpi').value,
    actual: $('whatActual').value});
  let body;
  try { body = sheet(params); } catch (e) { $('errors').textContent = e.message; return; }
  const response = await post('/api/evaluate', params, body);
  if (!response) return;
  const result = await response.json();
  const municipality = result.municipalities[0];
  const year = municipality.kpis[0].years.find(y => y.fiscalYear === $('planYear').value);
  // in the words of the policy in force that year: its score's name, its flag, or neither
  const terms = municipality.policies.find(p => p.fiscalYear === year.fiscalYear).terms;
  $('whatResult').textContent = year.band !== null
    ? [terms.score && year.score !== null ? terms.score + ' ' + year.scoreShown : null, '区分 ' + year.band,
        terms.achieved && year.achieved ? terms.achieved : null].filter(p => p).join(' · ')
    : year.statusLabel + (year.statusReason ? ': ' + year.statusReason : '');
});
// explain: how a KPI's result, or a project's summary and grade, came about that year, rule by rule
$('explain').addEventListener('click', async () => {
  $('errors').textContent = '';
  $('explanation').textContent = '';
  const what = $('explainWhat').value.trim();
  if ($('year').value === 'all') { $('errors').textContent = '説明する年度を一つ選んでください'; return; }
  if (!what) { $('errors').textContent = 'KPI の番号かプロジェクトの名前を入力してください'; return; }
  const params = new URLSearchParams({year: $('year').value});
  params.set($('explainKind').value, what);
  let body;
  try { body = sheet(params); } catch (e) { $('errors').textContent = e.message; return; }
  const response = await post('/api/explain', params, body);
  if (!response) return;
  $('explanation').textContent = await response.text();
});
async function call(format, plan) {
  $('errors').textContent = '';
  const params = new URLSearchParams({year: $('year').value, format: format});
  if (plan) { params.set('plan', plan); }
  const file = $('file').files[0];
  let body = null;
  if (file) { body = file; params.set('name', file.name); }
  else if ($('bundled').value) { params.set('data', $('bundled').value); }
  else { $('errors').textContent = 'シートを選んでください (choose a sheet)'; return null; }
  const response = await fetch('/api/evaluate?' + params, {method: 'POST', body: body});
  if (!response.ok) {
    const error = await response.json();
    $('errors').textContent = error.errors.map(e => e.text || (e.location + ': ' + e.message)).join('\n');
    return null;
  }
  $('rules').dataset.used = response.headers.get('X-Rules');
  return response;
}
$('form').addEventListener('submit', async e => {
  e.preventDefault();
  const response = await call('html');
  if (response) { $('report').srcdoc = await response.text(); showRules(); }
});
// the workbook with a 計画 sheet: the report of the chosen years plus the needs of the year being planned
for (const [id, format, name, planned] of [['csv', 'csv', 'results.csv', false],
    ['xlsx', 'xlsx', 'report.xlsx', false], ['planXlsx', 'xlsx', 'report.xlsx', true]]) {
  $(id).addEventListener('click', async () => {
    const response = await call(format, planned ? $('planYear').value : null);
    if (!response) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await response.blob());
    a.download = name;
    a.click();
  });
}
showRules();
