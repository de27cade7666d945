// Tiny element builder: text always goes in as text nodes, so names from the API cannot inject markup.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Sets an element's text only when it differs, so an unchanged value costs no style or layout work. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** A message panel for "nothing here yet" and "not available" states; `code` spans render as code. */
export function emptyState(title, ...lines) {
  return h('div', { class: 'empty', 'data-testid': 'empty-state' },
    h('h3', null, title),
    lines.map((line) => h('p', null, line)));
}

export function code(text) {
  return h('code', null, text);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}
