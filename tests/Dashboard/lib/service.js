// Starts the real service (the built AdOrleans.Silo.dll) as a child process on a free loopback
// port with a temp data directory and known keys, and stops it again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ADMIN_KEY = 'dashboard-test-admin-key';
export const CLIENT_KEY = 'dashboard-test-client-key';
const repo = resolve(import.meta.dirname, '../../..');
export const SILO_DLL = process.env.SILO_DLL ?? join(repo, 'src/Silo/bin/Release/net10.0/AdOrleans.Silo.dll');

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    }).on('error', fail);
  });
}

export async function startService(env = {}) {
  if (!existsSync(SILO_DLL)) throw new Error(`${SILO_DLL} not found: run tests/Dashboard/run.sh, which builds it`);
  const port = await freePort();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'adorleans-dashboard-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [SILO_DLL], {
    cwd: dataDirectory,
    env: {
      ...process.env,
      Urls: url,
      DataDirectory: dataDirectory,
      Auth__AdminKeys: ADMIN_KEY,
      Auth__ClientKeys: CLIENT_KEY,
      Log__Partitions: '4',
      ClusterHistory__SampleInterval: '00:00:01',
      Logging__LogLevel__Default: 'Warning',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output = (output + d).slice(-20000); });
  child.stderr.on('data', (d) => { output = (output + d).slice(-20000); });
  child.on('exit', (code, signal) => { output += `\n[the service exited: code ${code}, signal ${signal}]`; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode != null) throw new Error(`the service exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the service was not ready in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode != null ? r() : child.once('exit', r)));
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

export async function call(service, path, { key = ADMIN_KEY, method = 'GET', body } = {}) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { 'X-Api-Key': key, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let sequence = 0;
/**
 * Sends `count` events through POST /v1/events (client key) so grains activate and offsets move. The default type is
 * pageview: impressions and clicks are only accepted with a signed tracking token from an auction, and a conversion or
 * purchase that names a campaign without the click's token needs a key that vouches for it (the admin key here).
 */
export async function sendEvents(service, count, { campaignId = 'c-dash', channel = 'display', type = 'pageview' } = {}) {
  for (let i = 0; i < count; i++) {
    const { status, body } = await call(service, '/v1/events', {
      key: type === 'conversion' || type === 'purchase' ? ADMIN_KEY : CLIENT_KEY,
      method: 'POST',
      body: { eventId: `dash-${process.pid}-${sequence++}`, type, campaignId, channel, userId: `u-${i % 7}`, valueMicros: 0, occurredAt: new Date().toISOString() },
    });
    if (status !== 202) throw new Error(`POST /v1/events answered ${status}: ${JSON.stringify(body)}`);
  }
}

/**
 * Wins `count` auctions on a dedicated slot and campaign (by default this process's; a daily budget when given) and
 * fires their impression beacons: impressions are only accepted with the signed tracking token an auction returns.
 */
export async function sendImpressions(service, count, { slot = `s-dash-${process.pid}`, campaign = `c-dash-imp-${process.pid}`, dailyBudgetMicros } = {}) {
  await call(service, `/v1/slots/${slot}`, { method: 'PUT', body: { floorMicros: 0, width: 300, height: 250, auction: 'second-price' } });
  await call(service, '/v1/campaigns', { method: 'POST', body: {
    id: campaign, name: 'Dashboard impressions', advertiser: 'acme', channel: 'display', bidType: 'cpm', bidMicros: 1000000,
    totalBudgetMicros: 1000000000, dailyBudgetMicros, pacing: 'asap', targeting: { slots: [slot] },
    creatives: [{ id: 'cr-1', url: 'https://cdn.example/a.png', width: 300, height: 250 }] } });
  const deadline = Date.now() + 20000;
  for (let sent = 0; sent < count;) {
    if (Date.now() > deadline) throw new Error(`only ${sent} of ${count} auctions were won on ${slot}`);
    const { status, body } = await call(service, '/v1/auction', { key: CLIENT_KEY, method: 'POST', body: { slotId: slot } });
    if (status === 200) {
      const beacon = await fetch(body.impressionUrl);
      if (!beacon.ok) throw new Error(`impression beacon answered ${beacon.status}`);
      sent++;
    } else {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Reads until `accept` holds (every 250 ms), failing with the last value after `timeoutMs`. */
export async function waitFor(read, accept, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(last)}`);
}
