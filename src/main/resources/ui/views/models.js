import { get } from '../api.js';
import { badge, h, section, table, time } from '../dom.js';

/** Every model, with its latest version and its aliases. */
export async function modelsView() {
  const { models } = await get('/models');
  const rows = models.map((model) => h('tr', { dataset: { model: model.name } },
    h('td', null, h('a', { href: `#/models/${encodeURIComponent(model.name)}` }, model.name)),
    h('td', { class: 'num' }, model.latestVersion),
    h('td', null, Object.entries(model.aliases).map(([alias, version]) => badge(`${alias} → v${version}`, 'alias'))),
    h('td', null, time(model.createdAt)),
    h('td', null, model.createdBy),
    h('td', null, model.description ?? '')));
  return h('div', null,
    h('h1', null, 'Models'),
    section(`${models.length} model${models.length === 1 ? '' : 's'}`,
      models.length === 0
        ? h('p', { class: 'muted' }, 'The registry holds no model yet.')
        : table(['Model', 'Latest version', 'Aliases', 'Created', 'By', 'Description'], rows, { id: 'models' })));
}
