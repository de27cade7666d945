// Schema validation of one rendered object.
// - Built-in kinds: the models of npm `kubernetes-models` (generated from the
//   Kubernetes OpenAPI spec; types, enums, required fields).
// - ServiceMonitor: npm `@kubernetes-models/prometheus-operator`.
// - Strimzi and CloudNativePG: no npm package has their models, so schemas/ holds
//   committed subsets of their CRD schemas, compiled here with ajv.
import Ajv from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
const ajv = new Ajv({ allErrors: true, strict: false });
for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')));
}

const CRD_SCHEMAS = {
  'kafka.strimzi.io/v1beta2/Kafka': 'kafka.json',
  'kafka.strimzi.io/v1beta2/KafkaNodePool': 'kafkanodepool.json',
  'kafka.strimzi.io/v1beta2/KafkaTopic': 'kafkatopic.json',
  'postgresql.cnpg.io/v1/Cluster': 'cnpg-cluster.json',
};

// apiVersion -> module that exports one model class per kind.
function modelModule(apiVersion) {
  if (apiVersion.startsWith('monitoring.coreos.com/')) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  }
  return `kubernetes-models/${apiVersion}`; // "v1" or "<group>/<version>"
}

/** Returns a list of error strings; empty means valid. Unknown kinds are errors. */
export async function validateObject(obj) {
  const { apiVersion, kind } = obj ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['missing apiVersion or kind'];

  const crd = CRD_SCHEMAS[`${apiVersion}/${kind}`];
  if (crd) {
    const check = ajv.getSchema(crd);
    return check(obj) ? [] : check.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  let Model;
  try {
    Model = (await import(modelModule(apiVersion)))[kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`no schema known for ${apiVersion} ${kind}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [e.message];
  }
}
