/** The environment key under which all production environments are grouped. */
export const PRODUCTION = 'production';

/**
 * Environment names map to kinds by configuration (docs/DESIGN.md: default `production`, `prod`,
 * `live` are production). Facts are derived per component and environment key: every production
 * environment shares the key `production`; any other environment is its own key (its name,
 * lower-cased).
 */
export class EnvironmentKinds {
  private readonly production: Set<string>;

  constructor(productionNames: string[]) {
    this.production = new Set(productionNames.map(n => n.trim().toLowerCase()));
  }

  keyOf(environment: string): string {
    const name = environment.trim().toLowerCase();
    return this.production.has(name) ? PRODUCTION : name;
  }

  isProduction(environment: string) {
    return this.keyOf(environment) === PRODUCTION;
  }

  /** A stable description, stored with derived facts to notice configuration changes. */
  fingerprint(): string {
    return [...this.production].sort().join(',');
  }
}
