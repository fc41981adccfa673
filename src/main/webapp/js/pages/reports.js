// Reports: the files the ReportGeneration job made, newest first (a user's own, an admin all); download one.
import { call, saveFile } from '../api.js';
import { button, el, heading, link, num, pagedTable, replace, timeEl } from '../ui.js';

const TYPES = { csv: 'text/csv', html: 'text/html', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export async function render(main, { signal } = {}) {
  const table = pagedTable({
    caption: 'Reports',
    rowId: (r) => r.name,
    empty: 'No reports yet. A ReportGeneration job writes them.',
    columns: [
      { title: 'Report', render: (r) => el('span', { class: 'mono' }, r.name) },
      { title: 'Job', render: (r) => (r.job_id ? link(`/jobs/${r.job_id}`, r.job_name || r.job_id) : r.job_name || '—') },
      { title: 'Format', render: (r) => el('span', { class: 'chip' }, r.format) },
      { title: 'Period', render: (r) => [timeEl(r.since, { short: true }), ' – ', timeEl(r.until, { short: true })] },
      { title: 'Rows', class: 'num', render: (r) => num(r.rows) },
      { title: 'Made', class: 'nowrap', render: (r) => timeEl(r.created_at, { relative: true }) },
      { title: 'Actions', render: (r) => button('Download', 'download', async () => {
        // fetched with the session token (a plain link could not send it), then saved by the browser
        const file = await call('downloadReport', { path: { name: r.name } });
        saveFile(file, r.name, TYPES[r.format] || 'application/octet-stream');
      }, { kind: 'small' }) },
    ],
    load: async ({ page, pageSize }) => {
      const answer = await call('listReports', { query: { page, page_size: pageSize }, signal });
      return { rows: answer.data || [], total: answer.total };
    },
  });
  replace(main, heading('Reports'), el('p', { class: 'muted' }, 'Kept as the ReportGeneration job\'s keep argument says.'), table.node);
}
