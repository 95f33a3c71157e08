import { get, getAll, modelPath } from '../api.js';
import { badge, h, number, section, sha, table, time } from '../dom.js';
import { aliasTimelineChart, metricsChart } from '../charts.js';

/**
 * One model: its versions as a table (status, reproduction verdict, trainer, data,
 * metrics), the metrics across versions and the alias timeline as charts, the alias
 * events, and a form to compare two versions.
 */
export async function modelView(name) {
  const path = modelPath(name);
  const [model, versions, events] = await Promise.all([
    get(path), getAll(`${path}/versions`), getAll(`${path}/history`)]);
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics ?? {})))].sort();
  const pointing = new Map();
  for (const [alias, version] of Object.entries(model.aliases)) {
    pointing.set(version, [...(pointing.get(version) ?? []), alias]);
  }
  const metricsCanvas = h('canvas', { id: 'metrics-chart', 'aria-label': 'Metrics across versions', role: 'img' });
  const timelineCanvas = h('canvas', { id: 'alias-chart', 'aria-label': 'Alias timeline', role: 'img' });
  const now = Date.now();
  const view = h('div', null,
    h('h1', null, model.name),
    h('p', { class: 'muted' }, 'Created ', time(model.createdAt), ' by ', model.createdBy, '. ',
      Object.keys(model.aliases).length === 0 ? 'No alias.' : Object.entries(model.aliases)
        .map(([alias, version]) => badge(`${alias} → v${version}`, 'alias'))),
    section(`Versions (${versions.length})`,
      verdictSummary(versions),
      table(['Version', 'Created', 'By', 'Trainer', 'Data snapshot', 'Status', 'Reproduction', ...metricNames, 'Aliases'],
        versions.map((v) => h('tr', { dataset: { version: v.version } },
          h('td', null, h('a', { href: `#/models/${encodeURIComponent(name)}/versions/${v.version}` }, `v${v.version}`)),
          h('td', null, time(v.createdAt)),
          h('td', null, v.createdBy),
          h('td', null, v.trainer ?? '—'),
          h('td', null, sha(v.datasetId)),
          h('td', { class: 'status' }, badge(v.status?.status ?? 'unknown')),
          h('td', { class: 'verdict' }, v.reproduction ? badge(v.reproduction.verdict) : badge('not reproduced', 'none')),
          metricNames.map((metric) => h('td', { class: 'num', dataset: { metric } }, number(v.metrics?.[metric]))),
          h('td', null, (pointing.get(v.version) ?? []).map((alias) => badge(alias, 'alias'))))),
        { id: 'versions' }),
      compareForm(name, versions)),
    section('Metrics across versions',
      metricNames.length === 0 ? h('p', { class: 'muted' }, 'No version records a metric.')
        : h('div', { class: 'chart' }, metricsCanvas)),
    section('Alias timeline',
      events.length === 0 ? h('p', { class: 'muted' }, 'No alias has pointed at a version of this model yet.')
        : [h('div', { class: 'chart short' }, timelineCanvas), aliasEvents(events)]));
  view.addEventListener('shown', () => {
    if (metricNames.length > 0) {
      metricsChart(metricsCanvas, versions);
    }
    if (events.length > 0) {
      aliasTimelineChart(timelineCanvas, events, now);
    }
  });
  return view;
}

function verdictSummary(versions) {
  const counts = new Map();
  for (const v of versions) {
    const verdict = v.reproduction?.verdict ?? 'not reproduced';
    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  }
  return h('p', { id: 'verdicts', class: 'summary' }, 'Reproductions: ',
    [...counts.entries()].map(([verdict, count]) => h('span', { class: 'count', dataset: { verdict } },
      badge(verdict, verdict === 'not reproduced' ? 'none' : verdict), ` ${count}`)));
}

function compareForm(name, versions) {
  const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
  const select = (id, chosen) => h('select', { id, name: id },
    numbers.map((n) => h('option', { value: n, selected: n === chosen }, `v${n}`)));
  const from = select('compare-from', numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  const to = select('compare-to', numbers[numbers.length - 1]);
  return h('form', {
    id: 'compare', class: 'inline',
    onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/models/${encodeURIComponent(name)}/compare/${from.value}/${to.value}`;
    },
  }, h('label', { for: 'compare-from' }, 'Compare '), from, h('label', { for: 'compare-to' }, ' with '), to,
  h('button', { type: 'submit' }, 'Show differences'));
}

function aliasEvents(events) {
  return h('details', null, h('summary', null, `${events.length} alias change${events.length === 1 ? '' : 's'}`),
    table(['When', 'Alias', 'From', 'To', 'By', 'Reason', 'Schema'],
      events.map((e) => h('tr', null,
        h('td', null, time(e.at)),
        h('td', null, e.alias),
        h('td', null, e.fromVersion ? `v${e.fromVersion}` : '—'),
        h('td', null, `v${e.toVersion}`),
        h('td', null, e.actor),
        h('td', null, e.reason),
        h('td', null, compatibility(e.compatibility))))
      , { id: 'alias-events' }));
}

function compatibility(report) {
  if (!report) {
    return '—';
  }
  if (report.allowIncompatible) {
    return badge('forced', 'major');
  }
  return report.compatible ? badge('compatible', 'stable') : badge('incompatible', 'major');
}
