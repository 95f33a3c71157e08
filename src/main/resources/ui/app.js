// The page: a key form, then views of the JSON API chosen by the address's fragment
// (#/models/iris/versions/2), so every view has an address to share. The key is never in it.

import { ApiError, forgetKey, get, key, rememberKey } from './api.js';
import { h, problemPanel } from './dom.js';
import { modelsView } from './views/models.js';
import { modelView } from './views/model.js';
import { versionView } from './views/version.js';
import { compareView } from './views/compare.js';
import { driftView } from './views/drift.js';

const ROUTES = [
  [/^\/$/, () => modelsView()],
  [/^\/models\/([^/]+)$/, (m) => modelView(m)],
  [/^\/models\/([^/]+)\/versions\/(\d+)$/, (m, v) => versionView(m, Number(v))],
  [/^\/models\/([^/]+)\/versions\/(\d+)\/drift$/, (m, v) => driftView(m, Number(v))],
  [/^\/models\/([^/]+)\/compare\/(\d+)\/(\d+)$/, (m, a, b) => compareView(m, Number(a), Number(b))],
];

const main = document.getElementById('main');
const crumbs = document.getElementById('crumbs');
const signOut = document.getElementById('sign-out');
let shown = 0;

function route() {
  const path = decodeURI(location.hash.replace(/^#/, '')) || '/';
  for (const [pattern, view] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      return { path, view: () => view(...match.slice(1)) };
    }
  }
  return { path, view: null };
}

function breadcrumbs(path) {
  const parts = path.split('/').filter(Boolean);
  const links = [h('a', { href: '#/' }, 'Models')];
  if (parts[0] === 'models' && parts[1]) {
    links.push(h('a', { href: `#/models/${parts[1]}` }, parts[1]));
    if (parts[2] === 'versions' && parts[3]) {
      links.push(h('a', { href: `#/models/${parts[1]}/versions/${parts[3]}` }, `version ${parts[3]}`));
      if (parts[4] === 'drift') {
        links.push(h('span', null, 'drift'));
      }
    }
    if (parts[2] === 'compare') {
      links.push(h('span', null, `v${parts[3]} → v${parts[4]}`));
    }
  }
  crumbs.replaceChildren(...links.flatMap((link, i) => (i === 0 ? [link] : [h('span', { class: 'sep' }, '/'), link])));
}

async function render() {
  const ticket = ++shown;
  const { path, view } = route();
  breadcrumbs(path);
  if (!key()) {
    signOut.hidden = true;
    main.replaceChildren(keyForm());
    return;
  }
  signOut.hidden = false;
  if (!view) {
    main.replaceChildren(problemPanel('No such page', `Nothing is shown at #${path}.`));
    return;
  }
  main.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const content = await view();
    if (ticket === shown) {
      main.replaceChildren(content);
      content.dispatchEvent(new Event('shown'));
      document.body.dataset.view = path;
    }
  } catch (error) {
    if (ticket !== shown) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      forgetKey();
      main.replaceChildren(keyForm('The service refused the key: ' + error.message));
      signOut.hidden = true;
      return;
    }
    main.replaceChildren(error instanceof ApiError
      ? problemPanel(error.problem.title ?? `HTTP ${error.status}`, error.message, error.status)
      : problemPanel('The page failed', String(error)));
  }
}

function keyForm(message) {
  const input = h('input', {
    id: 'key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    placeholder: 'rsk_…', 'aria-describedby': 'key-help',
  });
  const error = h('p', { id: 'key-error', class: 'error', role: 'alert' }, message ?? '');
  const form = h('form', {
    id: 'key-form', class: 'card narrow',
    onsubmit: async (event) => {
      event.preventDefault();
      const secret = input.value.trim();
      rememberKey(secret);
      try {
        await get('/models');
        input.value = '';
        render();
      } catch (failure) {
        forgetKey();
        error.textContent = failure instanceof ApiError && failure.status === 403
          ? 'This key may not read the registry: use a key with the role read (or admin).'
          : 'The service refused the key: ' + failure.message;
      }
    },
  },
  h('h1', null, 'Model history'),
  h('label', { for: 'key' }, 'API key with the role read'),
  input,
  h('p', { id: 'key-help', class: 'muted' },
    'The key is kept in this tab\'s session storage until you close the tab or press "Forget key", ' +
    'and sent only to this service, in the Authorization header. An administrator creates one with POST /api/v1/keys.'),
  h('button', { type: 'submit' }, 'Open'),
  error);
  queueMicrotask(() => input.focus());
  return form;
}

signOut.addEventListener('click', () => {
  forgetKey();
  render();
});
window.addEventListener('hashchange', render);
render();
