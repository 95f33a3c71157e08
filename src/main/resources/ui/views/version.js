import { get, getAll, modelPath } from '../api.js';
import { badge, facts, h, json, number, section, table, time } from '../dom.js';

/**
 * One version's record, as its manifest holds it: schema with the pipeline's fitted
 * statistics, output, trainer, seeds, split, data snapshot, metrics, dependencies, golden
 * examples; with its status history and reproductions.
 */
export async function versionView(name, versionNumber) {
  const path = `${modelPath(name)}/versions/${versionNumber}`;
  const [version, reproductions] = await Promise.all([get(path), getAll(`${path}/reproductions`)]);
  const m = version.manifest;
  const base = `#/models/${encodeURIComponent(name)}`;
  return h('div', null,
    h('h1', null, `${name} version ${versionNumber}`),
    h('p', { class: 'actions' },
      h('a', { href: `${base}/versions/${versionNumber}/drift`, id: 'drift-link' }, 'Live drift'),
      versionNumber > 1 ? h('a', { href: `${base}/compare/${versionNumber - 1}/${versionNumber}` }, `Differences from v${versionNumber - 1}`) : null),
    section('Identity',
      facts([
        ['Bundle SHA-256', h('code', null, version.bundleSha256)],
        ['Model fingerprint', h('code', null, version.modelFingerprint)],
        ['Size', `${version.sizeBytes} bytes`],
        ['Created', [time(version.createdAt), ' by ', version.createdBy]],
        ['Status', [badge(version.status?.status), ' ', version.status?.detail ?? '']],
        ['Aliases', version.aliases.length ? version.aliases.map((a) => badge(a, 'alias')) : '—'],
        ['Model class', h('code', null, m.modelClass)],
      ])),
    section('Input schema and fitted pipeline', schema(m.inputSchema.features),
      m.pipelineSpec ? h('details', null, h('summary', null, 'The pipeline spec it was trained from'),
        h('pre', { id: 'pipeline-spec' }, JSON.stringify(m.pipelineSpec, null, 2))) : null),
    section('Output', facts([
      ['Kind', m.output.kind],
      ['Target', m.output.target],
      ['Labels', m.output.labels ? m.output.labels.join(', ') : null],
    ])),
    section('Training', facts([
      ['Trainer', m.training.trainer],
      ['Trainer class', h('code', null, m.training.trainerClass)],
      ['Hyperparameters', keyValues(m.training.hyperparameters)],
      ['Seeds', keyValues(m.training.seeds)],
      ['Split', m.training.split ? `${m.training.split.trainRows} training rows, ${m.training.split.testRows} test rows (test fraction ${m.training.split.testFraction})` : null],
    ])),
    section('Data snapshot', facts([
      ['SHA-256', h('code', { id: 'dataset-id' }, m.trainingData?.sha256 ?? '—')],
      ['Rows', m.trainingData?.rowCount],
      ['Source', m.trainingData?.source],
    ])),
    section('Metrics', Object.keys(m.metrics ?? {}).length === 0 ? h('p', { class: 'muted' }, 'None recorded.')
      : table(['Metric', 'Value'], Object.entries(m.metrics).map(([k, v]) => h('tr', null, h('td', null, k), h('td', { class: 'num' }, number(v)))), { id: 'metrics' })),
    section('Golden examples', golden(m.goldenExamples ?? [], m.inputSchema.features)),
    section('Dependencies', dependencies(m.dependencies, version.deploymentDrift)),
    section('Reproductions', reproductionTable(reproductions)),
    section('Status history', table(['When', 'Status', 'Detail', 'Replica'],
      version.statusHistory.map((s) => h('tr', null, h('td', null, time(s.at)), h('td', null, badge(s.status)),
        h('td', null, s.detail), h('td', null, s.reportedBy))))));
}

function keyValues(object) {
  if (!object || Object.keys(object).length === 0) {
    return null;
  }
  return h('span', null, Object.entries(object).map(([k, v]) => h('span', { class: 'kv' }, `${k} = `, json(v))));
}

function schema(features) {
  return table(['#', 'Feature', 'Type', 'Categories', 'Missing', 'Imputation (fitted)', 'Scaling (fitted)', 'Unseen category'],
    features.map((f, i) => h('tr', { dataset: { feature: f.name } },
      h('td', { class: 'num' }, i + 1),
      h('td', null, h('code', null, f.name)),
      h('td', null, f.type),
      h('td', null, f.categories ? f.categories.join(', ') : '—'),
      h('td', null, f.missingAllowed ? 'allowed' : 'refused'),
      h('td', null, f.imputation ? `${f.imputation.strategy}: ${f.imputation.value}` : '—'),
      h('td', null, f.scaling ? `${f.scaling.method}: offset ${number(f.scaling.offset)}, scale ${number(f.scaling.scale)}` : '—'),
      h('td', null, f.unseenCategory ?? '—'))),
    { id: 'schema' });
}

function golden(examples, features) {
  if (examples.length === 0) {
    return h('p', { class: 'muted' }, 'None recorded.');
  }
  const names = features.map((f) => f.name);
  return table(['#', ...names, 'Expected'],
    examples.map((e, i) => h('tr', null,
      h('td', { class: 'num' }, i),
      names.map((n) => h('td', null, e.input[n] === undefined ? '(missing)' : String(e.input[n]))),
      h('td', null, outcome(e.expected)))),
    { id: 'golden' });
}

/** A prediction: the label with its score, or the value. */
export function outcome(prediction) {
  if (!prediction) {
    return '—';
  }
  if (prediction.label !== undefined) {
    const score = prediction.scores?.[prediction.label];
    return score === undefined ? prediction.label : `${prediction.label} (${number(score)})`;
  }
  return number(prediction.value);
}

function dependencies(recorded, drift) {
  if (!recorded) {
    return h('p', { class: 'muted' }, 'None recorded.');
  }
  const components = recorded.components ?? {};
  const running = drift?.runtime?.components ?? {};
  const notes = [...(drift?.errors ?? []).map((t) => ['error', t]), ...(drift?.warnings ?? []).map((t) => ['warning', t]),
    ...(drift?.notes ?? []).map((t) => ['note', t])];
  return h('div', null,
    facts([
      ['Tribuo', recorded.tribuo], ['Java', `${recorded.java} (${recorded.javaVendor ?? ''})`],
      ['Reproserve', `${recorded.reproserve}${recorded.reproserveCommit ? ' @ ' + recorded.reproserveCommit.slice(0, 12) : ''}`],
      ['OS', `${recorded.osName ?? ''} ${recorded.osArch ?? ''}`],
    ]),
    notes.length ? h('ul', { class: 'notes' }, notes.map(([kind, text]) => h('li', null, badge(kind, kind === 'note' ? 'none' : 'major'), ' ', text))) : null,
    h('details', null, h('summary', null, `${Object.keys(components).length} components, recorded and running here`),
      table(['Component', 'Recorded', 'Running'], Object.keys(components).sort().map((c) => h('tr', null,
        h('td', null, h('code', null, c)), h('td', null, components[c]),
        h('td', { class: running[c] === components[c] ? '' : 'differs' }, running[c] ?? '—'))))));
}

function reproductionTable(reproductions) {
  if (reproductions.length === 0) {
    return h('p', { class: 'muted' }, 'Never reproduced.');
  }
  return table(['When', 'Verdict', 'Reason', 'Asked by', 'Replica', 'Took'],
    reproductions.map((r) => h('tr', null, h('td', null, time(r.at)), h('td', null, badge(r.verdict)),
      h('td', null, r.reason), h('td', null, r.requestedBy), h('td', null, r.reportedBy),
      h('td', { class: 'num' }, `${r.durationMillis} ms`))),
    { id: 'reproductions' });
}

