// deploy/kubernetes/: every manifest parses, validates against the Kubernetes API schemas
// (kubernetes-models: the OpenAPI schemas of the Kubernetes API compiled to validators), has no
// field the API does not know (TypeScript's excess-property check against the same package's
// types: the schemas themselves allow unknown keys), and fits together: selectors, probes on
// /healthz and /readyz, a non-root read-only container with resources, secrets by reference, and
// ConfigMap keys that the service reads.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_KEYS } from '../../src/config.js';
import { ROOT } from '../fixtures/committed-data.js';

const DIR = join(ROOT, 'deploy/kubernetes');
const require = createRequire(import.meta.url);

/** apiVersion + kind -> the kubernetes-models module of its model class. */
const MODELS: Record<string, { module: string; type: string }> = {
  'apps/v1 Deployment': { module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  'v1 Service': { module: 'kubernetes-models/v1/Service', type: 'IService' },
  'v1 ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', type: 'IConfigMap' },
  'autoscaling/v2 HorizontalPodAutoscaler': { module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', type: 'IHorizontalPodAutoscaler' },
  'policy/v1 PodDisruptionBudget': { module: 'kubernetes-models/policy/v1/PodDisruptionBudget', type: 'IPodDisruptionBudget' },
};

interface Manifest {
  readonly file: string;
  readonly doc: Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> } };
}

/** Validates with the model's schema validator; returns the error message, or undefined when valid. */
function schemaErrors(doc: Record<string, unknown>): string | undefined {
  const model = MODELS[`${String(doc.apiVersion)} ${String(doc.kind)}`];
  if (!model) return `no schema for ${String(doc.apiVersion)} ${String(doc.kind)}`;
  const exports = require(model.module) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = exports[String(doc.kind)];
  if (!Model) return `kubernetes-models has no ${String(doc.kind)}`;
  try {
    new Model(doc).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** TypeScript diagnostics for `const m: IKind = <doc>` per document: unknown fields are errors. */
function unknownFieldErrors(manifests: ReadonlyArray<{ name: string; doc: Record<string, unknown> }>): string[] {
  const file = join(DIR, '__manifest-check.ts');
  const lines: string[] = [];
  manifests.forEach(({ doc }, i) => {
    const model = MODELS[`${String(doc.apiVersion)} ${String(doc.kind)}`];
    if (!model) return;
    lines.push(`import type { ${model.type} as T${i} } from '${model.module}';`);
    lines.push(`export const m${i}: T${i} = ${JSON.stringify(doc)};`);
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const which = line >= 0 ? manifests[Math.floor(line / 2)]?.name : '?';
    return `${which}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('deploy/kubernetes manifests', () => {
  let manifests: Manifest[];
  const byKind = (kind: string) => {
    const found = manifests.filter((m) => m.doc.kind === kind);
    expect(found, kind).toHaveLength(1);
    // Manifests are data: read them loosely, the schema checks above hold their shape.
    return found[0]?.doc as Record<string, any>;
  };

  beforeAll(() => {
    manifests = readdirSync(DIR)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .flatMap((file) =>
        parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
          expect(d.errors, file).toEqual([]);
          return { file, doc: d.toJS() as Manifest['doc'] };
        }),
      );
  });

  it('has a Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget and ConfigMap, all listed in kustomization.yaml', () => {
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
    const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0]?.toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...new Set(manifests.map((m) => m.file))].sort());
  });

  it('validates every manifest against the Kubernetes API schema', () => {
    for (const { file, doc } of manifests) expect(schemaErrors(doc), `${file} ${doc.kind}`).toBeUndefined();
  });

  it('catches a wrongly typed field and a missing required one (the validator is not a no-op)', () => {
    const deployment = byKind('Deployment');
    expect(schemaErrors({ ...deployment, spec: { ...deployment.spec, replicas: 'three' } })).toMatch(/replicas must be integer/);
    const { selector: _dropped, ...withoutSelector } = deployment.spec as Record<string, unknown>;
    expect(schemaErrors({ ...deployment, spec: withoutSelector })).toMatch(/selector/);
  });

  it('has no field the Kubernetes API does not define, and the check catches a misspelled one', () => {
    const named = manifests.map((m) => ({ name: `${m.file} ${m.doc.kind}`, doc: m.doc }));
    expect(unknownFieldErrors(named)).toEqual([]);
    const deployment = byKind('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const typo = { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { ...deployment.spec.template.spec, containers: [{ ...container, livenessProbes: container.livenessProbe }] } } } };
    expect(unknownFieldErrors([{ name: 'typo', doc: typo }]).join('\n')).toMatch(/livenessProbes/);
  }, 60_000);

  it('probes liveness on /healthz and readiness on /readyz, on the container port the service listens on', () => {
    const deployment = byKind('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 'http' });
    expect(container.ports).toContainEqual(expect.objectContaining({ name: 'http', containerPort: 3000 }));
    expect(byKind('ConfigMap').data.PORT).toBe('3000');
  });

  it('runs as non-root on a read-only root filesystem, without privileges, with requests and limits', () => {
    const pod = byKind('Deployment').spec.template.spec;
    const container = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
  });

  it('gives a rolling deploy time to cost clients nothing: the grace period exceeds the preStop pause, the drain (SHUTDOWN_DRAIN_MS) and SHUTDOWN_GRACE_MS together', () => {
    const pod = byKind('Deployment').spec.template.spec;
    const pause = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
    const drain = Number(byKind('ConfigMap').data.SHUTDOWN_DRAIN_MS) / 1000;
    const grace = Number(byKind('ConfigMap').data.SHUTDOWN_GRACE_MS) / 1000;
    expect(pause).toBeGreaterThan(0);
    // Readiness fails while draining (503): the probe must notice well within the drain.
    const readiness = pod.containers[0].readinessProbe;
    expect(readiness.periodSeconds * readiness.failureThreshold).toBeLessThan(drain);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + drain + grace);
  });

  it('takes ADMIN_API_KEY, DATABASE_URL and REDIS_URL from a Secret, and everything else from a ConfigMap of keys the service reads', () => {
    const deployment = byKind('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const fromSecret = (container.env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>).map((e) => {
      expect(e.value, `${e.name} must not be written in the manifest`).toBeUndefined();
      return `${e.name}=${e.valueFrom?.secretKeyRef?.name}/${e.valueFrom?.secretKeyRef?.key}`;
    });
    expect(fromSecret.sort()).toEqual(['ADMIN_API_KEY=mesoquote-secrets/ADMIN_API_KEY', 'DATABASE_URL=mesoquote-secrets/DATABASE_URL', 'REDIS_URL=mesoquote-secrets/REDIS_URL']);
    const configMap = byKind('ConfigMap');
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    for (const key of Object.keys(configMap.data)) expect(Object.keys(CONFIG_KEYS), `ConfigMap key ${key}`).toContain(key);
    for (const value of Object.values(configMap.data)) expect(typeof value, 'ConfigMap values are strings').toBe('string');
  });

  it('selects the Deployment\'s pods from the Service and the PodDisruptionBudget, and scales the Deployment with the HPA', () => {
    const deployment = byKind('Deployment');
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(byKind('Service').spec.selector).toEqual(labels);
    expect(byKind('Service').spec.ports[0].targetPort).toBe('http');
    expect(byKind('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
    const hpa = byKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    // The budget never blocks drains entirely: more replicas than it keeps.
    expect(byKind('PodDisruptionBudget').spec.maxUnavailable).toBeGreaterThanOrEqual(1);
  });
});
