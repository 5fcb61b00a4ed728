'use strict'

// dd-rates.js - sends a steady stream of traces through the real dd-trace for a few seconds, so
// the agent's rate_by_service answers (Tracehound's priority sampler) reach the tracer and change
// its sampling. Runs with the dd-trace install of ../Datadog/node (NODE_PATH).
//
//   DD_TRACE_AGENT_URL=http://127.0.0.1:PORT node dd-rates.js SECONDS

const seconds = Number(process.argv[2] || '12')
const agentUrl = process.env.DD_TRACE_AGENT_URL

setTimeout(() => { process.stderr.write('dd-rates: watchdog fired\n'); process.exit(3) }, (seconds + 20) * 1000).unref()

// The shared dd-trace setup of the Datadog/node scripts: everything but the trace intake off.
const tracer = require('../Datadog/node/dd-tracer')({ url: agentUrl, protocolVersion: '0.4', service: 'e2e-rates' })

let sent = 0
const started = Date.now()
const timer = setInterval(() => {
  tracer.trace('web.request', { resource: 'GET /rates', type: 'web' }, () => {})
  sent++
  if (Date.now() - started > seconds * 1000) {
    clearInterval(timer)
    tracer._tracer._exporter.flush(() => {
      // One more flush interval so the last request completes.
      setTimeout(() => { process.stdout.write(JSON.stringify({ sent }) + '\n'); process.exit(0) }, 500)
    })
  }
}, 20)
