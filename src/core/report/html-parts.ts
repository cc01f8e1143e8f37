/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Already-escaped HTML, so the helpers below never escape twice nor forget to escape. */
export type Html = { html: string };
export const raw = (html: string): Html => ({ html });
export const text = (value: string | number): Html => raw(escapeHtml(String(value)));
export const join = (parts: readonly Html[], sep = ''): Html => raw(parts.map((p) => p.html).join(sep));
export const el = (tag: string, cls: string, ...children: (Html | string)[]): Html =>
  raw(
    `<${tag}${cls ? ` class="${cls}"` : ''}>${children.map((c) => (typeof c === 'string' ? escapeHtml(c) : c.html)).join('')}</${tag}>`,
  );

export function badge(label: string, cls: string): Html {
  return el('span', `badge ${cls}`.trim(), label);
}

/** A table row: its cells and a class (warn, bad) to colour it. */
export type Row = { cls: string; cells: readonly (Html | string)[] };

export function table(head: readonly string[], rows: readonly Row[]): Html {
  const th = head.map((h) => el('th', '', h));
  const tr = rows.map((r) => el('tr', r.cls, ...r.cells.map((c) => el('td', '', c))));
  return el('table', '', el('thead', '', el('tr', '', ...th)), el('tbody', '', ...tr));
}

export const plain = (cells: readonly (Html | string)[]): Row => ({ cls: '', cells });
export const code = (value: string): Html => el('code', '', value);
export const none = (what: string): Html => el('p', 'mute', what);
