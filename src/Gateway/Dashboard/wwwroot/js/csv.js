// CSV export of a shown table: exactly the text of its header and body cells, so the file matches the screen.
import { h } from './dom.js';

const cell = (text) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function tableCsv(table) {
  return [...table.querySelectorAll('tr')]
    .map((tr) => [...tr.children].map((td) => cell(td.textContent.trim())).join(','))
    .join('\r\n');
}

/** A button that downloads the table `getTable()` returns (null: nothing to export) as `<name>.csv`. */
export function csvButton(getTable, name) {
  return h('button', { type: 'button', class: 'ghost small', 'data-csv': name, onClick: () => {
    const table = getTable();
    if (!table) return;
    const url = URL.createObjectURL(new Blob([tableCsv(table), '\r\n'], { type: 'text/csv' }));
    const link = h('a', { href: url, download: `${name}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  } }, 'CSV');
}
