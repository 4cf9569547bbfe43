// Share links: making and revoking them on a photo or an album, and the page a visitor sees, which
// shows only what the link shares and reads everything through /api/shared/<token>.
'use strict';

/** The "Share outside the community" section of a photo or album page. */
cc.shareSection = async function (kind, id) {
  const section = cc.el('section', { class: 'share' }, cc.el('h2', {}, 'Share outside the community'));
  const days = cc.el('input', { name: 'days', type: 'number', min: 1, max: 365, placeholder: 'days (optional)',
    'aria-label': 'expires after days' });
  const password = cc.el('input', { name: 'sharePassword', type: 'password', minlength: 10,
    placeholder: 'password (optional)', autocomplete: 'new-password', 'aria-label': 'share password' });
  const made = cc.el('p', { class: 'share-link', hidden: true });
  const list = cc.el('ul', { class: 'shares' });
  const refresh = async () => {
    const shares = (await cc.get('/api/shares')).shares.filter((s) => s.kind === kind && s.target === id && !s.revoked);
    list.replaceChildren(...shares.map((s) => cc.el('li', {},
      `made by ${s.createdBy}` + (s.expiresAt ? `, until ${s.expiresAt.slice(0, 16).replace('T', ' ')} UTC` : '')
      + (s.hasPassword ? ', with a password ' : ' '),
      cc.el('button', { type: 'button', class: 'revoke', onclick: async () => {
        await cc.request('DELETE', `/api/shares/${s.id}`).catch(cc.showError);
        await refresh();
      } }, 'Revoke'))));
  };
  const form = cc.el('form', { class: 'inline make-share', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const body = { kind, id };
      if (days.value) body.expiresAt = new Date(Date.now() + Number(days.value) * 86400000).toISOString();
      if (password.value) body.password = password.value;
      const share = await cc.request('POST', '/api/shares', body);
      made.replaceChildren('Send this link (shown once): ', cc.el('input', { class: 'link', readonly: true,
        value: new URL(share.link, location.href).href, 'aria-label': 'share link' }));
      made.hidden = false;
      await refresh();
    } catch (error) {
      cc.showError(error);
    }
  } }, days, password, cc.el('button', { type: 'submit' }, 'Make a share link'));
  await refresh();
  section.append(form, made, list);
  return section;
};

cc.views.shared = async function (view, token) {
  const base = `/api/shared/${token}`;
  let shared;
  try {
    shared = await cc.get(base);
  } catch (error) {
    if (error.status !== 401) throw error;
    view.append(cc.el('h1', {}, 'This link has a password'),
      cc.form('unlock', [['password', 'Password', 'password']], 'Open', async (values) => {
        await cc.request('POST', `${base}/unlock`, { password: values.password });
        await cc.route();
      }));
    return;
  }
  const photos = shared.photos.map((p) => cc.el('figure', { class: 'shared-photo', dataset: { id: p.id } },
    cc.el('img', { src: `${base}/photos/${p.id}/thumbnail?size=large`, alt: p.title || p.fileName, loading: 'lazy' }),
    cc.el('figcaption', {}, p.title || p.fileName, ' · ',
      cc.el('a', { href: `${base}/photos/${p.id}/original`, download: p.fileName }, 'original'))));
  view.append(cc.el('h1', {}, shared.album || 'A shared photo'), cc.el('div', { class: 'shared-photos' }, photos));
};
