'use strict'

// dd-tracer.js - the real dd-trace as the end-to-end scripts use it (dd-send.js here,
// ../../Sampling/dd-rates.js): everything but the trace intake off, flushing every 100 ms.
//
//   const tracer = require('./dd-tracer')({ url, protocolVersion, service, ... })

// Set before dd-trace loads: some of it is read at require time.
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

// options: what differs per script (url, protocolVersion, service, version); env is 'e2e'.
module.exports = function initTracer (options) {
  for (const [k, v] of Object.entries(OFF)) process.env[k] = v
  return require('dd-trace').init({
    env: 'e2e',
    flushInterval: 100,
    plugins: false,
    startupLogs: false,
    runtimeMetrics: false,
    profiling: false,
    appsec: false,
    stats: { enabled: false },
    ...options,
  })
}
