/** Limits every JSON body Cairn reads is held to, before any schema sees it. */
export type JsonLimits = {
  /** Deepest nesting of arrays and objects. Default 64: no Cairn payload needs more than 10. */
  maxDepth?: number;
};

export type JsonProblem = { path: string; message: string };

const DEFAULT_MAX_DEPTH = 64;

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const nativeWellFormed = (
  String.prototype as { isWellFormed?: (this: string) => boolean }
).isWellFormed;

/** Whether a string is well-formed UTF-16 (no lone surrogate), as `String.prototype.isWellFormed`. */
export function isWellFormed(value: string): boolean {
  return nativeWellFormed
    ? nativeWellFormed.call(value)
    : !LONE_SURROGATE.test(value);
}

/** What is wrong with a string no database stores as sent, or undefined. */
function textProblem(value: string): string | undefined {
  if (!isWellFormed(value)) {
    return 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)';
  }
  // PostgreSQL text cannot hold U+0000 (SQLite can): refused everywhere, so both engines agree.
  if (value.includes('\u0000')) {
    return 'must not contain the NUL character (U+0000)';
  }
  return undefined;
}

function member(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(clip(key, 40))}]`;
}

/** A value cut for an error message: never echo more than `max` characters of what a caller sent. */
export function clip(value: string, max = 80): string {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : `${chars.slice(0, max).join('')}… (${chars.length} characters)`;
}

/**
 * The first problem in a parsed JSON value that no schema should have to meet: nesting deeper than
 * the limit (a schema validator recursing into it would exhaust the stack), or a string (or key) with
 * a lone UTF-16 surrogate or a NUL, which JSON's `\ud800` and `\u0000` escapes allow but no database
 * stores as sent (SQLite replaces a lone surrogate, so different ids collapse; PostgreSQL refuses NUL). Walks iteratively, so any depth is safe to inspect.
 */
export function findJsonProblem(
  value: unknown,
  root = 'body',
  limits: JsonLimits = {},
): JsonProblem | undefined {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Paths are spelled only for the value with a problem: each entry knows its parent and key.
  type Entry = {
    value: unknown;
    parent?: Entry;
    key?: string | number;
    depth: number;
  };
  const pathOf = (entry: Entry): string =>
    entry.parent ? member(pathOf(entry.parent), entry.key!) : root;
  const stack: Entry[] = [{ value, depth: 0 }];
  while (stack.length) {
    const entry = stack.pop()!;
    const { value: v, depth } = entry;
    if (typeof v === 'string') {
      const message = textProblem(v);
      if (message) return { path: pathOf(entry), message };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      return {
        path: pathOf(entry),
        message: `is nested more than ${maxDepth} levels deep`,
      };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], parent: entry, key: i, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const keyProblem = textProblem(key);
      if (keyProblem) {
        return { path: `${pathOf(entry)} (a field name)`, message: keyProblem };
      }
      stack.push({
        value: (v as Record<string, unknown>)[key],
        parent: entry,
        key,
        depth: depth + 1,
      });
    }
  }
  return undefined;
}
