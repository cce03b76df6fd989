// The service page: pick a sheet (or a bundled one) and a year, see report.html, download the results.
const $ = id => document.getElementById(id);
const asked = new URLSearchParams(location.search);
// the fiscal years and their labels (FY2018 (H30)) come from the server, which knows the eras
const years = fetch('/api/years').then(r => r.json()).then(d => {
  d.years.forEach(y => $('year').add(new Option(y.label, y.value)));
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
    let text = 'ルール ' + r.hash + '\n' + r.policies.map(p => (p.from ? p.from + '〜 ' : '') + p.name + ' '
      + p.hash + ' (' + p.files.join(', ') + ') · ' + p.loadedAt).join('\n');
    if (r.rejected) {
      for (const [period, rejection] of Object.entries(r.rejected)) {
        text += '\n' + period + ': 変更は採用されていません (the last edit was not taken):\n'
          + rejection.validation.findings.map(f => f.location + ': ' + f.message).join('\n');
      }
    }
    $('rules').textContent = text;
  });
}
async function call(format) {
  $('errors').textContent = '';
  const params = new URLSearchParams({year: $('year').value, format: format});
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
for (const [id, name] of [['csv', 'results.csv'], ['xlsx', 'report.xlsx']]) {
  $(id).addEventListener('click', async () => {
    const response = await call(id);
    if (!response) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await response.blob());
    a.download = name;
    a.click();
  });
}
showRules();
