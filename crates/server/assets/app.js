// caseload dashboard: pick a scenario, move the levers (instant preview), run the
// simulation and watch it stream in next to the baseline. Plain JavaScript, no build step;
// charts by uPlot (vendored). The API is described at /api/openapi.json.
'use strict';
(() => {
  // Everything a test (or a curious user, in the console) may want to look at.
  // days: final (mean) days received; live: provisional frames received; liveDraws: redraws
  // that showed provisional data.
  const W = (window.__caseload = { errors: [], latencies: [], ready: false, mode: 'preview', runs: {}, days: { base: 0, whatif: 0 }, live: { base: 0, whatif: 0 }, liveDraws: 0 });
  window.addEventListener('error', (e) => W.errors.push(String(e.message || e)));
  window.addEventListener('unhandledrejection', (e) => W.errors.push('unhandled: ' + ((e.reason && e.reason.message) || e.reason)));

  const $ = (id) => document.getElementById(id);
  const COLORS = { whatif: '#d55e00', base: '#0072b2', ref: '#555555' };
  const DAY = 86400;

  const S = {
    name: null, // scenario name
    detail: null, // GET /api/scenarios/{name}
    defaults: {}, // lever key -> default slider value
    values: {}, // lever key -> slider value
    preview: { base: null, whatif: null },
    des: { base: null, whatif: null },
    desLevers: null, // lever JSON of the run shown
    baseRunKey: null,
    streams: {},
    active: {}, // kind -> run id while running
    summary: { base: null, whatif: null },
    scorecards: { base: null, whatif: null },
    sort: { key: 'attainment', dir: 1 },
    charts: [],
    previewBusy: false,
    previewAgain: false,
    lastInputAt: null,
  };

  // ---------- numbers ----------
  const fmt = (x, d = 0) => (x == null || !isFinite(x) ? '–' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const pct = (x, d = 0) => (x == null || !isFinite(x) ? '–' : fmt(100 * x, d) + '%');
  const signed = (x, d = 0) => (x == null || !isFinite(x) ? '' : (x >= 0 ? '+' : '') + fmt(x, d));

  // Trailing mean over `w` days of the values present (null where there are none yet).
  function rolling(xs, w) {
    const out = new Array(xs.length).fill(null);
    let sum = 0, n = 0;
    for (let i = 0; i < xs.length; i++) {
      if (xs[i] != null) { sum += xs[i]; n++; }
      if (i >= w && xs[i - w] != null) { sum -= xs[i - w]; n--; }
      out[i] = xs[i] == null || n === 0 ? null : sum / n;
    }
    return out;
  }
  // Rolling ratio of two series over `w` days.
  function ratio(a, b, w) {
    const out = new Array(a.length).fill(null);
    let sa = 0, sb = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] != null) { sa += a[i]; sb += b[i]; }
      if (i >= w && a[i - w] != null) { sa -= a[i - w]; sb -= b[i - w]; }
      out[i] = a[i] == null || sb <= 0 ? null : sa / sb;
    }
    return out;
  }
  const add = (a, b) => a.map((x, i) => (x == null || b[i] == null ? null : x + b[i]));
  const present = (xs) => xs.filter((x) => x != null);
  const mean = (xs) => { const p = present(xs); return p.length ? p.reduce((s, x) => s + x, 0) / p.length : null; };
  const total = (xs) => { const p = present(xs); return p.length ? p.reduce((s, x) => s + x, 0) : null; };
  const last = (xs) => { for (let i = xs.length - 1; i >= 0; i--) if (xs[i] != null) return xs[i]; return null; };

  // ---------- data sets: one run (or preview) as columns ----------
  function dataset(layout) {
    const days = layout.days;
    const blank = () => new Array(days).fill(null);
    return {
      layout,
      national: layout.national.map(blank),
      offices: layout.offices.map(() => layout.office.map(blank)),
      filled: 0,
      // True while it holds one replication's live days rather than the means.
      provisional: false,
    };
  }
  function fromColumns(p) {
    return { layout: p.layout, national: p.national, offices: p.offices, filled: p.layout.days };
  }
  const nat = (d, name) => d.national[d.layout.national.indexOf(name)];
  const off = (d, o, name) => d.offices[o][d.layout.office.indexOf(name)];

  // ---------- API ----------
  async function api(method, path, body) {
    const opts = { method, headers: {} };
    if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers['content-type'] = 'application/json'; }
    const r = await fetch(path, opts);
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (_) { /* not JSON */ }
    if (!r.ok) {
      const msg = json && json.message ? json.message : r.status + ' ' + r.statusText;
      const diags = json && json.diagnostics ? '\n' + json.diagnostics.map((d) => d.text).join('\n') : '';
      const err = new Error(msg + diags);
      err.status = r.status;
      throw err;
    }
    return json;
  }
  function status(msg, isError) {
    const el = $('status');
    el.textContent = msg;
    el.classList.toggle('error', !!isError);
  }

  // ---------- levers ----------
  function leverBody() {
    const out = {};
    for (const l of S.detail.levers) {
      const v = S.values[l.key];
      if (v !== S.defaults[l.key]) out[l.key] = v;
    }
    return out;
  }
  function buildLevers() {
    const form = $('levers');
    form.textContent = '';
    S.values = {};
    S.defaults = {};
    for (const l of S.detail.levers) {
      const def = l.adds ? 0 : Math.min(l.max, Math.max(l.min, Math.round(l.scenario_value / l.step) * l.step));
      S.defaults[l.key] = def;
      S.values[l.key] = def;
      const div = document.createElement('div');
      div.className = 'lever';
      const id = 'lever-' + l.key;
      div.innerHTML = `<label for="${id}"><span></span><output></output></label>
        <input type="range" id="${id}" name="${l.key}" min="${l.min}" max="${l.max}" step="${l.step}" value="${def}">
        <div class="was"></div>`;
      div.querySelector('span').textContent = l.label;
      div.querySelector('.was').textContent = (l.adds ? 'added to the scenario\u2019s ' : 'scenario: ') + fmt(l.scenario_value) + ' ' + l.unit;
      div.title = l.doc;
      const input = div.querySelector('input');
      const out = div.querySelector('output');
      const show = () => { out.textContent = (l.adds && S.values[l.key] > 0 ? '+' : '') + fmt(S.values[l.key]) + ' ' + l.unit; };
      show();
      input.addEventListener('input', () => {
        S.values[l.key] = Number(input.value);
        show();
        S.lastInputAt = performance.now();
        requestPreview();
      });
      form.appendChild(div);
    }
  }

  // ---------- preview (the model's fluid mode) ----------
  async function requestPreview() {
    if (S.previewBusy) { S.previewAgain = true; return; }
    S.previewBusy = true;
    const t0 = S.lastInputAt;
    const levers = leverBody();
    const name = S.name;
    try {
      const p = await api('POST', '/api/fluid', { scenario: name, levers });
      if (name !== S.name) return;
      S.preview.whatif = fromColumns(p);
      if (Object.keys(levers).length === 0) S.preview.base = S.preview.whatif;
      $('preview-info').textContent = `Preview: ${p.engine} mode (expected values), computed in ${fmt(p.compute_ms)} ms.`;
      $('preview-info').title = p.note;
      redraw();
      if (t0 != null) {
        requestAnimationFrame(() => {
          const ms = performance.now() - t0;
          W.latencies.push({ ms, server_ms: p.compute_ms, engine: p.engine });
          $('preview-info').textContent += ` Lever to chart: ${fmt(ms)} ms.`;
        });
      }
    } catch (e) {
      status('Preview failed: ' + e.message, true);
    } finally {
      S.previewBusy = false;
      if (S.previewAgain) { S.previewAgain = false; requestPreview(); }
    }
  }

  // ---------- runs ----------
  async function startRun(kind, body) {
    const r = await api('POST', '/api/runs', body);
    S.active[kind] = r.id;
    W.runs[kind] = r.id;
    follow(r.id, kind);
    return r.id;
  }
  function follow(id, kind) {
    if (S.streams[kind]) S.streams[kind].close();
    const es = new EventSource(`/api/runs/${id}/events`);
    S.streams[kind] = es;
    W.days[kind] = 0;
    W.live[kind] = 0;
    es.addEventListener('meta', (e) => {
      const m = JSON.parse(e.data);
      S.des[kind] = dataset(m.layout);
      S.reps = m.replications;
    });
    es.addEventListener('progress', (e) => {
      const p = JSON.parse(e.data);
      $('bar-' + kind).style.width = (100 * p.replications_done) / p.replications + '%';
      status(`Simulating: ${kind === 'base' ? 'baseline' : 'what-if'} replication ${p.replications_done} of ${p.replications} done\u2026`);
    });
    // Live frames (one replication, as it is simulated) fill the charts first; the first
    // mean replaces them all, so a chart never mixes the two.
    es.addEventListener('day', (e) => {
      const f = JSON.parse(e.data);
      let d = S.des[kind];
      if (!d) return;
      if (f.provisional) {
        if (d.filled > 0 && !d.provisional) return; // means already shown
        d.provisional = true;
        W.live[kind]++;
        if (f.day === 0 || W.live[kind] % 10 === 0) {
          status(`Simulating: ${kind === 'base' ? 'baseline' : 'what-if'}, live from replication ${f.replication + 1}: ${f.date} (day ${f.day + 1} of ${d.layout.days})\u2026`);
        }
      } else if (d.provisional) {
        d = S.des[kind] = dataset(d.layout);
      }
      f.national.forEach((v, i) => { d.national[i][f.day] = v; });
      f.offices.forEach((vals, o) => vals.forEach((v, i) => { d.offices[o][i][f.day] = v; }));
      d.filled = Math.max(d.filled, f.day + 1);
      if (!f.provisional) W.days[kind] = d.filled;
      scheduleRedraw();
    });
    es.addEventListener('summary', (e) => { S.summary[kind] = JSON.parse(e.data); });
    es.addEventListener('end', async (e) => {
      es.close();
      delete S.active[kind];
      const end = JSON.parse(e.data);
      if (end.state === 'done') {
        $('bar-' + kind).style.width = '100%';
        S.scorecards[kind] = (await api('GET', `/api/runs/${id}/scorecards`)).scorecards;
        renderScorecards();
      } else if (end.state === 'failed') {
        status('Run failed: ' + (end.error || 'unknown error'), true);
      }
      if (Object.keys(S.active).length === 0) {
        $('run').disabled = false;
        $('cancel').disabled = true;
        const w = S.runIds.whatif, b = S.runIds.base;
        if (end.state === 'done' && S.scorecards.base && (w === b || S.scorecards.whatif)) {
          $('report-link').href = `/api/runs/${w}/report` + (w !== b ? `?baseline=${b}` : '');
          $('report-link').hidden = false;
          $('toml-link').href = `/api/runs/${w}/scenario`;
          $('toml-link').hidden = false;
        }
        if (end.state === 'done') status(`Done: ${S.reps} replications. Charts show the simulation; moving a lever returns to the preview.`);
        else if (end.state === 'cancelled') status('Cancelled.');
      }
      scheduleRedraw();
    });
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) delete S.active[kind]; };
  }
  async function runSimulation() {
    const reps = Math.max(1, Math.min(50, Number($('replications').value) || 1));
    const levers = leverBody();
    const baseKey = S.name + '|' + reps;
    $('run').disabled = true;
    $('cancel').disabled = false;
    $('report-link').hidden = true;
    $('toml-link').hidden = true;
    S.desLevers = JSON.stringify(levers);
    S.summary.whatif = null;
    S.scorecards.whatif = null;
    S.runIds = S.runIds || {};
    try {
      if (S.baseRunKey !== baseKey || !S.des.base) {
        S.baseRunKey = baseKey;
        S.des.base = null;
        S.scorecards.base = null;
        $('bar-base').style.width = '0';
        S.runIds.base = await startRun('base', { scenario: S.name, replications: reps });
      }
      $('bar-whatif').style.width = '0';
      if (Object.keys(levers).length === 0) {
        S.runIds.whatif = S.runIds.base;
        S.des.whatif = null; // drawn from the baseline's data
        $('bar-whatif').style.width = '100%';
      } else {
        S.des.whatif = null;
        S.runIds.whatif = await startRun('whatif', { scenario: S.name, replications: reps, levers });
      }
      status('Submitted; waiting for the first replication\u2026');
    } catch (e) {
      status('Could not start the run: ' + e.message, true);
      $('run').disabled = Object.keys(S.active).length > 0;
      $('cancel').disabled = Object.keys(S.active).length === 0;
    }
    scheduleRedraw();
  }
  async function cancelRuns() {
    for (const [kind, id] of Object.entries(S.active)) {
      try { await api('DELETE', `/api/runs/${id}`); } catch (e) { /* ended meanwhile */ }
      if (kind === 'base') S.baseRunKey = null;
    }
  }

  // ---------- what is drawn ----------
  // The simulation when its levers are the current ones, else the preview.
  function current() {
    const sameLevers = S.desLevers === JSON.stringify(leverBody());
    if (sameLevers && S.des.base) {
      const whatif = S.runIds && S.runIds.whatif === S.runIds.base ? S.des.base : S.des.whatif;
      W.mode = 'simulation';
      return { base: S.des.base, whatif: whatif || null, mode: 'simulation' };
    }
    W.mode = 'preview';
    return { base: S.preview.base, whatif: S.preview.whatif, mode: 'preview' };
  }

  // Each series: [label, colour, f(data) -> values, data source (default: the colour's), dashed].
  // Baselines first, drawn wide and light underneath; what-ifs on top.
  const share = (num) => (d) => ratio(num(d), nat(d, 'arrests'), 30);
  // The public-space channels are the model registry's (`Channel::PUBLIC_SPACE_ARRESTS`).
  const publicShare = share((d) => nat(d, 'arrests_public_space'));
  const noRecordShare = share((d) => nat(d, 'arrests_no_record'));
  const CHARTS = [
    { id: 'arrests', title: 'National interior arrests vs target', sub: 'per day, 7-day mean', series: [
        ['baseline', 'base', (d) => rolling(nat(d, 'arrests'), 7)],
        ['what-if', 'whatif', (d) => rolling(nat(d, 'arrests'), 7)],
        ['target', 'ref', (d) => nat(d, 'target'), 'whatif'],
      ] },
    { id: 'detention', title: 'Detention vs beds', sub: 'people detained at midnight', series: [
        ['baseline', 'base', (d) => nat(d, 'detained')],
        ['what-if', 'whatif', (d) => nat(d, 'detained')],
        ['rated beds', 'ref', (d) => nat(d, 'beds'), 'whatif'],
        ['surge ceiling', 'ref', (d) => nat(d, 'beds_surge'), 'whatif', true],
      ] },
    { id: 'removals', title: 'Removals', sub: 'per day, all modes, 7-day mean', series: [
        ['baseline', 'base', (d) => rolling(nat(d, 'removals'), 7)],
        ['what-if', 'whatif', (d) => rolling(nat(d, 'removals'), 7)],
      ] },
    { id: 'backlog', title: 'Backlog', sub: 'detained, awaiting a hearing or removal', series: [
        ['baseline', 'base', (d) => add(nat(d, 'court_queue'), nat(d, 'awaiting_removal'))],
        ['what-if', 'whatif', (d) => add(nat(d, 'court_queue'), nat(d, 'awaiting_removal'))],
      ] },
    { id: 'border', title: 'Border coverage', sub: 'apprehensions (solid) and gotaways (dashed) per day, 7-day mean', series: [
        ['apprehended (base)', 'base', (d) => rolling(nat(d, 'apprehensions'), 7)],
        ['apprehended', 'whatif', (d) => rolling(nat(d, 'apprehensions'), 7)],
        ['gotaways (base)', 'base', (d) => rolling(nat(d, 'gotaways'), 7), null, true],
        ['gotaways', 'whatif', (d) => rolling(nat(d, 'gotaways'), 7), null, true],
      ] },
    { id: 'atd', title: 'Alternatives to detention', sub: 'people in ATD at midnight', series: [
        ['baseline', 'base', (d) => nat(d, 'atd_participants')],
        ['what-if', 'whatif', (d) => nat(d, 'atd_participants')],
      ] },
    { id: 'docket', title: 'Non-detained court docket', sub: 'cases pending at midnight', series: [
        ['baseline', 'base', (d) => nat(d, 'docket_pending')],
        ['what-if', 'whatif', (d) => nat(d, 'docket_pending')],
      ] },
    { id: 'community', title: 'Community impact', sub: 'share of arrests: no record (solid), collateral or public-space (dashed), 30-day', pct: true, series: [
        ['no record (base)', 'base', noRecordShare],
        ['no record', 'whatif', noRecordShare],
        ['collateral/public (base)', 'base', publicShare, null, true],
        ['collateral/public', 'whatif', publicShare, null, true],
      ] },
  ];

  function buildCharts() {
    const box = $('charts');
    box.textContent = '';
    S.charts = [];
    const width = Math.max(380, Math.min(620, (box.clientWidth || 900) / 2 - 30));
    for (const c of CHARTS) {
      const div = document.createElement('div');
      div.className = 'chart';
      div.id = 'chart-' + c.id;
      div.innerHTML = '<h3></h3>';
      div.querySelector('h3').textContent = c.title + ' ';
      const sub = document.createElement('span');
      sub.className = 'sub';
      sub.textContent = c.sub;
      div.querySelector('h3').appendChild(sub);
      box.appendChild(div);
      const opts = {
        width,
        height: 200,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{}, { size: 60, values: (u, vals) => vals.map((v) => (c.pct ? pct(v) : fmt(v))) }],
        series: [{}].concat(c.series.map(([label, color, , , dashed]) => ({
          label,
          stroke: color === 'base' ? 'rgba(0, 114, 178, 0.55)' : COLORS[color],
          width: color === 'base' ? 3.5 : color === 'ref' ? 1.5 : 1.75,
          dash: color === 'ref' && dashed ? [2, 3] : color === 'ref' || dashed ? [6, 4] : undefined,
          spanGaps: false,
          points: { show: false },
          value: (u, v) => (c.pct ? pct(v, 1) : fmt(v)),
        }))),
      };
      const u = new uPlot(opts, [[]].concat(c.series.map(() => [])), div);
      S.charts.push({ def: c, u });
    }
  }

  let redrawPending = false;
  function scheduleRedraw() {
    if (redrawPending) return;
    redrawPending = true;
    requestAnimationFrame(() => { redrawPending = false; redraw(); });
  }

  function redraw() {
    if (!S.detail) return;
    const cur = current();
    const days = S.detail.days;
    const t0 = Date.parse(S.detail.start + 'T00:00:00Z') / 1000;
    const xs = Array.from({ length: days }, (_, i) => t0 + i * DAY);
    const pad = (ys) => { const out = new Array(days).fill(null); if (ys) for (let i = 0; i < Math.min(days, ys.length); i++) out[i] = ys[i]; return out; };
    for (const { def, u } of S.charts) {
      const cols = def.series.map(([, color, f, src]) => {
        const d = cur[src || color];
        return pad(d ? f(d) : null);
      });
      u.setData([xs].concat(cols));
    }
    renderKpis(cur);
    renderOffices(cur);
    renderMap(cur);
    document.body.dataset.mode = cur.mode;
    const live = cur.mode === 'simulation' && [cur.base, cur.whatif].some((d) => d && d.provisional);
    document.body.dataset.live = live ? 'yes' : 'no';
    if (live) W.liveDraws++;
  }

  // ---------- headline numbers ----------
  function renderKpis(cur) {
    const w = cur.whatif, b = cur.base;
    // Compare over the days both have.
    const n = Math.min(w ? w.filled : 0, b ? b.filled : 0);
    const cut = (xs) => (xs ? xs.slice(0, n || xs.length) : []);
    const k = (d, f) => (d ? f(d) : null);
    const tiles = [
      ['Arrests per day', (d) => mean(cut(nat(d, 'arrests'))), 0],
      ['Share of target', (d) => { const t = total(cut(nat(d, 'target'))); return t > 0 ? total(cut(nat(d, 'arrests'))) / t : null; }, 'pct'],
      ['Detained (average)', (d) => mean(cut(nat(d, 'detained'))), 0],
      ['Beds (average)', (d) => mean(cut(nat(d, 'beds'))), 0],
      ['Removals (total)', (d) => total(cut(nat(d, 'removals'))), 0],
      ['Backlog (last day)', (d) => last(cut(add(nat(d, 'court_queue'), nat(d, 'awaiting_removal')))), 0],
      ['Released, no bed (total)', (d) => total(cut(nat(d, 'released_no_bed'))), 0],
      ['Held away from home AOR', (d) => { const a = total(cut(nat(d, 'detained_from_aor'))); return a > 0 ? total(cut(nat(d, 'held_away'))) / a : null; }, 'pct'],
      ['Released to ATD (total)', (d) => total(cut(nat(d, 'atd_enrolled'))), 0],
      ['Docket pending (last day)', (d) => last(cut(nat(d, 'docket_pending'))), 0],
      ['In absentia orders (total)', (d) => total(cut(nat(d, 'docket_in_absentia_orders'))), 0],
      ['Check-in arrests (total)', (d) => total(cut(nat(d, 'arrests_checkin'))), 0],
      ['Extra gotaways (total)', (d) => total(cut(nat(d, 'extra_gotaways'))), 0],
      ['No-record share', (d) => { const a = total(cut(nat(d, 'arrests'))); return a > 0 ? total(cut(nat(d, 'arrests_no_record'))) / a : null; }, 'pct'],
    ];
    const box = $('kpis');
    if (box.children.length !== tiles.length) {
      box.textContent = '';
      for (const [name] of tiles) {
        const div = document.createElement('div');
        div.className = 'kpi';
        div.innerHTML = '<div class="name"></div><div class="value"></div><div class="base"></div><div class="delta"></div>';
        div.querySelector('.name').textContent = name;
        box.appendChild(div);
      }
    }
    tiles.forEach(([, f, d], i) => {
      const div = box.children[i];
      const wv = k(w, f), bv = k(b, f);
      const show = (x) => (d === 'pct' ? pct(x, 1) : fmt(x, d));
      div.querySelector('.value').textContent = show(wv);
      div.querySelector('.base').textContent = 'baseline ' + show(bv);
      let delta = '';
      if (wv != null && bv != null) {
        // A percentage of a near-zero baseline says nothing: leave it out.
        const rel = bv ? (100 * (wv - bv)) / bv : null;
        delta = d === 'pct' ? signed(100 * (wv - bv), 1) + ' points' : signed(wv - bv) + (rel != null && Math.abs(rel) < 1000 ? ` (${signed(rel, 1)}%)` : '');
      }
      div.querySelector('.delta').textContent = delta;
    });
    $('kpis').dataset.mode = cur.mode;
    const live = [w, b].some((d) => d && d.provisional);
    $('kpis').title = cur.mode !== 'simulation' ? 'preview' : live ? `live: one replication, over the ${n} days simulated so far (the means replace it when the run is done)` : `simulation, over the ${n} days received so far`;
  }

  // ---------- field offices ----------
  function spark(xs, color, max, width, height, stroke) {
    const step = 7;
    const pts = [];
    for (let i = 0; i + step <= xs.length; i += step) {
      const m = mean(xs.slice(i, i + step));
      if (m == null) break;
      pts.push([(i / Math.max(1, xs.length - step)) * width, height - (m / max) * (height - 2) - 1]);
    }
    if (pts.length < 2) return '';
    return `<polyline fill="none" stroke="${color}" stroke-width="${stroke}" points="${pts.map((p) => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' ')}"/>`;
  }
  function renderOffices(cur) {
    const box = $('offices');
    const layout = (cur.whatif || cur.base || {}).layout;
    if (!layout) return;
    if (box.children.length !== layout.offices.length) {
      box.textContent = '';
      layout.offices.forEach((name) => {
        const div = document.createElement('div');
        div.className = 'office';
        div.innerHTML = '<div class="oname"></div><div class="nums"><span class="w"></span> <span class="b"></span> <span class="t"></span></div><div class="att"><div></div></div><svg width="170" height="34" viewBox="0 0 170 34" aria-hidden="true"></svg>';
        div.querySelector('.oname').textContent = name;
        box.appendChild(div);
      });
    }
    const w = cur.whatif, b = cur.base;
    layout.offices.forEach((name, o) => {
      const div = box.children[o];
      const wa = w ? off(w, o, 'arrests') : [];
      const ba = b ? off(b, o, 'arrests') : [];
      const n = Math.min(w ? w.filled : 0, b ? b.filled : 0) || (w ? w.filled : 0);
      const wm = mean(wa.slice(0, n)), bm = mean(ba.slice(0, n));
      const tm = w ? mean(off(w, o, 'target').slice(0, n)) : null;
      div.querySelector('.w').textContent = fmt(wm, 1) + '/day';
      div.querySelector('.b').textContent = 'base ' + fmt(bm, 1);
      div.querySelector('.t').textContent = tm > 0 ? 'target ' + fmt(tm) : 'no target';
      const att = tm > 0 && wm != null ? wm / tm : null;
      const bar = div.querySelector('.att');
      bar.firstChild.style.width = att == null ? '0' : Math.min(100, 100 * att) + '%';
      bar.classList.toggle('full', att != null && att >= 1);
      bar.title = att == null ? 'no target' : `${pct(att)} of target`;
      // Scaled to the arrests (not the target), so the shape shows.
      const max = Math.max(1, ...present(wa), ...present(ba));
      div.querySelector('svg').innerHTML = spark(ba, 'rgba(0, 114, 178, 0.5)', max, 170, 34, 3) + spark(wa, COLORS.whatif, max, 170, 34, 1.5);
      div.classList.toggle('filled', w != null && w.filled > 0);
      div.dataset.arrests = wm == null ? '' : String(wm);
    });
  }

  // ---------- map ----------
  // The 25 areas of responsibility as the report draws them: a tile grid from the same
  // committed file (/assets/aor-tiles.csv, crates/output/src/report/aor_tiles.csv), each
  // area coloured by the chosen office series (mean per day over the days received) of the
  // what-if, its value on hover (<title>). The rates per 100,000 foreign-born residents
  // divide by the committed table the report uses (/assets/foreign-born.csv,
  // crates/output/src/foreign_born.csv): flows × 365 (per year), stocks as they are.
  const MAP = { tiles: null, loading: false, residents: {} };
  const MAP_TILE = 44, MAP_GAP = 3;
  // [option value, office series, per year?]
  const PER_100K = [['arrests_per_100k_fb', 'arrests', true], ['detained_per_100k_fb', 'detained', false], ['removals_per_100k_fb', 'removals', true]];
  async function loadTiles() {
    if (MAP.tiles || MAP.loading) return;
    MAP.loading = true;
    const [text, fb] = await Promise.all(['/assets/aor-tiles.csv', '/assets/foreign-born.csv'].map(async (u) => (await fetch(u)).text()));
    fb.trim().split('\n').slice(1).forEach((l) => { const [office, n] = l.split(','); MAP.residents[office] = +n; });
    MAP.tiles = text.trim().split('\n').slice(1).map((l) => {
      const [office, state, col, row] = l.split(',');
      return { office, state, col: +col, row: +row };
    });
    MAP.loading = false;
    if (MAP.last) renderMap(MAP.last);
  }
  function mapColour(t) {
    const c = (a, b) => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
    return `rgb(${c(222, 8)},${c(235, 69)},${c(247, 148)})`;
  }
  function renderMap(cur) {
    MAP.last = cur;
    const svg = $('aor-map');
    const d = cur.whatif || cur.base;
    if (!svg || !d) return;
    if (!MAP.tiles) { loadTiles().catch((e) => W.errors.push('map: ' + e.message)); return; }
    const sel = $('map-measure');
    if (!sel.options.length) {
      d.layout.office.forEach((name) => { const o = document.createElement('option'); o.value = name; o.textContent = name + ' per day'; sel.appendChild(o); });
      PER_100K.filter(([, series]) => d.layout.office.includes(series)).forEach(([key, series, year]) => {
        const o = document.createElement('option'); o.value = key;
        o.textContent = `${series} ${year ? 'per year ' : ''}per 100,000 foreign-born residents`; sel.appendChild(o);
      });
      sel.addEventListener('change', () => renderMap(MAP.last));
    }
    const measure = sel.value || d.layout.office[0];
    const rate = PER_100K.find((r) => r[0] === measure);
    const n = d.filled;
    const values = {};
    d.layout.offices.forEach((name, o) => {
      const m = mean(off(d, o, rate ? rate[1] : measure).slice(0, n));
      const fb = MAP.residents[name];
      values[name] = !rate ? m : (m == null || !fb ? null : m * (rate[2] ? 365 : 1) / fb * 1e5);
    });
    const unit = rate ? ` ${rate[1]}${rate[2] ? '/year' : ''} per 100k foreign-born` : ' ' + measure + '/day';
    const vs = Object.values(values).filter((v) => v != null);
    const lo = Math.min(...vs), hi = Math.max(...vs);
    const cols = Math.max(...MAP.tiles.map((t) => t.col)) + 1, rows = Math.max(...MAP.tiles.map((t) => t.row)) + 1;
    svg.setAttribute('viewBox', `0 0 ${cols * (MAP_TILE + MAP_GAP) + 12} ${rows * (MAP_TILE + MAP_GAP) + 12}`);
    const offices = [...new Set(MAP.tiles.map((t) => t.office))];
    const esc = (x) => String(x).replace(/&/g, '&amp;').replace(/</g, '&lt;');
    svg.innerHTML = offices.map((office) => {
      const v = values[office];
      const fill = v == null ? '#cccccc' : mapColour(hi > lo ? (v - lo) / (hi - lo) : 0.5);
      const tiles = MAP.tiles.filter((t) => t.office === office);
      const title = `${office}: ${v == null ? 'no value' : fmt(v, 1) + unit} (${tiles.map((t) => t.state).join(', ')})`;
      return `<g class="aor" data-office="${esc(office)}" data-value="${v == null ? '' : v}"><title>${esc(title)}</title>` +
        tiles.map((t) => { const x = 6 + t.col * (MAP_TILE + MAP_GAP), y = 6 + t.row * (MAP_TILE + MAP_GAP);
          return `<rect x="${x}" y="${y}" width="${MAP_TILE}" height="${MAP_TILE}" fill="${fill}"/><text x="${x + MAP_TILE / 2}" y="${y + MAP_TILE / 2 + 4}" font-size="11" text-anchor="middle">${t.state}</text>`; }).join('') + '</g>';
    }).join('');
  }

  // ---------- scorecards ----------
  const SC_COLS = [
    ['quarter', 'Quarter', (r) => r.quarter, (v) => v],
    ['office', 'Office', (r) => r.office, (v) => v],
    ['arrests', 'Arrests', (r) => r.arrests.mean, (v) => fmt(v)],
    ['base', 'Baseline', (r) => r.base, (v) => fmt(v)],
    ['delta', '\u0394 vs baseline', (r) => (r.base ? (r.arrests.mean - r.base) / r.base : null), (v) => (v == null ? '–' : signed(100 * v, 1) + '%')],
    ['target', 'Target', (r) => r.target, (v) => (v > 0 ? fmt(v) : '–')],
    ['attainment', 'Attainment', (r) => (r.target > 0 ? r.attainment.mean : null), (v) => pct(v)],
    ['no_record', 'No record', (r) => r.no_record_share.mean, (v) => pct(v)],
    ['rank', 'Rank', (r) => r.rank, (v) => v],
    ['bottom5', 'P(bottom 5)', (r) => r.bottom_five_probability, (v) => pct(v)],
  ];
  function renderScorecards() {
    const rows0 = S.scorecards.whatif || (S.runIds && S.runIds.whatif === S.runIds.base ? S.scorecards.base : null);
    const table = $('scorecards');
    if (!rows0) { table.tBodies[0].textContent = ''; return; }
    const base = new Map((S.scorecards.base || []).map((r) => [r.quarter + '|' + r.office, r.arrests.mean]));
    const rows = rows0.map((r) => Object.assign({}, r, { base: base.get(r.quarter + '|' + r.office) }));
    const quarters = [...new Set(rows.map((r) => r.quarter))];
    const qsel = $('quarter');
    if (qsel.options.length !== quarters.length + 1) {
      qsel.innerHTML = '<option value="">all</option>' + quarters.map((q) => `<option>${q}</option>`).join('');
      qsel.value = quarters[quarters.length - 1] || '';
    }
    const q = qsel.value;
    const col = SC_COLS.find((c) => c[0] === S.sort.key) || SC_COLS[6];
    const shown = rows.filter((r) => !q || r.quarter === q).sort((a, b) => {
      const x = col[2](a), y = col[2](b);
      if (x == null) return 1;
      if (y == null) return -1;
      return (x < y ? -1 : x > y ? 1 : 0) * S.sort.dir;
    });
    const head = table.tHead;
    head.innerHTML = '<tr>' + SC_COLS.map((c) => `<th data-key="${c[0]}">${c[1]}</th>`).join('') + '</tr>';
    head.querySelectorAll('th').forEach((th) => {
      if (th.dataset.key === S.sort.key) th.className = S.sort.dir > 0 ? 'sorted-asc' : 'sorted-desc';
      th.addEventListener('click', () => {
        S.sort = { key: th.dataset.key, dir: S.sort.key === th.dataset.key ? -S.sort.dir : 1 };
        renderScorecards();
      });
    });
    const body = table.tBodies[0];
    body.textContent = '';
    for (const r of shown) {
      const tr = document.createElement('tr');
      for (const c of SC_COLS) {
        const td = document.createElement('td');
        td.textContent = c[3](c[2](r));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  // ---------- scenario ----------
  async function selectScenario(name) {
    S.name = name;
    status('Loading ' + name + '\u2026');
    S.detail = await api('GET', '/api/scenarios/' + encodeURIComponent(name));
    $('description').textContent = S.detail.description + ` (${S.detail.start}, ${S.detail.days} days, ${S.detail.offices} field offices)`;
    S.preview = { base: null, whatif: null };
    S.des = { base: null, whatif: null };
    S.baseRunKey = null;
    S.desLevers = null;
    S.scorecards = { base: null, whatif: null };
    buildLevers();
    $('offices').textContent = '';
    renderScorecards();
    redraw();
    S.lastInputAt = null;
    await requestPreview();
    status('Ready. Move a lever, or run the simulation.');
  }

  async function main() {
    buildCharts();
    const list = (await api('GET', '/api/scenarios')).scenarios;
    const sel = $('scenario');
    for (const s of list) {
      const o = document.createElement('option');
      o.value = s.name;
      o.textContent = s.name;
      sel.appendChild(o);
    }
    const preferred = list.find((s) => s.name === 'baseline-fy2025') || list[0];
    sel.value = preferred.name;
    sel.addEventListener('change', () => selectScenario(sel.value).catch((e) => status(e.message, true)));
    $('run').addEventListener('click', runSimulation);
    $('cancel').addEventListener('click', cancelRuns);
    $('quarter').addEventListener('change', renderScorecards);
    $('reset').addEventListener('click', () => {
      for (const l of S.detail.levers) {
        S.values[l.key] = S.defaults[l.key];
        $('lever-' + l.key).value = S.defaults[l.key];
        $('lever-' + l.key).dispatchEvent(new Event('input'));
      }
    });
    await selectScenario(preferred.name);
    W.ready = true;
  }

  // Test hooks: how many points each chart has drawn, per series.
  W.chartPoints = () => S.charts.map(({ def, u }) => ({ id: def.id, points: u.data.slice(1).map((s) => s.filter((v) => v != null).length) }));

  main().catch((e) => { status('Could not load the dashboard: ' + e.message, true); W.errors.push(String(e.message)); });
})();
