import {
  celVariables,
  checkCel,
  evaluateCel,
  formatCelValue,
  renderCelTemplate,
} from './evaluateCel';

describe('evaluateCel', () => {
  it('evaluates over variables', () => {
    expect(
      evaluateCel('dora.leadTimeP50 < 86400.0 && entity.kind == "Component"', {
        dora: { leadTimeP50: 3600 },
        entity: { kind: 'Component' },
      }),
    ).toEqual({ ok: true, value: true });
  });

  it('says whether an expression does not compile or failed to evaluate, never throws', () => {
    expect(evaluateCel('1 +', {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^does not compile: /),
    });
    expect(evaluateCel('a.b', { a: {} })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^failed to evaluate: /),
    });
    expect(checkCel('size(x) > 0')).toEqual({ ok: true });
    expect(checkCel('size(').ok).toBe(false);
  });

  it('renders messages and values as people read them', () => {
    expect(
      renderCelTemplate('{{ n }} regions: {{ regions }}; {{ nope.x }}', {
        n: 2.345,
        regions: ['eu-west-1', 'eu-central-1'],
      }),
    ).toMatch(/^2.35 regions: \[eu-west-1, eu-central-1\]; \{\{nope.x: /);
    expect(formatCelValue({ a: 1 })).toBe('{a: 1}');
  });

  it('turns plain data into variables without undefined fields', () => {
    expect(
      celVariables(
        { a: 1, b: undefined, c: { d: undefined, why: 'x' } },
        new Set(['why']),
      ),
    ).toEqual({ a: 1, c: {} });
  });
});
