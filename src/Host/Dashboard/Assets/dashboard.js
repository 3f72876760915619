// The dashboard's only script: polls the operations API every few seconds and redraws the pipeline's state; asks for
// the nine server-drawn charts at each poll with the ETag it holds, so the server answers 304 (no body, no drawing)
// until its served results change, and writes each chart's age under it. No library, no build step.
'use strict';

(() => {
  const pollMs = 3000;
  const keyStore = 'pinterest-modular.api-key';
  const numbers = new Intl.NumberFormat('en-US');

  // Thrown when the server wants an API key this tab does not have (403 from the key check).
  class KeyNeeded extends Error {}

  let chartNames = null;
  const chartTags = new Map(); // query name -> ETag of the chart on screen
  const chartAsOf = new Map(); // query name -> Date its data was read
  let timer = null;

  takeKeyFromAddress();
  document.getElementById('key-form').addEventListener('submit', useTypedKey);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) schedule(0); });
  schedule(0);

  // ?key=... is read once, kept for this tab in sessionStorage and taken out of the address bar and history.
  function takeKeyFromAddress() {
    const url = new URL(location.href);
    const key = url.searchParams.get('key');
    if (key === null) return;
    sessionStorage.setItem(keyStore, key);
    url.searchParams.delete('key');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  function useTypedKey(event) {
    event.preventDefault();
    const input = document.getElementById('key-input');
    sessionStorage.setItem(keyStore, input.value);
    input.value = '';
    document.getElementById('key-form').hidden = true;
    schedule(0);
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  async function refresh() {
    if (document.hidden) return; // picked up again by visibilitychange
    try {
      if (chartNames === null) {
        chartNames = await getJson('api/analytics');
        buildChartCards(chartNames);
      }
      const [stats, runs, rejected] = await Promise.all([
        getJson('api/stats'), getJson('api/jobs/batch?limit=10'), getJson('api/rejected?pageSize=8'),
      ]);
      showStats(stats, runs);
      showShards(stats.shards ?? []);
      showCluster(await getJson('api/cluster'));
      showRuns(runs);
      showRejected(rejected);
      await Promise.all(chartNames.map(loadChart));
      showChartAges();
      setStatus(`live · updated ${new Date().toLocaleTimeString()} · every ${pollMs / 1000} s`, 'live');
    } catch (error) {
      if (error instanceof KeyNeeded) {
        setStatus('waiting for an API key', 'failing');
        document.getElementById('key-form').hidden = false;
        return; // polling resumes when a key is entered
      }
      setStatus(`cannot reach the API (${error.message}); retrying`, 'failing');
    }
    schedule(pollMs);
  }

  // etag: sent as If-None-Match; the answer may then be a 304 (returned as is: the fetch bypasses the browser's cache).
  async function request(path, accept, etag) {
    const headers = { Accept: accept };
    const key = sessionStorage.getItem(keyStore);
    if (key) headers['x-api-key'] = key;
    if (etag) headers['If-None-Match'] = etag;
    // document.baseURI is "<path base>/", so relative paths stay under an API Gateway stage.
    const response = await fetch(new URL(path, document.baseURI), { headers, cache: 'no-store' });
    if (response.status === 403) throw new KeyNeeded();
    if (response.status === 304 && etag) return response;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  }

  async function getJson(path) {
    return (await request(path, 'application/json')).json();
  }

  function buildChartCards(names) {
    const cards = names.map((name) => {
      const placeholder = element('p', 'chart-placeholder', name);
      placeholder.append(element('small', '', 'loading…'));
      const figure = element('figure', 'chart');
      figure.dataset.query = name;
      figure.dataset.state = 'loading';
      figure.setAttribute('aria-label', name);
      figure.append(element('div', 'chart-body'), element('p', 'chart-age'), element('p', 'chart-error'));
      figure.firstChild.append(placeholder);
      return figure;
    });
    document.getElementById('charts').replaceChildren(...cards);
  }

  async function loadChart(name) {
    const figure = document.querySelector(`.chart[data-query="${CSS.escape(name)}"]`);
    const error = figure.querySelector('.chart-error');
    try {
      const response = await request(`dashboard/charts/${encodeURIComponent(name)}.svg`, 'image/svg+xml', chartTags.get(name));
      if (response.status === 304) return true; // the chart on screen is current
      const text = await response.text();
      // Parsed as XML, not HTML: the server escaped every text, and an SVG document cannot carry a script here (CSP).
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      if (parsed.querySelector('parsererror') || parsed.documentElement.localName !== 'svg') {
        throw new Error('the chart is not an SVG document');
      }
      const svg = document.importNode(parsed.documentElement, true);
      svg.removeAttribute('width'); // the viewBox keeps its proportions at the card's width
      svg.removeAttribute('height');
      figure.querySelector('.chart-body').replaceChildren(svg);
      figure.dataset.state = 'loaded';
      chartTags.set(name, response.headers.get('ETag'));
      const asOf = svg.getAttribute('data-as-of');
      if (asOf) chartAsOf.set(name, new Date(asOf));
      error.textContent = '';
      return true;
    } catch (failure) {
      if (failure instanceof KeyNeeded) throw failure;
      figure.dataset.state = 'failed';
      chartTags.delete(name); // drawn again in full at the next poll
      error.textContent = `Could not draw ${name}: ${failure.message}`;
      return false;
    }
  }

  // The line under each chart: when its data was read, and how long ago.
  function showChartAges() {
    for (const [name, asOf] of chartAsOf) {
      const age = Math.max(0, Math.round((Date.now() - asOf.getTime()) / 1000));
      const line = document.querySelector(`.chart[data-query="${CSS.escape(name)}"] .chart-age`);
      if (line) line.textContent = `as of ${when(asOf.toISOString())} · ${age} s ago`;
    }
  }

  function showStats(stats, runs) {
    text('stat-pins', numbers.format(stats.pins));
    text('stat-geo', numbers.format(stats.geo));
    text('stat-users', numbers.format(stats.users));
    text('stat-rejected', numbers.format(stats.rejected));
    text('stat-last-run', runs.length ? `#${runs[0].id} ${runs[0].status}` : 'none yet');
    fill('topics', stats.topics, 5, (t) => [
      cell(t.name), cell(t.kind), count(t.accepted), count(t.landed), count(t.processed),
    ]);
    fill('streams', stats.streams, 5, (s) => [
      cell(s.name), cell(s.kind), count(s.accepted), count(s.processed), cell(s.lag_ms === null ? '–' : seconds(s.lag_ms), 'num'),
    ]);
    fill('retained', stats.retained_logs ?? [], 3, (l) => [
      cell(l.log), cell(bytes(l.retained_bytes), 'num'), cell(l.unprocessed_bytes === null ? '–' : bytes(l.unprocessed_bytes), 'num'),
    ]);
  }

  function bytes(value) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
  }

  function showCluster(cluster) {
    fill('cluster', cluster.hosts, 6, (h) => [
      cell(h.name === cluster.answered_by ? `${h.name} (this page)` : h.name), cell(h.started_at ? when(h.started_at) : '–'),
      cell(when(h.last_seen)), cell(h.holds.length ? h.holds.join(', ') : 'nothing', 'wrap'), cell(h.runs_batch_job ? 'running' : ''),
      cell(h.batch_run ? `#${h.batch_run.id} ${h.batch_run.status}` : '–'),
    ]);
  }

  // Kinesis only: the section stays hidden while the streams have no shards to show.
  function showShards(shards) {
    document.getElementById('shards-section').hidden = shards.length === 0;
    fill('shards', shards, 7, (s) => [
      cell(s.stream), cell(s.shard), count(s.accepted), count(s.stored), count(s.backlog),
      cell(s.last_stored_sequence_number ?? '–', 'wrap'), cell(s.reader ?? 'none'),
    ]);
  }

  function showRuns(runs) {
    const longest = Math.max(1, ...runs.map((r) => r.duration_ms ?? 0));
    fill('runs', runs, 9, (r) => {
      const status = element('span', `badge ${r.status}`, r.status);
      const statusCell = cell('');
      statusCell.append(status);
      if (r.error) statusCell.title = r.error;
      const duration = cell('');
      if (r.duration_ms !== null) {
        const bar = element('span', 'duration-bar');
        bar.style.width = `${Math.round((r.duration_ms / longest) * 80)}px`;
        const wrap = element('span', 'duration');
        wrap.append(bar, element('span', '', seconds(r.duration_ms)));
        duration.append(wrap);
      } else {
        duration.textContent = r.status === 'queued' ? 'waiting' : '…';
      }
      return [count(r.id), statusCell, cell(r.trigger), cell(r.host ?? '–', 'wrap'), cell(when(r.queued_at)), duration,
        count(r.objects_read), count(r.rows_upserted), count(r.rejected)];
    });
  }

  function showRejected(page) {
    const heading = document.querySelector('#rejected').closest('.panel').querySelector('h2 small');
    heading.textContent = `latest reasons · ${numbers.format(page.total)} in all`;
    fill('rejected', page.items, 4, (r) => [cell(when(r.rejected_at)), cell(r.kind), cell(r.reason, 'wrap'), cell(r.source)]);
  }

  // Replaces a table's rows; every value goes in as text, never as markup.
  function fill(tableId, items, columns, toCells) {
    const body = document.querySelector(`#${tableId} tbody`);
    if (items.length === 0) {
      const empty = element('tr', 'placeholder');
      const only = cell('nothing yet');
      only.colSpan = columns;
      empty.append(only);
      body.replaceChildren(empty);
      return;
    }
    body.replaceChildren(...items.map((item) => {
      const row = element('tr');
      row.append(...toCells(item));
      return row;
    }));
  }

  function cell(value, className) {
    return element('td', className, value);
  }

  function count(value) {
    return cell(value === null || value === undefined ? '–' : numbers.format(value), 'num');
  }

  function seconds(ms) {
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
  }

  function when(iso) {
    const date = new Date(iso);
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
  }

  function element(tag, className, textContent) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (textContent !== undefined) node.textContent = String(textContent);
    return node;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function setStatus(message, state) {
    const status = document.getElementById('status');
    status.textContent = message;
    status.className = `status ${state}`;
  }
})();
