// Renders a kustomize directory with `kubectl kustomize` and parses the YAML stream.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const KUBECTL = process.env.KUBECTL || 'kubectl';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function render(kustomizeDir) {
  const dir = path.resolve(REPO_ROOT, kustomizeDir);
  // stderr is dropped: newer kustomize warns about the v2-compatible fields we use.
  const out = execFileSync(KUBECTL, ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 32 * 1024 * 1024,
  });
  return parseStream(out);
}

export function parseStream(text) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (obj != null) objects.push(obj);
  }
  return objects;
}

export const id = (o) => `${o.kind}/${o.metadata?.name}`;
