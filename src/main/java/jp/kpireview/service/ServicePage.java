package jp.kpireview.service;

/** The service's page: pick a sheet (or a bundled one) and a year, see report.html, download the results. */
final class ServicePage {

    private ServicePage() {
    }

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <title>KPI評価</title>
            <style>
            body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; margin: 20px;
                   color: #222; font-size: 14px; }
            form { display: flex; gap: 14px; align-items: end; flex-wrap: wrap; padding: 12px; background: #eef3f8; }
            label { display: flex; flex-direction: column; gap: 4px; }
            button { padding: 6px 14px; }
            #rules { color: #555; margin: 8px 0; }
            #errors { color: #b03a2e; white-space: pre-wrap; }
            iframe { width: 100%; height: 80vh; border: 1px solid #ccc; margin-top: 10px; }
            </style>
            </head>
            <body>
            <h1>KPI評価 <small style="color:#777;font-size:60%">KPI review</small></h1>
            <form id="form">
              <label>KPIシート (CSV / Excel) <input type="file" id="file" accept=".csv,.xlsx"></label>
              <label>または同梱データ <select id="bundled"><option value="">—</option></select></label>
              <label>年度 <select id="year"><option value="all">実績のある全年度</option></select></label>
              <button type="submit">評価する</button>
              <button type="button" id="csv">results.csv</button>
              <button type="button" id="xlsx">report.xlsx</button>
            </form>
            <div id="rules"></div>
            <div id="errors"></div>
            <iframe id="report" title="report"></iframe>
            <script>
            const $ = id => document.getElementById(id);
            for (let y = 2015; y <= 2024; y++) {
              const jp = y > 2018 ? 'R' + (y - 2018) : 'H' + (y - 1988);
              $('year').add(new Option('FY' + y + ' (' + jp + ')', 'FY' + y));
            }
            const asked = new URLSearchParams(location.search);
            fetch('/api/data').then(r => r.json()).then(d => {
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
                let text = 'ルール ' + r.hash + '\\n' + r.policies.map(p => (p.from ? p.from + '〜 ' : '') + p.name + ' '
                  + p.hash + ' (' + p.files.join(', ') + ') · ' + p.loadedAt).join('\\n');
                if (r.rejected) {
                  for (const [period, rejection] of Object.entries(r.rejected)) {
                    text += '\\n' + period + ': 変更は採用されていません (the last edit was not taken):\\n'
                      + rejection.validation.findings.map(f => f.location + ': ' + f.message).join('\\n');
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
                $('errors').textContent = error.errors.map(e => e.text || (e.location + ': ' + e.message)).join('\\n');
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
            </script>
            </body>
            </html>
            """;
}
