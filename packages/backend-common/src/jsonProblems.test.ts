import { clip, findJsonProblem, isWellFormed } from './jsonProblems';

describe('findJsonProblem', () => {
  it('names the field holding a lone surrogate, as JSON delivered it', () => {
    const body = JSON.parse('{"events":[{"source":"ok"},{"id":"x\\udfff"}]}');
    expect(findJsonProblem(body)).toEqual({
      path: 'body.events[1].id',
      message: expect.stringMatching(/lone UTF-16 surrogate/),
    });
    expect(findJsonProblem(JSON.parse('{"\\ud800":1}'))?.path).toBe(
      'body (a field name)',
    );
  });

  it('names a NUL character, which PostgreSQL cannot store', () => {
    expect(findJsonProblem(JSON.parse('{"a":["ok","x\\u0000"]}'))).toEqual({
      path: 'body.a[1]',
      message: 'must not contain the NUL character (U+0000)',
    });
  });

  it('accepts pairs of surrogates (emoji) and ordinary text', () => {
    expect(isWellFormed('deploy 🚀 ü')).toBe(true);
    expect(findJsonProblem({ title: 'fix 🐛', n: [1, 2, { a: null }] })).toBe(
      undefined,
    );
  });

  it('stops at the depth limit without recursing, however deep the value is', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    const problem = findJsonProblem({ id: deep }, 'body', { maxDepth: 64 });
    expect(problem?.message).toBe('is nested more than 64 levels deep');
    expect(problem?.path.startsWith('body.id[0][0]')).toBe(true);
    expect(findJsonProblem([[['x']]], 'body', { maxDepth: 3 })).toBe(undefined);
    expect(findJsonProblem([[[['x']]]], 'body', { maxDepth: 3 })).toEqual({
      path: 'body[0][0][0]',
      message: 'is nested more than 3 levels deep',
    });
  });

  it('quotes unusual keys, clipped', () => {
    expect(findJsonProblem({ 'a b': '\ud800' })?.path).toBe('body["a b"]');
    expect(clip('x'.repeat(1000), 10)).toBe('xxxxxxxxxx… (1000 characters)');
  });
});
