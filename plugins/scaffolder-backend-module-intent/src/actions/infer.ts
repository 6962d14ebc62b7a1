import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  inferIntent,
  inferredIntentFields,
  IntentInference,
} from '@cairn/plugin-intent-common';
import { readRepositoryDirectory } from '@cairn/plugin-intent-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { examples } from './infer.examples';

const where = (s: { file: string; line?: number }) =>
  s.line ? `${s.file}:${s.line}` : s.file;

/** A short Markdown account of an inference: each proposed field with where it was found. */
export function describeInference(inference: IntentInference): string {
  const rows: string[] = [];
  const add = (
    label: string,
    field?: {
      value: unknown;
      confidence: string;
      sources: { file: string; line?: number }[];
    },
  ) => {
    if (field) {
      rows.push(
        `- ${label}: **${String(field.value)}** (${
          field.confidence
        }; ${field.sources.slice(0, 3).map(where).join(', ')})`,
      );
    }
  };
  add('Workload', inference.workloadType);
  add('Port', inference.port);
  add('Runtime', inference.runtime);
  for (const service of inference.services) add('Service', service);
  add('Cloud', inference.provider);
  add('Region', inference.region);
  add('Instances today', inference.instances);
  const unknown = inference.unknowns.length
    ? [`- Not found (the form asks): ${inference.unknowns.join(', ')}`]
    : [];
  const notes = inference.notes.map(n => `- Note: ${n.message}`);
  return [...rows, ...unknown, ...notes].join('\n');
}

/**
 * `cairn:intent:infer`: proposes an intent from a repository in the workspace (fetched before with
 * `fetch:plain`). Reads only the workspace; every proposed field carries the file and line it came from.
 */
export function createInferAction() {
  return createTemplateAction({
    id: 'cairn:intent:infer',
    description:
      'Proposes an environment intent (workload type, port, data services, cloud and region) from a repository fetched into the workspace, each field with the file and line it came from',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace holding the repository (where fetch:plain wrote it); default the workspace root',
            ),
      },
      output: {
        workload: z =>
          z
            .record(z.any())
            .describe('spec.workload as found: type, port, schedule'),
        services: z => z.array(z.string()).describe('spec.services as found'),
        target: z =>
          z.record(z.any()).describe('spec.target as found: provider, region'),
        inference: z =>
          z
            .record(z.any())
            .describe(
              'Every finding with its sources and confidence, the notes and the fields not found',
            ),
        summary: z =>
          z.string().describe('The findings in Markdown, one line each'),
      },
    },
    async handler(ctx) {
      let directory: string;
      try {
        directory = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.sourcePath ?? '.',
        );
      } catch {
        throw new InputError(
          `sourcePath must be a folder inside the workspace, got ${ctx.input.sourcePath}`,
        );
      }
      const { files, skipped } = await readRepositoryDirectory(directory);
      const inference = inferIntent(files);
      for (const path of skipped) {
        inference.notes.push({
          message: `${path} is over the size limit and was not read`,
          sources: [{ file: path }],
        });
      }
      const fields = inferredIntentFields(inference);
      ctx.logger.info(
        `Read ${inference.filesRead.length} files; not found: ${
          inference.unknowns.join(', ') || 'nothing'
        }`,
      );
      ctx.output('workload', fields.workload);
      ctx.output('services', fields.services);
      ctx.output('target', fields.target);
      ctx.output('inference', inference as unknown as JsonObject);
      ctx.output('summary', describeInference(inference));
    },
  });
}
