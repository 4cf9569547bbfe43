// The grid of thumbnails: newest taken first, a heading per day, the next page fetched with the
// previous page's cursor as the end of the grid scrolls into view, thumbnails loaded lazily.
'use strict';

cc.PageSize = 60;

/** The list the grid shows, kept so that the photo page can step to the previous and next photo. */
cc.list = { filter: '', items: [], nextCursor: null, started: false };

cc.listFor = function (filter) {
  if (cc.list.filter !== filter) cc.list = { filter, items: [], nextCursor: null, started: false };
  return cc.list;
};

/** Fetches the list's next page; false once there is none. */
cc.loadMore = async function (list) {
  if (list.started && !list.nextCursor) return false;
  const cursor = list.nextCursor ? `&cursor=${encodeURIComponent(list.nextCursor)}` : '';
  const page = await cc.get(`/api/photos?limit=${cc.PageSize}${list.filter}${cursor}`);
  list.started = true;
  list.items.push(...page.items);
  list.nextCursor = page.nextCursor;
  return page.items.length > 0;
};

cc.tile = function (photo, href) {
  const label = photo.title || photo.fileName;
  let inner;
  if (photo.state === 'ready' && photo.thumbnails && photo.thumbnails.small) {
    inner = cc.el('img', { src: cc.thumbnailUrl(photo.id, 'small'), alt: label, loading: 'lazy', decoding: 'async' });
  } else {
    const text = { 'no-preview': 'no preview', failed: 'thumbnail failed' }[photo.state] || 'making thumbnail…';
    inner = cc.el('div', { class: 'placeholder' }, text);
  }
  const tile = cc.el('a', { class: 'tile', href, title: label, dataset: { id: photo.id, state: photo.state } },
    inner, cc.el('span', { class: 'label' }, label));
  if (photo.state === 'thumbnails-pending' || photo.state === 'stored') cc.whenReady(tile, photo.id);
  return tile;
};

/** Swaps a placeholder for the thumbnail once it is made, without reloading the page. */
cc.whenReady = function (tile, id) {
  cc.watchThumbnails(id, (thumbnails) => {
    if (thumbnails.state === 'ready' && !tile.querySelector('img')) {
      tile.querySelector('.placeholder').replaceWith(
        cc.el('img', { src: cc.thumbnailUrl(id, 'small'), alt: tile.title, decoding: 'async' }));
      tile.dataset.state = 'ready';
    } else if (thumbnails.state !== 'pending') {
      tile.querySelector('.placeholder').textContent = thumbnails.state.replace('-', ' ');
      tile.dataset.state = thumbnails.state;
    }
  });
};

/**
 * Renders the list into container, grouped by day, and keeps appending pages as the sentinel at
 * its end becomes visible. linkOf(photo) gives each tile's target.
 */
cc.renderGrid = async function (container, list, linkOf) {
  const sections = new Map();
  let shown = 0;
  const sentinel = cc.el('div', { class: 'sentinel', 'aria-hidden': 'true' });
  container.append(sentinel);

  function append() {
    for (; shown < list.items.length; shown++) {
      const photo = list.items[shown];
      const day = cc.day(photo);
      if (!sections.has(day)) {
        const grid = cc.el('div', { class: 'grid' });
        container.insertBefore(cc.el('section', { class: 'day', dataset: { day } },
          cc.el('h2', {}, cc.dayTitle(day)), grid), sentinel);
        sections.set(day, grid);
      }
      sections.get(day).append(cc.tile(photo, linkOf(photo)));
    }
  }

  if (!list.started) await cc.loadMore(list);
  append();
  if (list.items.length === 0) container.prepend(cc.el('p', { class: 'empty' }, 'No photos yet. ',
    cc.el('a', { href: '#/upload' }, 'Upload some.')));

  let loading = false;
  const observer = new IntersectionObserver(async (entries) => {
    if (!entries.some((e) => e.isIntersecting) || loading || !list.nextCursor) return;
    loading = true;
    try {
      await cc.loadMore(list);
      append();
    } catch (error) {
      cc.showError(error);
    } finally {
      loading = false;
    }
    // Still in view after a short page: the observer does not fire again by itself.
    if (list.nextCursor && sentinel.getBoundingClientRect().top < innerHeight) {
      observer.unobserve(sentinel);
      observer.observe(sentinel);
    }
  }, { rootMargin: '600px 0px' });
  observer.observe(sentinel);
  cc.onLeave(() => observer.disconnect());
};

cc.views = cc.views || {};

cc.views.gallery = async function (view) {
  view.append(cc.el('h1', {}, 'Gallery'));
  const list = cc.listFor('');
  await cc.renderGrid(view, list, (p) => `#/photo/${p.id}`);
};
