// Deployment invariants, each a pure function: rendered objects -> problems.
// An empty list means the invariant holds. checks.test.js feeds each one a broken
// copy of a rendered overlay to prove it can fail.
import { id } from './render.js';
import { productMetrics, exportedMetrics, metricNames, isKnown } from './metrics.js';

const byKind = (objs, kind) => objs.filter((o) => o.kind === kind);
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

/** Every pod template, with the object that owns it. */
function podTemplates(objs) {
  const out = [];
  for (const o of objs) {
    if (WORKLOAD_KINDS.includes(o.kind)) out.push({ owner: o, template: o.spec?.template });
    if (o.kind === 'CronJob') out.push({ owner: o, template: o.spec?.jobTemplate?.spec?.template });
  }
  return out.filter((t) => t.template);
}

function containers(objs, { init = false } = {}) {
  const out = [];
  for (const { owner, template } of podTemplates(objs)) {
    const list = [...(template.spec?.containers ?? []), ...(init ? template.spec?.initContainers ?? [] : [])];
    for (const c of list) out.push({ owner, pod: template.spec ?? {}, c, where: `${id(owner)} container ${c.name}` });
  }
  return out;
}

const component = (o) => o.metadata?.labels?.['app.kubernetes.io/component'];
const deployment = (objs, comp) => byKind(objs, 'Deployment').find((d) => component(d) === comp);
const selects = (selector, labels) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

// --- probes ---------------------------------------------------------------
export function probes(objs) {
  const want = { startupProbe: '/healthz', livenessProbe: '/healthz', readinessProbe: '/readyz' };
  const problems = [];
  for (const { c, where } of containers(objs)) {
    for (const [probe, path] of Object.entries(want)) {
      if (!c[probe]) problems.push(`${where}: no ${probe}`);
      else if (c[probe].httpGet?.path !== path) problems.push(`${where}: ${probe} is not GET ${path}`);
    }
  }
  return problems;
}

// --- images -----------------------------------------------------------------
/** null when the reference names an explicit tag (not latest) or a digest. */
export function imageProblem(ref) {
  if (typeof ref !== 'string' || ref === '') return 'no image';
  if (/@sha256:[0-9a-f]{64}$/.test(ref)) return null;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= lastSlash) return `image ${ref} has no tag`;
  if (ref.slice(colon + 1) === 'latest') return `image ${ref} uses :latest`;
  return null;
}

export function images(objs) {
  const problems = [];
  for (const { c, where } of containers(objs, { init: true })) {
    const p = imageProblem(c.image);
    if (p) problems.push(`${where}: ${p}`);
  }
  // Operator-managed images that are set explicitly.
  for (const o of byKind(objs, 'Cluster')) {
    const p = o.spec?.imageName === undefined ? null : imageProblem(o.spec.imageName);
    if (p) problems.push(`${id(o)}: ${p}`);
  }
  for (const o of byKind(objs, 'Kafka')) {
    const p = o.spec?.kafka?.image === undefined ? null : imageProblem(o.spec.kafka.image);
    if (p) problems.push(`${id(o)}: ${p}`);
  }
  return problems;
}

// --- resources --------------------------------------------------------------
function resourceProblems(res, where) {
  const missing = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].filter((k) => {
    const [a, b] = k.split('.');
    return res?.[a]?.[b] === undefined;
  });
  return missing.length ? [`${where}: resources missing ${missing.join(', ')}`] : [];
}

export function resources(objs) {
  const problems = [];
  for (const { c, where } of containers(objs, { init: true })) problems.push(...resourceProblems(c.resources, where));
  for (const o of [...byKind(objs, 'KafkaNodePool'), ...byKind(objs, 'Cluster')]) {
    problems.push(...resourceProblems(o.spec?.resources, id(o)));
  }
  for (const o of byKind(objs, 'Kafka')) {
    const to = o.spec?.entityOperator?.topicOperator;
    if (to) problems.push(...resourceProblems(to.resources, `${id(o)} topicOperator`));
  }
  return problems;
}

// --- secrets ----------------------------------------------------------------
const SECRETISH = /(password|passwd|secret|token|signingkey|apikey|adminkeys|clientkeys|connectionstring|credential|privatekey)/i;
export const isSecretName = (name) => SECRETISH.test(String(name).replace(/[_\-.:]/g, ''));

/**
 * A secret-looking env var may carry a literal value only when it is assembled
 * from other variables that come from Secrets (kubelet $(VAR) expansion), e.g.
 * "Host=$(PG_HOST);Password=$(PG_PASSWORD)"; and any Password= part must be one.
 */
function literalSecretProblem(value, fromSecret) {
  const refs = [...value.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]);
  if (refs.length === 0) return 'literal value';
  const notSecret = refs.filter((r) => !fromSecret.has(r));
  if (notSecret.length) return `references ${notSecret.join(', ')}, which do not come from a Secret`;
  for (const m of value.matchAll(/(?:password|pwd)\s*=\s*([^;]*)/gi)) {
    if (!/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(m[1].trim())) return 'literal password';
  }
  return null;
}

export function secrets(objs) {
  const problems = [];
  for (const s of byKind(objs, 'Secret')) {
    problems.push(`${id(s)}: Secret objects must not be committed; create them in the cluster`);
  }
  for (const cm of byKind(objs, 'ConfigMap')) {
    for (const [k, v] of Object.entries(cm.data ?? {})) {
      if (isSecretName(k) && String(v).trim() !== '') problems.push(`${id(cm)}: ${k} looks secret; use a Secret reference`);
    }
  }
  for (const { c, where } of containers(objs, { init: true })) {
    const env = c.env ?? [];
    const fromSecret = new Set(env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name));
    for (const e of env) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && (!ref.name || !ref.key)) problems.push(`${where}: ${e.name} secretKeyRef needs name and key`);
      if (e.value !== undefined && isSecretName(e.name)) {
        const p = literalSecretProblem(String(e.value), fromSecret);
        if (p) problems.push(`${where}: ${e.name} has a ${p.startsWith('lit') ? p : `value that ${p}`}`);
      }
    }
  }
  return problems;
}

// --- Kafka topics -----------------------------------------------------------
export const TOPICS = ['commands', 'events', 'auctions', 'state'];
const topicName = (t) => t.spec?.topicName ?? t.metadata?.name;

export function topics(objs) {
  const problems = [];
  const found = new Map(byKind(objs, 'KafkaTopic').map((t) => [topicName(t), t]));
  for (const name of TOPICS) if (!found.has(name)) problems.push(`KafkaTopic ${name} is missing`);

  const state = found.get('state');
  if (state && state.spec?.config?.['cleanup.policy'] !== 'compact') {
    problems.push('KafkaTopic state: cleanup.policy must be compact (gateways rebuild their index from it)');
  }
  for (const name of TOPICS.filter((n) => n !== 'state' && found.has(n))) {
    const policy = found.get(name).spec?.config?.['cleanup.policy'];
    if (policy !== undefined && policy !== 'delete') problems.push(`KafkaTopic ${name}: expected retention-based, got ${policy}`);
  }

  // Co-partitioning: same count everywhere, and the app must agree.
  const counts = new Set(TOPICS.filter((n) => found.has(n)).map((n) => found.get(n).spec?.partitions));
  if (counts.size > 1) problems.push(`KafkaTopics are not co-partitioned: partitions ${[...counts].join(' vs ')}`);
  const configured = byKind(objs, 'ConfigMap').map((cm) => cm.data?.Log__Partitions).find((v) => v !== undefined);
  if (configured === undefined) problems.push('no ConfigMap sets Log__Partitions');
  else if (counts.size === 1 && Number(configured) !== [...counts][0]) {
    problems.push(`Log__Partitions=${configured} but the topics have ${[...counts][0]} partitions`);
  }
  return problems;
}

// --- disruption budgets and autoscaling ----------------------------------------
export function pdbs(objs) {
  const problems = [];
  for (const comp of ['silo', 'gateway']) {
    const d = deployment(objs, comp);
    if (!d) { problems.push(`no ${comp} Deployment`); continue; }
    const labels = d.spec?.template?.metadata?.labels;
    const ok = byKind(objs, 'PodDisruptionBudget').some((p) => selects(p.spec?.selector?.matchLabels, labels));
    if (!ok) problems.push(`no PodDisruptionBudget selects the ${comp} pods`);
  }
  return problems;
}

export function autoscaling(objs) {
  const problems = [];
  const gw = deployment(objs, 'gateway');
  const silo = deployment(objs, 'silo');
  const hpas = byKind(objs, 'HorizontalPodAutoscaler');
  const targets = (h, d) => d && h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name;
  const gwHpa = hpas.find((h) => targets(h, gw));
  if (!gwHpa) problems.push('no HorizontalPodAutoscaler targets the gateway Deployment');
  else if (!(gwHpa.spec.metrics ?? []).some((m) => m.resource?.name === 'cpu')) problems.push(`${id(gwHpa)}: no CPU metric`);
  if (hpas.some((h) => targets(h, silo))) problems.push('silos must not be autoscaled (partition count caps them; each change is a rebalance)');
  if (gw?.spec?.replicas !== undefined) problems.push(`${id(gw)}: spec.replicas fights the HPA; leave it unset`);
  return problems;
}

// --- roles and graceful shutdown --------------------------------------------------
export function rolesAndShutdown(objs) {
  const problems = [];
  for (const [comp, minGrace] of [['silo', 45], ['gateway', 10]]) {
    const d = deployment(objs, comp);
    if (!d) { problems.push(`no ${comp} Deployment`); continue; }
    const pod = d.spec.template.spec;
    const c = pod.containers?.[0] ?? {};
    const roles = (c.env ?? []).find((e) => e.name === 'Roles')?.value;
    if (roles !== comp) problems.push(`${id(d)}: Roles is ${roles}, expected ${comp}`);
    if ((pod.terminationGracePeriodSeconds ?? 30) < minGrace) {
      problems.push(`${id(d)}: terminationGracePeriodSeconds < ${minGrace}`);
    }
    if (!c.lifecycle?.preStop) problems.push(`${id(d)}: no preStop hook`);
  }
  return problems;
}

// --- pod security -------------------------------------------------------------------
export function podSecurity(objs) {
  const problems = [];
  for (const { pod, c, where } of containers(objs, { init: true })) {
    const sc = c.securityContext ?? {};
    if (!(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) problems.push(`${where}: runAsNonRoot not set`);
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem is writable`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation not false`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities not dropped`);
    // A read-only root needs writable scratch: DataDirectory and /tmp.
    for (const mount of ['/data', '/tmp']) {
      if (!(c.volumeMounts ?? []).some((m) => m.mountPath === mount)) problems.push(`${where}: nothing mounted at ${mount}`);
    }
  }
  return problems;
}

// --- network policies ------------------------------------------------------------------
/** Every AdOrleans pod is isolated for ingress and for egress by some NetworkPolicy. */
export function networkPolicies(objs) {
  const problems = [];
  const policies = byKind(objs, 'NetworkPolicy');
  for (const { owner, template } of podTemplates(objs)) {
    for (const type of ['Ingress', 'Egress']) {
      const covered = policies.some((np) => (np.spec?.policyTypes ?? []).includes(type)
        && selects(np.spec?.podSelector?.matchLabels, template.metadata?.labels));
      if (!covered) problems.push(`${id(owner)}: no NetworkPolicy restricts its ${type.toLowerCase()}`);
    }
  }
  return problems;
}

// --- references between objects -------------------------------------------------------
export function references(objs) {
  const problems = [];
  const configMaps = new Set(byKind(objs, 'ConfigMap').map((c) => c.metadata.name));
  for (const { c, where } of containers(objs, { init: true })) {
    for (const ef of c.envFrom ?? []) {
      if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) problems.push(`${where}: ConfigMap ${ef.configMapRef.name} not rendered`);
    }
  }
  const templates = podTemplates(objs).map((t) => t.template.metadata?.labels);
  const services = byKind(objs, 'Service');
  for (const s of services) {
    if (!templates.some((l) => selects(s.spec?.selector, l))) problems.push(`${id(s)}: selects no pod template`);
  }
  for (const ing of byKind(objs, 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const b = p.backend?.service;
        const svc = services.find((s) => s.metadata.name === b?.name);
        if (!svc) problems.push(`${id(ing)}: backend Service ${b?.name} not rendered`);
        else if (!svc.spec.ports.some((sp) => sp.name === b.port?.name || sp.port === b.port?.number)) {
          problems.push(`${id(ing)}: Service ${b.name} has no port ${b.port?.name ?? b.port?.number}`);
        }
      }
    }
  }
  for (const sm of byKind(objs, 'ServiceMonitor')) {
    const picked = services.filter((s) => selects(sm.spec?.selector?.matchLabels, s.metadata.labels));
    if (picked.length === 0) problems.push(`${id(sm)}: selects no Service`);
    for (const ep of sm.spec?.endpoints ?? []) {
      for (const s of picked) {
        if (!s.spec.ports.some((p) => p.name === ep.port)) problems.push(`${id(sm)}: Service ${s.metadata.name} has no port ${ep.port}`);
      }
    }
  }
  return problems;
}


// --- Orleans' Kubernetes hosting --------------------------------------------------------
const SERVICE_ID_LABEL = 'orleans/serviceId';
const CLUSTER_ID_LABEL = 'orleans/clusterId';
const envOf = (c, name) => (c?.env ?? []).find((e) => e.name === name);
const configValue = (objs, key) => byKind(objs, 'ConfigMap').map((cm) => cm.data?.[key]).find((v) => v !== undefined);

/** The value an env var has in a pod: a literal, or the pod field/label a downward-API fieldRef reads. */
function podValue(e, template) {
  if (!e) return undefined;
  if (e.value !== undefined) return String(e.value);
  const field = e.valueFrom?.fieldRef?.fieldPath;
  const label = field?.match(/^metadata\.labels\['(.+)'\]$/)?.[1];
  return label ? template.metadata?.labels?.[label] : undefined;
}

/**
 * Silo pods carry the labels Orleans' pod watcher selects them by, with the values the silo takes as its ids and
 * the gateways' Orleans clients look for; the downward-API variables the package reads are set from the pod.
 */
export function kubernetesHosting(objs) {
  const problems = [];
  const silo = deployment(objs, 'silo');
  if (!silo) return ['no silo Deployment'];
  const template = silo.spec.template;
  const c = template.spec.containers?.[0] ?? {};
  const labels = template.metadata?.labels ?? {};
  const want = {
    POD_NAME: 'metadata.name', POD_NAMESPACE: 'metadata.namespace', POD_IP: 'status.podIP',
    ORLEANS_SERVICE_ID: `metadata.labels['${SERVICE_ID_LABEL}']`, ORLEANS_CLUSTER_ID: `metadata.labels['${CLUSTER_ID_LABEL}']`,
  };
  for (const [name, field] of Object.entries(want)) {
    const e = envOf(c, name);
    if (!e) problems.push(`${id(silo)}: no ${name} env`);
    else if (name.startsWith('POD_') && e.valueFrom?.fieldRef?.fieldPath !== field) problems.push(`${id(silo)}: ${name} must come from fieldRef ${field}`);
  }
  for (const [label, variable, key] of [[SERVICE_ID_LABEL, 'ORLEANS_SERVICE_ID', 'Orleans__ServiceId'], [CLUSTER_ID_LABEL, 'ORLEANS_CLUSTER_ID', 'Orleans__ClusterId']]) {
    const value = labels[label];
    if (!value) { problems.push(`${id(silo)}: pod label ${label} missing`); continue; }
    const fromEnv = podValue(envOf(c, variable), template);
    if (fromEnv !== undefined && fromEnv !== value) problems.push(`${id(silo)}: ${variable}=${fromEnv} but pod label ${label}=${value}`);
    const configured = configValue(objs, key);
    if (configured === undefined) problems.push(`no ConfigMap sets ${key} (the gateways' Orleans clients need it)`);
    else if (configured !== value) problems.push(`${key}=${configured} but the silo pods' ${label}=${value}`);
  }
  const mode = envOf(c, 'Orleans__Kubernetes')?.value ?? configValue(objs, 'Orleans__Kubernetes');
  if (mode !== undefined && String(mode).toLowerCase() === 'off') problems.push(`${id(silo)}: Orleans__Kubernetes is off`);
  // The watcher lists every pod with these labels as a silo of the cluster.
  for (const { owner, template: t } of podTemplates(objs)) {
    if (owner !== silo && (t.metadata?.labels?.[SERVICE_ID_LABEL] || t.metadata?.labels?.[CLUSTER_ID_LABEL])) {
      problems.push(`${id(owner)}: only silo pods may carry ${SERVICE_ID_LABEL}/${CLUSTER_ID_LABEL}`);
    }
  }
  return problems;
}

// --- Orleans ports and the network policies that must let them through ------------------------
function policiesFor(objs, type, labels) {
  return byKind(objs, 'NetworkPolicy').filter((np) => (np.spec?.policyTypes ?? []).includes(type)
    && selects(np.spec?.podSelector?.matchLabels, labels));
}
const portAllowed = (rule, port) => !rule.ports || rule.ports.some((p) => p.port === port);
const peerSelects = (peer, labels) => !peer.namespaceSelector && !peer.ipBlock && selects(peer.podSelector?.matchLabels, labels);

function ingressAllowed(objs, to, port, from) {
  return policiesFor(objs, 'Ingress', to).some((np) => (np.spec.ingress ?? []).some((r) => portAllowed(r, port)
    && (!r.from || r.from.some((peer) => peerSelects(peer, from)))));
}

function egressAllowed(objs, from, port, to) {
  return policiesFor(objs, 'Egress', from).some((np) => (np.spec.egress ?? []).some((r) => portAllowed(r, port)
    && (!r.to || r.to.some((peer) => (to === 'outside' ? !!peer.ipBlock : peerSelects(peer, to))))));
}

/** Silo and gateway ports are declared and the ones Orleans is told to use; silos reach each other, gateways reach silos, silos reach the API server. */
export function orleansNetwork(objs) {
  const problems = [];
  const silo = deployment(objs, 'silo');
  const gateway = deployment(objs, 'gateway');
  if (!silo || !gateway) return ['no silo or gateway Deployment'];
  const c = silo.spec.template.spec.containers?.[0] ?? {};
  const siloLabels = silo.spec.template.metadata.labels;
  const gatewayLabels = gateway.spec.template.metadata.labels;
  for (const [variable, port] of [['Orleans__SiloPort', 11111], ['Orleans__GatewayPort', 30000]]) {
    if (envOf(c, variable)?.value !== String(port)) problems.push(`${id(silo)}: ${variable} must be ${port}`);
    if (!(c.ports ?? []).some((p) => p.containerPort === port)) problems.push(`${id(silo)}: container port ${port} not declared`);
  }
  if (!ingressAllowed(objs, siloLabels, 11111, siloLabels) || !egressAllowed(objs, siloLabels, 11111, siloLabels)) {
    problems.push('NetworkPolicies do not let silos reach each other on 11111');
  }
  if (!ingressAllowed(objs, siloLabels, 30000, gatewayLabels) || !egressAllowed(objs, gatewayLabels, 30000, siloLabels)) {
    problems.push('NetworkPolicies do not let gateways reach the silos on 30000');
  }
  if (!egressAllowed(objs, siloLabels, 443, 'outside')) problems.push('NetworkPolicies do not let silos reach the Kubernetes API server on 443');
  return problems;
}

// --- RBAC and service account tokens -------------------------------------------------------------
const POD_WATCHER_VERBS = ['get', 'list', 'watch'];

/** The silos' account may get, list and watch pods in their namespace (what Orleans' pod watcher does), nothing more; no other account is bound. */
export function rbac(objs) {
  const problems = [];
  const silo = deployment(objs, 'silo');
  if (!silo) return ['no silo Deployment'];
  const account = silo.spec.template.spec.serviceAccountName;
  const namespace = silo.metadata.namespace;
  if (!account || !byKind(objs, 'ServiceAccount').some((sa) => sa.metadata.name === account)) {
    problems.push(`${id(silo)}: ServiceAccount ${account} not rendered`);
  }
  const roles = new Map(byKind(objs, 'Role').map((r) => [r.metadata.name, r]));
  const granted = new Set();
  for (const rb of byKind(objs, 'RoleBinding')) {
    const role = roles.get(rb.roleRef?.name);
    if (rb.roleRef?.kind !== 'Role' || !role) { problems.push(`${id(rb)}: binds ${rb.roleRef?.kind} ${rb.roleRef?.name}, which is not a rendered Role`); continue; }
    for (const s of rb.subjects ?? []) {
      const own = s.kind === 'ServiceAccount' && s.name === account && (s.namespace ?? rb.metadata.namespace) === namespace;
      if (!own) { problems.push(`${id(rb)}: binds ${s.kind} ${s.namespace ?? ''}/${s.name}; only the silos' ServiceAccount needs the API`); continue; }
      for (const rule of role.rules ?? []) {
        const podsOnly = (rule.apiGroups ?? []).every((g) => g === '') && (rule.resources ?? []).every((r) => r === 'pods');
        const extra = (rule.verbs ?? []).filter((v) => !POD_WATCHER_VERBS.includes(v));
        if (!podsOnly || extra.length) problems.push(`${id(role)}: grants ${[...extra, ...(podsOnly ? [] : rule.resources ?? [])].join(', ')}; the pod watcher needs only ${POD_WATCHER_VERBS.join(', ')} on pods`);
        if (podsOnly) for (const v of rule.verbs ?? []) granted.add(v);
      }
    }
  }
  const missing = POD_WATCHER_VERBS.filter((v) => !granted.has(v));
  if (missing.length) problems.push(`the silos' ServiceAccount ${account} may not ${missing.join(', ')} pods`);
  return problems;
}

/** Only silo pods mount a service account token; every other pod says false explicitly (or its account does). */
export function serviceAccountTokens(objs) {
  const problems = [];
  const silo = deployment(objs, 'silo');
  const accounts = new Map(byKind(objs, 'ServiceAccount').map((sa) => [sa.metadata.name, sa]));
  for (const { owner, template } of podTemplates(objs)) {
    const pod = template.spec ?? {};
    const mounted = pod.automountServiceAccountToken ?? accounts.get(pod.serviceAccountName ?? 'default')?.automountServiceAccountToken ?? true;
    if (owner === silo && pod.automountServiceAccountToken !== true) problems.push(`${id(owner)}: silo pods need automountServiceAccountToken: true (the pod watcher)`);
    if (owner !== silo && mounted) problems.push(`${id(owner)}: mounts a service account token it does not need`);
  }
  return problems;
}

// --- the Grafana dashboard ------------------------------------------------------------------------
const isDashboardMap = (cm) => cm.metadata?.labels?.grafana_dashboard === '1';
export const dashboardConfigMaps = (objs) => byKind(objs, 'ConfigMap').filter(isDashboardMap);

function* panelsOf(panels) {
  for (const p of panels ?? []) {
    yield p;
    yield* panelsOf(p.panels);
  }
}

/** Every dashboard ConfigMap holds dashboards that parse, have a uid, and query only series the service exports. */
export function grafanaDashboards(objs) {
  const problems = [];
  const maps = dashboardConfigMaps(objs);
  if (maps.length === 0) return problems;
  const known = new Set([...productMetrics(), ...exportedMetrics()]);
  for (const cm of maps) {
    const files = Object.entries(cm.data ?? {});
    if (files.length === 0) problems.push(`${id(cm)}: no dashboard in it`);
    for (const [file, text] of files) {
      const where = `${id(cm)} ${file}`;
      let dashboard;
      try { dashboard = JSON.parse(text); } catch (e) { problems.push(`${where}: not JSON (${e.message})`); continue; }
      if (!dashboard.uid || !dashboard.title) problems.push(`${where}: no uid or title`);
      const queries = [];
      for (const p of panelsOf(dashboard.panels)) {
        if (p.type === 'row') continue;
        if (!(p.targets ?? []).length) problems.push(`${where}: panel "${p.title}" has no query`);
        for (const t of p.targets ?? []) {
          if (!t.expr) problems.push(`${where}: panel "${p.title}" ${t.refId} has no expr`);
          else queries.push([`panel "${p.title}"`, t.expr]);
        }
      }
      for (const v of dashboard.templating?.list ?? []) {
        if (v.type === 'query') queries.push([`variable ${v.name}`, v.query?.query ?? v.query]);
      }
      for (const [what, expr] of queries) {
        const names = metricNames(expr);
        if (names.length === 0) problems.push(`${where}: ${what} reads no metric: ${expr}`);
        for (const n of names.filter((n) => !isKnown(n, known))) problems.push(`${where}: ${what} reads ${n}, which neither the code nor exported-metrics.txt has`);
      }
    }
  }
  return problems;
}

export const ALL = {
  probes, images, resources, secrets, topics, pdbs, autoscaling, rolesAndShutdown, podSecurity, networkPolicies, references,
  kubernetesHosting, orleansNetwork, rbac, serviceAccountTokens, grafanaDashboards,
};
