// Empty states shared by the views: each says why there is nothing and what to do about it.
import { code, emptyState } from '../dom.js';

export function kpiUnavailable() {
  return emptyState('KPI API not available on this server',
    ['This build does not map ', code('/v1/kpi/summary'), ' and ', code('/v1/kpi/channels'), ', so there are no marketing KPIs to show.'],
    ['Marketing KPIs appear here once the server has the KPI API; the Cluster page works without it.']);
}

export function noKpiData() {
  return emptyState('No KPI data yet',
    ['Start the simulator with ', code('Simulator__EventsPerSecond=200 dotnet run --project src/Silo'),
      ', or send events to ', code('POST /v1/events'), '. Tiles and charts update live as events are committed.']);
}

export function campaignsUnavailable() {
  return emptyState('Campaigns API not available on this server',
    ['This build does not map ', code('GET /v1/campaigns'), '. Once it does, campaigns, their budgets and pause / resume / stop appear here.']);
}
