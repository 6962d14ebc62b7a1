import {
  dataServices,
  DataService,
  Provider,
  WorkloadType,
} from '../intent/intentSchema';
import type {
  Evidence,
  InferenceConfidence,
  InferenceNote,
  InferenceSource,
  InferredField,
  IntentInference,
  RepositoryFile,
} from './inferenceTypes';
import {
  readCompose,
  readDockerfile,
  readEnvFile,
  readGoMod,
  readGradle,
  readKubernetes,
  readPackageJson,
  readPom,
  readPyproject,
  readRequirements,
  readSpringConfig,
  readTerraform,
  readTerraformJson,
} from './readers';

/** What the inference reads of a repository, at most: files considered, bytes per file. */
export const INFERENCE_LIMITS = {
  maxFiles: 2000,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
};

/** Folders whose files say nothing about the service itself (dependencies, build output, history). */
const SKIPPED_FOLDERS =
  /(^|\/)(node_modules|\.git|\.github|vendor|target|dist|build|\.venv|venv|__pycache__|\.terraform|test|tests|__tests__|templates)\//;

type Reader = (file: RepositoryFile) => Evidence[];

/** The reader for a path, or undefined when the inference does not read such a file. */
export function inferenceReaderFor(path: string): Reader | undefined {
  if (SKIPPED_FOLDERS.test(path)) return undefined;
  const name = path.split('/').pop() ?? path;
  if (/^Dockerfile(\..+)?$|\.Dockerfile$/i.test(name)) return readDockerfile;
  if (name === 'package.json') return readPackageJson;
  if (name === 'pom.xml') return readPom;
  if (name === 'build.gradle' || name === 'build.gradle.kts') return readGradle;
  if (name === 'go.mod') return readGoMod;
  if (/^requirements[\w.-]*\.txt$/.test(name) && !/dev|test/.test(name)) {
    return readRequirements;
  }
  if (name === 'pyproject.toml') return readPyproject;
  if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name)) return readCompose;
  if (/^\.env(\.(example|sample|template|dist|defaults))?$/.test(name)) {
    return readEnvFile;
  }
  if (/^application(-[\w-]+)?\.(ya?ml|properties)$/.test(name)) {
    return readSpringConfig;
  }
  if (name.endsWith('.tf.json')) return readTerraformJson;
  if (name.endsWith('.tf')) return readTerraform;
  if (/\.ya?ml$/.test(name)) return readKubernetes;
  return undefined;
}

const rank: Record<InferenceConfidence, number> = {
  high: 3,
  medium: 2,
  low: 1,
};

type Valued = Exclude<Evidence, { field: 'note' }>;

function describe(source: InferenceSource) {
  return source.line ? `${source.file}:${source.line}` : source.file;
}

/**
 * One field's evidence → its value: the value with the strongest evidence (then the most places saying
 * it) wins; every other value is a note naming where it was found, so the developer sees the conflict.
 */
function decide<T>(
  label: string,
  evidence: Valued[],
  notes: InferenceNote[],
): InferredField<T> | undefined {
  if (evidence.length === 0) return undefined;
  const byValue = new Map<string, Valued[]>();
  for (const e of evidence) {
    const key = JSON.stringify(e.value);
    byValue.set(key, [...(byValue.get(key) ?? []), e]);
  }
  const scored = [...byValue.values()]
    .map(items => {
      const sorted = [...items].sort(
        (a, b) => rank[b.confidence] - rank[a.confidence],
      );
      return { items: sorted, best: rank[sorted[0].confidence] };
    })
    .sort((a, b) => b.best - a.best || b.items.length - a.items.length);
  const [winner, ...others] = scored;
  const strongest = winner.items[0];
  for (const other of others) {
    notes.push({
      message: `${label}: ${String(other.items[0].value)} is also said (${
        other.items[0].reason
      }); ${String(strongest.value)} is proposed, said with ${
        strongest.confidence
      } confidence in ${winner.items.length} place(s)`,
      sources: other.items.map(i => i.source),
    });
  }
  const extra = winner.items.length - 1;
  return {
    value: strongest.value as T,
    confidence: strongest.confidence,
    sources: dedupeSources(winner.items.map(i => i.source)),
    reason:
      extra > 0
        ? `${strongest.reason} (and ${extra} more place${extra > 1 ? 's' : ''})`
        : strongest.reason,
  };
}

function dedupeSources(sources: InferenceSource[]) {
  const seen = new Set<string>();
  return sources.filter(s => {
    const key = describe(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Proposes an intent from a repository's files. Reads Dockerfiles, package.json, pom.xml, build.gradle,
 * go.mod, requirements.txt, pyproject.toml, compose files, .env examples, Spring configuration,
 * Terraform (`*.tf`, `*.tf.json`) and Kubernetes manifests; every proposed field carries the files and
 * lines it came from and a confidence. Pure: the caller reads the files (a scaffolder workspace, a
 * URL reader's tree).
 */
export function inferIntent(files: RepositoryFile[]): IntentInference {
  const notes: InferenceNote[] = [];
  const evidence: Valued[] = [];
  const filesRead: string[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const reader = inferenceReaderFor(file.path);
    if (!reader) continue;
    filesRead.push(file.path);
    for (const found of reader(file)) {
      if (found.field === 'note') {
        notes.push({ message: found.message, sources: [found.source] });
      } else {
        evidence.push(found);
      }
    }
  }
  const of = (field: Valued['field']) =>
    evidence.filter(e => e.field === field);

  const port = decide<number>('Port', of('port'), notes);
  let workloadType = decide<WorkloadType>(
    'Workload type',
    of('workloadType'),
    notes,
  );
  if (!workloadType && port) {
    workloadType = {
      value: 'web-service',
      confidence: 'medium',
      sources: port.sources,
      reason: `it listens on port ${port.value}`,
    };
  }
  const services: InferredField<DataService>[] = [];
  for (const service of dataServices) {
    const decided = decide<DataService>(
      'Service',
      of('service').filter(e => e.value === service),
      notes,
    );
    if (decided) services.push(decided);
  }
  const inference: IntentInference = {
    workloadType,
    port,
    runtime: decide<string>('Runtime', of('runtime'), notes),
    schedule: decide<string>('Schedule', of('schedule'), notes),
    services,
    provider: decide('Cloud', of('provider'), notes),
    region: decide<string>('Region', of('region'), notes),
    instances: decide<number>('Instances', of('instances'), notes),
    size: decide('Size', of('size'), notes),
    notes,
    unknowns: [],
    filesRead,
  };
  for (const key of Object.keys(inference) as (keyof IntentInference)[]) {
    if (inference[key] === undefined) delete inference[key];
  }
  const listens = !workloadType || workloadType.value === 'web-service';
  inference.unknowns = [
    !workloadType && 'workload.type',
    listens && !port && 'workload.port',
    services.length === 0 && 'services',
    !inference.provider && 'target.provider',
    !inference.region && 'target.region',
  ].filter((u): u is string => Boolean(u));
  return inference;
}

/**
 * The intent fields an inference proposes, in the intent's shape (`spec.workload`, `spec.services`,
 * `spec.target`), for a template or an assistant to start from. Only what was found.
 */
export interface InferredIntentFields {
  workload: { type?: WorkloadType; port?: number; schedule?: string };
  services: DataService[];
  target: { provider?: Provider; region?: string };
}

export function inferredIntentFields(
  inference: IntentInference,
): InferredIntentFields {
  const workload: InferredIntentFields['workload'] = {};
  if (inference.workloadType) workload.type = inference.workloadType.value;
  if (inference.port && inference.workloadType?.value !== 'worker') {
    workload.port = inference.port.value;
  }
  if (inference.schedule) workload.schedule = inference.schedule.value;
  const target: InferredIntentFields['target'] = {};
  if (inference.provider) target.provider = inference.provider.value;
  if (inference.region) target.region = inference.region.value;
  return {
    workload,
    services: inference.services.map(s => s.value),
    target,
  };
}
