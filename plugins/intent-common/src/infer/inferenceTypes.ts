import type {
  DataService,
  Provider,
  SizeClass,
  WorkloadType,
} from '../intent/intentSchema';

/** One file of a repository, as the inference reads it: its path inside the repository and its text. */
export interface RepositoryFile {
  path: string;
  text: string;
}

/** How sure a finding is: `high` the file states it; `medium` it strongly suggests it; `low` a hint. */
export type InferenceConfidence = 'high' | 'medium' | 'low';

/** Where a finding came from: a file of the repository and, where one line says it, that line (1-based). */
export interface InferenceSource {
  file: string;
  line?: number;
  /** What the line says, trimmed (at most 120 characters). */
  excerpt?: string;
}

/** One inferred value with what backs it. */
export interface InferredField<T> {
  value: T;
  confidence: InferenceConfidence;
  /** Every place that says this value, strongest first. */
  sources: InferenceSource[];
  /** Why the value follows from its sources, in a sentence. */
  reason: string;
}

/** Something the repository says that the intent cannot hold (a MySQL database, a MongoDB, conflicting ports). */
export interface InferenceNote {
  message: string;
  sources: InferenceSource[];
}

/**
 * What a repository says about the environment it needs. Nothing is invented: a field no file speaks
 * of is absent and listed in `unknowns`, for the form to ask.
 */
export interface IntentInference {
  workloadType?: InferredField<WorkloadType>;
  port?: InferredField<number>;
  /** The language runtime (java, node, python, go): shown, not part of the intent. */
  runtime?: InferredField<string>;
  /** A scheduled job's cron schedule (from a Kubernetes CronJob). */
  schedule?: InferredField<string>;
  services: InferredField<DataService>[];
  provider?: InferredField<Provider>;
  region?: InferredField<string>;
  /** Instances running today (Kubernetes replicas, an ECS service's desired count). */
  instances?: InferredField<number>;
  /** The compute size class nearest to today's requests (Kubernetes resource requests). */
  size?: InferredField<SizeClass>;
  notes: InferenceNote[];
  /** The intent fields no file speaks of: `workload.type`, `workload.port`, `services`, `target.provider`, `target.region`. */
  unknowns: string[];
  /** The files the inference read (the ones it knows how to read), in path order. */
  filesRead: string[];
}

/** One piece of evidence a reader found; the inference merges them per field. */
export type Evidence =
  | EvidenceOf<'workloadType', WorkloadType>
  | EvidenceOf<'port', number>
  | EvidenceOf<'runtime', string>
  | EvidenceOf<'schedule', string>
  | EvidenceOf<'service', DataService>
  | EvidenceOf<'provider', Provider>
  | EvidenceOf<'region', string>
  | EvidenceOf<'instances', number>
  | EvidenceOf<'size', SizeClass>
  | { field: 'note'; message: string; source: InferenceSource };

interface EvidenceOf<F extends string, T> {
  field: F;
  value: T;
  confidence: InferenceConfidence;
  source: InferenceSource;
  reason: string;
}
