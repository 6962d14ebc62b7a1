import { ResourceSchema, resourceSchemas } from './terraformSchema';

export type TerraformProblem = {
  file: string;
  /** Where in the file: a resource address, `variable.x`, `output.x`, ... */
  at: string;
  message: string;
};

const TOP_LEVEL = new Set([
  'terraform',
  'provider',
  'variable',
  'locals',
  'resource',
  'output',
]);
// Roots that are not declarations (Terraform's built-in objects).
const BUILT_IN_ROOTS = new Set(['self', 'count', 'each', 'path', 'terraform']);

/**
 * The `${...}` expressions in one Terraform JSON string, honouring the `$${` and `%%{` escapes. A template
 * directive (`%{`) is reported as an expression too, since the renderers never write one.
 */
export function templateExpressions(value: string): {
  expressions: string[];
  directives: number;
} {
  const expressions: string[] = [];
  let directives = 0;
  for (let i = 0; i < value.length; i++) {
    if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
      i += 2;
      continue;
    }
    const isInterpolation = value.startsWith('${', i);
    if (!isInterpolation && !value.startsWith('%{', i)) continue;
    let depth = 0;
    let end = i + 1;
    for (; end < value.length; end++) {
      if (value[end] === '{') depth++;
      else if (value[end] === '}' && --depth === 0) break;
    }
    if (isInterpolation) expressions.push(value.slice(i + 2, end));
    else directives++;
    i = end;
  }
  return { expressions, directives };
}

const TRAVERSAL =
  /(?<![\w."])([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[[^\]]*\])+)/g;

/** The addresses an expression refers to: `var.x`, `local.x`, or `type.name` for a resource. */
export function referencesIn(expression: string): string[] {
  const refs: string[] = [];
  for (const match of expression.matchAll(TRAVERSAL)) {
    const [, root, rest] = match;
    const first = /^\.([A-Za-z_][\w-]*)/.exec(rest)?.[1];
    if (!first || BUILT_IN_ROOTS.has(root)) continue;
    refs.push(`${root}.${first}`);
  }
  return refs;
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach(v => walkStrings(v, visit));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => walkStrings(v, visit));
}

function getPath(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => {
    const obj = Array.isArray(v) ? v[0] : v;
    return obj && typeof obj === 'object'
      ? (obj as Record<string, unknown>)[key]
      : undefined;
  }, body);
}

function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting')
      return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...edges.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The elements of the nested block at `path` (arrays flattened), each with where it is ("a[0].b"). */
function blocksAt(
  body: Record<string, unknown>,
  path: string,
): Array<{ where: string; value: Record<string, unknown> }> {
  let level: Array<{ where: string; value: unknown }> = [
    { where: '', value: body },
  ];
  for (const key of path.split('.')) {
    level = level.flatMap(({ where, value }) => {
      const child =
        value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
      const name = where ? `${where}.${key}` : key;
      if (child === undefined || child === null) return [];
      return Array.isArray(child)
        ? child.map((c, i) => ({ where: `${name}[${i}]`, value: c }))
        : [{ where: name, value: child }];
    });
  }
  return level.filter(
    (l): l is { where: string; value: Record<string, unknown> } =>
      !!l.value && typeof l.value === 'object' && !Array.isArray(l.value),
  );
}

/** What a resource's nested blocks, attributes-as-blocks and mutually exclusive arguments break. */
function structureProblems(
  body: Record<string, unknown>,
  schema: ResourceSchema,
): string[] {
  const problems: string[] = [];
  for (const [path, required] of Object.entries(schema.blocks ?? {})) {
    for (const { where, value } of blocksAt(body, path)) {
      for (const arg of required) {
        if (value[arg] === undefined || value[arg] === null)
          problems.push(`missing required argument ${where}.${arg}`);
      }
    }
  }
  for (const [name, attributes] of Object.entries(
    schema.attributesAsBlocks ?? {},
  )) {
    const value = body[name];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      problems.push(`${name} must be a list of objects`);
      continue;
    }
    value.forEach((element, i) => {
      const missing = attributes.filter(
        a => !element || typeof element !== 'object' || !(a in element),
      );
      if (missing.length)
        problems.push(
          `${name}[${i}] sets an "attributes as blocks" object, which in JSON needs every attribute (null where unused); missing ${missing.join(
            ', ',
          )}`,
        );
    });
  }
  for (const rule of schema.oneOf ?? []) {
    const scopes = rule.at
      ? blocksAt(body, rule.at)
      : [{ where: '', value: body }];
    for (const { where, value } of scopes) {
      const set = rule.names.filter(
        n => value[n] !== undefined && value[n] !== null,
      );
      const prefix = where ? `${where}: ` : '';
      if (set.length > 1)
        problems.push(
          `${prefix}conflicting arguments ${set.join(
            ' and ',
          )} (only one of ${rule.names.join(', ')})`,
        );
      else if (rule.required && set.length === 0)
        problems.push(`${prefix}one of ${rule.names.join(', ')} is required`);
    }
  }
  return problems;
}

/**
 * Offline checks of Terraform JSON files, standing in for `terraform validate` (no binary here): JSON shape;
 * every reference resolves to a declared resource, variable or local; no reference cycles; every resource
 * has the required arguments (and tags) of its type per the committed schema, the required arguments of
 * its nested blocks, every attribute of an "attributes as blocks" element, and no two arguments that
 * exclude each other. The files are one module.
 */
export function validateTerraform(
  files: Array<{ path: string; content: string }>,
): TerraformProblem[] {
  const problems: TerraformProblem[] = [];
  const docs: Array<{ file: string; doc: Record<string, any> }> = [];
  for (const { path, content } of files) {
    try {
      const doc = JSON.parse(content);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        throw new Error('the top level must be an object');
      for (const key of Object.keys(doc)) {
        if (!TOP_LEVEL.has(key))
          problems.push({
            file: path,
            at: key,
            message: `unexpected top-level block "${key}"`,
          });
      }
      docs.push({ file: path, doc });
    } catch (e) {
      problems.push({
        file: path,
        at: '',
        message: `not valid JSON: ${(e as Error).message}`,
      });
    }
  }

  const declared = new Set<string>();
  for (const { doc } of docs) {
    Object.keys(doc.variable ?? {}).forEach(n => declared.add(`var.${n}`));
    Object.keys(doc.locals ?? {}).forEach(n => declared.add(`local.${n}`));
    for (const [type, byName] of Object.entries<Record<string, unknown>>(
      doc.resource ?? {},
    )) {
      Object.keys(byName ?? {}).forEach(n => declared.add(`${type}.${n}`));
    }
  }

  const edges = new Map<string, Set<string>>();
  const checkRefs = (
    file: string,
    at: string,
    value: unknown,
    node?: string,
  ) => {
    walkStrings(value, s => {
      const { expressions, directives } = templateExpressions(s);
      if (directives > 0)
        problems.push({
          file,
          at,
          message: `template directive in ${JSON.stringify(s)}`,
        });
      for (const expr of expressions) {
        for (const target of referencesIn(expr)) {
          if (!declared.has(target)) {
            problems.push({
              file,
              at,
              message: `reference to undeclared ${target}`,
            });
          } else if (node) {
            if (!edges.has(node)) edges.set(node, new Set());
            edges.get(node)!.add(target);
          }
        }
      }
    });
  };

  for (const { file, doc } of docs) {
    checkRefs(file, 'provider', doc.provider);
    for (const [name, value] of Object.entries(doc.locals ?? {}))
      checkRefs(file, `local.${name}`, value, `local.${name}`);
    for (const [name, value] of Object.entries(doc.output ?? {})) {
      if (
        !value ||
        typeof value !== 'object' ||
        !('value' in (value as object))
      ) {
        problems.push({
          file,
          at: `output.${name}`,
          message: 'an output needs a value',
        });
      }
      checkRefs(file, `output.${name}`, value);
    }
    for (const [type, byName] of Object.entries<
      Record<string, Record<string, unknown>>
    >(doc.resource ?? {})) {
      const schema = resourceSchemas[type];
      for (const [name, body] of Object.entries(byName ?? {})) {
        const address = `${type}.${name}`;
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          problems.push({
            file,
            at: address,
            message: 'a resource body must be an object',
          });
          continue;
        }
        if (!schema) {
          problems.push({
            file,
            at: address,
            message: `resource type ${type} is not in the committed schema`,
          });
        } else {
          for (const arg of schema.required) {
            if (body[arg] === undefined)
              problems.push({
                file,
                at: address,
                message: `missing required argument ${arg}`,
              });
          }
          for (const message of structureProblems(body, schema))
            problems.push({ file, at: address, message });
          if (schema.tags && getPath(body, schema.tags) === undefined) {
            problems.push({
              file,
              at: address,
              message: `missing ${schema.tags}`,
            });
          }
        }
        const { depends_on: dependsOn, ...rest } = body as {
          depends_on?: unknown;
        };
        checkRefs(file, address, rest, address);
        for (const dep of Array.isArray(dependsOn) ? dependsOn : []) {
          if (typeof dep !== 'string' || !declared.has(dep)) {
            problems.push({
              file,
              at: address,
              message: `depends_on names undeclared ${String(dep)}`,
            });
          } else {
            if (!edges.has(address)) edges.set(address, new Set());
            edges.get(address)!.add(dep);
          }
        }
      }
    }
  }

  const cycle = findCycle(edges);
  if (cycle)
    problems.push({
      file: docs[0]?.file ?? '',
      at: cycle[0],
      message: `reference cycle: ${cycle.join(' → ')}`,
    });
  return problems;
}
