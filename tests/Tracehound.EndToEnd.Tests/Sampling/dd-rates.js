'use strict'

// dd-rates.js - sends a steady stream of traces through the real dd-trace for a few seconds, so
// the agent's rate_by_service answers (Tracehound's priority sampler) reach the tracer and change
// its sampling. Runs with the dd-trace install of ../Datadog/node (NODE_PATH).
//
//   DD_TRACE_AGENT_URL=http://127.0.0.1:PORT node dd-rates.js SECONDS

const seconds = Number(process.argv[2] || '12')
const agentUrl = process.env.DD_TRACE_AGENT_URL
const OFF = {
  DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  DD_REMOTE_CONFIGURATION_ENABLED: 'false',
  DD_RUNTIME_METRICS_ENABLED: 'false',
  DD_APPSEC_ENABLED: 'false',
  DD_IAST_ENABLED: 'false',
  DD_PROFILING_ENABLED: 'false',
  DD_CRASHTRACKING_ENABLED: 'false',
  DD_DATA_STREAMS_ENABLED: 'false',
  DD_DYNAMIC_INSTRUMENTATION_ENABLED: 'false',
  DD_LLMOBS_ENABLED: 'false',
  DD_TRACE_STATS_COMPUTATION_ENABLED: 'false',
  DD_TRACE_STARTUP_LOGS: 'false',
  DD_TRACE_GIT_METADATA_ENABLED: 'false',
  DD_CODE_ORIGIN_FOR_SPANS_ENABLED: 'false',
  DD_LOGS_INJECTION: 'false',
  DD_TRACE_OTEL_ENABLED: 'false',
}
for (const [k, v] of Object.entries(OFF)) process.env[k] = v

setTimeout(() => { process.stderr.write('dd-rates: watchdog fired\n'); process.exit(3) }, (seconds + 20) * 1000).unref()

const tracer = require('dd-trace').init({
  url: agentUrl,
  protocolVersion: '0.4',
  service: 'e2e-rates',
  env: 'e2e',
  flushInterval: 100,
  plugins: false,
  startupLogs: false,
  runtimeMetrics: false,
  profiling: false,
  appsec: false,
  stats: { enabled: false },
})

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
