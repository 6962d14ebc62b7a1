import {
  EntityFacts,
  FactDefinition,
  FactProvider,
} from '@cairn/plugin-insights-node';
import { chunk } from '../shared/sql';

/** Providers are asked for this many entities at a time. */
const BATCH = 500;

/**
 * Every fact provider of the insights backend (each domain's, and modules' through the extension
 * point), and the facts of many entities at once, by provider: what scorecard checks evaluate over.
 */
export class FactsRegistry {
  private readonly providers = new Map<string, FactProvider>();

  register(provider: FactProvider): void {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(provider.id)) {
      throw new Error(
        `fact provider id '${provider.id}' must be a CEL identifier such as 'dora'`,
      );
    }
    if (this.providers.has(provider.id)) {
      throw new Error(`fact provider '${provider.id}' is registered twice`);
    }
    this.providers.set(provider.id, provider);
  }

  /** Every provider's facts with their types and meanings, by provider id. */
  definitions(): Record<
    string,
    { description: string; facts: Record<string, FactDefinition> }
  > {
    return Object.fromEntries(
      [...this.providers.values()].map(p => [
        p.id,
        { description: p.description, facts: p.facts },
      ]),
    );
  }

  /**
   * The facts of each entity, by provider id (`{ dora: {...}, entity: {...} }`). A provider that has
   * nothing for an entity is absent from its facts.
   */
  async factsFor(
    entityRefs: string[],
    options: { now: Date; providers?: string[] },
  ): Promise<Map<string, Record<string, EntityFacts>>> {
    const refs = [...new Set(entityRefs.map(r => r.toLowerCase()))];
    const result = new Map<string, Record<string, EntityFacts>>(
      refs.map(ref => [ref, {}]),
    );
    const providers = [...this.providers.values()].filter(
      p => !options.providers || options.providers.includes(p.id),
    );
    await Promise.all(
      providers.map(async provider => {
        for (const part of chunk(refs, BATCH)) {
          const facts = await provider.factsFor(part, { now: options.now });
          for (const [ref, value] of facts) {
            const entry = result.get(ref.toLowerCase());
            if (entry) entry[provider.id] = value;
          }
        }
      }),
    );
    return result;
  }
}
