import { get, modelPath } from '../api.js';
import { badge, facts, h, number, section, time } from '../dom.js';
import { driftChart } from '../charts.js';

const PERIODS = [['1 hour', 3600e3], ['24 hours', 86400e3], ['7 days', 7 * 86400e3], ['30 days', 30 * 86400e3]];

/**
 * A version's live drift: per feature and for the output, the training profile's bins
 * beside the live traffic's, with the distances and the verdict.
 */
export async function driftView(name, version, period = 86400e3) {
  const to = new Date();
  const from = new Date(to.getTime() - period);
  const report = await get(`${modelPath(name)}/versions/${version}/drift?from=${from.toISOString()}&to=${to.toISOString()}`);
  const charts = [];
  const features = (report.features ?? []).map((f) => featureCard(f, charts));
  const output = report.output ? featureCard(report.output, charts) : null;
  const choose = h('select', {
    id: 'drift-period',
    onchange: async (event) => {
      const view = await driftView(name, version, Number(event.target.value));
      container.replaceWith(view);
      view.dispatchEvent(new Event('shown'));
    },
  }, PERIODS.map(([label, ms]) => h('option', { value: ms, selected: ms === period }, `last ${label}`)));
  const container = h('div', null,
    h('h1', null, `${name} version ${version}: live drift`),
    h('p', null, 'Overall ', badge(report.verdict), ' over ', choose, ' (', time(report.from), ' to ', time(report.to), ')'),
    report.reason ? h('p', { class: 'muted' }, report.reason) : null,
    section('Traffic', facts([
      ['Training profile', report.profile ? `${report.profile.rows} rows (${report.profile.source})` : null],
      ['Live requests', report.live?.requests],
      ['Live instances', report.live?.instances],
      ['Windows', report.live ? `${report.live.windows}${report.live.currentWindow ? ' and this replica\'s window in progress' : ''}` : null],
      ['Replicas', report.live?.replicas?.join(', ')],
    ])),
    h('div', { class: 'grid', id: 'drift-features' }, features),
    output ? h('h2', null, 'Output') : null,
    output);
  container.addEventListener('shown', () => charts.forEach((draw) => draw()));
  return container;
}

function featureCard(feature, charts) {
  const canvas = h('canvas', { 'aria-label': `Bins of ${feature.name}`, role: 'img' });
  if (feature.bins?.length) {
    charts.push(() => driftChart(canvas, feature));
  }
  return h('section', { class: 'card feature', dataset: { feature: feature.name, verdict: feature.verdict } },
    h('h3', null, h('code', null, feature.name), ' ', badge(feature.verdict)),
    feature.reason ? h('p', { class: 'muted' }, feature.reason) : null,
    facts([
      ['Type', feature.type],
      ['Live values', feature.liveCount],
      ['PSI', feature.psi === undefined ? null : number(feature.psi)],
      ['Jensen-Shannon', feature.jensenShannon === undefined ? null : number(feature.jensenShannon)],
      ['L-infinity', feature.lInfinity === undefined ? null : number(feature.lInfinity)],
      ['Missing', feature.missing ? `${pct(feature.missing.training)} in training, ${pct(feature.missing.live)} live` : null],
      ['Unseen', feature.unseenRate === undefined ? null : pct(feature.unseenRate)],
      ['Out of range', feature.outOfRangeRate === undefined ? null : pct(feature.outOfRangeRate)],
    ]),
    feature.bins?.length ? h('div', { class: 'chart' }, canvas) : null);
}

function pct(share) {
  return share === null || share === undefined ? '—' : `${(100 * share).toFixed(1)} %`;
}
