import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
  INFERENCE_LIMITS,
  inferenceReaderFor,
  RepositoryFile,
} from '@cairn/plugin-intent-common';

/**
 * The files of a directory the intent inference reads (`inferIntent`), within its limits: a checked-out
 * repository or a scaffolder workspace after `fetch:plain`. Symbolic links are not followed, so a
 * workspace cannot point the inference outside itself; files over the size limit are left out and named.
 */
export async function readRepositoryDirectory(
  directory: string,
): Promise<{ files: RepositoryFile[]; skipped: string[] }> {
  const files: RepositoryFile[] = [];
  const skipped: string[] = [];
  let considered = 0;
  let total = 0;
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      const path = relative(directory, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!/^(node_modules|\.git)$/.test(entry.name)) await walk(full);
        continue;
      }
      if (!entry.isFile() || !inferenceReaderFor(path)) continue;
      considered += 1;
      if (considered > INFERENCE_LIMITS.maxFiles) {
        skipped.push(path);
        continue;
      }
      const { size } = await stat(full);
      if (
        size > INFERENCE_LIMITS.maxFileBytes ||
        total + size > INFERENCE_LIMITS.maxTotalBytes
      ) {
        skipped.push(path);
        continue;
      }
      total += size;
      files.push({ path, text: await readFile(full, 'utf8') });
    }
  };
  await walk(directory);
  return { files, skipped };
}
