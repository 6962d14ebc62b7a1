import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { DependencyUnavailableError } from '@cairn/backend-common';
import {
  INFERENCE_LIMITS,
  inferenceReaderFor,
  inferIntent,
  IntentInference,
  RepositoryFile,
} from '@cairn/plugin-intent-common';

/** How long reading a repository may take before the caller is told to retry. */
const READ_TIMEOUT_MS = 30_000;

/**
 * Proposes an intent from a repository URL: reads the repository's tree through the portal's URL
 * readers (the integrations the scaffolder's fetch:plain uses, with the same credentials), keeps only
 * the files the inference reads, within its limits, and runs the engine.
 */
export class RepositoryInference {
  constructor(private readonly urlReader: UrlReaderService) {}

  async infer(url: string): Promise<IntentInference> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(
        `url must be a repository URL, got ${url.slice(0, 200)}`,
      );
    }
    if (!/^https?:$/.test(parsed.protocol)) {
      throw new InputError('url must be an http(s) repository URL');
    }
    const skipped: string[] = [];
    let considered = 0;
    let total = 0;
    const filter = (path: string, info?: { size: number }) => {
      if (!inferenceReaderFor(path)) return false;
      considered += 1;
      const size = info?.size ?? 0;
      if (
        considered > INFERENCE_LIMITS.maxFiles ||
        size > INFERENCE_LIMITS.maxFileBytes ||
        total + size > INFERENCE_LIMITS.maxTotalBytes
      ) {
        skipped.push(path);
        return false;
      }
      total += size;
      return true;
    };
    const signal = AbortSignal.timeout(READ_TIMEOUT_MS);
    let files: RepositoryFile[];
    try {
      const tree = await this.urlReader.readTree(url, { filter, signal });
      files = await Promise.all(
        (
          await tree.files()
        ).map(async file => ({
          path: file.path,
          text: (await file.content()).toString('utf8'),
        })),
      );
    } catch (error) {
      throw this.explain(url, error as Error);
    }
    const inference = inferIntent(files);
    for (const path of skipped) {
      inference.notes.push({
        message: `${path} is over the size limit and was not read`,
        sources: [{ file: path }],
      });
    }
    return inference;
  }

  /** What the URL readers say, in the caller's terms: their URL is wrong (400/404) or the host failed (503). */
  private explain(url: string, error: Error): Error {
    if (error.name === 'NotFoundError') {
      return new NotFoundError(`url: no repository at ${url}`);
    }
    // No integration or allowed host reads it: the URL is one the portal cannot read.
    if (error.name === 'NotAllowedError' || error.name === 'InputError') {
      return new InputError(
        `url: the portal cannot read ${url} (${error.message.split('\n')[0]})`,
      );
    }
    return new DependencyUnavailableError(
      `Reading ${url} failed (${error.name}); try again shortly`,
    );
  }
}
