import { getJson, type ServiceStats, type StatsPoint } from '../api';
import { serviceColor } from '../colors';
import { ErrorBox, FirstTraceHelp, Loading, useApi } from '../components/common';
import { Sparkline } from '../components/Sparkline';
import { TimeRangePicker } from '../components/TimeRangePicker';
import { formatDuration, formatPercent, rangeFromParams, stepFor, type TimeRange } from '../format';
import { useLocation } from '../router';

/** `/services`: requests/s, error %, latency percentiles and sparklines per service, from the stats API. */
export function ServicesView() {
  const { params } = useLocation();
  const range = rangeFromParams(params);
  const rangeKey = `${params.get('range')}|${params.get('from')}|${params.get('to')}`;
  const services = useApi((signal) => getJson<{ services: ServiceStats[] }>('/api/v1/services', { from: range.from, to: range.to }, signal), [rangeKey]);
  const seconds = Math.max(1, (range.to - range.from) / 1000);
  return (
    <div class="page">
      <div class="page-header">
        <h2>Services</h2>
        <TimeRangePicker range={range} />
      </div>
      {services.error ? <ErrorBox error={services.error} /> : null}
      {services.loading && !services.data && <Loading what="services" />}
      {services.data && services.data.services.length === 0 && <FirstTraceHelp title="No services in this time range" />}
      {services.data && services.data.services.length > 0 && (
        <table class="result-table services-table" data-testid="services-table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Requests</th>
              <th>Req/s</th>
              <th>Error %</th>
              <th>p50</th>
              <th>p95</th>
              <th>p99</th>
              <th>Requests over time</th>
              <th>p95 over time</th>
            </tr>
          </thead>
          <tbody>
            {services.data.services.map((s) => (
              <tr class="result-row" data-service={s.service}>
                <td>
                  <a href={'/services/' + encodeURIComponent(s.service) + window.location.search}>
                    <span class="swatch" style={{ background: serviceColor(s.service) }} />
                    {s.service}
                  </a>
                </td>
                <td>{s.hits}</td>
                <td>{(s.hits / seconds).toFixed(s.hits / seconds < 10 ? 2 : 0)}</td>
                <td class={s.errorRate > 0 ? 'error-text' : ''}>{formatPercent(s.errorRate)}</td>
                <td>{formatDuration(s.p50)}</td>
                <td>{formatDuration(s.p95)}</td>
                <td>{formatDuration(s.p99)}</td>
                <ServiceSparklines service={s.service} range={range} rangeKey={rangeKey} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ServiceSparklines({ service, range, rangeKey }: { service: string; range: TimeRange; rangeKey: string }) {
  const stats = useApi(
    (signal) => getJson<{ step: number; points: StatsPoint[] }>('/api/v1/stats', { service, from: range.from, to: range.to, step: stepFor(range, 40) }, signal),
    [service, rangeKey],
  );
  if (stats.error) return <td colSpan={2} class="muted small" title={String((stats.error as Error).message)}>no stats</td>;
  const points = stats.data?.points ?? [];
  return (
    <>
      <td>
        <Sparkline values={points.map((p) => p.hits)} color={serviceColor(service)} label={`${service} requests`} />
      </td>
      <td>
        <Sparkline values={points.map((p) => p.p95)} color="var(--warn)" label={`${service} p95`} />
      </td>
    </>
  );
}
