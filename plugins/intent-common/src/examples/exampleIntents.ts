/**
 * Three complete intents, one per level, as a developer would write them. The README shows their plans;
 * tests and benchmarks use them; the scaffolder field can offer them as starting points.
 */

/** Level 4, outcome-based: load, growth, availability, latency, residency, budget. */
export const outcomeIntentYaml = `apiVersion: cairn.dev/v1alpha1
kind: EnvironmentIntent
metadata:
  name: checkout-api
  owner: group:default/checkout
  costCentre: CC-4711
  description: Checkout API for the EU storefront
spec:
  environment: prod
  workload:
    type: web-service
    image: registry.northwind.example/checkout-api:1.42.0
    port: 8080
  services: [postgres, redis, queue, objectStorage, cdn]
  target:
    provider: aws
    runtime: managed
    region: eu-west-1
  sizing:
    level: outcome
    expectedUsers: 10000
    growth: fast
    availability: 99.9
    p95LatencyMs: 400
    dataGb: 50
  constraints:
    dataResidency: eu
    compliance: [gdpr, soc2]
    monthlyBudgetUsd: 1500
    approver: user:default/priya.raman
`;

/** Level 3, directional: "3 instances for web, a medium database". */
export const directionalIntentYaml = `apiVersion: cairn.dev/v1alpha1
kind: EnvironmentIntent
metadata:
  name: storefront-web
  owner: group:default/storefront
  costCentre: CC-4720
spec:
  environment: staging
  workload:
    type: web-service
  services: [postgres, redis]
  target:
    provider: gcp
    runtime: managed
    region: europe-west1
  sizing:
    level: directional
    instances: 3
    size: medium
    database: medium
    cache: small
  constraints:
    monthlyBudgetUsd: 800
`;

/** Levels 1-2, explicit: neutral classes and counts, for a team that wants control. */
export const explicitIntentYaml = `apiVersion: cairn.dev/v1alpha1
kind: EnvironmentIntent
metadata:
  name: route-planner
  owner: group:default/logistics
  costCentre: CC-5100
spec:
  environment: dev
  workload:
    type: worker
  services: [postgres, queue]
  target:
    provider: azure
    runtime: kubernetes
    region: westeurope
  sizing:
    level: explicit
    zones: 1
    compute: { size: small, count: 2, maxCount: 4 }
    postgres:
      size: small
      storageGb: 32
      backupRetentionDays: 3
    queue: { messagesPerMonth: 2000000 }
  constraints:
    ttlHours: 336
`;
