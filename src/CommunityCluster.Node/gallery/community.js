// The community: its members, the measured links between every pair as two tables (round trip and
// throughput, a row per measuring node, like the study's), and replication health. Refreshed every
// 5 s while open.
'use strict';

cc.views.community = async function (view) {
  let sleep = null; // made once and moved into each refresh, so what is typed in it survives
  const render = async () => {
    const [c, w] = await Promise.all([cc.get('/api/community'), cc.get('/api/community/weeks')]);
    // Only an admin may put the home to sleep (the node answers 403 to anyone else).
    const isAdmin = cc.session && cc.session.role === 'admin';
    sleep = sleep || (isAdmin ? cc.sleepForm(c.self) : cc.el('span', {}));
    view.replaceChildren(cc.el('h1', {}, 'Community'),
      cc.el('p', { class: 'muted' }, `This page is served by ${c.self.homeId} (${c.self.address}).`),
      sleep,
      cc.health(c.replication),
      ...cc.weeks(w),
      cc.el('h2', {}, 'Members'), cc.members(c.members),
      cc.el('h2', {}, 'Round-trip time (ms)'), cc.matrix(c.links, c.links.roundTripMs, 'round-trip', 1),
      cc.el('h2', {}, 'Throughput (Mbit/s)'), cc.matrix(c.links, c.links.throughputMbit, 'throughput', 1),
      cc.el('p', { class: 'muted' }, 'Rows measure, columns are measured; – not measured yet.'));
  };
  await render();
  const timer = setInterval(() => render().catch(cc.showError), 5000);
  cc.onLeave(() => clearInterval(timer));
};

// A one-off absence of the home serving this page (POST /api/community/sleep, as ccm node sleep):
// its copies keep counting until then, and it leaves the community once the absence is recorded.
cc.sleepForm = function (self) {
  const until = cc.el('input', { name: 'until', placeholder: '8h, 2d or 2026-12-24T18:00Z', required: true,
    maxlength: 40 });
  const note = cc.el('span', { class: 'muted', role: 'status' });
  const submit = async (event) => {
    event.preventDefault();
    if (!window.confirm(`${self.homeId} will leave the community until ${until.value}; start it again then.`)) return;
    try {
      const r = await cc.request('POST', '/api/community/sleep', { until: until.value });
      note.textContent = `${r.homeId} sleeps until ${r.until} (UTC)`
        + `${r.majority ? '' : ', recorded on this home only'}; it is leaving the community now.`;
    } catch (error) {
      note.textContent = error.problem && error.problem.detail ? error.problem.detail : error.message;
    }
  };
  return cc.el('form', { class: 'inline sleep-home', onsubmit: submit },
    cc.el('label', {}, `Sleep ${self.homeId} until `, until), ' ',
    cc.el('button', { type: 'submit' }, 'Sleep'), ' ', note);
};

cc.health = function (r) {
  const text = r.healthy
    ? `Healthy: all ${r.photos} photos have their ${r.targetCopies} cop${r.targetCopies === 1 ? "y" : "ies"}`
    : `${r.underReplicatedPhotos} photos (${r.underReplicatedChunks} chunk copies) below ${r.targetCopies} copies`;
  return cc.el('div', { class: `health${r.healthy ? '' : ' degraded'}`, dataset: { healthy: r.healthy } },
    cc.el('strong', {}, text),
    cc.el('div', { class: 'muted' }, `${r.repairsRunning} repairs running · replication factor `
      + `${r.replicationFactor} · ${cc.bytes(r.bytes)} in ${r.chunks} chunks`
      + (r.deletedAwaitingCleanup ? ` · ${r.deletedAwaitingCleanup} deleted, awaiting cleanup` : '')));
};

cc.members = function (members) {
  const head = ['Home', 'Roles', 'Status', 'Shared', 'Used', 'Free', 'Hours online', 'Cores', 'Version', 'Address'];
  const rows = members.map((m) => cc.el('tr', { dataset: { address: m.address } },
    cc.el('td', {}, m.label),
    cc.el('td', {}, m.roles.join(', ')),
    cc.el('td', {}, cc.el('span', { class: m.reachable ? 'live' : 'away' }, m.reachable ? m.status : 'unreachable')),
    cc.el('td', {}, m.quotaBytes === null ? '–' : cc.bytes(m.quotaBytes)),
    cc.el('td', {}, m.usedBytes === null ? '–' : cc.bytes(m.usedBytes)),
    cc.el('td', {}, m.freeSharedBytes === null ? '–' : cc.bytes(m.freeSharedBytes)),
    cc.el('td', {}, m.hoursOnline === null ? '–' : m.hoursOnline.toFixed(1)),
    cc.el('td', {}, m.cores ?? '–'),
    cc.el('td', {}, m.version),
    cc.el('td', {}, m.address)));
  return cc.el('div', { class: 'scroll' }, cc.el('table', { class: 'members' },
    cc.el('thead', {}, cc.el('tr', {}, head.map((h) => cc.el('th', { scope: 'col' }, h)))),
    cc.el('tbody', {}, rows)));
};

cc.matrix = function (links, cells, name, digits) {
  const head = cc.el('tr', {}, cc.el('th', {}, 'from \\ to'),
    links.nodes.map((n) => cc.el('th', { scope: 'col', title: n.address }, n.label)));
  const rows = links.nodes.map((from, i) => cc.el('tr', {},
    cc.el('th', { scope: 'row', title: from.address }, from.label),
    cells[i].map((value, j) => cc.el('td', {}, i === j ? '·' : value === null ? '–' : value.toFixed(digits)))));
  return cc.el('div', { class: 'scroll' }, cc.el('table', { class: `matrix ${name}` },
    cc.el('thead', {}, head), cc.el('tbody', {}, rows)));
};
