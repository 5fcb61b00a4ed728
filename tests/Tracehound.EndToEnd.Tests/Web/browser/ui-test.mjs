// Walks the web UI in Debian's headless Chromium (/usr/bin/chromium, no browser download) and
// prints one JSON line of observations; WebUiTests.cs asserts on them. Each step records what it
// saw (or the error) instead of stopping, so one failing view does not hide the others.
//
// node ui-test.mjs --base URL --trace HEX --fixture-trace HEX --from MS --to MS --out DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []));
const { base, trace, out } = args;
const fixtureTrace = args['fixture-trace'];
const range = `from=${args.from}&to=${args.to}`;
mkdirSync(out, { recursive: true });
const result = { screenshots: {}, consoleErrors: [], steps: {} };
const timeout = 15_000;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
const page = await context.newPage();
page.on('console', (m) => m.type() === 'error' && result.consoleErrors.push(m.text()));
page.on('pageerror', (e) => result.consoleErrors.push(String(e)));

async function step(name, fn) {
  try {
    result.steps[name] = { ok: true, ...(await fn()) };
  } catch (e) {
    result.steps[name] = { ok: false, error: String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n') };
  }
}

async function shot(name) {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  result.screenshots[name] = path;
}

/** Waits for the first of several selectors; returns which one appeared. */
async function firstOf(selectors) {
  await page.waitForSelector(selectors.join(', '), { timeout });
  for (const s of selectors) if ((await page.$(s)) !== null) return s;
  return null;
}

const texts = (selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent.trim()));
const errorText = async () => ((await page.$('.error-box')) ? (await page.textContent('.error-box')).trim() : null);

await step('search', async () => {
  await page.goto(`${base}/?${range}`);
  // Typed into the query box like a user: the URL must carry the query afterwards.
  await page.fill('input[name="query"]', 'service:ui-shop -status:error');
  await page.press('input[name="query"]', 'Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('query') === 'service:ui-shop -status:error', null, { timeout });
  // Results and facets of this query (not the previous page's, still shown while it loads).
  await page.waitForSelector('[data-testid="span-results"][aria-busy="false"] tr.result-row', { timeout });
  const rows = await texts('[data-testid="span-results"] tr.result-row');
  await page.waitForSelector('.facets[aria-busy="false"] .facet[data-facet="service"] .facet-value', { timeout });
  const serviceFacet = await texts('.facet[data-facet="service"] .facet-value');
  const resourceFacet = await texts('.facet[data-facet="resource_name"] .facet-value');
  await shot('search');
  return { url: page.url(), rows, serviceFacet, resourceFacet };
});

await step('searchErrors', async () => {
  await page.goto(`${base}/?${range}&query=${encodeURIComponent("service:ui-payments status:error @http.route:/charge")}`);
  await page.waitForSelector('[data-testid="span-results"] tr.result-row', { timeout });
  return { rows: await texts('[data-testid="span-results"] tr.result-row') };
});

await step('searchTraces', async () => {
  await page.goto(`${base}/?${range}&view=traces&query=service:ui-shop`);
  const seen = await firstOf(['[data-testid="trace-results"] tr.result-row', '.error-box']);
  const rows = seen.includes('trace-results') ? await texts('[data-testid="trace-results"] tr.result-row') : [];
  await shot('search-traces');
  return { rows, error: await errorText() };
});

await step('trace', async () => {
  await page.goto(`${base}/trace/${trace}`);
  await page.waitForSelector('[data-testid="waterfall"] .wf-row', { timeout });
  const rows = await page.$$eval('[data-testid="waterfall"] .wf-row', (els) => els.map((e) => ({ spanId: e.dataset.spanId, text: e.querySelector('.wf-label').textContent.trim(), error: e.classList.contains('error'), critical: e.classList.contains('critical'), level: Number(e.getAttribute('aria-level')) })));
  const ids = await texts('.trace-meta .copyable code');
  // Select the database span by clicking its row; the details panel shows its attributes.
  await page.click('[data-testid="waterfall"] .wf-row:has-text("SELECT orders")');
  await page.waitForSelector('[data-testid="span-details"] [data-testid="span-attributes"]', { timeout });
  const attributes = Object.fromEntries(await page.$$eval('[data-testid="span-attributes"] tr', (trs) => trs.map((tr) => [tr.dataset.key, tr.querySelector('td').textContent])));
  const selectedParam = new URL(page.url()).searchParams.get('span');
  // Keyboard: Home selects the first row, ArrowDown the next one.
  await page.focus('[data-testid="waterfall"]');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const afterKeys = new URL(page.url()).searchParams.get('span');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  const visibleAfterCollapse = await page.$$eval('[data-testid="waterfall"] .wf-row', (els) => els.length);
  await page.keyboard.press('ArrowRight');
  await shot('trace');
  // The exception event of the failing payment span.
  await page.click('[data-testid="waterfall"] .wf-row:has-text("POST /charge")');
  await page.waitForSelector('[data-testid="span-details"] .event.exception', { timeout });
  const exception = (await page.textContent('[data-testid="span-details"] .event.exception')).trim();
  await shot('trace-error-span');
  return { rows, ids, attributes, selectedParam, afterKeys, visibleAfterCollapse, exception };
});

await step('traceFind', async () => {
  await page.goto(`${base}/trace/${trace}?find=postgresql`);
  await page.waitForSelector('[data-testid="find-count"]', { timeout });
  return { count: (await page.textContent('[data-testid="find-count"]')).trim(), matched: await texts('[data-testid="waterfall"] .wf-row.match .wf-name') };
});

await step('flame', async () => {
  await page.goto(`${base}/trace/${trace}?tab=flame`);
  await page.waitForSelector('[data-testid="flamegraph"] canvas', { timeout });
  await page.waitForTimeout(200);
  const size = await page.$eval('[data-testid="flamegraph"] canvas', (c) => ({ width: c.width, height: c.height }));
  await shot('flame');
  return size;
});

await step('fixtureTrace', async () => {
  await page.goto(`${base}/trace/${fixtureTrace}`);
  await page.waitForSelector('[data-testid="waterfall"] .wf-row', { timeout });
  return { rows: await texts('[data-testid="waterfall"] .wf-name'), spanCount: (await page.textContent('[data-testid="span-count"]')).trim() };
});

await step('traceByDatadogId', async () => {
  const decimal = BigInt('0x' + trace.slice(-16)).toString(10);
  await page.goto(`${base}/trace/${decimal}`);
  await page.waitForSelector('[data-testid="waterfall"] .wf-row', { timeout });
  return { decimal, ids: await texts('.trace-meta .copyable code') };
});

await step('traceLogs', async () => {
  await page.goto(`${base}/trace/${trace}?tab=logs`);
  const seen = await firstOf(['[data-testid="trace-logs"]', '.error-box', '.empty-state']);
  const groups = seen.includes('trace-logs') ? await page.$$eval('.log-group', (els) => els.map((e) => ({ spanId: e.dataset.spanId, text: e.textContent.trim() }))) : [];
  await shot('trace-logs');
  return { groups, error: await errorText() };
});

await step('services', async () => {
  await page.goto(`${base}/services?${range}`);
  const seen = await firstOf(['[data-testid="services-table"]', '.error-box', '[data-testid="empty-state"]']);
  const rows = seen.includes('services-table') ? await page.$$eval('[data-testid="services-table"] tr.result-row', (els) => els.map((e) => e.dataset.service)) : [];
  await page.waitForTimeout(300);
  await shot('services');
  return { rows, error: await errorText() };
});

await step('service', async () => {
  await page.goto(`${base}/services/ui-shop?${range}`);
  await page.waitForSelector('[data-testid="service-name"]', { timeout });
  await page.waitForSelector('[data-testid="service-map"]', { timeout });
  const nodes = await page.$$eval('[data-testid="service-map"] .map-node', (els) => els.map((e) => ({ name: e.dataset.node, kind: e.dataset.kind })));
  await firstOf(['[data-testid="latency-histogram"]', '.panel .error-box']);
  const histogram = (await page.$('[data-testid="latency-histogram"]')) !== null;
  const seen = await firstOf(['[data-testid="resources-table"]', '.panel:last-child .error-box', '.panel:last-child .muted']);
  const resources = seen.includes('resources-table') ? await texts('[data-testid="resources-table"] tr.result-row td:first-child') : [];
  await page.waitForTimeout(300);
  await shot('service');
  return { name: (await page.textContent('[data-testid="service-name"]')).trim(), nodes, histogram, resources, errors: await texts('.error-box') };
});

await step('logs', async () => {
  await page.goto(`${base}/logs?${range}&query=${encodeURIComponent('service:ui-shop')}`);
  const seen = await firstOf(['[data-testid="log-results"]', '.error-box', '.empty-state']);
  const rows = seen.includes('log-results') ? await texts('[data-testid="log-results"] tr.log-row') : [];
  let jumped = null;
  if (rows.length) {
    await page.click('[data-testid="log-results"] a:has-text("trace")');
    await page.waitForSelector('[data-testid="trace-logs"], [data-testid="waterfall"]', { timeout });
    jumped = page.url();
  }
  await shot('logs');
  return { rows, jumped, error: await errorText() };
});

await step('theme', async () => {
  await page.goto(`${base}/trace/${trace}`);
  await page.waitForSelector('[data-testid="waterfall"] .wf-row', { timeout });
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.click('.theme-toggle');
  const after = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.reload();
  await page.waitForSelector('[data-testid="waterfall"] .wf-row', { timeout });
  const afterReload = await page.evaluate(() => document.documentElement.dataset.theme);
  await shot('trace-dark');
  return { before, after, afterReload };
});

await step('notFound', async () => {
  const response = await page.goto(`${base}/trace/zzzz-not-an-id`);
  await page.waitForSelector('.error-box', { timeout });
  return { status: response.status(), error: await errorText() };
});

await browser.close();
console.log(JSON.stringify(result));
