// The page's three kinds of chart, drawn by Chart.js (served from its WebJar as the global
// Chart). Each chart keeps its data where a test or a curious reader can find it:
// Chart.getChart(canvas).data.

const PALETTE = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

function color(index) {
  return PALETTE[index % PALETTE.length];
}

function draw(canvas, config) {
  if (typeof Chart === 'undefined') {
    canvas.replaceWith(document.createTextNode('(charts unavailable: the chart library did not load)'));
    return null;
  }
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  return new Chart(canvas, config);
}

/** One line per metric across the versions, oldest first. */
export function metricsChart(canvas, versions) {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const names = [...new Set(ordered.flatMap((v) => Object.keys(v.metrics ?? {})))].sort();
  return draw(canvas, {
    type: 'line',
    data: {
      labels: ordered.map((v) => `v${v.version}`),
      datasets: names.map((name, index) => ({
        label: name,
        data: ordered.map((v) => v.metrics?.[name] ?? null),
        borderColor: color(index),
        backgroundColor: color(index),
        spanGaps: true,
      })),
    },
    options: {
      scales: { y: { title: { display: true, text: 'test split' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

/**
 * The alias timeline: one row per alias, one bar per interval during which it pointed at a
 * version, the last running to now. Built from the alias events, oldest first.
 */
export function aliasTimelineChart(canvas, events, now) {
  const intervals = aliasIntervals(events, now);
  const aliases = [...new Set(intervals.map((i) => i.alias))].sort();
  const versions = [...new Set(intervals.map((i) => i.version))].sort((a, b) => a - b);
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: aliases,
      datasets: versions.map((version, index) => ({
        label: `version ${version}`,
        data: intervals.filter((i) => i.version === version).map((i) => ({ x: [i.from, i.to], y: i.alias })),
        backgroundColor: color(index),
        borderSkipped: false,
        grouped: false,
        barPercentage: 0.6,
      })),
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          type: 'linear',
          min: Math.min(...intervals.map((i) => i.from)),
          max: now,
          ticks: { callback: (value) => new Date(value).toLocaleString(undefined, tickFormat(now - Math.min(...intervals.map((i) => i.from)))), maxTicksLimit: 6 },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const [from, to] = item.raw.x;
              return `${item.dataset.label}: ${new Date(from).toLocaleString()} → ${to === now ? 'now' : new Date(to).toLocaleString()}`;
            },
          },
        },
      },
    },
  });
}

/** Dates for a span of days, seconds for a span of minutes. */
function tickFormat(span) {
  if (span > 7 * 86400e3) {
    return { year: 'numeric', month: 'short', day: 'numeric' };
  }
  return span > 3600e3 ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { hour: '2-digit', minute: '2-digit', second: '2-digit' };
}

/** The intervals of every alias from its events (oldest first): {alias, version, from, to}. */
export function aliasIntervals(events, now) {
  const open = new Map();
  const intervals = [];
  for (const event of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const at = Date.parse(event.at);
    const previous = open.get(event.alias);
    if (previous) {
      intervals.push({ ...previous, to: at });
    }
    open.set(event.alias, { alias: event.alias, version: event.toVersion, from: at });
  }
  for (const interval of open.values()) {
    intervals.push({ ...interval, to: now });
  }
  return intervals;
}

/** A feature's bins: the share of the training split beside the share of live traffic. */
export function driftChart(canvas, feature) {
  // Below the lowest edge first, above the highest last, as on a number line.
  const all = feature.bins ?? [];
  const bins = [...all.filter((b) => b.bin.startsWith('<')), ...all.filter((b) => !b.bin.startsWith('<'))];
  const total = (key) => bins.reduce((sum, bin) => sum + bin[key], 0);
  const trainingTotal = total('training');
  const liveTotal = total('live');
  const share = (count, all) => (all > 0 ? (100 * count) / all : 0);
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: bins.map((bin) => bin.bin),
      datasets: [
        { label: 'training %', data: bins.map((bin) => share(bin.training, trainingTotal)), backgroundColor: '#94a3b8' },
        { label: 'live %', data: bins.map((bin) => share(bin.live, liveTotal)), backgroundColor: verdictColor(feature.verdict) },
      ],
    },
    options: {
      scales: { y: { beginAtZero: true, title: { display: true, text: '% of values' } }, x: { ticks: { autoSkip: false, maxRotation: 60 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

function verdictColor(verdict) {
  return { stable: '#059669', moderate: '#d97706', major: '#dc2626', 'missing-live': '#dc2626' }[verdict] ?? '#2563eb';
}
