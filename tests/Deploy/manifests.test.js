// Renders both overlays and checks every object against its schema and every
// invariant in lib/invariants.js.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { render, id, KUBECTL } from './lib/render.js';
import { validateObject } from './lib/validate.js';
import { ALL, dashboardConfigMaps } from './lib/invariants.js';

const OVERLAYS = ['k8s/overlays/dev', 'k8s/overlays/prod'];

for (const overlay of OVERLAYS) {
  describe(overlay, () => {
    let objects;
    before(() => { objects = render(overlay); });

    it(`renders with ${KUBECTL} kustomize`, () => {
      assert.ok(objects.length > 20, `only ${objects.length} objects rendered`);
      const kinds = new Set(objects.map((o) => o.kind));
      for (const k of ['Deployment', 'Service', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget',
        'ConfigMap', 'NetworkPolicy', 'Kafka', 'KafkaNodePool', 'KafkaTopic', 'Cluster', 'ServiceMonitor',
        'ServiceAccount', 'Role', 'RoleBinding']) {
        assert.ok(kinds.has(k), `no ${k} rendered`);
      }
    });

    it('every object is valid against its schema', async () => {
      const failures = [];
      for (const o of objects) {
        const errors = await validateObject(o);
        if (errors.length) failures.push(`${id(o)}: ${errors.join('; ')}`);
      }
      assert.deepEqual(failures, []);
    });

    it('every namespaced object is in the overlay namespace', () => {
      const ns = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
      assert.equal(ns.length, 1, 'exactly one Namespace');
      const stray = objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== ns[0]).map(id);
      assert.deepEqual(stray, []);
    });

    if (overlay.endsWith('/prod')) {
      it('ships the Grafana dashboard as a ConfigMap labelled grafana_dashboard=1', () => {
        const maps = dashboardConfigMaps(objects);
        assert.equal(maps.length, 1, 'exactly one dashboard ConfigMap');
        assert.deepEqual(Object.keys(maps[0].data), ['adorleans.json']);
        assert.equal(JSON.parse(maps[0].data['adorleans.json']).uid, 'adorleans');
      });
    }

    for (const [name, check] of Object.entries(ALL)) {
      it(`invariant: ${name}`, () => assert.deepEqual(check(objects), []));
    }
  });
}
