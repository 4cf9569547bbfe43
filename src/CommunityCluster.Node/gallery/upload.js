// Upload: files chosen or dropped, each sent as its own request so that one refused file does not
// stop the others and each has its own progress bar; the overall bar counts bytes of them all.
// A file's thumbnail appears in its row as soon as the node has made it.
'use strict';

cc.UploadsAtOnce = 2;

cc.views.upload = function (view) {
  const input = cc.el('input', { type: 'file', multiple: true, accept: 'image/*,.heic,.heif', id: 'files' });
  const drop = cc.el('div', { class: 'drop' },
    cc.el('p', {}, 'Drop photos here, or ', cc.el('label', { for: 'files' }, 'choose them: '), input));
  const overall = cc.el('progress', { max: 1, value: 0, 'aria-label': 'overall progress' });
  const summary = cc.el('span', { class: 'summary muted' }, '');
  const rows = cc.el('ul', { class: 'files' });
  view.append(cc.el('h1', {}, 'Upload'), drop,
    cc.el('div', { class: 'overall' }, overall, summary), rows);

  const batch = { files: [], queue: [], running: 0 };
  const refresh = () => {
    const total = batch.files.reduce((sum, f) => sum + f.file.size, 0) || 1;
    const sent = batch.files.reduce((sum, f) => sum + f.sent, 0);
    overall.value = sent / total;
    const settled = batch.files.filter((f) => f.outcome).length;
    summary.textContent = ` ${settled} of ${batch.files.length} files done`;
  };
  const add = (files) => {
    for (const file of files) {
      const entry = cc.uploadRow(file, refresh);
      batch.files.push(entry);
      batch.queue.push(entry);
      rows.append(entry.row);
    }
    pump();
  };
  const pump = () => {
    while (batch.running < cc.UploadsAtOnce && batch.queue.length) {
      batch.running++;
      cc.send(batch.queue.shift(), refresh).finally(() => { batch.running--; pump(); });
    }
    refresh();
  };

  input.addEventListener('change', () => { add([...input.files]); input.value = ''; });
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    add([...event.dataTransfer.files]);
  });
};

cc.uploadRow = function (file) {
  const bar = cc.el('progress', { max: file.size || 1, value: 0, 'aria-label': `progress of ${file.name}` });
  const outcome = cc.el('span', { class: 'outcome' }, 'waiting');
  const thumb = cc.el('div', { class: 'thumb' });
  const row = cc.el('li', { dataset: { file: file.name } }, thumb,
    cc.el('div', {}, cc.el('strong', {}, file.name), ` · ${cc.bytes(file.size)}`), cc.el('div', {}, bar, outcome));
  return { file, row, bar, outcomeText: outcome, thumb, sent: 0, outcome: null };
};

/** One file in one multipart request; XMLHttpRequest because fetch reports no upload progress. */
cc.send = function (entry, refresh) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    const finish = (kind, text) => {
      entry.outcome = kind;
      entry.row.dataset.outcome = kind;
      entry.outcomeText.className = `outcome ${kind}`;
      entry.outcomeText.textContent = text;
      entry.sent = entry.file.size;
      entry.bar.value = entry.bar.max;
      refresh();
      resolve();
    };
    request.upload.onprogress = (event) => {
      entry.sent = Math.min(event.loaded, entry.file.size);
      entry.bar.value = entry.sent;
      entry.outcomeText.textContent = 'uploading';
      refresh();
    };
    request.onload = () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { /* not JSON: reported by status alone */ }
      if (request.status === 200 && body && body.photos && body.photos.length) {
        const photo = body.photos[0];
        entry.row.dataset.id = photo.id;
        finish(photo.existed ? 'duplicate' : 'stored', photo.existed
          ? 'duplicate: already in the gallery' : `stored on ${photo.holders.length} node(s)`);
        cc.showThumbnail(entry, photo.id);
      } else {
        const reason = body && body.title ? `${body.title}: ${body.detail || ''}` : `HTTP ${request.status}`;
        finish('rejected', `rejected: ${reason}`);
      }
    };
    request.onerror = () => finish('rejected', 'rejected: the connection failed');
    const form = new FormData();
    form.append('file', entry.file, entry.file.name);
    request.open('POST', '/api/photos');
    for (const [name, value] of Object.entries(cc.antiforgery({}, 'POST'))) request.setRequestHeader(name, value);
    request.send(form);
  });
};

cc.showThumbnail = function (entry, id) {
  cc.watchThumbnails(id, (thumbnails) => {
    if (thumbnails.state === 'ready') {
      entry.thumb.replaceWith(cc.el('img', { class: 'thumb', src: cc.thumbnailUrl(id, 'small'),
        alt: entry.file.name }));
    } else if (thumbnails.state !== 'pending') {
      entry.outcomeText.textContent += ` · no preview (${thumbnails.reason || thumbnails.state})`;
    }
  });
};
