// The REST API as the pages use it, and small DOM helpers. Everything the pages show comes from
// the same routes a script would call (README, "REST API").
'use strict';
window.cc = window.cc || {};

/** An API error carrying the problem details (RFC 7807) the node answered with. */
cc.ApiError = class extends Error {
  constructor(status, problem) {
    super(problem && problem.title ? `${problem.title}: ${problem.detail || ''}` : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
};

/**
 * The signed-in member ({ name, role, antiforgeryToken, antiforgeryHeader }) or null. Every request
 * that changes something sends the session's anti-forgery token; without it the node refuses.
 */
cc.session = null;

cc.antiforgery = function (headers, method) {
  if (cc.session && cc.session.antiforgeryToken && !['GET', 'HEAD'].includes(method)) {
    headers[cc.session.antiforgeryHeader] = cc.session.antiforgeryToken;
  }
  return headers;
};

cc.request = async function (method, path, body) {
  const init = { method, headers: cc.antiforgery({ Accept: 'application/json' }, method) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new cc.ApiError(response.status, json);
  return json;
};

cc.get = (path) => cc.request('GET', path);

/** Builds an element; children may be strings (always text, never HTML), nodes, arrays or null. */
cc.el = function (tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

cc.bytes = function (n) {
  if (n === null || n === undefined) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(n >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
};

/** The local day a photo was taken, "2024-07-14", as the catalog sorts and filters by it. */
cc.day = (photo) => (photo.takenAt && photo.takenAt.local ? photo.takenAt.local.slice(0, 10) : 'unknown');

cc.dayTitle = function (day) {
  const date = new Date(`${day}T12:00:00`);
  if (Number.isNaN(date.getTime())) return 'Date unknown';
  return date.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
};

/** "2024-07-14 15:30:12 +02:00", or the local time with "offset unknown" when the file does not state one. */
cc.takenAt = function (takenAt) {
  if (!takenAt) return 'unknown';
  const local = takenAt.local.replace('T', ' ').slice(0, 19);
  return takenAt.offset ? `${local} ${takenAt.offset}` : `${local} (offset unknown)`;
};

cc.showError = function (error) {
  const box = document.getElementById('error');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
  clearTimeout(cc.showError.timer);
  cc.showError.timer = setTimeout(() => { box.hidden = true; }, 6000);
};

/**
 * Calls back with the photo's thumbnails object on every change until it settles. Server-sent
 * events, at most two streams at once: over plain HTTP/1.1 a browser opens six connections per
 * host, and open streams must not starve the thumbnails and uploads themselves.
 */
cc.watchThumbnails = (function () {
  const waiting = [];
  let open = 0;
  function next() {
    while (open < 2 && waiting.length > 0) start(waiting.shift());
  }
  function start(job) {
    open++;
    const source = new EventSource(`/api/photos/${job.id}/thumbnail/events`);
    const done = () => { source.close(); open--; next(); };
    source.addEventListener('thumbnail', (event) => {
      const thumbnails = JSON.parse(event.data);
      job.callback(thumbnails);
      if (thumbnails.state !== 'pending') done();
    });
    // The stream ends after its settled event or its time limit; either way this watch is over.
    source.onerror = done;
  }
  return function (id, callback) { waiting.push({ id, callback }); next(); };
})();

cc.thumbnailUrl = (id, size) => `/api/photos/${id}/thumbnail?size=${size}`;
