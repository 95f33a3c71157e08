import { get, modelPath } from '../api.js';
import { badge, h, json, section, table } from '../dom.js';
import { outcome } from './version.js';

/**
 * Two versions side by side: the schema as an alias move would see it, every part of the
 * record that differs, and each model on the other's golden inputs.
 */
export async function compareView(name, from, to) {
  const diff = await get(`${modelPath(name)}/versions/compare?from=${from}&to=${to}`);
  const a = `v${from}`;
  const b = `v${to}`;
  const rows = differenceRows(diff.differences, a, b);
  return h('div', null,
    h('h1', null, `${name}: v${from} → v${to}`),
    h('p', { id: 'same-model' }, diff.sameModel
      ? [badge('same model', 'stable'), ' Both versions have the model fingerprint ', h('code', null, diff.from.modelFingerprint.slice(0, 12)), '.']
      : [badge('different models', 'moderate'), ' The model fingerprints differ.']),
    section('Input schema', h('p', null, diff.schema.compatible
      ? [badge('compatible', 'stable'), ` Every request that v${from} accepts, v${to} accepts too.`]
      : [badge('incompatible', 'major'), ` Moving an alias from v${from} to v${to} would be refused (409 incompatible-schema).`]),
    diff.schema.differences.length === 0 ? null : table(['Feature', 'Change', 'Breaking', 'Detail'],
      diff.schema.differences.map((d) => h('tr', null, h('td', null, h('code', null, d.feature)), h('td', null, d.change),
        h('td', null, d.breaking ? badge('breaking', 'major') : badge('compatible', 'stable')), h('td', null, d.detail))),
      { id: 'schema-differences' })),
    section(`Record (${rows.length} difference${rows.length === 1 ? '' : 's'})`,
      rows.length === 0 ? h('p', { class: 'muted' }, 'The records are the same.')
        : table(['Part', 'Item', a, b], rows, { id: 'differences' })),
    section('Golden examples', Object.entries(diff.golden).map(([direction, cross]) => crossCheck(direction, cross, a, b))));
}

/**
 * One row per differing value. A part is either {vA, vB} itself or an object of items that
 * each are; the service labels every value with its version.
 */
function differenceRows(differences, a, b) {
  const rows = [];
  for (const [part, value] of Object.entries(differences)) {
    if (isPair(value, a, b)) {
      rows.push(row(part, '', value, a, b));
    } else {
      for (const [item, pair] of Object.entries(value)) {
        rows.push(row(part, item, pair, a, b));
      }
    }
  }
  return rows;
}

function isPair(value, a, b) {
  return value !== null && typeof value === 'object' && (a in value || b in value)
    && Object.keys(value).every((k) => k === a || k === b);
}

function row(part, item, pair, a, b) {
  return h('tr', { dataset: { part, item } }, h('td', null, part), h('td', null, item ? h('code', null, item) : ''),
    h('td', null, json(pair?.[a])), h('td', null, json(pair?.[b])));
}

function crossCheck(direction, cross, a, b) {
  const [, answering, owner] = /^(v\d+)OnGoldenOf(v\d+)$/.exec(direction) ?? [null, '?', '?'];
  return h('div', { class: 'cross', dataset: { direction } },
    h('h3', null, `${answering} on the golden inputs of ${owner}`),
    h('p', null, `${cross.compared} compared, `, h('strong', null, `${cross.differing} differing`),
      `, ${cross.notComparable} refused by ${answering}'s schema.`),
    cross.examples?.length ? table(['#', 'Input', owner, answering],
      cross.examples.map((e) => h('tr', null, h('td', { class: 'num' }, e.index), h('td', null, json(e.input, 120)),
        h('td', null, outcome(e[owner])), h('td', null, outcome(e[answering]))))) : null,
    cross.refused?.length ? h('details', null, h('summary', null, cross.refused.length < cross.notComparable ? `why (the first ${cross.refused.length})` : 'why'),
      h('ul', null, cross.refused.map((r) => h('li', null, `#${r.index}: ${r.why}`)))) : null);
}
