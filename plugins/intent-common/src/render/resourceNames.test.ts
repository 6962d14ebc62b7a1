import { InputError } from '@backstage/errors';
import { baseName, compactName, fitName, labelValue } from './resourceNames';

describe('resource names', () => {
  it('derives the base from name and environment', () => {
    expect(baseName({ name: 'checkout-api', environment: 'prod' })).toBe(
      'checkout-api-prod',
    );
  });

  it.each([
    ['template', 'a${b}'],
    ['directive', 'a%{b}'],
    ['quote', 'a"b'],
    ['newline', 'a\nb'],
    ['look-alike letters', 'сheckout'],
    ['uppercase', 'Checkout'],
    ['double hyphen', 'a--b'],
    ['too long', 'a'.repeat(40)],
  ])('rejects a name with a %s', (_, name) => {
    expect(() => baseName({ name, environment: 'prod' })).toThrow(InputError);
  });

  it('fits long names with a hash that keeps them unique', () => {
    const a = fitName('very-long-service-name-for-testing-prod', 32);
    const b = fitName('very-long-service-name-for-testing-dev1', 32);
    expect(a.length).toBeLessThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(fitName('short', 32)).toBe('short');
  });

  it('compacts names for storage accounts', () => {
    expect(compactName('stcheckout-api-prod')).toBe('stcheckoutapiprod');
    expect(compactName('st-a-very-long-service-name-prod')).toMatch(
      /^[a-z0-9]{24}$/,
    );
  });

  it('turns tag values into label values', () => {
    expect(labelValue('group:default/Checkout')).toBe('group_default_checkout');
    expect(labelValue('${x}')).toBe('__x_');
  });

  it('keeps two long label values that share their first 63 characters apart', () => {
    const prefix = `group:default/${'platform-engineering-'.repeat(3)}`;
    const a = labelValue(`${prefix}payments`);
    const b = labelValue(`${prefix}identity`);
    expect(a).not.toBe(b);
    for (const v of [a, b]) expect(v).toMatch(/^[a-z0-9_-]{1,63}$/);
    expect(a.length).toBe(63);
  });
});
