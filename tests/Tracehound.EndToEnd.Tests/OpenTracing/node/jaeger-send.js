'use strict'

// jaeger-send.js - sends a small workload through the real jaeger-client (OpenTracing API) and
// prints the ids to read back, as one JSON line. Either the HTTP sender (Thrift binary Batch,
// POST /api/traces) or the UDP sender (Thrift binary emitBatch to an agent port).
//
//   node jaeger-send.js http URL [--trace-id-128]
//   node jaeger-send.js udp HOST:PORT [--trace-id-128]

const { initTracer } = require('jaeger-client')
const opentracing = require('opentracing')

const [mode, target] = process.argv.slice(2)
const id128 = process.argv.includes('--trace-id-128')
if (!['http', 'udp'].includes(mode) || !target) {
  process.stderr.write('usage: node jaeger-send.js http URL | udp HOST:PORT [--trace-id-128]\n')
  process.exit(2)
}

const { Tags } = opentracing
const SERVICE = 'e2e-jaeger-node'
const BASE_MS = Date.now() - 2000
const at = (offsetMs) => BASE_MS + offsetMs
setTimeout(() => { process.stderr.write('jaeger-send: timed out\n'); process.exit(3) }, 20000).unref()

async function main () {
  const errors = []
  const [host, port] = target.split(':')
  const tracer = initTracer({
    serviceName: SERVICE,
    sampler: { type: 'const', param: 1 },
    reporter: mode === 'udp'
      ? { agentHost: host, agentPort: Number(port), flushIntervalMs: 100 }
      : { collectorEndpoint: target, flushIntervalMs: 100, timeoutMs: 5000 },
  }, {
    logger: { info: () => {}, error: (m) => errors.push(String(m)) },
    traceId128bit: id128,
    tags: { 'service.version': '1.2.3', hostname: 'e2e-host' },
  })
  const ids = (span) => {
    const c = span.context()
    const traceId = c.traceIdStr
    return { traceId: traceId.padStart(traceId.length > 16 ? 32 : 16, '0'), spanId: c.spanIdStr.padStart(16, '0') }
  }

  const web = tracer.startSpan('GET /users/:id', {
    startTime: at(0),
    tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, [Tags.HTTP_METHOD]: 'GET', 'app.items': 3 },
  })
  web.log({ event: 'cache.miss', 'cache.key': 'user:42' }, at(5))
  const db = tracer.startSpan('SELECT users', {
    childOf: web.context(),
    startTime: at(10),
    tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT, [Tags.PEER_SERVICE]: 'postgresql', [Tags.DB_STATEMENT]: 'SELECT * FROM users WHERE id = 42' },
  })
  db.finish(at(40))
  web.setTag(Tags.HTTP_STATUS_CODE, 200)
  web.finish(at(120))

  const err = tracer.startSpan('POST /orders', { startTime: at(200), tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER } })
  err.setTag(Tags.ERROR, true)
  err.log({ event: 'error', message: 'card declined for order 1001' }, at(270))
  err.finish(at(280))

  const producer = tracer.startSpan('send orders', { startTime: at(400), tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_MESSAGING_PRODUCER } })
  producer.finish(at(405))
  const consumer = tracer.startSpan('receive orders', {
    references: [opentracing.followsFrom(producer.context())],
    startTime: at(450),
    tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_MESSAGING_CONSUMER },
  })
  consumer.finish(at(510))

  await new Promise((resolve) => tracer.close(resolve))

  const ok = errors.length === 0
  process.stdout.write(JSON.stringify({
    client: 'jaeger-client',
    mode,
    ok,
    errors,
    baseTimeMs: BASE_MS,
    traces: {
      web: { traceId: ids(web).traceId, spans: { 'GET /users/:id': ids(web).spanId, 'SELECT users': ids(db).spanId } },
      error: { traceId: ids(err).traceId, spans: { 'POST /orders': ids(err).spanId } },
      messaging: { traceId: ids(producer).traceId, spans: { 'send orders': ids(producer).spanId, 'receive orders': ids(consumer).spanId } },
    },
  }) + '\n')
  process.exit(ok ? 0 : 1)
}

main().catch((e) => {
  process.stderr.write(`jaeger-send: ${e.stack || e}\n`)
  process.exit(1)
})
