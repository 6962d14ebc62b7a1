import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment } from 'kubernetes-models/apps/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { InputError } from '@backstage/errors';
import { Plan } from '../../plan/planTypes';
import { baseName, labelValue } from '../resourceNames';

/** A manifest the renderer emits: any kubernetes-models object (each validates itself). */
export type KubernetesManifest = {
  apiVersion: string;
  kind: string;
  validate(): void;
  toJSON(): unknown;
};

// Label values must start and end with an alphanumeric character.
const label = (value: string) =>
  labelValue(value).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'none';

/**
 * The workload on the organisation's cluster: Namespace, ServiceAccount, Deployment (or CronJob for jobs),
 * Service, HorizontalPodAutoscaler, PodDisruptionBudget and a NetworkPolicy (ingress and egress), with
 * readiness and liveness probes for services, requests and limits from
 * the plan. Each manifest is validated against the Kubernetes OpenAPI schema (kubernetes-models).
 * The data services' settings and credentials come from a Secret the platform syncs from the Terraform
 * output `workload_environment` (`<name>-services`): named and documented here, never included.
 */
export function renderKubernetesManifests(plan: Plan): KubernetesManifest[] {
  const c = plan.compute;
  if (!c)
    throw new InputError(
      `plan ${plan.name} has no compute to run on Kubernetes`,
    );
  const name = baseName(plan);
  const namespace = name;
  const selector = {
    'app.kubernetes.io/name': plan.name,
    'app.kubernetes.io/instance': name,
  };
  const labels = {
    ...selector,
    'app.kubernetes.io/managed-by': 'cairn',
    'cairn.dev/environment': plan.environment,
    'cairn.dev/owner': label(plan.tags.owner ?? ''),
    'cairn.dev/cost-centre': label(plan.tags['cost-centre'] ?? ''),
    'cairn.dev/expires-at': label(plan.tags['expires-at'] ?? 'never'),
  };
  // Annotations keep the exact values (YAML quotes them; nothing here is ever evaluated).
  const annotations = {
    'cairn.dev/owner': plan.owner,
    'cairn.dev/expires-at': plan.tags['expires-at'] ?? 'never',
  };
  // The data services' settings and secrets reach the pod from one Secret: the keys of the bundle's
  // Terraform output `workload_environment`, written by the platform's secret sync (never by Cairn,
  // so no secret value is in these files). The pod waits for it rather than starting without them.
  const hasDataServices = Boolean(
    plan.database || plan.cache || plan.queue || plan.objectStorage,
  );
  const servicesSecret = `${name}-services`;
  const metadata = {
    name,
    namespace,
    labels,
    annotations: hasDataServices
      ? {
          ...annotations,
          'cairn.dev/services-secret': `${servicesSecret}: the keys of the Terraform output workload_environment (settings as they are, secrets read from the cloud's secret store), written by the platform's secret sync`,
        }
      : annotations,
  };
  const cpu = `${Math.round(c.vcpu * 1000)}m`;
  const memory = `${Math.round(c.memoryGb * 1024)}Mi`;
  const container = {
    name: 'app',
    image: c.image ?? `registry.invalid/${plan.name}:unset`,
    ...(c.kind === 'service'
      ? { ports: [{ name: 'http', containerPort: c.port }] }
      : {}),
    // Requests equal limits: the pod gets the Guaranteed QoS class and the plan's capacity is what runs.
    resources: { requests: { cpu, memory }, limits: { cpu, memory } },
    ...(hasDataServices
      ? { envFrom: [{ secretRef: { name: servicesSecret } }] }
      : {}),
    // A service is ready, and alive, while it accepts connections on its port (the intent names no
    // health path; a team adds an HTTP probe to the manifest when it has one).
    ...(c.kind === 'service'
      ? {
          readinessProbe: {
            tcpSocket: { port: 'http' },
            periodSeconds: 5,
            failureThreshold: 3,
          },
          livenessProbe: {
            tcpSocket: { port: 'http' },
            initialDelaySeconds: 15,
            periodSeconds: 10,
            failureThreshold: 6,
          },
        }
      : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    },
  };
  const podSpec = {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    containers: [container],
    ...(plan.target.zones > 1
      ? {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule' as const,
              labelSelector: { matchLabels: selector },
            },
          ],
        }
      : {}),
  };

  const manifests: KubernetesManifest[] = [
    new Namespace({ metadata: { name: namespace, labels, annotations } }),
    new ServiceAccount({ metadata, automountServiceAccountToken: false }),
  ];
  if (c.kind === 'job') {
    manifests.push(
      new CronJob({
        metadata,
        spec: {
          schedule: c.schedule!,
          concurrencyPolicy: 'Forbid',
          jobTemplate: {
            spec: {
              parallelism: c.minInstances,
              completions: c.minInstances,
              template: {
                metadata: { labels },
                spec: { ...podSpec, restartPolicy: 'OnFailure' },
              },
            },
          },
        },
      }),
    );
  } else {
    manifests.push(
      new Deployment({
        metadata,
        spec: {
          replicas: c.minInstances,
          selector: { matchLabels: selector },
          template: { metadata: { labels }, spec: podSpec },
        },
      }),
      new HorizontalPodAutoscaler({
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: c.minInstances,
          maxReplicas: c.maxInstances,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 60 },
              },
            },
          ],
        },
      }),
      new PodDisruptionBudget({
        metadata,
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
      }),
    );
    if (c.kind === 'service') {
      manifests.push(
        new Service({
          metadata,
          spec: {
            type: 'ClusterIP',
            selector,
            ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          },
        }),
      );
    }
  }
  // Only the ingress controller's namespace (labelled by the platform) may reach a web service; nothing
  // may reach a worker or job. Out, the pods may ask DNS, reach their data services on the PostgreSQL
  // and Redis ports, and call HTTPS endpoints (the cloud's queue, storage and secret APIs). By port, not
  // address: the data services' addresses are the cluster network's or allocated by the cloud at apply.
  const dataPorts = [
    ...(plan.database ? [5432] : []),
    ...(plan.cache ? [6379, 6380] : []),
  ];
  manifests.push(
    new NetworkPolicy({
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          {
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          { ports: [{ protocol: 'TCP', port: 443 }] },
          ...(dataPorts.length
            ? [
                {
                  ports: dataPorts.map(port => ({
                    protocol: 'TCP' as const,
                    port,
                  })),
                },
              ]
            : []),
        ],
        ingress:
          c.kind === 'service'
            ? [
                {
                  from: [
                    {
                      namespaceSelector: {
                        matchLabels: { 'cairn.dev/ingress': 'true' },
                      },
                    },
                  ],
                  ports: [{ protocol: 'TCP', port: c.port }],
                },
              ]
            : [],
      },
    }),
  );
  manifests.forEach(m => m.validate());
  return manifests;
}
