/** Terraform JSON syntax (`*.tf.json`): the top-level blocks the renderers emit. */
export type TerraformDocument = {
  terraform?: Record<string, unknown>;
  provider?: Record<string, unknown>;
  variable?: Record<string, Record<string, unknown>>;
  locals?: Record<string, unknown>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<
    string,
    { value: unknown; description?: string; sensitive?: boolean }
  >;
};

/**
 * A literal string for Terraform JSON: `${` and `%{` start template sequences in every string, so a literal
 * one is written `$${` / `%%{` (Terraform JSON syntax, "Expression Mapping"; DESIGN.md). Every string that
 * comes from an intent passes through here, so it can never become an expression.
 */
export function literal(value: string): string {
  // Replacer functions, because in a replacement string `$$` itself means one `$`.
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** An interpolation of a reference, e.g. `ref('aws_vpc.main.id')` → `${aws_vpc.main.id}`. */
export function ref(expression: string): string {
  return `\${${expression}}`;
}

/** Collects blocks and keeps resource addresses unique. */
export class TerraformBuilder {
  private readonly doc: TerraformDocument = {};
  private readonly controls = new Map<string, Set<string>>();

  /**
   * Records that a control's setting changed this resource. Renderers record whenever the setting is
   * in force; the bundle manifest lists only the controls the plan's compliance profiles applied.
   */
  touch(control: string, ...addresses: string[]): this {
    if (!this.controls.has(control)) this.controls.set(control, new Set());
    addresses.forEach(a => this.controls.get(control)!.add(a));
    return this;
  }

  /** The resources each control changed, sorted. */
  touched(): Record<string, string[]> {
    return Object.fromEntries(
      [...this.controls].map(([control, set]) => [control, [...set].sort()]),
    );
  }

  terraform(block: Record<string, unknown>): this {
    this.doc.terraform = block;
    return this;
  }

  provider(name: string, block: unknown): this {
    this.doc.provider = { ...this.doc.provider, [name]: block };
    return this;
  }

  variable(name: string, block: Record<string, unknown>): this {
    this.doc.variable = { ...this.doc.variable, [name]: block };
    return this;
  }

  local(name: string, value: unknown): this {
    this.doc.locals = { ...this.doc.locals, [name]: value };
    return this;
  }

  /** Adds a resource and returns its address (`type.name`) for references. */
  resource(type: string, name: string, body: Record<string, unknown>): string {
    const byType = (this.doc.resource ??= {});
    const ofType = (byType[type] ??= {});
    if (ofType[name]) throw new Error(`duplicate resource ${type}.${name}`);
    ofType[name] = body;
    return `${type}.${name}`;
  }

  output(name: string, value: unknown, description: string): this {
    this.doc.output = { ...this.doc.output, [name]: { value, description } };
    return this;
  }

  build(): TerraformDocument {
    return this.doc;
  }
}
