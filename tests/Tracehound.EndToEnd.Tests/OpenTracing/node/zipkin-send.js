'use strict'

// zipkin-send.js - sends a small workload through the real zipkin-js (Tracer + BatchRecorder +
// zipkin-transport-http's HttpLogger, JSON v2) to a Zipkin collector URL and prints the ids to read
// back, as one JSON line. Timestamps are explicit (µs) so the test can check them.
//
//   node zipkin-send.js URL [--trace-id-128]
//
// Exit code 0 only when the POST succeeded.

const { Tracer, BatchRecorder, ExplicitContext, jsonEncoder, Annotation, InetAddress } = require('zipkin')
const { HttpLogger } = require('zipkin-transport-http')

const url = process.argv[2]
const id128 = process.argv.includes('--trace-id-128')
if (!url) {
  process.stderr.write('usage: node zipkin-send.js URL [--trace-id-128]\n')
  process.exit(2)
}

const SERVICE = 'e2e-zipkin-node'
const BASE_MS = Date.now() - 2000
const us = (offsetMs) => (BASE_MS + offsetMs) * 1000
setTimeout(() => { process.stderr.write('zipkin-send: timed out\n'); process.exit(3) }, 20000).unref()

async function main () {
  const errors = []
  const logger = new HttpLogger({
    endpoint: url,
    jsonEncoder: jsonEncoder.JSON_V2,
    httpInterval: 100000, // flushed explicitly below
    timeout: 5000,
    log: { error: (m) => errors.push(String(m)) },
  })
  const recorder = new BatchRecorder({ logger })
  const tracer = new Tracer({ ctxImpl: new ExplicitContext(), recorder, localServiceName: SERVICE, traceId128Bit: id128 })

  function record (id, { name, start, end, startAnno, endAnno, remote, tags = {}, messages = [] }) {
    tracer.letId(id, () => {
      tracer.recordServiceName(SERVICE)
      if (startAnno) {
        tracer.recordRpc(name)
        tracer.recordAnnotation(startAnno, us(start))
      } else {
        tracer.recordAnnotation(new Annotation.LocalOperationStart(name), us(start))
      }
      if (remote) tracer.recordAnnotation(remote)
      for (const [k, v] of Object.entries(tags)) tracer.recordBinary(k, String(v))
      for (const [off, msg] of messages) tracer.recordAnnotation(new Annotation.Message(msg), us(off))
      tracer.recordAnnotation(endAnno || new Annotation.LocalOperationStop(), us(end))
    })
    return id.spanId
  }

  const webId = tracer.createRootId()
  const dbId = tracer.createChildId(webId)
  const db = record(dbId, {
    name: 'select users', start: 10, end: 40,
    startAnno: new Annotation.ClientSend(), endAnno: new Annotation.ClientRecv(),
    remote: new Annotation.ServerAddr({ serviceName: 'postgresql', host: new InetAddress('192.0.2.20'), port: 5432 }),
    tags: { 'db.system': 'postgresql' },
  })
  const server = record(webId, {
    name: 'get /users/:id', start: 0, end: 120,
    startAnno: new Annotation.ServerRecv(), endAnno: new Annotation.ServerSend(),
    remote: new Annotation.ClientAddr({ host: new InetAddress('192.0.2.10'), port: 51234 }),
    tags: { 'http.method': 'GET', 'http.status_code': 200 },
    messages: [[5, 'cache.miss']],
  })

  const errId = tracer.createRootId()
  const chargeId = tracer.createChildId(errId)
  const charge = record(chargeId, { name: 'payments.charge', start: 210, end: 240, tags: { error: 'charge failed' } })
  const errServer = record(errId, {
    name: 'post /orders', start: 200, end: 280,
    startAnno: new Annotation.ServerRecv(), endAnno: new Annotation.ServerSend(),
    tags: { error: 'payment declined', 'http.status_code': 500 },
  })

  const prodId = tracer.createRootId()
  const consId = tracer.createChildId(prodId)
  const producer = record(prodId, {
    name: 'send orders', start: 400, end: 405,
    startAnno: new Annotation.ProducerStart(), endAnno: new Annotation.ProducerStop(),
    remote: new Annotation.MessageAddr({ serviceName: 'kafka' }),
  })
  const consumer = record(consId, {
    name: 'receive orders', start: 450, end: 510,
    startAnno: new Annotation.ConsumerStart(), endAnno: new Annotation.ConsumerStop(),
    remote: new Annotation.MessageAddr({ serviceName: 'kafka' }),
  })

  recorder.flush()
  let posted = false
  const done = new Promise((resolve) => {
    logger.once('success', () => { posted = true; resolve() })
    logger.once('error', (e) => { errors.push(String(e && e.message)); resolve() })
  })
  logger.processQueue(logger.fetchImplementation)
  await done

  const ok = posted && errors.length === 0
  process.stdout.write(JSON.stringify({
    client: 'zipkin-js',
    ok,
    errors,
    baseTimeMs: BASE_MS,
    traces: {
      web: { traceId: webId.traceId, spans: { 'get /users/:id': server, 'select users': db } },
      error: { traceId: errId.traceId, spans: { 'post /orders': errServer, 'payments.charge': charge } },
      messaging: { traceId: prodId.traceId, spans: { 'send orders': producer, 'receive orders': consumer } },
    },
  }) + '\n')
  process.exit(ok ? 0 : 1)
}

main().catch((e) => {
  process.stderr.write(`zipkin-send: ${e.stack || e}\n`)
  process.exit(1)
})
