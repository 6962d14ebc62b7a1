import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { evaluateIntent } from '../evaluateIntent';
import { explicitIntentYaml } from '../examples/exampleIntents';
import { renderBundle } from '../render/renderBundle';
import { canonicalJson, canonicalSha256, sha256Hex } from './canonicalHash';
import { renderEnvironmentFiles } from './environmentFiles';

const now = new Date('2026-11-22T10:00:00Z');

describe('canonical hashes', () => {
  it('do not depend on key order, but on every value', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(canonicalSha256({ a: 1, b: 2 })).toBe(
      canonicalSha256({ b: 2, a: 1 }),
    );
    expect(canonicalSha256({ a: 1 })).not.toBe(canonicalSha256({ a: 2 }));
    // The well-known SHA-256 of "abc".
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('renderEnvironmentFiles', () => {
  const evaluation = evaluateIntent(explicitIntentYaml, defaultPlatformConfig, {
    requester: 'user:default/rita.costa',
    now,
  });

  it('gives the plan documents and, with a bundle, its files and manifest, each with its hash and size', () => {
    const bundle = renderBundle(evaluation.plan, defaultPlatformConfig);
    const files = renderEnvironmentFiles(evaluation, bundle);
    expect(files.map(f => f.path)).toEqual([
      'intent.yaml',
      'plan.json',
      'cost.json',
      'policy-report.json',
      'PLAN.md',
      'terraform/main.tf.json',
      'kubernetes/workload.yaml',
      'bundle-manifest.json',
    ]);
    for (const file of files) {
      expect(file.sha256).toBe(sha256Hex(file.content));
      expect(file.bytes).toBe(Buffer.byteLength(file.content, 'utf8'));
    }
    const manifest = JSON.parse(files[files.length - 1].content);
    expect(manifest.sha256).toBe(bundle.manifest.sha256);
    const tf = files.find(f => f.path === 'terraform/main.tf.json')!;
    expect(manifest.files[0]).toEqual({
      path: 'terraform/main.tf.json',
      sha256: tf.sha256,
      bytes: tf.bytes,
    });
  });

  it('gives only the plan documents without a bundle (a blocked plan)', () => {
    expect(renderEnvironmentFiles(evaluation).map(f => f.path)).toEqual([
      'intent.yaml',
      'plan.json',
      'cost.json',
      'policy-report.json',
      'PLAN.md',
    ]);
  });
});
