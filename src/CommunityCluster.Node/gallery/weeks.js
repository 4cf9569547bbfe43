// Each home's week as a small chart (7 rows of 24 hours, UTC, darker = more often on) and the share
// of photos readable now and over the week, from GET /api/community/weeks. Cells take a class per
// quarter of chance rather than an inline style, which the Content-Security-Policy would refuse.
'use strict';

cc.days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

cc.percent = (share) => `${(share * 100).toFixed(1)} %`;

cc.readable = function (r) {
  return cc.el('div', { class: 'readable', dataset: { now: r.now, week: r.week } },
    cc.el('strong', {}, `Readable now: ${cc.percent(r.now)} of ${r.photos} photos`),
    cc.el('div', { class: 'muted' }, `Over the week: ${cc.percent(r.week)} `
      + `(about ${r.unreadableHoursWeek} h a photo has every home off), from the weeks the homes learned`));
};

cc.weekChart = function (home, slotNow) {
  const rows = cc.days.map((day, d) => cc.el('tr', {},
    cc.el('th', { scope: 'row' }, day),
    home.chances.slice(d * 24, d * 24 + 24).map((chance, h) => cc.el('td', {
      class: `q${Math.round(chance * 4)}${d * 24 + h === slotNow ? ' now' : ''}`,
      title: `${day} ${String(h).padStart(2, '0')}:00 UTC: on ${Math.round(chance * 100)} % of the time`,
    }))));
  return cc.el('table', { class: 'week', 'aria-label': `${home.homeId}'s usual week` }, cc.el('tbody', {}, rows));
};

cc.homeWeek = function (home, slotNow) {
  const state = home.live ? 'live' : home.resting ? (home.absentUntil ? 'asleep as announced' : 'away as usual')
    : 'away';
  return cc.el('figure', { class: 'home-week', dataset: { node: home.nodeId } },
    cc.el('figcaption', {}, cc.el('strong', {}, home.homeId), ' ',
      cc.el('span', { class: home.live ? 'live' : 'away' }, state),
      cc.el('div', { class: 'muted' }, `${home.summary} · ${home.photos} photos`
        + (home.offHours ? ` · off ${home.offHours}` : ''))),
    cc.weekChart(home, slotNow));
};

cc.weeks = function (w) {
  return [cc.readable(w.readable),
    cc.el('h2', {}, 'Usual hours'),
    cc.el('div', { class: 'weeks' }, w.homes.map((h) => cc.homeWeek(h, w.slotNow))),
    cc.el('p', { class: 'muted' }, 'Hours in UTC, Monday first; darker is more often on, the framed hour is now.')];
};
