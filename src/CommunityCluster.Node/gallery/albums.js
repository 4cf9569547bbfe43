// Albums: the list with a form to create one; an album's own grid, with rename and delete.
'use strict';

cc.views.albums = async function (view) {
  const albums = (await cc.get('/api/albums')).albums;
  const name = cc.el('input', { name: 'name', placeholder: 'New album name', maxlength: 100, required: true,
    'aria-label': 'album name' });
  const form = cc.el('form', { class: 'inline create-album', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const album = await cc.request('POST', '/api/albums', { name: name.value });
      location.hash = `#/album/${album.id}`;
    } catch (error) {
      cc.showError(error);
    }
  } }, name, cc.el('button', { type: 'submit' }, 'Create'));
  const tiles = albums.map((a) => cc.el('a', { class: 'tile', href: `#/album/${a.id}`, dataset: { id: a.id } },
    a.coverPhotoId ? cc.el('img', { src: cc.thumbnailUrl(a.coverPhotoId, 'small'), alt: '', loading: 'lazy' })
      : cc.el('div', { class: 'placeholder' }, 'empty'),
    cc.el('span', { class: 'label' }, `${a.name} (${a.photos})`)));
  view.append(cc.el('h1', {}, 'Albums'), form,
    tiles.length ? cc.el('div', { class: 'grid albums' }, tiles) : cc.el('p', { class: 'empty' }, 'No albums yet.'));
};

cc.views.album = async function (view, id) {
  const album = await cc.get(`/api/albums/${id}`);
  const title = cc.el('h1', {}, album.name);
  const name = cc.el('input', { name: 'name', value: album.name, maxlength: 100, required: true,
    'aria-label': 'album name' });
  const rename = cc.el('form', { class: 'inline rename-album', onsubmit: async (event) => {
    event.preventDefault();
    try {
      title.textContent = (await cc.request('PATCH', `/api/albums/${id}`, { name: name.value })).name;
    } catch (error) {
      cc.showError(error);
    }
  } }, name, cc.el('button', { type: 'submit' }, 'Rename'),
  cc.el('button', { type: 'button', class: 'delete-album', onclick: async () => {
    if (!confirm(`Delete the album "${album.name}"? Its photos stay in the gallery.`)) return;
    await cc.request('DELETE', `/api/albums/${id}`).catch(cc.showError);
    location.hash = '#/albums';
  } }, 'Delete album'));
  view.append(cc.el('p', {}, cc.el('a', { href: '#/albums' }, '← Albums')), title, rename,
    await cc.shareSection('album', id));
  const list = cc.listFor(`&album=${id}`);
  await cc.renderGrid(view, list, (p) => `#/photo/${p.id}`);
};
