/**
 * Builds an intent from a template's form data with the same placeholders the template's
 * `cairn:intent:plan` step uses: a string that is exactly `${{ parameters.<key> }}` becomes the form
 * value, keeping its type (numbers stay numbers, lists stay lists); an empty or missing value leaves
 * the field out, as the scaffolder does when it renders the step. Anything else is copied as is.
 */

const placeholder = /^\$\{\{\s*parameters\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export interface BuiltIntent {
  intent: Record<string, unknown>;
  /** Intent field path (dotted, as the engine reports issues) → the form field that fills it. */
  fieldsByPath: Record<string, string>;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '')
  );
}

function fill(
  template: unknown,
  formData: Record<string, unknown>,
  path: string,
  fieldsByPath: Record<string, string>,
): unknown {
  if (typeof template === 'string') {
    const match = placeholder.exec(template.trim());
    if (!match) return template;
    fieldsByPath[path] = match[1];
    const value = formData[match[1]];
    return isEmpty(value) ? undefined : value;
  }
  if (Array.isArray(template)) {
    return template.map((item, i) =>
      fill(item, formData, `${path}[${i}]`, fieldsByPath),
    );
  }
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const filled = fill(
        value,
        formData,
        path ? `${path}.${key}` : key,
        fieldsByPath,
      );
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  return template;
}

export function buildIntent(
  template: unknown,
  formData: Record<string, unknown>,
): BuiltIntent {
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    throw new Error(
      "The preview field needs ui:options.intent: the intent with ${{ parameters.<field> }} placeholders, as in the template's plan step",
    );
  }
  const fieldsByPath: Record<string, string> = {};
  const intent = fill(template, formData, '', fieldsByPath) as Record<
    string,
    unknown
  >;
  return { intent, fieldsByPath };
}

/** The form field behind an intent path, or the closest enclosing one (`spec.sizing` for `spec.sizing.x`). */
export function fieldForPath(
  path: string,
  fieldsByPath: Record<string, string>,
): string | undefined {
  let p = path;
  while (p) {
    if (fieldsByPath[p]) return fieldsByPath[p];
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
  return undefined;
}
