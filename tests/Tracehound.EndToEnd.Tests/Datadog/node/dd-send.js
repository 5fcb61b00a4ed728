'use strict'

// dd-send.js - sends a small workload through the real dd-trace to a Datadog agent URL and prints
// the ids to read back, as one JSON line. Three APIs: native (tracer.startSpan / tracer.trace),
// OpenTracing (dd-trace as the global OpenTracing tracer, with inject/extract) and OpenTelemetry
// (dd-trace's TracerProvider + @opentelemetry/api).
//
//   DD_TRACE_AGENT_URL=http://127.0.0.1:PORT node dd-send.js 0.4|0.5
//
// Exit code 0 only when every trace request got a 2xx answer (dd-trace swallows agent errors, so
// its HTTP requests are watched through Node's diagnostics channels).

const protocol = process.argv[2] || '0.4'
const agentUrl = process.env.DD_TRACE_AGENT_URL
if (!agentUrl || !['0.4', '0.5'].includes(protocol)) {
  process.stderr.write('usage: DD_TRACE_AGENT_URL=... node dd-send.js 0.4|0.5\n')
  process.exit(2)
}

setTimeout(() => { process.stderr.write('dd-send: watchdog fired\n'); process.exit(3) }, 20000).unref()

const SERVICE = 'e2e-dd-node'
// Everything but the trace intake off (dd-tracer.js).
const tracer = require('./dd-tracer')({ url: agentUrl, protocolVersion: protocol, service: SERVICE, version: '2.0.0' })
const opentracing = require('opentracing')
const otel = require('@opentelemetry/api')

const dc = require('node:diagnostics_channel')
const calls = { statuses: [], errors: [] }
const isTraceRequest = (req) => req && typeof req.path === 'string' && req.path.startsWith(`/v${protocol}/traces`)
dc.subscribe('http.client.response.finish', ({ request, response }) => { if (isTraceRequest(request)) calls.statuses.push(response.statusCode) })
dc.subscribe('http.client.request.error', ({ request, error }) => { if (isTraceRequest(request)) calls.errors.push(String(error && (error.code || error.message))) })

const BASE = Date.now() - 2000
const at = (offset) => BASE + offset
const ids = (span) => {
  const ctx = span.context()
  return { traceId: ctx.toTraceId(), traceIdHex: ctx.toTraceId(true), spanId: ctx.toSpanId() }
}

function native () {
  const web = tracer.startSpan('web.request', {
    startTime: at(0),
    tags: { 'resource.name': 'GET /users/:id', 'span.type': 'web', 'span.kind': 'server', 'http.method': 'GET', 'app.items': 3 },
  })
  const db = tracer.startSpan('postgres.query', {
    childOf: web,
    startTime: at(10),
    tags: { 'service.name': `${SERVICE}-postgres`, 'resource.name': 'SELECT * FROM users WHERE id = 42', 'span.type': 'sql', 'span.kind': 'client' },
  })
  db.finish(at(40))
  web.setTag('http.status_code', '200')
  web.finish(at(120))

  const err = tracer.startSpan('web.request', {
    startTime: at(200),
    tags: { 'resource.name': 'POST /orders', 'span.type': 'web', 'span.kind': 'server' },
  })
  const e = new Error('card declined')
  e.name = 'PaymentDeclinedError'
  err.setTag('error', e)
  err.finish(at(280))

  const producer = tracer.startSpan('kafka.produce', { startTime: at(400), tags: { 'resource.name': 'orders', 'span.kind': 'producer' } })
  producer.finish(at(405))
  const consumer = tracer.startSpan('kafka.consume', {
    startTime: at(450),
    links: [{ context: producer.context(), attributes: { 'app.link.reason': 'message' } }],
    tags: { 'resource.name': 'orders', 'span.kind': 'consumer' },
  })
  consumer.finish(at(510))
  return {
    web: { ...ids(web), spans: [ids(web).spanId, ids(db).spanId] },
    error: { ...ids(err), spans: [ids(err).spanId] },
    producer: { ...ids(producer), spans: [ids(producer).spanId] },
    consumer: { ...ids(consumer), spans: [ids(consumer).spanId], linkedSpan: ids(producer).spanId },
  }
}

function openTracing () {
  opentracing.initGlobalTracer(tracer)
  const ot = opentracing.globalTracer()
  const root = ot.startSpan('web.request', { startTime: at(600), tags: { 'resource.name': 'GET /ot', 'span.type': 'web', 'span.kind': 'server' } })
  const client = ot.startSpan('http.request', { childOf: root, startTime: at(610), tags: { 'resource.name': 'GET', 'span.kind': 'client' } })
  const headers = {}
  ot.inject(client.context(), opentracing.FORMAT_HTTP_HEADERS, headers)
  const remote = ot.extract(opentracing.FORMAT_HTTP_HEADERS, headers)
  const downstream = ot.startSpan('web.request', { childOf: remote, startTime: at(612), tags: { 'service.name': `${SERVICE}-inventory`, 'resource.name': 'GET /items/:id', 'span.type': 'web' } })
  downstream.finish(at(625))
  client.finish(at(630))
  root.finish(at(650))
  return { web: { ...ids(root), spans: [ids(root).spanId, ids(client).spanId, ids(downstream).spanId] } }
}

function openTelemetry () {
  new tracer.TracerProvider().register()
  const t = otel.trace.getTracer('e2e.dd-otel', '1.0.0')
  const web = t.startSpan('GET /otel', { kind: otel.SpanKind.SERVER, startTime: at(700), attributes: { 'http.request.method': 'GET' } }, otel.ROOT_CONTEXT)
  web.end(at(800))
  const ctx = web.spanContext()
  return { web: { traceIdHex: ctx.traceId, spans: [BigInt('0x' + ctx.spanId).toString()] } }
}

async function main () {
  const out = { native: native(), opentracing: openTracing(), otel: openTelemetry() }
  const exporter = tracer._tracer && tracer._tracer._exporter
  if (exporter && typeof exporter.flush === 'function') {
    await new Promise((resolve) => setTimeout(resolve, 150))
    await new Promise((resolve) => exporter.flush(() => resolve()))
  } else {
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }
  // The flush callback can fire before the agent answers (Tracehound answers once the spans are
  // durable): wait for the answer itself.
  for (let i = 0; i < 200 && calls.statuses.length === 0 && calls.errors.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const ok = calls.errors.length === 0 && calls.statuses.length > 0 && calls.statuses.every((s) => s >= 200 && s < 300)
  process.stdout.write(JSON.stringify({ ok, protocol, statuses: calls.statuses, errors: calls.errors, traces: out }) + '\n')
  process.exit(ok ? 0 : 1)
}

main().catch((e) => { process.stderr.write(`dd-send: ${e.stack || e}\n`); process.exit(1) })
