// Web UI benchmark (a program, not a test): starts the built tracehound on free ports, sends one
// generated trace of N spans over OTLP/HTTP JSON, opens /trace/{id} in Debian's headless Chromium
// and measures
//   - time to first paint of the waterfall (navigation start → the UI's 'tracehound:trace-painted'
//     mark, set in the first animation frame after the rows rendered), with the API response time
//     (resource timing) and the in-page build/render time broken out;
//   - frame times while scrolling the waterfall (and the flame graph) one step per animation frame;
//   - the trace reads from Node (whole trace, timeline, one span) and selecting a span until its
//     attributes show.
// --dll runs another build (e.g. an older one, to compare before/after in one session).
//
// Build first (dotnet build src/Tracehound -c Release), then:
//   node bench/web/trace-bench.mjs [--spans 50000] [--runs 3] [--scroll-frames 300]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []));
const spanCount = Number(args.spans ?? 50_000);
const runs = Number(args.runs ?? 3);
const scrollFrames = Number(args['scroll-frames'] ?? 300);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dll = args.dll ?? join(repo, 'src/Tracehound/bin/Release/net10.0/tracehound.dll');
if (!existsSync(dll)) throw new Error(`${dll} not found: dotnet build src/Tracehound -c Release`);

const data = mkdtempSync(join(tmpdir(), 'tracehound-webbench-'));
const listeners = {};
const server = spawn('dotnet', [dll, 'serve', '--data-dir', data, '--max-body-size', String(64 * 1024 * 1024),
  ...['api', 'otlp-http', 'otlp-grpc', 'datadog', 'zipkin', 'jaeger-http', 'jaeger-udp-compact', 'jaeger-udp-binary'].flatMap((l) => [`--${l}`, '127.0.0.1:0'])], { stdio: ['ignore', 'pipe', 'pipe'] });
await new Promise((resolve, reject) => {
  let buffer = '';
  const onData = (chunk) => {
    buffer += chunk;
    for (const m of buffer.matchAll(/listening (\S+) on (\S+)/g)) listeners[m[1]] = m[2];
    if (buffer.includes('Tracehound is ready')) resolve();
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code) => reject(new Error(`tracehound exited ${code}: ${buffer}`)));
});

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (v) => Math.round(v * 10) / 10;

try {
  // The trace: a tree (each span's parent is an earlier span, fan-out ~4, depth ~9), 12 services,
  // 3 attributes per span, 2% errors; sent in batches of 5,000 spans.
  const traceId = randomBytes(16).toString('hex');
  const ids = Array.from({ length: spanCount }, () => randomBytes(8).toString('hex'));
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const services = Array.from({ length: 12 }, (_, i) => `bench-svc-${i}`);
  const start = new Array(spanCount);
  const end = new Array(spanCount);
  start[0] = 0;
  end[0] = 10_000_000_000; // 10 s
  const spans = [];
  for (let i = 0; i < spanCount; i++) {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / 4);
    if (i > 0) {
      const span = end[parent] - start[parent];
      start[i] = start[parent] + Math.floor(((i - 1) % 4) * span / 4.5);
      end[i] = start[i] + Math.max(1000, Math.floor(span / 5));
    }
    spans.push({
      service: services[i === 0 ? 0 : (parent * 7 + i) % services.length],
      span: {
        traceId, spanId: ids[i], parentSpanId: parent >= 0 ? ids[parent] : '', name: i === 0 ? 'GET /bench' : `op-${i % 97}`, kind: i === 0 ? 2 : (i % 3) + 1,
        startTimeUnixNano: String(t0 + BigInt(start[i])), endTimeUnixNano: String(t0 + BigInt(end[i])),
        attributes: [
          { key: 'bench.index', value: { intValue: String(i) } },
          { key: 'http.route', value: { stringValue: `/items/${i % 50}` } },
          { key: 'db.statement', value: { stringValue: `SELECT * FROM t${i % 13} WHERE id = ${i}` } },
        ],
        status: i % 50 === 7 ? { code: 2, message: 'boom' } : {},
      },
    });
  }
  const sendStart = performance.now();
  for (let b = 0; b < spanCount; b += 5000) {
    const bySvc = new Map();
    for (const s of spans.slice(b, b + 5000)) (bySvc.get(s.service) ?? bySvc.set(s.service, []).get(s.service)).push(s.span);
    const body = JSON.stringify({ resourceSpans: [...bySvc].map(([service, list]) => ({ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: { name: 'bench' }, spans: list }] })) });
    const r = await fetch(new URL('/v1/traces', listeners['otlp-http']), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (!r.ok) throw new Error(`POST /v1/traces answered ${r.status}: ${await r.text()}`);
  }
  const sendMs = performance.now() - sendStart;

  const api = listeners.api.replace(/\/$/, '');
  // Both trace reads from Node (median of three, after one warm-up): the whole trace, and the
  // compact timeline the UI loads first (404 on a build before it existed).
  const fetchApi = async (path) => {
    const times = [];
    let bytes = 0;
    let status = 0;
    for (let i = 0; i <= 3; i++) {
      const t = performance.now();
      const r = await fetch(`${api}${path}`);
      bytes = (await r.arrayBuffer()).byteLength;
      status = r.status;
      if (i > 0) times.push(performance.now() - t);
    }
    return { status, bytes, ms: round(percentile(times, 50)) };
  };
  const fullTrace = await fetchApi(`/api/v1/traces/${traceId}`);
  const timeline = await fetchApi(`/api/v1/traces/${traceId}/timeline`);
  const oneSpan = await fetchApi(`/api/v1/traces/${traceId}/spans/${ids[spanCount - 1]}`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const loads = [];
  for (let run = 0; run <= runs; run++) {
    await page.goto('about:blank');
    await page.goto(`${api}/trace/${traceId}`);
    await page.waitForFunction(() => performance.getEntriesByName('tracehound:trace-painted').length > 0, null, { timeout: 120_000 });
    const m = await page.evaluate((id) => {
      const paint = performance.getEntriesByName('tracehound:trace-painted')[0].startTime;
      const res = performance.getEntriesByType('resource').find((e) => e.name.includes(`/api/v1/traces/${id}`));
      const loaded = performance.getEntriesByName('tracehound:trace-loaded')[0].startTime;
      return { paint, loaded, apiEnd: res ? res.responseEnd : NaN, apiStart: res ? res.startTime : NaN, rows: document.querySelectorAll('[data-testid="waterfall"] .wf-row').length };
    }, traceId);
    if (run > 0) loads.push(m); // run 0 warms the server's caches and the browser's JIT
  }

  // Selecting a span (the root's first child) until its attributes show in the details panel.
  const selects = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${api}/trace/${traceId}`);
    await page.waitForSelector('[data-testid="waterfall"] .wf-row');
    const t = await page.evaluate(() => performance.now());
    await page.click(`[data-testid="waterfall"] .wf-row[data-span-id="${ids[1]}"]`);
    await page.waitForSelector('[data-testid="span-details"] [data-testid="span-attributes"]', { timeout: 120_000 });
    selects.push((await page.evaluate(() => performance.now())) - t);
  }

  const measureScroll = (selector) =>
    page.evaluate(
      ({ selector, frames }) =>
        new Promise((resolve) => {
          const el = document.querySelector(selector);
          const deltas = [];
          let last = performance.now();
          let n = 0;
          const tick = (now) => {
            deltas.push(now - last);
            last = now;
            el.scrollTop += 240; // ten rows per frame: a fast scroll
            if (++n < frames) requestAnimationFrame(tick);
            else resolve({ deltas: deltas.slice(1), scrollTop: el.scrollTop, scrollHeight: el.scrollHeight });
          };
          requestAnimationFrame((now) => {
            last = now;
            requestAnimationFrame(tick);
          });
        }),
      { selector, frames: scrollFrames },
    );
  const waterfallScroll = await measureScroll('[data-testid="waterfall"]');
  await page.goto(`${api}/trace/${traceId}?tab=flame`);
  await page.waitForSelector('[data-testid="flamegraph"] canvas');
  const flameScroll = await measureScroll('[data-testid="flamegraph"]');
  const chromiumVersion = browser.version();
  await browser.close();

  const med = (k) => round(percentile(loads.map((l) => l[k]), 50));
  const frames = (s) => ({ p50: round(percentile(s.deltas, 50)), p95: round(percentile(s.deltas, 95)), max: round(Math.max(...s.deltas)), frames: s.deltas.length });
  console.log(JSON.stringify({
    spans: spanCount,
    chromium: chromiumVersion,
    ingestMs: round(sendMs),
    fullTraceFromNode: fullTrace,
    timelineFromNode: timeline,
    oneSpanFromNode: oneSpan,
    selectSpanToDetailsMs: { median: round(percentile(selects, 50)), runs: selects.map(round) },
    firstPaintMs: { median: med('paint'), runs: loads.map((l) => round(l.paint)) },
    apiResponseEndMs: med('apiEnd'),
    parseAfterResponseMs: round(percentile(loads.map((l) => l.loaded - l.apiEnd), 50)),
    buildAndRenderAfterParseMs: round(percentile(loads.map((l) => l.paint - l.loaded), 50)),
    domRowsRendered: loads[0].rows,
    waterfallScrollFrameMs: frames(waterfallScroll),
    flameScrollFrameMs: frames(flameScroll),
  }, null, 2));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(data, { recursive: true, force: true });
}
