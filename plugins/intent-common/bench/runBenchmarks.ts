/* eslint-disable no-console */
// Prints timings of the intent engine; run with `yarn bench` in this package. Not a test: numbers only.
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

// The first call compiles the policies' CEL programs (cached afterwards); report it separately.
const cold = time(
  () => evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options),
  1,
)[0];
const warm = time(
  () => evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options),
  500,
);
console.log(
  `evaluateIntent, typical outcome intent (parse YAML + plan ×3 loads + cost + 13 policies)`,
);
console.log(`  first call (compiles policies): ${fmt(cold)}`);
console.log(
  `  median ${fmt(percentile(warm, 50))}, p95 ${fmt(
    percentile(warm, 95),
  )}, max ${fmt(warm[warm.length - 1])} over ${warm.length} runs`,
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
  'renderBundle per target, typical outcome plan (Terraform JSON + offline checks + manifests + hashes)',
);
for (const provider of providers) {
  for (const runtime of ['managed', 'kubernetes']) {
    const yaml = outcomeIntentYaml
      .replace('provider: aws', `provider: ${provider}`)
      .replace('region: eu-west-1', `region: ${regions[provider]}`)
      .replace('runtime: managed', `runtime: ${runtime}`);
    const plan = planIntent(parseIntent(yaml), defaultPlatformConfig, options);
    const samples = time(() => renderBundle(plan, defaultPlatformConfig), 200);
    console.log(
      `  ${`${provider} ${runtime}`.padEnd(16)} median ${fmt(
        percentile(samples, 50),
      )}, p95 ${fmt(percentile(samples, 95))}`,
    );
  }
}
