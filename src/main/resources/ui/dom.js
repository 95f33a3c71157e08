// Builds DOM nodes without ever parsing HTML: text from the API is always text.

/**
 * An element: h('a', {href: '#/', class: 'x'}, 'text', child, [more]). Attributes that
 * start with "on" are listeners; null and false children are skipped.
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** A table from column headings and rows of cells (each cell a node, text or list). */
export function table(headings, rows, attributes) {
  return h('table', attributes,
    h('thead', null, h('tr', null, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', null, rows));
}

/** A definition list from [term, description] pairs, skipping empty descriptions. */
export function facts(pairs) {
  return h('dl', { class: 'facts' },
    pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** A coloured label for a status, verdict or compatibility. */
export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind ?? text ?? 'none'}` }, text ?? '—');
}

/** An instant as the reader's local time, the exact value on hover. */
export function time(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }));
}

/** The first characters of a SHA-256, all of it on hover. */
export function sha(value) {
  return value ? h('code', { class: 'sha', title: value }, value.slice(0, 12)) : '—';
}

/** A number with at most four decimals; integers as they are. */
export function number(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value !== 'number') {
    return String(value);
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** Any JSON value as short text: strings as they are, the rest as compact JSON. */
export function json(value, limit = 160) {
  if (value === undefined) {
    return '—';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= limit) {
    return h('code', null, text);
  }
  return h('code', { title: text }, text.slice(0, limit) + '…');
}

/** A refusal or failure, as the service's problem said it. */
export function problemPanel(title, detail, status) {
  return h('div', { class: 'problem', role: 'alert' },
    h('h2', null, status ? `${title} (${status})` : title),
    h('p', null, detail));
}
