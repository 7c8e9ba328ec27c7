// Rebound dashboard: plain JavaScript against the admin API next to this page (api/...). Changing requests carry
// the X-Rebound-Request header, which the API requires (a cross-site form cannot send it).
'use strict';

const api = path => 'api/' + path;
const state = { filter: {}, next: null, selected: null, replayTimer: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'onclick') node.onclick = v; else if (v !== undefined && v !== null) node.setAttribute(k, v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function shortClass(name) {
  return name ? name.substring(name.lastIndexOf('.') + 1) : '';
}

function notice(text, error) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.className = error ? 'error' : '';
}

async function call(method, path, body) {
  const options = { method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    options.headers['X-Rebound-Request'] = '1';
  }
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(api(path), options);
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).message || message; } catch (ignored) { /* not JSON */ }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v) q.set(k, v); });
  const text = q.toString();
  return text ? '?' + text : '';
}

async function loadStats() {
  const stats = await call('GET', 'stats');
  document.getElementById('totals').textContent = stats.total + ' dead letter' + (stats.total === 1 ? '' : 's')
      + (stats.oldestAgeSeconds != null ? ' · oldest ' + age(stats.oldestAgeSeconds) + ' old' : '');
  const rows = new Map();
  (stats.asynchronousChannels || []).forEach(c => rows.set(c, 0));
  (stats.channels || []).forEach(c => rows.set(c.channel == null ? '(synchronous)' : c.channel, c.count));
  const backlog = new Map((stats.backlog || []).map(b => [b.channel, b]));
  backlog.forEach((b, channel) => { if (!rows.has(channel)) rows.set(channel, 0); });
  const body = document.querySelector('#channels tbody');
  body.replaceChildren(...[...rows.entries()].map(([channel, count]) => {
    const waiting = backlog.get(channel);
    const stopped = (stats.stoppedConsumers || {})[channel];
    const consumers = (stats.asynchronousChannels || []).includes(channel)
        ? (stopped ? el('span', { class: 'stopped', title: stopped }, 'stopped: ' + stopped) : el('span', { class: 'running' }, 'running'))
        : el('span', { class: 'muted' }, '—');
    return el('tr', { 'data-channel': channel },
        el('td', {}, el('a', { href: '#', onclick: e => { e.preventDefault(); filterBy({ channel: channel === '(synchronous)' ? '' : channel }); } }, channel)),
        el('td', { class: 'num' }, count), el('td', {}, consumers),
        el('td', { class: 'num waiting' }, waiting ? String(waiting.depth) : '—'),
        el('td', { class: 'num lag', title: waiting ? 'measured ' + waiting.measuredAt : '' },
            waiting ? age(Math.round(waiting.lagSeconds)) : '—'));
  }));
}

// every node on the database (the node registry), each with its consumers per channel as its last heartbeat left
// them; this node's as they are now
async function loadNodes() {
  const view = await call('GET', 'nodes');
  document.getElementById('nodes-hint').textContent = view.shared
      ? 'Every node on this database, from its heartbeat (every ' + age(view.heartbeatSeconds)
        + '). "Pause everywhere" pauses a channel on this node now and on the others at their next heartbeat.'
      : 'The node registry is off (no database): this node only.';
  const body = document.querySelector('#nodes tbody');
  body.replaceChildren(...view.nodes.map(n => el('tr', { class: 'node', 'data-node': n.name, 'data-state': n.state },
      el('td', { class: 'cls', title: 'started ' + time(n.startedAt) + ' · Rebound ' + (n.version || '?') }, n.name,
          n.self ? el('div', { class: 'muted' }, 'this node') : ''),
      el('td', {}, nodeState(n)),
      el('td', { class: 'muted' }, n.heartbeatAt ? time(n.heartbeatAt) : '—'),
      el('td', {}, n.channels.length ? n.channels.map(c => el('div', { class: 'node-channel', 'data-channel': c.channel },
          c.channel + ': ', el('span', { class: c.state === 'CONSUMING' ? 'running' : 'stopped' }, c.state.toLowerCase()),
          ' ' + c.live + '/' + c.consumers, c.failure ? el('span', { class: 'muted' }, ' ' + c.failure) : '',
          n.self && view.shared ? everywhereButton(c.channel, (view.pausedEverywhere || []).includes(c.channel)) : ''))
          : el('span', { class: 'muted' }, 'no consumers')))));
}

function everywhereButton(channel, paused) {
  const what = paused ? 'resume' : 'pause';
  return [' ', el('button', { class: (paused ? 'primary' : 'danger') + ' ' + what + '-everywhere', onclick: async () => {
    if (!confirm(what[0].toUpperCase() + what.substring(1) + ' the consumers of ' + channel + ' on every node?\n\n'
        + 'This node now, the others at their next heartbeat.')) return;
    await act(async () => {
      await call('POST', 'channels/' + encodeURIComponent(channel) + '/' + what + '-everywhere');
      notice('Channel ' + channel + ': ' + what + 'd on every node (the others within a heartbeat).');
    });
  } }, paused ? 'Resume everywhere' : 'Pause everywhere')];
}

function nodeState(n) {
  if (n.state === 'ALIVE') return el('span', { class: 'running' }, 'alive');
  if (n.state === 'STOPPED') return el('span', { class: 'muted' }, 'stopped at ' + time(n.stoppedAt));
  return el('span', { class: 'stopped' }, 'not seen since ' + time(n.heartbeatAt));
}

function age(seconds) {
  if (seconds < 120) return seconds + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' days';
}

async function loadGroups() {
  const groups = await call('GET', 'groups');
  const body = document.querySelector('#groups tbody');
  body.replaceChildren(...groups.map(g => el('tr', { class: 'group', 'data-fingerprint': g.fingerprint },
      el('td', { class: 'cls', title: g.exceptionClass }, shortClass(g.exceptionClass)),
      el('td', {}, el('div', { class: 'cls' }, g.handler || '—'), el('div', { class: 'muted cls' }, g.failureSite || '')),
      el('td', { class: 'num' }, g.count),
      el('td', { class: 'muted' }, time(g.lastFailedAt)),
      el('td', {},
          el('button', { class: 'show-group', onclick: () => filterBy({ fingerprint: g.fingerprint }) }, 'Show'), ' ',
          el('button', { class: 'primary replay-group', onclick: () => replayGroup(g) }, 'Replay'), ' ',
          el('button', { class: 'danger delete-group', onclick: () => deleteGroup(g) }, 'Delete')))));
}

async function loadLetters(append) {
  const params = Object.assign({ limit: 50 }, state.filter, append ? { after: state.next } : {});
  const page = await call('GET', 'dead-letters' + query(params));
  const body = document.querySelector('#letters tbody');
  const rows = page.items.map(l => el('tr', { class: 'letter', 'data-id': l.id, onclick: () => show(l.id) },
      el('td', {}, time(l.failedAt)),
      el('td', {}, l.channel || el('span', { class: 'muted' }, 'sync')),
      el('td', { class: 'cls' }, l.handler || ''),
      el('td', {}, el('div', { class: 'cls' }, shortClass(l.exceptionClass)), el('div', { class: 'muted' }, l.exceptionMessage || '')),
      el('td', { class: 'num' }, l.attempts),
      el('td', {}, el('button', { class: 'primary replay', onclick: e => { e.stopPropagation(); replay(l.id); } }, 'Replay'))));
  if (append) body.append(...rows); else body.replaceChildren(...rows);
  state.next = page.next;
  document.getElementById('more').hidden = !page.next;
  const label = Object.entries(state.filter).filter(([, v]) => v).map(([k, v]) => k + '=' + (k === 'fingerprint' ? v.substring(0, 8) : v));
  document.getElementById('filter-label').textContent = label.length ? '(' + label.join(', ') + ')' : '';
}

async function show(id) {
  state.selected = id;
  document.querySelectorAll('tr.letter').forEach(r => r.classList.toggle('selected', r.dataset.id === id));
  const d = await call('GET', 'dead-letters/' + encodeURIComponent(id));
  const details = document.getElementById('details');
  details.hidden = false;
  details.replaceChildren(
      el('h2', {}, 'Dead letter ', el('span', { class: 'cls' }, d.id)),
      el('div', {},
          el('button', { class: 'primary replay-one', onclick: () => replay(d.id) }, 'Replay'), ' ',
          el('button', { class: 'danger delete-one', onclick: () => remove(d.id) }, 'Delete')),
      el('dl', {},
          el('dt', {}, 'message'), el('dd', { class: 'cls' }, d.messageId || ''),
          el('dt', {}, 'channel'), el('dd', {}, d.channel || '(synchronous)'),
          el('dt', {}, 'handler'), el('dd', { class: 'cls' }, d.handler || ''),
          el('dt', {}, 'origin'), el('dd', { class: 'cls' }, d.origin || ''),
          el('dt', {}, 'payload type'), el('dd', { class: 'cls' }, d.payloadType || ''),
          el('dt', {}, 'attempts'), el('dd', {}, d.attempts),
          el('dt', {}, 'first / last failure'), el('dd', {}, time(d.failedAt) + ' / ' + time(d.lastFailedAt)),
          el('dt', {}, 'where'), el('dd', { class: 'cls' }, d.failureSite || ''),
          d.note ? [el('dt', {}, 'note'), el('dd', {}, d.note)] : []),
      el('h2', {}, 'Exception chain'),
      el('ol', { class: 'chain' }, d.exceptionChain.map(c => el('li', {}, el('span', { class: 'cls' }, c.exceptionClass), c.message ? ': ' + c.message : ''))),
      el('h2', {}, 'Payload'), el('pre', { class: 'body' }, pretty(d.body)),
      el('h2', {}, 'Headers'), el('pre', {}, JSON.stringify(d.headers, null, 2)),
      el('h2', {}, 'History'),
      el('table', { class: 'history' }, el('tr', {}, el('th', {}, 'failed'), el('th', {}, 'attempts'), el('th', {}, 'error')),
          d.history.map(h => el('tr', {}, el('td', {}, time(h.failedAt)), el('td', { class: 'num' }, h.attempts),
              el('td', {}, el('span', { class: 'cls' }, shortClass(h.exceptionClass)), ': ', h.exceptionMessage || '')))),
      el('h2', {}, 'Stack trace'), el('pre', { class: 'stack' }, d.stackTrace || ''));
}

function pretty(body) {
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch (notJson) { return body || ''; }
}

async function replay(id) {
  if (!confirm('Replay dead letter ' + id + ' now?')) return;
  await act(async () => {
    const result = await call('POST', 'dead-letters/' + encodeURIComponent(id) + '/replay');
    notice(result.handled ? 'Dead letter ' + id + ' was handled and removed.' : 'Dead letter ' + id + ' failed again; see its history.', !result.handled);
  });
}

async function remove(id) {
  if (!confirm('Delete dead letter ' + id + '? It cannot be replayed afterwards.')) return;
  await act(async () => {
    await call('DELETE', 'dead-letters/' + encodeURIComponent(id));
    notice('Dead letter ' + id + ' was deleted.');
  });
}

async function replayGroup(g) {
  if (!confirm('Replay the ' + g.count + ' messages of this group in the background?\n\n'
      + 'One is replayed first; if it fails again, the replay stops there.')) return;
  await act(async () => {
    const started = await call('POST', 'replays', { fingerprint: g.fingerprint, canary: true });
    notice('Bulk replay started for ' + started.total + ' messages.');
    watchReplays();
  });
}

async function deleteGroup(g) {
  if (!confirm('Delete all ' + g.count + ' messages of this group? They cannot be replayed afterwards.')) return;
  await act(async () => {
    const result = await call('POST', 'deletions', { fingerprint: g.fingerprint });
    notice(result.count + ' messages deleted.');
  });
}

async function act(work) {
  try {
    await work();
  } catch (e) {
    notice(e.message, true);
  }
  await refresh();
}

async function loadReplays() {
  const replays = await call('GET', 'replays');
  const box = document.getElementById('replays');
  if (!replays.length) {
    box.replaceChildren(el('p', { class: 'muted' }, 'None yet.'));
    return false;
  }
  box.replaceChildren(...replays.slice(0, 5).map(r => {
    const done = r.handled + r.failed + r.skipped;
    const share = r.total ? Math.round(100 * done / r.total) : 100;
    return el('div', { class: 'replay', 'data-state': r.state, 'data-id': r.id },
        el('div', {}, el('strong', {}, r.state.toLowerCase().replace('_', ' ')), ' · ', done + ' of ' + r.total,
            ' · handled ' + r.handled + ', failed again ' + r.failed + ', gone ' + r.skipped,
            r.state === 'RUNNING' ? [' ', el('button', { class: 'cancel', onclick: () => cancel(r.id) }, 'Cancel')] : []),
        el('div', { class: 'progress' }, el('div', { style: 'width:' + share + '%' })),
        el('div', { class: 'muted' }, 'requested ' + time(r.startedAt) + ' · ' + r.options.ratePerSecond + '/s'
            + (r.options.canary ? ' · canary' : '') + (r.error ? ' · ' + r.error : '')));
  }));
  return replays.some(r => r.state === 'RUNNING');
}

async function cancel(id) {
  await act(() => call('POST', 'replays/' + encodeURIComponent(id) + '/cancel'));
}

function watchReplays() {
  if (state.replayTimer) return;
  state.replayTimer = setInterval(async () => {
    const running = await loadReplays().catch(() => false);
    if (!running) {
      clearInterval(state.replayTimer);
      state.replayTimer = null;
      await refresh();
    } else {
      await Promise.all([loadStats(), loadGroups(), loadLetters(false)]).catch(() => {});
    }
  }, 1000);
}

function filterBy(filter) {
  state.filter = filter;
  const form = document.getElementById('filter');
  [...form.elements].filter(e => e.name).forEach(e => { e.value = filter[e.name] || ''; });
  document.getElementById('details').hidden = true;
  loadLetters(false).catch(e => notice(e.message, true));
}

async function refresh() {
  try {
    const [, , , running] = await Promise.all([loadStats(), loadGroups(), loadLetters(false), loadReplays(),
      loadNodes()]);
    if (running) watchReplays();
    if (state.selected && document.querySelector('tr.letter[data-id="' + state.selected + '"]')) {
      await show(state.selected);
    } else {
      document.getElementById('details').hidden = true;
      state.selected = null;
    }
  } catch (e) {
    notice(e.message, true);
  }
}

document.getElementById('filter').addEventListener('submit', e => {
  e.preventDefault();
  const data = Object.fromEntries(new FormData(e.target).entries());
  filterBy(data);
});
document.getElementById('clear-filter').onclick = () => filterBy({});
document.getElementById('more').onclick = () => loadLetters(true).catch(e => notice(e.message, true));
refresh().then(() => document.body.setAttribute('data-loaded', 'true'));
