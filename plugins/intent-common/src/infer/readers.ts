import { XMLParser } from 'fast-xml-parser';
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { SizeClass } from '../intent/intentSchema';
import { providers } from '../intent/intentSchema';
import {
  envSignals,
  goSignals,
  imageSignals,
  jvmSignals,
  npmSignals,
  pythonSignals,
  runtimeImages,
  Signal,
  terraformResourceServices,
  urlSchemeSignals,
} from './dependencyRules';
import type {
  Evidence,
  InferenceSource,
  RepositoryFile,
} from './inferenceTypes';

// Each reader takes one file and returns what it says, with the line that says it. A file a reader
// cannot parse says nothing but a note: a broken file never stops the inference.

const EXCERPT_MAX = 120;

function source(file: RepositoryFile, line?: number): InferenceSource {
  if (line === undefined) return { file: file.path };
  const text = file.text.split('\n')[line - 1]?.trim() ?? '';
  return {
    file: file.path,
    line,
    excerpt:
      text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX - 1)}…` : text,
  };
}

/** The first line (1-based) containing `needle`, or undefined. */
function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}

function fromSignal(
  signal: Signal,
  at: InferenceSource,
  says: string,
): Evidence[] {
  if (signal.note) {
    return [{ field: 'note', message: `${says}: ${signal.note}`, source: at }];
  }
  const out: Evidence[] = [];
  const reason = `${says}: ${signal.what}`;
  if (signal.service) {
    out.push({
      field: 'service',
      value: signal.service,
      confidence: signal.confidence,
      source: at,
      reason,
    });
  }
  if (signal.workload) {
    out.push({
      field: 'workloadType',
      value: signal.workload,
      confidence: signal.confidence,
      source: at,
      reason,
    });
  }
  return out;
}

function unreadable(file: RepositoryFile, error: unknown): Evidence[] {
  const message = error instanceof Error ? error.message : String(error);
  return [
    {
      field: 'note',
      message: `${file.path} could not be read (${
        message.split('\n')[0]
      }); nothing taken from it`,
      source: source(file),
    },
  ];
}

function validPort(n: number) {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** `image:tag@digest` or `registry/path/image:tag` → `image`. */
function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return last.split(':')[0].toLowerCase();
}

export function readDockerfile(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [];
  file.text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line);
    if (from) {
      const runtime = runtimeImages[imageName(from[1])];
      if (runtime) {
        out.push({
          field: 'runtime',
          value: runtime,
          confidence: 'high',
          source: source(file, i + 1),
          reason: `built from the ${runtime} image ${from[1]}`,
        });
      }
    }
    const expose = /^EXPOSE\s+(.+)$/i.exec(line);
    if (expose) {
      for (const token of expose[1].split(/\s+/)) {
        const port = Number(token.split('/')[0]);
        if (validPort(port) && !token.endsWith('/udp')) {
          out.push({
            field: 'port',
            value: port,
            confidence: 'high',
            source: source(file, i + 1),
            reason: `the image exposes port ${port}`,
          });
        }
      }
    }
    if (
      /^(CMD|ENTRYPOINT)\s/i.test(line) &&
      /\bcelery\b.*\bworker\b|\brq\b.*\bworker\b/.test(line)
    ) {
      out.push({
        field: 'workloadType',
        value: 'worker',
        confidence: 'high',
        source: source(file, i + 1),
        reason: 'the container starts a task worker',
      });
    }
  });
  return out;
}

export function readPackageJson(file: RepositoryFile): Evidence[] {
  let manifest: { dependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(file.text);
  } catch (e) {
    return unreadable(file, e);
  }
  const out: Evidence[] = [
    {
      field: 'runtime',
      value: 'node',
      confidence: 'high',
      source: source(file),
      reason: 'a Node.js package',
    },
  ];
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const signal = npmSignals[name];
    if (signal) {
      out.push(
        ...fromSignal(
          signal,
          source(file, lineOf(file.text, `"${name}"`)),
          `depends on ${name}`,
        ),
      );
    }
  }
  return out;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

export function readPom(file: RepositoryFile): Evidence[] {
  let pom: any;
  try {
    pom = xml.parse(file.text, true);
  } catch (e) {
    return unreadable(file, e);
  }
  const out: Evidence[] = [
    {
      field: 'runtime',
      value: 'java',
      confidence: 'high',
      source: source(file),
      reason: 'a Maven project',
    },
  ];
  const listed = pom?.project?.dependencies?.dependency ?? [];
  for (const dependency of Array.isArray(listed) ? listed : [listed]) {
    const artifact = String(dependency?.artifactId ?? '');
    if (dependency?.scope === 'test') continue;
    const signal = jvmSignals[artifact];
    if (signal) {
      out.push(
        ...fromSignal(
          signal,
          source(
            file,
            lineOf(file.text, `<artifactId>${artifact}</artifactId>`),
          ),
          `depends on ${artifact}`,
        ),
      );
    }
  }
  return out;
}

export function readGradle(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [
    {
      field: 'runtime',
      value: 'java',
      confidence: 'high',
      source: source(file),
      reason: 'a Gradle project',
    },
  ];
  file.text.split('\n').forEach((line, i) => {
    if (/^\s*test/.test(line)) return;
    const coordinate =
      /(implementation|runtimeOnly|api|compile)\w*\s*\(?\s*['"]([\w.-]+):([\w.-]+)/.exec(
        line,
      );
    const signal = coordinate && jvmSignals[coordinate[3]];
    if (signal) {
      out.push(
        ...fromSignal(
          signal,
          source(file, i + 1),
          `depends on ${coordinate![3]}`,
        ),
      );
    }
  });
  return out;
}

export function readGoMod(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [
    {
      field: 'runtime',
      value: 'go',
      confidence: 'high',
      source: source(file),
      reason: 'a Go module',
    },
  ];
  file.text.split('\n').forEach((line, i) => {
    const path = /^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/[^\s]+)\s+v/.exec(
      line,
    )?.[1];
    if (!path) return;
    const match = Object.keys(goSignals).find(
      prefix => path === prefix || path.startsWith(`${prefix}/`),
    );
    if (match) {
      out.push(
        ...fromSignal(
          goSignals[match],
          source(file, i + 1),
          `requires ${path}`,
        ),
      );
    }
  });
  return out;
}

/** A PEP 508 requirement's distribution name, normalised (PEP 503): `psycopg[binary]>=3` → `psycopg`. */
function pythonName(requirement: string): string | undefined {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1];
  return name?.toLowerCase().replace(/[._]+/g, '-');
}

function pythonEvidence(
  file: RepositoryFile,
  requirements: string[],
): Evidence[] {
  const out: Evidence[] = [
    {
      field: 'runtime',
      value: 'python',
      confidence: 'high',
      source: source(file),
      reason: 'a Python project',
    },
  ];
  for (const requirement of requirements) {
    const name = pythonName(requirement);
    const signal = name ? pythonSignals[name] : undefined;
    if (name && signal) {
      out.push(
        ...fromSignal(
          signal,
          source(file, lineOf(file.text, requirement.trim())),
          `depends on ${name}`,
        ),
      );
      // celery[redis] names its broker.
      if (name === 'celery' && /\[[^\]]*redis/.test(requirement)) {
        out.push(
          ...fromSignal(
            pythonSignals.redis,
            source(file, lineOf(file.text, requirement.trim())),
            'depends on celery[redis]',
          ),
        );
      }
    }
  }
  return out;
}

export function readRequirements(file: RepositoryFile): Evidence[] {
  const requirements = file.text
    .split('\n')
    .map(line => line.replace(/#.*/, '').trim())
    .filter(line => line && !line.startsWith('-'));
  return pythonEvidence(file, requirements);
}

export function readPyproject(file: RepositoryFile): Evidence[] {
  let project: any;
  try {
    project = parseToml(file.text);
  } catch (e) {
    return unreadable(file, e);
  }
  const requirements: string[] = [
    ...(Array.isArray(project?.project?.dependencies)
      ? project.project.dependencies
      : []),
    ...Object.keys(project?.tool?.poetry?.dependencies ?? {}).filter(
      name => name !== 'python',
    ),
  ].map(String);
  return pythonEvidence(file, requirements);
}

function envEvidence(
  file: RepositoryFile,
  name: string,
  value: string | undefined,
  line: number | undefined,
): Evidence[] {
  const at = source(file, line);
  if (name === 'PORT' && value && validPort(Number(value))) {
    return [
      {
        field: 'port',
        value: Number(value),
        confidence: 'medium',
        source: at,
        reason: `PORT is set to ${value}`,
      },
    ];
  }
  const scheme = value && /^([a-z][a-z0-9+:.-]*?):\/\//i.exec(value)?.[1];
  const byScheme = scheme ? urlSchemeSignals[scheme.toLowerCase()] : undefined;
  if (byScheme) return fromSignal(byScheme, at, `${name} is ${byScheme.what}`);
  const key = Object.keys(envSignals).find(pattern =>
    pattern.endsWith('*')
      ? name.startsWith(pattern.slice(0, -1))
      : name === pattern,
  );
  return key ? fromSignal(envSignals[key], at, `sets ${name}`) : [];
}

export function readEnvFile(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [];
  file.text.split('\n').forEach((raw, i) => {
    const match = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (match) {
      const value = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
      out.push(...envEvidence(file, match[1], value, i + 1));
    }
  });
  return out;
}

function yamlDocuments(file: RepositoryFile) {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(file.text, { lineCounter });
  const docs = (Array.isArray(documents) ? documents : [documents]).filter(
    (d): d is Document.Parsed => !('empty' in d && d.empty),
  );
  const problem = docs.flatMap(d => d.errors)[0];
  if (problem) throw problem;
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as YamlNode | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { docs, lineAt };
}

type ParsedYaml = ReturnType<typeof yamlDocuments>;

/** Runs a reader over a YAML file's documents; a file that does not parse is a note. */
function withYaml(
  file: RepositoryFile,
  read: (parsed: ParsedYaml) => Evidence[],
): Evidence[] {
  let parsed: ParsedYaml;
  try {
    parsed = yamlDocuments(file);
  } catch (e) {
    return unreadable(file, e);
  }
  return read(parsed);
}

export function readCompose(file: RepositoryFile): Evidence[] {
  return withYaml(file, parsed => composeEvidence(file, parsed));
}

function composeEvidence(file: RepositoryFile, parsed: ParsedYaml): Evidence[] {
  const out: Evidence[] = [];
  for (const doc of parsed.docs) {
    const services = doc.get('services');
    if (!isMap(services)) continue;
    for (const pair of services.items) {
      const service = pair.value;
      if (!isMap(service)) continue;
      const image = service.get('image', true);
      const signal =
        isScalar(image) && typeof image.value === 'string'
          ? imageSignals[imageName(image.value)]
          : undefined;
      if (signal && isScalar(image)) {
        out.push(
          ...fromSignal(
            signal,
            source(file, parsed.lineAt(image)),
            `runs ${String(image.value)} beside the service`,
          ),
        );
      }
      // The service itself (built from the repository): its container port.
      const ports = service.get('ports', true);
      if (service.has('build') && isSeq(ports)) {
        for (const item of ports.items) {
          const text = isScalar(item) ? String(item.value) : '';
          const port = Number(text.split(':').pop()?.split('/')[0]);
          if (validPort(port)) {
            out.push({
              field: 'port',
              value: port,
              confidence: 'medium',
              source: source(file, parsed.lineAt(item)),
              reason: `the compose file publishes container port ${port}`,
            });
          }
        }
      }
      // The service's own settings (a database container's settings describe the database).
      const environment = service.get('environment', true);
      if (service.has('build') && isMap(environment)) {
        for (const variable of environment.items) {
          const name = isScalar(variable.key) ? String(variable.key.value) : '';
          const value = isScalar(variable.value)
            ? String(variable.value.value)
            : undefined;
          out.push(
            ...envEvidence(file, name, value, parsed.lineAt(variable.key)),
          );
        }
      }
    }
  }
  return out;
}

/** `${PORT:8080}` (Spring's placeholder with a default) → `8080`. */
function springValue(value: string): string {
  return /^\$\{[^:}]+:([^}]*)\}$/.exec(value.trim())?.[1] ?? value.trim();
}

function springEvidence(
  file: RepositoryFile,
  key: string,
  value: string,
  line: number | undefined,
): Evidence[] {
  const at = source(file, line);
  if (key === 'server.port') {
    const port = Number(springValue(value));
    return validPort(port)
      ? [
          {
            field: 'port',
            value: port,
            confidence: 'high',
            source: at,
            reason: `server.port is ${port}`,
          },
        ]
      : [];
  }
  if (key === 'spring.datasource.url' || key === 'spring.r2dbc.url') {
    const scheme = /^(jdbc:[a-z]+|r2dbc:[a-z]+|[a-z]+):/.exec(
      value.trim(),
    )?.[1];
    const signal =
      scheme && urlSchemeSignals[scheme.replace(/^r2dbc:/, 'jdbc:')];
    return signal ? fromSignal(signal, at, `${key} is ${signal.what}`) : [];
  }
  if (/^spring\.(data\.)?redis\./.test(key)) {
    return fromSignal(urlSchemeSignals.redis, at, `sets ${key}`);
  }
  if (key.startsWith('spring.rabbitmq.')) {
    return fromSignal(urlSchemeSignals.amqp, at, `sets ${key}`);
  }
  return [];
}

export function readSpringConfig(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [];
  if (file.path.endsWith('.properties')) {
    file.text.split('\n').forEach((raw, i) => {
      const match = /^\s*([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
      if (match) out.push(...springEvidence(file, match[1], match[2], i + 1));
    });
    return out;
  }
  return withYaml(file, parsed => springYamlEvidence(file, parsed));
}

function springYamlEvidence(
  file: RepositoryFile,
  parsed: ParsedYaml,
): Evidence[] {
  const out: Evidence[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const path = prefix ? `${prefix}.${key}` : key;
      if (isScalar(pair.value)) {
        out.push(
          ...springEvidence(
            file,
            path,
            String(pair.value.value),
            parsed.lineAt(pair.key),
          ),
        );
      } else {
        walk(pair.value, path);
      }
    }
  };
  for (const doc of parsed.docs) walk(doc.contents, '');
  return out;
}

function cpuOf(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity.trim());
  if (!match) return undefined;
  return match[2] === 'm' ? Number(match[1]) / 1000 : Number(match[1]);
}

/** The smallest compute class whose vCPU meets the request (the size catalog's defaults: 0.5, 1, 2, 4). */
function sizeForCpu(vcpu: number): SizeClass {
  if (vcpu <= 0.5) return 'small';
  if (vcpu <= 1) return 'medium';
  if (vcpu <= 2) return 'large';
  return 'xlarge';
}

const workloadKinds = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
]);

export function readKubernetes(file: RepositoryFile): Evidence[] {
  // Any YAML file may be a manifest; one without a top-level kind is not, and is not parsed (nor noted).
  if (!/^kind:\s*\S/m.test(file.text)) return [];
  return withYaml(file, parsed => kubernetesEvidence(file, parsed));
}

function kubernetesEvidence(
  file: RepositoryFile,
  parsed: ParsedYaml,
): Evidence[] {
  const out: Evidence[] = [];
  for (const doc of parsed.docs) {
    const kind = doc.get('kind');
    if (typeof kind !== 'string') continue;
    const at = (path: (string | number)[]) =>
      source(file, parsed.lineAt(doc.getIn(path, true)));
    let podPath: (string | number)[] | undefined;
    if (workloadKinds.has(kind)) {
      podPath = ['spec', 'template', 'spec'];
      const replicas = doc.getIn(['spec', 'replicas']);
      if (typeof replicas === 'number' && replicas > 0) {
        out.push({
          field: 'instances',
          value: replicas,
          confidence: 'high',
          source: at(['spec', 'replicas']),
          reason: `the ${kind} runs ${replicas} replicas`,
        });
      }
    } else if (kind === 'CronJob') {
      podPath = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
      const schedule = doc.getIn(['spec', 'schedule']);
      out.push({
        field: 'workloadType',
        value: 'scheduled-job',
        confidence: 'high',
        source: at(['kind']),
        reason: 'a Kubernetes CronJob',
      });
      if (typeof schedule === 'string') {
        out.push({
          field: 'schedule',
          value: schedule,
          confidence: 'high',
          source: at(['spec', 'schedule']),
          reason: "the CronJob's schedule",
        });
      }
    }
    if (!podPath) continue;
    const containerPath = [...podPath, 'containers', 0];
    const port = doc.getIn([...containerPath, 'ports', 0, 'containerPort']);
    if (typeof port === 'number' && validPort(port)) {
      out.push({
        field: 'port',
        value: port,
        confidence: 'high',
        source: at([...containerPath, 'ports', 0, 'containerPort']),
        reason: `the container listens on port ${port}`,
      });
    }
    const cpu = doc.getIn([...containerPath, 'resources', 'requests', 'cpu']);
    const vcpu = cpu === undefined ? undefined : cpuOf(String(cpu));
    if (vcpu !== undefined) {
      const size = sizeForCpu(vcpu);
      out.push({
        field: 'size',
        value: size,
        confidence: 'medium',
        source: at([...containerPath, 'resources', 'requests', 'cpu']),
        reason: `requests ${String(
          cpu,
        )} CPU: the ${size} class is the smallest that meets it`,
      });
    }
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      if (doc.getIn([...containerPath, probe, 'httpGet'])) {
        out.push({
          field: 'workloadType',
          value: 'web-service',
          confidence: 'medium',
          source: at([...containerPath, probe, 'httpGet']),
          reason: `its ${probe} is an HTTP check`,
        });
        break;
      }
    }
  }
  return out;
}

const providerNames = new Set<string>(providers);
const googleProvider = (name: string) => (name === 'google' ? 'gcp' : name);
const azureProvider = (name: string) => (name === 'azurerm' ? 'azure' : name);
const cloudOf = (name: string) => azureProvider(googleProvider(name));

function terraformResource(
  file: RepositoryFile,
  type: string,
  line: number | undefined,
  attributes: Record<string, unknown>,
  attributeLines: Record<string, number> = {},
): Evidence[] {
  const at = source(file, line);
  const service = terraformResourceServices[type];
  if (
    service === 'postgres' &&
    /mysql|mariadb/.test(String(attributes.engine ?? ''))
  ) {
    return [
      {
        field: 'note',
        message: `declares ${type} with engine ${String(
          attributes.engine,
        )}: Cairn offers PostgreSQL, not MySQL; not proposed`,
        source: at,
      },
    ];
  }
  const out: Evidence[] = [];
  if (service) {
    out.push({
      field: 'service',
      value: service,
      confidence: 'high',
      source: at,
      reason: `the Terraform declares ${type}`,
    });
  }
  const count = Number(attributes.desired_count);
  if (type === 'aws_ecs_service' && Number.isInteger(count) && count > 0) {
    out.push({
      field: 'instances',
      value: count,
      confidence: 'high',
      source: source(file, attributeLines.desired_count ?? line),
      reason: `the ECS service runs ${count} tasks`,
    });
  }
  return out;
}

function providerEvidence(
  file: RepositoryFile,
  name: string,
  region: unknown,
  line: number | undefined,
  regionLine: number | undefined,
): Evidence[] {
  const cloud = cloudOf(name);
  if (!providerNames.has(cloud)) return [];
  const out: Evidence[] = [
    {
      field: 'provider',
      value: cloud as 'aws',
      confidence: 'high',
      source: source(file, line),
      reason: `the Terraform configures the ${name} provider`,
    },
  ];
  if (typeof region === 'string' && /^[a-z0-9-]{3,32}$/.test(region)) {
    out.push({
      field: 'region',
      value: region,
      confidence: 'high',
      source: source(file, regionLine),
      reason: `the ${name} provider's region`,
    });
  }
  return out;
}

/** `variable "aws_region" { default = "eu-west-1" }`: the region a provider's `var.<name>` most likely is. */
function regionVariable(
  file: RepositoryFile,
  name: string,
  value: unknown,
  line: number | undefined,
): Evidence[] {
  // A cloud region id: eu-north-1, us-east-1, europe-west1 (a digit in it, words joined by hyphens).
  const looksLikeRegion =
    typeof value === 'string' &&
    /^[a-z]+(-[a-z0-9]+)+$/.test(value) &&
    /\d/.test(value);
  if (!/region/i.test(name) || !looksLikeRegion) return [];
  return [
    {
      field: 'region',
      value,
      confidence: 'medium',
      source: source(file, line),
      reason: `the Terraform variable ${name} defaults to ${value}`,
    },
  ];
}

type TerraformBlock = {
  kind: 'provider' | 'resource' | 'variable';
  name: string;
  line: number;
  attributes: Record<string, unknown>;
  attributeLines: Record<string, number>;
};

function terraformBlock(file: RepositoryFile, block: TerraformBlock) {
  switch (block.kind) {
    case 'variable':
      return regionVariable(
        file,
        block.name,
        block.attributes.default,
        block.attributeLines.default,
      );
    case 'provider':
      return providerEvidence(
        file,
        block.name,
        block.attributes.region,
        block.line,
        block.attributeLines.region,
      );
    default:
      return terraformResource(
        file,
        block.name,
        block.line,
        block.attributes,
        block.attributeLines,
      );
  }
}

/**
 * HCL, read line by line: `provider "x" {`, `resource "type" "name" {` and `variable "x" {` blocks by brace depth, with their
 * top-level `key = "value"` or `key = number` attributes. Enough for what the inference maps back.
 */
export function readTerraform(file: RepositoryFile): Evidence[] {
  const out: Evidence[] = [];
  const lines = file.text.split('\n');
  let block: TerraformBlock | undefined;
  let depth = 0;
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*|\/\/.*/, '');
    if (!block && depth === 0) {
      const opening =
        /^\s*(provider|variable)\s+"([\w-]+)"\s*\{/.exec(line) ??
        /^\s*(resource)\s+"([\w-]+)"\s+"[\w-]+"\s*\{/.exec(line);
      if (opening) {
        block = {
          kind: opening[1] as 'provider' | 'resource' | 'variable',
          name: opening[2],
          line: i + 1,
          attributes: {},
          attributeLines: {},
        };
      }
    } else if (block && depth === 1) {
      const attribute =
        /^\s*([\w-]+)\s*=\s*(?:"([^"]*)"|(\d+)|(true|false))/.exec(line);
      if (attribute) {
        block.attributes[attribute[1]] =
          attribute[2] ??
          (attribute[3] ? Number(attribute[3]) : attribute[4] === 'true');
        block.attributeLines[attribute[1]] = i + 1;
      }
    }
    depth +=
      (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (block && depth === 0) {
      out.push(...terraformBlock(file, block));
      block = undefined;
    }
  });
  return out;
}

export function readTerraformJson(file: RepositoryFile): Evidence[] {
  let document: any;
  try {
    document = JSON.parse(file.text);
  } catch (e) {
    return unreadable(file, e);
  }
  const out: Evidence[] = [];
  const providersBlock = document?.provider ?? {};
  for (const [name, settings] of Object.entries<any>(providersBlock)) {
    const first = Array.isArray(settings) ? settings[0] : settings;
    out.push(
      ...providerEvidence(
        file,
        name,
        first?.region,
        lineOf(file.text, `"${name}"`),
        first?.region ? lineOf(file.text, `"${first.region}"`) : undefined,
      ),
    );
  }
  for (const [type, instances] of Object.entries<any>(
    document?.resource ?? {},
  )) {
    for (const attributes of Object.values<any>(instances ?? {})) {
      out.push(
        ...terraformResource(
          file,
          type,
          lineOf(file.text, `"${type}"`),
          Array.isArray(attributes) ? attributes[0] ?? {} : attributes ?? {},
        ),
      );
    }
  }
  return out;
}
