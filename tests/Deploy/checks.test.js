// Proves the checks can fail: each test breaks one thing in a copy of the rendered
// dev overlay and asserts that the matching check (or the schema) reports it.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { render, parseStream } from './lib/render.js';
import { validateObject } from './lib/validate.js';
import * as inv from './lib/invariants.js';
import { metricNames } from './lib/metrics.js';

let rendered;
let renderedProd;
before(() => { rendered = render('k8s/overlays/dev'); renderedProd = render('k8s/overlays/prod'); });

const copy = () => structuredClone(rendered);
const find = (objs, kind, name) => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind}/${name} not rendered`);
  return o;
};
const silo = (objs) => find(objs, 'Deployment', 'adorleans-silo');
const siloC = (objs) => silo(objs).spec.template.spec.containers[0];
const gateway = (objs) => find(objs, 'Deployment', 'adorleans-gateway');
const topic = (objs, name) => find(objs, 'KafkaTopic', name);

/** Applies `mutate` to a copy (of the dev overlay, or `from`) and asserts `check` reports something matching `pattern`. */
function flags(check, mutate, pattern, from = rendered) {
  const objs = structuredClone(from);
  assert.deepEqual(check(objs), [], 'the unbroken overlay must pass first');
  mutate(objs);
  const problems = check(objs);
  assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got ${JSON.stringify(problems)}`);
}

describe('invariant checks catch broken manifests', () => {
  it('probes: missing readiness probe', () =>
    flags(inv.probes, (o) => delete siloC(o).readinessProbe, /no readinessProbe/));
  it('probes: liveness on the wrong path', () =>
    flags(inv.probes, (o) => { siloC(o).livenessProbe.httpGet.path = '/readyz'; }, /livenessProbe is not GET \/healthz/));
  it('images: :latest', () =>
    flags(inv.images, (o) => { siloC(o).image = 'adorleans:latest'; }, /uses :latest/));
  it('images: untagged, registry with a port', () =>
    flags(inv.images, (o) => { siloC(o).image = 'localhost:5001/adorleans'; }, /has no tag/));
  it('images: untagged PostgreSQL image', () =>
    flags(inv.images, (o) => { find(o, 'Cluster', 'adorleans-pg').spec.imageName = 'ghcr.io/cloudnative-pg/postgresql'; }, /has no tag/));
  it('images: a digest counts as pinned', () => {
    assert.equal(inv.imageProblem(`repo/app@sha256:${'a'.repeat(64)}`), null);
  });
  it('resources: no limits', () =>
    flags(inv.resources, (o) => delete siloC(o).resources.limits, /limits\.cpu, limits\.memory/));
  it('resources: Kafka pool without requests', () =>
    flags(inv.resources, (o) => delete find(o, 'KafkaNodePool', 'dual-role').spec.resources, /KafkaNodePool\/dual-role/));
  it('secrets: a Secret object with data', () =>
    flags(inv.secrets, (o) => o.push(...parseStream('kind: Secret\napiVersion: v1\nmetadata: {name: leaked}\nstringData: {admin-keys: abc}\n')), /Secret\/leaked/));
  it('secrets: API keys inlined in env', () =>
    flags(inv.secrets, (o) => { siloC(o).env.find((e) => e.name === 'Auth__AdminKeys').valueFrom = undefined;
      siloC(o).env.find((e) => e.name === 'Auth__AdminKeys').value = 'k-123'; }, /Auth__AdminKeys has a literal value/));
  it('secrets: literal password in the connection string', () =>
    flags(inv.secrets, (o) => { siloC(o).env.find((e) => e.name === 'ConnectionStrings__Postgres').value =
      'Host=$(PG_HOST);Password=hunter2'; }, /literal password/));
  it('secrets: connection string built from a non-secret variable', () =>
    flags(inv.secrets, (o) => { siloC(o).env.find((e) => e.name === 'ConnectionStrings__Postgres').value =
      'Host=$(PG_HOST);Password=$(Urls)'; }, /do not come from a Secret/));
  it('secrets: HMAC key in the ConfigMap', () =>
    flags(inv.secrets, (o) => { o.find((x) => x.kind === 'ConfigMap').data.Tracking__SigningKey = 'abc'; }, /Tracking__SigningKey looks secret/));
  it('topics: state topic not compacted', () =>
    flags(inv.topics, (o) => { topic(o, 'state').spec.config['cleanup.policy'] = 'delete'; }, /state: cleanup.policy must be compact/));
  it('topics: events topic compacted', () =>
    flags(inv.topics, (o) => { topic(o, 'events').spec.config['cleanup.policy'] = 'compact'; }, /events: expected retention-based/));
  it('topics: not co-partitioned', () =>
    flags(inv.topics, (o) => { topic(o, 'auctions').spec.partitions = 8; }, /not co-partitioned/));
  it('topics: Log__Partitions disagrees', () =>
    flags(inv.topics, (o) => { o.find((x) => x.kind === 'ConfigMap').data.Log__Partitions = '32'; }, /Log__Partitions=32/));
  it('topics: a topic is missing', () =>
    flags(inv.topics, (o) => o.splice(o.indexOf(topic(o, 'commands')), 1), /commands is missing/));
  it('pdbs: silo PDB removed', () =>
    flags(inv.pdbs, (o) => o.splice(o.indexOf(find(o, 'PodDisruptionBudget', 'adorleans-silo')), 1), /silo pods/));
  it('pdbs: gateway PDB selects nothing', () =>
    flags(inv.pdbs, (o) => { find(o, 'PodDisruptionBudget', 'adorleans-gateway').spec.selector.matchLabels['app.kubernetes.io/component'] = 'gw'; }, /gateway pods/));
  it('autoscaling: HPA pointed at the silos', () =>
    flags(inv.autoscaling, (o) => { find(o, 'HorizontalPodAutoscaler', 'adorleans-gateway').spec.scaleTargetRef.name = 'adorleans-silo'; }, /no HorizontalPodAutoscaler targets the gateway/));
  it('autoscaling: gateway replicas pinned', () =>
    flags(inv.autoscaling, (o) => { gateway(o).spec.replicas = 2; }, /fights the HPA/));
  it('shutdown: silo grace period too short', () =>
    flags(inv.rolesAndShutdown, (o) => { silo(o).spec.template.spec.terminationGracePeriodSeconds = 10; }, /terminationGracePeriodSeconds/));
  it('shutdown: wrong role', () =>
    flags(inv.rolesAndShutdown, (o) => { siloC(o).env.find((e) => e.name === 'Roles').value = 'silo,gateway'; }, /expected silo/));
  it('pod security: writable root filesystem', () =>
    flags(inv.podSecurity, (o) => { siloC(o).securityContext.readOnlyRootFilesystem = false; }, /root filesystem is writable/));
  it('pod security: no /tmp volume', () =>
    flags(inv.podSecurity, (o) => { siloC(o).volumeMounts = siloC(o).volumeMounts.filter((m) => m.mountPath !== '/tmp'); }, /nothing mounted at \/tmp/));
  it('network policies: gateway ingress left open', () =>
    flags(inv.networkPolicies, (o) => o.splice(o.indexOf(find(o, 'NetworkPolicy', 'adorleans-gateway-ingress')), 1), /gateway: no NetworkPolicy restricts its ingress/));
  it('references: ConfigMap name not rendered', () =>
    flags(inv.references, (o) => { siloC(o).envFrom[0].configMapRef.name = 'adorleans-config'; }, /ConfigMap adorleans-config not rendered/));
  const env = (objs, name) => siloC(objs).env.find((e) => e.name === name);
  const podLabels = (objs) => silo(objs).spec.template.metadata.labels;
  const role = (objs) => find(objs, 'Role', 'adorleans-silo');
  const dashboardMap = (objs) => objs.find((x) => x.kind === 'ConfigMap' && x.metadata.labels?.grafana_dashboard === '1');
  const editDashboard = (objs, edit) => {
    const cm = dashboardMap(objs);
    const d = JSON.parse(cm.data['adorleans.json']);
    edit(d);
    cm.data['adorleans.json'] = JSON.stringify(d);
  };
  it('kubernetes hosting: silo pods without the orleans/serviceId label', () =>
    flags(inv.kubernetesHosting, (o) => delete podLabels(o)['orleans/serviceId'], /pod label orleans\/serviceId missing/));
  it('kubernetes hosting: ORLEANS_CLUSTER_ID set to another value than the label', () =>
    flags(inv.kubernetesHosting, (o) => { env(o, 'ORLEANS_CLUSTER_ID').valueFrom = undefined; env(o, 'ORLEANS_CLUSTER_ID').value = 'green'; },
      /ORLEANS_CLUSTER_ID=green but pod label orleans\/clusterId=adorleans/));
  it('kubernetes hosting: the gateways look for another service id', () =>
    flags(inv.kubernetesHosting, (o) => { o.find((x) => x.kind === 'ConfigMap').data.Orleans__ServiceId = 'ads'; }, /Orleans__ServiceId=ads but the silo pods/));
  it('kubernetes hosting: POD_IP missing', () =>
    flags(inv.kubernetesHosting, (o) => { siloC(o).env = siloC(o).env.filter((e) => e.name !== 'POD_IP'); }, /no POD_IP env/));
  it('kubernetes hosting: a gateway pod labelled as a silo', () =>
    flags(inv.kubernetesHosting, (o) => { gateway(o).spec.template.metadata.labels['orleans/clusterId'] = 'adorleans'; }, /only silo pods may carry/));
  it('orleans network: gateway port not declared', () =>
    flags(inv.orleansNetwork, (o) => { siloC(o).ports = siloC(o).ports.filter((p) => p.containerPort !== 30000); }, /container port 30000 not declared/));
  it('orleans network: no egress to the Kubernetes API', () =>
    flags(inv.orleansNetwork, (o) => o.splice(o.indexOf(find(o, 'NetworkPolicy', 'adorleans-silo-kube-api')), 1), /Kubernetes API server on 443/));
  it('orleans network: gateways cannot reach the silo gateway port', () =>
    flags(inv.orleansNetwork, (o) => { find(o, 'NetworkPolicy', 'adorleans-silo-ingress').spec.ingress[1].ports = [{ protocol: 'TCP', port: 11111 }]; },
      /gateways reach the silos on 30000/));
  it('rbac: the Role also deletes pods', () =>
    flags(inv.rbac, (o) => { role(o).rules[0].verbs.push('delete'); }, /grants delete/));
  it('rbac: the Role cannot watch', () =>
    flags(inv.rbac, (o) => { role(o).rules[0].verbs = ['get', 'list']; }, /may not watch pods/));
  it('rbac: the gateways bound too', () =>
    flags(inv.rbac, (o) => { find(o, 'RoleBinding', 'adorleans-silo').subjects.push({ kind: 'ServiceAccount', name: 'adorleans-gateway', namespace: 'adorleans-dev' }); },
      /binds ServiceAccount adorleans-dev\/adorleans-gateway/));
  it('tokens: the gateway mounts one', () =>
    flags(inv.serviceAccountTokens, (o) => { gateway(o).spec.template.spec.automountServiceAccountToken = true; }, /adorleans-gateway: mounts a service account token/));
  it('tokens: the silo does not', () =>
    flags(inv.serviceAccountTokens, (o) => { silo(o).spec.template.spec.automountServiceAccountToken = false; }, /silo pods need automountServiceAccountToken/));
  it('dashboard: not JSON', () =>
    flags(inv.grafanaDashboards, (o) => { dashboardMap(o).data['adorleans.json'] = '{"uid": '; }, /not JSON/, renderedProd));
  it('dashboard: a query of a series nobody exports', () =>
    flags(inv.grafanaDashboards, (o) => editDashboard(o, (d) => { d.panels[1].targets[0].expr = 'sum(rate(adorleans_events_ingested_total[5m]))'; }),
      /reads adorleans_events_ingested_total/, renderedProd));
  it('dashboard: a panel without a query', () =>
    flags(inv.grafanaDashboards, (o) => editDashboard(o, (d) => { d.panels[1].targets = []; }), /has no query/, renderedProd));
  it('dashboard: metric names are read past functions, labels and variables', () => {
    assert.deepEqual(metricNames('histogram_quantile(0.99, sum by (le) (rate(a_bucket{route=~"/v1/x"}[$__rate_interval]))) / clamp_min(sum(b), 1)'), ['a_bucket', 'b']);
    assert.deepEqual(metricNames('label_values(process_start_time_seconds{job="x"}, namespace)'), ['process_start_time_seconds']);
  });
  it('references: ServiceMonitor port name', () =>
    flags(inv.references, (o) => { find(o, 'ServiceMonitor', 'adorleans').spec.endpoints[0].port = 'metrics'; }, /has no port metrics/));
});

describe('schema validation catches broken objects', () => {
  async function rejects(mutate, pattern) {
    const objs = copy();
    const target = mutate(objs);
    assert.deepEqual(await validateObject(structuredClone(target ?? {})), [], 'valid before the change');
    const errs = await validateObject(mutate(objs, true));
    assert.ok(errs.some((e) => pattern.test(e)), `expected ${pattern}, got ${JSON.stringify(errs)}`);
  }
  // mutate(objs, apply): returns the object, changed only when apply is true.
  const on = (pick, change) => (objs, apply) => { const o = pick(objs); if (apply) change(o); return o; };

  it('Deployment: replicas as a string', () =>
    rejects(on(silo, (d) => { d.spec.replicas = '3'; }), /replicas must be integer/));
  it('Service: port out of range type', () =>
    rejects(on((o) => find(o, 'Service', 'adorleans-gateway'), (s) => { s.spec.ports[0].port = 'eighty'; }), /port must be integer/));
  it('KafkaTopic: zero partitions', () =>
    rejects(on((o) => topic(o, 'state'), (t) => { t.spec.partitions = 0; }), /partitions must be >= 1/));
  it('KafkaTopic: misspelt field', () =>
    rejects(on((o) => topic(o, 'state'), (t) => { t.spec.partition = 16; }), /additional properties/));
  it('KafkaTopic: no strimzi.io/cluster label', () =>
    rejects(on((o) => topic(o, 'state'), (t) => { delete t.metadata.labels; }), /labels/));
  it('Kafka: listener port below 9092', () =>
    rejects(on((o) => find(o, 'Kafka', 'adorleans'), (k) => { k.spec.kafka.listeners[0].port = 80; }), /must be >= 9092/));
  it('KafkaNodePool: unknown role', () =>
    rejects(on((o) => find(o, 'KafkaNodePool', 'dual-role'), (p) => { p.spec.roles = ['zookeeper']; }), /allowed values/));
  it('Cluster: zero instances', () =>
    rejects(on((o) => find(o, 'Cluster', 'adorleans-pg'), (c) => { c.spec.instances = 0; }), /instances must be >= 1/));
  it('ServiceMonitor: endpoints not a list', () =>
    rejects(on((o) => find(o, 'ServiceMonitor', 'adorleans'), (m) => { m.spec.endpoints = { port: 'http' }; }), /endpoints must be array/));
  it('unknown kind', async () => {
    const errs = await validateObject({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'x' } });
    assert.match(errs.join(), /no schema known/);
  });
});
