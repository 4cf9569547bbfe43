// The router: one page, a view per location hash, so that the list a photo was opened from stays
// in memory for stepping through it with the keyboard.
'use strict';

cc.leaving = [];
cc.onLeave = (cleanup) => cc.leaving.push(cleanup);

cc.routes = [
  [/^#?\/?$/, 'gallery'],
  [/^#\/photo\/([0-9a-f]{64})$/, 'photo'],
  [/^#\/albums$/, 'albums'],
  [/^#\/album\/([0-9a-f]{16})$/, 'album'],
  [/^#\/upload$/, 'upload'],
  [/^#\/community$/, 'community'],
  [/^#\/members$/, 'members'],
  [/^#\/join\/([A-Za-z0-9_-]{43})$/, 'join'],
  [/^#\/shared\/([A-Za-z0-9_-]{43})$/, 'shared'],
];

/** Views a visitor without a session may see; any other shows the sign-in form first. */
cc.open = ['join', 'shared'];

cc.route = async function () {
  cc.leaving.splice(0).forEach((cleanup) => cleanup());
  const match = cc.routes.map(([pattern, name]) => [pattern.exec(location.hash), name]).find(([m]) => m);
  let [groups, name] = match || [null, 'missing'];
  if (!cc.open.includes(name) && !(await cc.loadSession())) [groups, name] = [null, 'signin'];
  const view = document.getElementById('view');
  const lastPhoto = cc.current === 'photo' ? cc.currentArgument : null;

  // A list is kept only for going back from a photo to the grid it was opened from; any other way
  // in starts the list afresh, so new uploads and album changes show. A photo opened from elsewhere
  // steps through the whole gallery.
  const fromItsGrid = lastPhoto && (cc.list.items || []).some((p) => p.id === lastPhoto);
  if ((name === 'gallery' || name === 'album') && !fromItsGrid) cc.list = { filter: null };
  if (name === 'photo' && !['gallery', 'album', 'photo'].includes(cc.current)) cc.list = { filter: null };
  if (name === 'photo' && cc.list.filter === null) cc.listFor('');
  cc.current = name;
  cc.currentArgument = groups ? groups[1] : null;
  document.querySelectorAll('nav a').forEach((a) =>
    a.classList.toggle('current', a.dataset.nav === ({ photo: 'gallery', album: 'albums' }[name] || name)));
  view.replaceChildren();
  view.dataset.view = name;

  try {
    if (name === 'missing') view.append(cc.el('h1', {}, 'Nothing here'), cc.el('a', { href: '#/' }, 'To the gallery'));
    else await cc.views[name](view, cc.currentArgument);
    view.dataset.ready = 'true';
  } catch (error) {
    view.append(cc.el('p', { class: 'empty' }, error.message));
    cc.showError(error);
  }
  const tile = lastPhoto && view.querySelector(`.tile[data-id="${lastPhoto}"]`);
  if (tile) { tile.scrollIntoView({ block: 'center' }); tile.focus(); }
};

addEventListener('hashchange', () => { document.getElementById('view').dataset.ready = 'false'; cc.route(); });
cc.route();
