/* eslint-disable no-console */
// Prints timings of the intent engine, each beside a floor measured interleaved with it in the same
// loop: for evaluation, parsing the same YAML and serialising the same result as JSON (what any engine
// answering over HTTP does at least); for rendering, serialising the same Terraform object and hashing
// the same files. Run with `yarn bench` in this package. Not a test: numbers only.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { evaluateIntent } from '../src/evaluateIntent';
import { outcomeIntentYaml } from '../src/examples/exampleIntents';
import { parseIntent } from '../src/intent/parseIntent';
import { defaultPlatformConfig } from '../src/platform/PlatformConfig';
import { planIntent } from '../src/plan/planIntent';
import { renderBundle } from '../src/render/renderBundle';

const options = {
  requester: 'user:default/ada.okafor',
  now: new Date('2026-11-22T10:00:00Z'),
};

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function time(fn: () => void, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

/** Times fn and its floor alternately, `runs` times each; both sample lists sorted. */
function interleaved(
  fn: () => void,
  floor: () => void,
  runs: number,
): [number[], number[]] {
  const measured: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    fn();
    measured.push(performance.now() - start);
    start = performance.now();
    floor();
    floors.push(performance.now() - start);
  }
  return [measured.sort((a, b) => a - b), floors.sort((a, b) => a - b)];
}

const beside = (measured: number[], floor: number[]) =>
  `median ${fmt(percentile(measured, 50))}, p95 ${fmt(
    percentile(measured, 95),
  )} | floor median ${fmt(percentile(floor, 50))}, p95 ${fmt(
    percentile(floor, 95),
  )} (${(percentile(measured, 50) / percentile(floor, 50)).toFixed(1)}×)`;

// The first call compiles the policies' CEL programs (cached afterwards); report it separately.
const cold = time(
  () => evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options),
  1,
)[0];
const evaluation = evaluateIntent(
  outcomeIntentYaml,
  defaultPlatformConfig,
  options,
);
const [warm, evaluationFloor] = interleaved(
  () => evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options),
  () => JSON.stringify([parseYaml(outcomeIntentYaml), evaluation]),
  500,
);
console.log(
  `evaluateIntent, typical outcome intent (parse YAML + plan ×3 loads + cost + 13 policies)`,
);
console.log(`  first call (compiles policies): ${fmt(cold)}`);
console.log(
  `  ${beside(
    warm,
    evaluationFloor,
  )}; floor: parse the same YAML, serialise the same result`,
);

// 1,000 different intents in a row: users, growth, availability, provider and region vary.
const regions = {
  aws: 'eu-west-1',
  gcp: 'europe-west1',
  azure: 'westeurope',
} as const;
const providers = Object.keys(regions) as Array<keyof typeof regions>;
const intents = Array.from({ length: 1000 }, (_, i) => {
  const provider = providers[i % 3];
  return outcomeIntentYaml
    .replace('expectedUsers: 10000', `expectedUsers: ${1000 + i * 37}`)
    .replace('growth: fast', `growth: ${i % 2 ? 'fast' : 'stable'}`)
    .replace(
      'availability: 99.9',
      `availability: ${[99, 99.5, 99.9, 99.95, 99.995][i % 5]}`,
    )
    .replace('provider: aws', `provider: ${provider}`)
    .replace('region: eu-west-1', `region: ${regions[provider]}`);
});
const start = performance.now();
let blocked = 0;
for (const yaml of intents) {
  if (!evaluateIntent(yaml, defaultPlatformConfig, options).policies.passed)
    blocked++;
}
const total = performance.now() - start;
console.log(
  `1,000 different intents in a row: ${fmt(total)} total, ${fmt(
    total / 1000,
  )} per intent (${blocked} blocked by guardrails)`,
);

// Rendering per target: the same outcome plan to each provider and runtime (render + offline validation + hashes).
console.log(
  'renderBundle per target, typical outcome plan (Terraform JSON + offline checks + manifests + hashes); floor: serialise the same Terraform object, hash the same files',
);
for (const provider of providers) {
  for (const runtime of ['managed', 'kubernetes']) {
    const yaml = outcomeIntentYaml
      .replace('provider: aws', `provider: ${provider}`)
      .replace('region: eu-west-1', `region: ${regions[provider]}`)
      .replace('runtime: managed', `runtime: ${runtime}`);
    const plan = planIntent(parseIntent(yaml), defaultPlatformConfig, options);
    const bundle = renderBundle(plan, defaultPlatformConfig);
    const terraform = JSON.parse(
      bundle.files.find(f => f.path === 'terraform/main.tf.json')!.content,
    );
    const [samples, floor] = interleaved(
      () => renderBundle(plan, defaultPlatformConfig),
      () => {
        JSON.stringify(terraform, null, 2);
        for (const f of bundle.files)
          createHash('sha256').update(f.content).digest('hex');
      },
      200,
    );
    console.log(
      `  ${`${provider} ${runtime}`.padEnd(16)} ${beside(samples, floor)}`,
    );
  }
}
