import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  createServiceFactory,
  resolveSafeChildPath,
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadUrlOptions,
} from '@backstage/backend-plugin-api';
import {
  ReadTreeResponseFactory,
  ReadUrlResponseFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { NotAllowedError, NotFoundError } from '@backstage/errors';

/**
 * The demo portal's example repositories (examples/repositories) served to the portal's URL readers
 * under a base URL (`cairn.exampleRepositories`), so "Environment for an existing repository" and
 * fetch:plain read them as they would read a GitHub repository in a real portal. Demo only: a real
 * portal configures its Git integrations instead.
 */
export class ExampleRepositoriesReader implements UrlReaderService {
  constructor(
    private readonly baseUrl: string,
    private readonly directory: string,
    private readonly trees: ReadTreeResponseFactory,
  ) {}

  private pathOf(url: string): string {
    const rest = url.slice(this.baseUrl.length).replace(/^\/+|\/+$/g, '');
    try {
      return resolveSafeChildPath(this.directory, decodeURIComponent(rest));
    } catch {
      throw new NotAllowedError(`${url} is outside the example repositories`);
    }
  }

  async readUrl(url: string, _options?: UrlReaderServiceReadUrlOptions) {
    const path = this.pathOf(url);
    try {
      return ReadUrlResponseFactory.fromReadable(createReadStream(path), {
        lastModifiedAt: (await stat(path)).mtime,
      });
    } catch {
      throw new NotFoundError(`${url} does not exist`);
    }
  }

  async readTree(url: string, options?: UrlReaderServiceReadTreeOptions) {
    const root = this.pathOf(url);
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
      throw new NotFoundError(`${url} is not an example repository`);
    }
    const files: { path: string; full: string; mtime: Date }[] = [];
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const path = relative(root, full).split(sep).join('/');
          const info = await stat(full);
          if (!options?.filter || options.filter(path, { size: info.size })) {
            files.push({ path, full, mtime: info.mtime });
          }
        }
      }
    };
    await walk(root);
    return this.trees.fromReadableArray(
      files.map(f => ({
        path: f.path,
        data: createReadStream(f.full),
        lastModifiedAt: f.mtime,
      })),
    );
  }

  async search(): Promise<never> {
    throw new NotAllowedError('The example repositories cannot be searched');
  }
}

export default createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return ({ config, treeResponseFactory }) => {
      const settings = config.getOptionalConfig('cairn.exampleRepositories');
      if (!settings) return [];
      const baseUrl = settings.getString('baseUrl').replace(/\/+$/, '');
      const reader = new ExampleRepositoriesReader(
        baseUrl,
        resolve(settings.getString('directory')),
        treeResponseFactory,
      );
      return [
        {
          reader,
          predicate: (url: URL) =>
            url.href === baseUrl || url.href.startsWith(`${baseUrl}/`),
        },
      ];
    };
  },
});
