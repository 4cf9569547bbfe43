// One photo: the large preview, the original, its facts, its albums, where it lives and which node
// served this view. Left and right arrows (or k and j) step through the list it was opened from.
'use strict';

/** The photo's place in the current list, loading further pages while it is not there (a link opened
 * directly): at most 20 pages, past which the page simply has no previous and next. */
cc.neighbours = async function (id) {
  const list = cc.list;
  for (let pages = 0; list.items.findIndex((p) => p.id === id) < 0 && pages < 20; pages++) {
    if (!(await cc.loadMore(list))) break;
  }
  const index = list.items.findIndex((p) => p.id === id);
  if (index < 0) return { index, previous: null, next: null };
  if (index === list.items.length - 1 && list.nextCursor) await cc.loadMore(list);
  return { index, previous: list.items[index - 1] || null, next: list.items[index + 1] || null };
};

cc.exposure = function (e) {
  if (!e) return null;
  const parts = [];
  if (e.exposureTime) parts.push(e.exposureTime >= 1 ? `${e.exposureTime} s` : `1/${Math.round(1 / e.exposureTime)} s`);
  if (e.fNumber) parts.push(`f/${e.fNumber}`);
  if (e.iso) parts.push(`ISO ${e.iso}`);
  if (e.focalLength) parts.push(`${e.focalLength} mm` + (e.focalLength35mm ? ` (${e.focalLength35mm} mm eq.)` : ''));
  return parts.length ? parts.join(' · ') : null;
};

cc.facts = function (photo) {
  const rows = [
    ['Taken', cc.takenAt(photo.takenAt) + (photo.takenAt ? ` · from ${photo.takenAt.source}` : '')],
    ['Camera', photo.camera || [photo.cameraMake, photo.cameraModel].filter(Boolean).join(' ') || null],
    ['Lens', photo.lens],
    ['Exposure', cc.exposure(photo.exposure)],
    ['Dimensions', photo.width && photo.height ? `${photo.width} × ${photo.height} px` : null],
    ['File', `${photo.fileName} · ${cc.bytes(photo.size)} · ${photo.contentType}`],
    ['Uploaded', photo.uploadedAt
      ? `${photo.uploadedAt.replace('T', ' ').slice(0, 16)} UTC by ${photo.uploader}` : null],
    ['Place', photo.gps ? `${photo.gps.latitude.toFixed(5)}, ${photo.gps.longitude.toFixed(5)}` : null],
  ];
  return cc.el('dl', { class: 'facts' },
    rows.filter(([, value]) => value).map(([name, value]) => [cc.el('dt', {}, name), cc.el('dd', {}, value)]));
};

cc.whereItLives = function (photo) {
  const replicas = (photo.replicas || []).map((r) =>
    cc.el('li', { title: r.usualHours ? r.usualHours.chart.map((l, d) => `${cc.days[d]} |${l}|`).join('\n') : null },
      `${r.homeId} `, cc.el('span', { class: r.live ? 'live' : 'away' }, r.live ? 'live' : r.state || 'away'),
      r.usualHours ? cc.el('span', { class: 'muted hours' }, ` usually ${r.usualHours.summary}`) : null));
  const reads = (photo.readOrder || []).map((r) =>
    cc.el('li', {}, `${r.homeId}: ${r.reason}` + (r.expectedMs !== null ? ` (~${Math.round(r.expectedMs)} ms)` : '')));
  const served = photo.servedBy;
  return cc.el('section', { class: 'where' },
    cc.el('h2', {}, 'Where it lives'),
    cc.el('ul', { class: 'chips', 'aria-label': 'homes holding it' }, replicas),
    (photo.filling || []).length ? cc.el('p', { class: 'muted' },
      `Being copied to: ${photo.filling.map((f) => f.homeId).join(', ')}`) : null,
    served ? cc.el('p', { class: 'served' }, `This view was served by ${served.homeId} (${served.address}).`) : null,
    reads.length ? [cc.el('p', {}, 'It reads the bytes from, in this order:'), cc.el('ol', { class: 'reads' }, reads)]
      : null);
};

cc.albumsOf = async function (photo, rerender) {
  const all = (await cc.get('/api/albums')).albums;
  const mine = new Set((photo.albums || []).map((a) => a.id));
  const chips = (photo.albums || []).map((a) => cc.el('li', {},
    cc.el('a', { href: `#/album/${a.id}` }, a.name),
    cc.el('button', { title: `Remove from ${a.name}`, 'aria-label': `Remove from ${a.name}`, onclick: async () => {
      await cc.request('DELETE', `/api/albums/${a.id}/photos/${photo.id}`).catch(cc.showError);
      rerender();
    } }, '×')));
  const others = all.filter((a) => !mine.has(a.id));
  const select = cc.el('select', { name: 'album', 'aria-label': 'album' },
    others.map((a) => cc.el('option', { value: a.id }, a.name)));
  const form = cc.el('form', { class: 'inline add-to-album', onsubmit: async (event) => {
    event.preventDefault();
    await cc.request('PUT', `/api/albums/${select.value}/photos/${photo.id}`).catch(cc.showError);
    rerender();
  } }, select, cc.el('button', { type: 'submit' }, 'Add to album'));
  return cc.el('section', { class: 'albums-of' }, cc.el('h2', {}, 'Albums'),
    chips.length ? cc.el('ul', { class: 'chips' }, chips) : cc.el('p', { class: 'muted' }, 'In no album.'),
    others.length ? form : cc.el('p', { class: 'muted' }, cc.el('a', { href: '#/albums' }, 'Create an album')));
};

cc.preview = function (photo) {
  const t = photo.thumbnails || {};
  if (t.state === 'ready' && t.large) {
    return cc.el('img', { src: t.large.url, alt: photo.title || photo.fileName, width: t.large.width,
      height: t.large.height });
  }
  const text = t.state === 'no-preview' ? `No preview: ${t.reason || 'this file cannot be shown'}`
    : t.state === 'failed' ? 'The preview failed; it will be tried again' : 'Making the preview…';
  return cc.el('div', { class: 'placeholder' }, text);
};

cc.views.photo = async function (view, id) {
  const render = async () => {
    const photo = await cc.get(`/api/photos/${id}`);
    const around = await cc.neighbours(id);
    const go = (p) => { if (p) location.hash = `#/photo/${p.id}`; };
    const pager = cc.el('div', { class: 'pager' },
      cc.el('a', { href: cc.list.filter ? `#/album/${cc.list.filter.split('=')[1]}` : '#/' }, '← Back'),
      cc.el('button', { class: 'previous', disabled: !around.previous, onclick: () => go(around.previous) },
        '‹ Newer'),
      cc.el('button', { class: 'next', disabled: !around.next, onclick: () => go(around.next) }, 'Older ›'),
      cc.el('span', { class: 'muted' }, around.index >= 0 ? `${around.index + 1} of ${cc.list.items.length}`
        + (cc.list.nextCursor ? '+' : '') : ''));
    const side = cc.el('div', { class: 'side' },
      cc.el('h1', {}, photo.title || photo.fileName || id.slice(0, 12)),
      photo.description ? cc.el('p', {}, photo.description) : null,
      photo.takenAt ? cc.facts(photo) : cc.el('p', { class: 'muted' }, 'The catalog has not heard of it yet.'),
      cc.el('p', {}, cc.el('a', { class: 'download', href: `/api/photos/${id}/original`,
        download: photo.fileName || id }, 'Download the original')),
      await cc.albumsOf(photo, () => render().catch(cc.showError)),
      await cc.shareSection('photo', id),
      cc.whereItLives(photo));
    view.replaceChildren(pager, cc.el('article', { class: 'photo', dataset: { id } },
      cc.el('div', { class: 'preview' }, cc.preview(photo)), side));
    cc.photoKeys = { previous: () => go(around.previous), next: () => go(around.next) };
    if (photo.thumbnails && photo.thumbnails.state === 'pending') {
      cc.watchThumbnails(id, (t) => { if (t.state !== 'pending' && location.hash === `#/photo/${id}`) render(); });
    }
  };
  await render();
  const onKey = (event) => {
    if (event.target.closest('input, select, textarea') || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' || event.key === 'j') cc.photoKeys.next();
    else if (event.key === 'ArrowLeft' || event.key === 'k') cc.photoKeys.previous();
    else if (event.key === 'Escape') location.hash = cc.list.filter ? `#/album/${cc.list.filter.split('=')[1]}` : '#/';
  };
  document.addEventListener('keydown', onKey);
  cc.onLeave(() => document.removeEventListener('keydown', onKey));
};
