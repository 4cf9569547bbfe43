// Members: the sign-in form, signing out, the members list with invitation links, and joining
// through one. The session cookie is HttpOnly; the page keeps only the anti-forgery token.
'use strict';

/** Asks the node who is signed in (once per page load, and after signing in); true when someone is. */
cc.loadSession = async function () {
  if (cc.session) return true;
  try {
    cc.session = await cc.get('/api/session');
  } catch (error) {
    if (error.status !== 401) throw error;
    cc.session = null;
  }
  cc.showWho();
  return cc.session !== null;
};

cc.showWho = function () {
  const who = document.getElementById('who');
  who.hidden = !cc.session;
  if (!cc.session) return;
  who.replaceChildren(`${cc.session.name} (${cc.session.role}) `, cc.el('button', { type: 'button',
    class: 'sign-out', onclick: async () => {
      await cc.request('DELETE', '/api/session').catch(cc.showError);
      cc.session = null;
      cc.showWho();
      cc.route();
    } }, 'Sign out'));
};

/** A form of labelled inputs whose submit runs `action` with their values and shows its error. */
cc.form = function (className, fields, submit, action) {
  const inputs = fields.map(([name, label, type]) => cc.el('input', { name, type: type || 'text', required: true,
    autocomplete: type === 'password' ? (name === 'password' ? 'current-password' : 'new-password') : 'username',
    'aria-label': label }));
  return cc.el('form', { class: `stacked ${className}`, onsubmit: async (event) => {
    event.preventDefault();
    try {
      await action(Object.fromEntries(inputs.map((i) => [i.name, i.value])));
    } catch (error) {
      cc.showError(error);
    }
  } }, fields.map(([, label], i) => cc.el('label', {}, label, inputs[i])), cc.el('button', { type: 'submit' }, submit));
};

cc.signIn = async function (name, password) {
  cc.session = await cc.request('POST', '/api/session', { name, password });
  cc.showWho();
};

cc.views.signin = async function (view) {
  view.append(cc.el('h1', {}, 'Sign in'),
    cc.form('sign-in', [['name', 'Name'], ['password', 'Password', 'password']], 'Sign in', async (values) => {
      await cc.signIn(values.name, values.password);
      await cc.route();
    }),
    cc.el('p', { class: 'muted' }, 'New here? Ask a member for an invitation link.'));
};

cc.views.join = async function (view, token) {
  view.append(cc.el('h1', {}, 'Join the community'),
    cc.el('p', {}, 'Choose the name the others will see and a password of at least 10 characters.'),
    cc.form('join', [['name', 'Name'], ['newPassword', 'Password', 'password']], 'Join', async (values) => {
      await cc.request('POST', '/api/invitations/accept', { token, name: values.name, password: values.newPassword });
      await cc.signIn(values.name, values.newPassword);
      location.hash = '#/';
    }));
};

cc.views.members = async function (view) {
  const accounts = (await cc.get('/api/accounts')).accounts;
  const link = cc.el('p', { class: 'invitation', hidden: true });
  const role = cc.el('select', { 'aria-label': 'role of the invited' }, cc.el('option', { value: 'member' }, 'member'),
    cc.session.role === 'admin' ? cc.el('option', { value: 'admin' }, 'admin') : null);
  const invite = cc.el('form', { class: 'inline invite', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const made = await cc.request('POST', '/api/invitations', { role: role.value });
      const url = new URL(made.link, location.href).href;
      link.replaceChildren('Send this link to the person you invite (it works once, for 7 days): ',
        cc.el('input', { class: 'link', readonly: true, value: url, 'aria-label': 'invitation link' }));
      link.hidden = false;
    } catch (error) {
      cc.showError(error);
    }
  } }, role, cc.el('button', { type: 'submit' }, 'Make an invitation link'));
  const rows = accounts.map((a) => cc.el('tr', {}, cc.el('td', {}, a.name), cc.el('td', {}, a.role),
    cc.el('td', {}, a.createdBy)));
  view.append(cc.el('h1', {}, 'Members'), invite, link,
    cc.el('div', { class: 'scroll' }, cc.el('table', { class: 'members' },
      cc.el('tr', {}, cc.el('th', {}, 'Name'), cc.el('th', {}, 'Role'), cc.el('th', {}, 'Invited by')), rows)));
};
