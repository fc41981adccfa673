// Backups (admin): the store's backups, newest first; make one now, download, restore (merge or replace) after
// a confirmation.
import { call, saveFile } from '../api.js';
import { button, confirmDialog, el, heading, num, replace, table, timeEl, toast } from '../ui.js';

export async function render(main, { signal } = {}) {
  const list = el('div');
  const panel = el('div', { 'aria-live': 'polite' });

  async function load() {
    const answer = await call('listBackups', { signal });
    replace(list, table([
      { title: 'Backup', render: (b) => el('span', { class: 'mono' }, b.name) },
      { title: 'Made', class: 'nowrap', render: (b) => timeEl(b.created_at, { relative: true }) },
      { title: 'Size', class: 'num', render: (b) => sizeText(b.size) },
      { title: 'Documents', class: 'num', render: (b) => num(b.manifest?.documents) },
      { title: 'Schema', class: 'num', render: (b) => b.manifest?.schema_version ?? '—' },
      { title: 'From', render: (b) => b.manifest?.hostname || '—' },
      { title: 'Actions', render: (b) => el('div', { class: 'actions' },
        button('Download', 'download', async () => {
          const file = await call('downloadBackup', { path: { name: b.name } });
          saveFile(file, b.name, 'application/gzip');
        }, { kind: 'small' }),
        button('Restore…', 'restore', () => openRestore(b), { kind: 'small danger' })) },
    ], answer.data || [], { rowId: (b) => b.name, empty: 'No backups yet.' }));
  }

  function openRestore(b) {
    const merge = el('input', { type: 'radio', name: 'mode', value: 'merge', checked: true });
    const replaceMode = el('input', { type: 'radio', name: 'mode', value: 'replace' });
    const counts = (b.manifest?.collections || []).map((c) => `${c.name}: ${c.count}`).join(', ');
    replace(panel, el('form', { class: 'card restore-form', 'aria-label': 'Restore a backup' },
      el('h2', {}, `Restore ${b.name}`),
      el('p', { class: 'muted' }, counts ? `It holds ${counts}.` : ''),
      el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Mode' },
        el('label', {}, merge, el('span', {}, 'Merge')), el('label', {}, replaceMode, el('span', {}, 'Replace'))),
      el('p', {}, 'Merge writes each backed-up document over the current one and keeps the others; replace empties every backed-up collection first. Every instance then rebuilds its timers.'),
      el('div', { class: 'form-actions' },
        button('Restore', 'confirm-restore', async () => {
          const mode = replaceMode.checked ? 'replace' : 'merge';
          const ok = await confirmDialog({
            title: `Restore ${b.name} (${mode})?`,
            message: mode === 'replace' ? 'Everything in the backed-up collections is deleted and replaced by the backup. This cannot be undone.'
              : 'Documents in the backup overwrite the current ones with the same id.',
            confirmText: `Restore (${mode})`, action: 'restore',
          });
          if (!ok) return;
          const answer = await call('restoreBackup', { path: { name: b.name }, body: { mode } });
          const data = answer?.data || {};
          toast(`Restored ${num(data.documents)} documents (${mode})${data.deleted ? `, deleted ${num(data.deleted)}` : ''}.`);
          replace(panel);
          await load();
        }, { kind: 'danger' }),
        button('Cancel', 'cancel', () => replace(panel)))));
  }

  replace(main,
    heading('Backups', button('Back up now', 'create', async () => {
      const answer = await call('createBackup');
      toast(`Backup ${answer?.name} made`);
      await load();
    }, { kind: 'primary' })),
    el('p', { class: 'muted' }, 'A backup holds every Texium collection as gzip-compressed MongoDB Extended JSON, with a manifest and its SHA-256.'),
    panel, list);
  await load();
}

function sizeText(bytes) {
  if (bytes == null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
