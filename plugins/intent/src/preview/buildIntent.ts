import { Environment } from 'nunjucks';

/**
 * Builds an intent from a template's form data the way the scaffolder renders a step's input: every
 * string is a Nunjucks template with `${{ }}` delimiters over `parameters`; a string that is one
 * expression keeps the expression's type (numbers stay numbers, lists stay lists); an empty result
 * leaves the field out. So the template's `cairn:intent:plan` input, conditionals included, can be
 * given to the preview field as is.
 */

const env = new Environment(null, {
  autoescape: false,
  tags: { variableStart: '${{', variableEnd: '}}' },
});

const singleExpression = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;
const parameterReference = /\bparameters\.([A-Za-z_][A-Za-z0-9_]*)/g;

export interface BuiltIntent {
  intent: Record<string, unknown>;
  /** Intent field path (dotted, as the engine reports issues) → the form field that fills it. */
  fieldsByPath: Record<string, string>;
}

function renderString(
  template: string,
  context: { parameters: Record<string, unknown> },
): unknown {
  const single = singleExpression.exec(template);
  // One expression, and only one: render it as JSON to keep its type, as the scaffolder does.
  if (single && !single[1].includes('${{')) {
    const dumped = env.renderString(`\${{ (${single[1]}) | dump }}`, context);
    if (dumped === '') return undefined;
    try {
      return JSON.parse(dumped);
    } catch {
      return dumped;
    }
  }
  const rendered = env.renderString(template, context);
  return rendered === '' ? undefined : rendered;
}

function fill(
  template: unknown,
  context: { parameters: Record<string, unknown> },
  path: string,
  fieldsByPath: Record<string, string>,
): unknown {
  if (typeof template === 'string') {
    const referenced = [...template.matchAll(parameterReference)];
    if (referenced.length > 0) fieldsByPath[path] = referenced[0][1];
    if (!template.includes('${{')) return template;
    return renderString(template, context);
  }
  if (Array.isArray(template)) {
    return template
      .map((item, i) => fill(item, context, `${path}[${i}]`, fieldsByPath))
      .filter(item => item !== undefined);
  }
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const filled = fill(
        value,
        context,
        path ? `${path}.${key}` : key,
        fieldsByPath,
      );
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  return template;
}

/** Empty strings are what a cleared form field leaves; the scaffolder treats them as missing. */
function withoutEmpty(formData: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(formData).filter(
      ([, v]) => !(typeof v === 'string' && v.trim() === ''),
    ),
  );
}

export function buildIntent(
  template: unknown,
  formData: Record<string, unknown>,
): BuiltIntent {
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    throw new Error(
      "The preview field needs ui:options.intent: the intent of the template's cairn:intent:plan step, with its ${{ parameters.<field> }} expressions",
    );
  }
  const fieldsByPath: Record<string, string> = {};
  const intent = fill(
    template,
    { parameters: withoutEmpty(formData) },
    '',
    fieldsByPath,
  ) as Record<string, unknown>;
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
