import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  Entity,
  FieldFormatEntityPolicy,
  KindValidator,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

const folder = resolvePath(__dirname, '../../../examples/entities');
const files = [
  'org.yaml',
  'systems.yaml',
  'components.yaml',
  'apis.yaml',
  'resources.yaml',
];

function load(): Entity[] {
  return files.flatMap(file =>
    parseAllDocuments(readFileSync(resolvePath(folder, file), 'utf8')).map(
      doc => {
        if (doc.errors.length)
          throw new Error(`${file}: ${doc.errors[0].message}`);
        return doc.toJS() as Entity;
      },
    ),
  );
}

const entities = load();
const refs = new Set(entities.map(e => stringifyEntityRef(e)));
const byKind = (kind: string) => entities.filter(e => e.kind === kind);
const ref = (target: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(target, { defaultKind, defaultNamespace: 'default' }),
  );

describe('the example organisation', () => {
  it('is valid catalog data', async () => {
    const validators: Record<string, KindValidator> = {
      API: apiEntityV1alpha1Validator,
      Component: componentEntityV1alpha1Validator,
      Domain: domainEntityV1alpha1Validator,
      Group: groupEntityV1alpha1Validator,
      Resource: resourceEntityV1alpha1Validator,
      System: systemEntityV1alpha1Validator,
      User: userEntityV1alpha1Validator,
    };
    for (const entity of entities) {
      await new SchemaValidEntityPolicy().enforce(entity);
      await new FieldFormatEntityPolicy().enforce(entity);
      expect(validators[entity.kind]).toBeDefined();
      await expect(validators[entity.kind].check(entity)).resolves.toBe(true);
    }
  });

  it('has a department with sub-teams, each with members who have emails', () => {
    const groups = byKind('Group');
    const teams = groups.filter(g => g.spec?.type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(3);
    for (const team of teams) {
      const members = byKind('User').filter(u =>
        (u.spec?.memberOf as string[]).includes(team.metadata.name),
      );
      expect(members.length).toBeGreaterThanOrEqual(2);
      for (const member of members) {
        expect((member.spec?.profile as { email: string }).email).toMatch(/@/);
      }
    }
    const commerce = groups.find(g => g.metadata.name === 'commerce')!;
    expect(commerce.spec?.type).toBe('department');
    expect(commerce.spec?.children).toEqual(['checkout', 'storefront']);
  });

  it('resolves every reference to an entity that exists', () => {
    const missing: string[] = [];
    const check = (from: Entity, target: string | undefined, kind: string) => {
      if (target && !refs.has(ref(target, kind)))
        missing.push(`${from.metadata.name} -> ${target}`);
    };
    for (const entity of entities) {
      const spec = entity.spec ?? {};
      check(entity, spec.owner as string, 'Group');
      check(entity, spec.system as string, 'System');
      check(entity, spec.domain as string, 'Domain');
      check(entity, spec.parent as string, 'Group');
      for (const child of (spec.children as string[]) ?? [])
        check(entity, child, 'Group');
      for (const group of (spec.memberOf as string[]) ?? [])
        check(entity, group, 'Group');
      for (const member of (spec.members as string[]) ?? [])
        check(entity, member, 'User');
      for (const api of [
        ...((spec.providesApis as string[]) ?? []),
        ...((spec.consumesApis as string[]) ?? []),
      ])
        check(entity, api, 'API');
      for (const dep of (spec.dependsOn as string[]) ?? [])
        check(entity, dep, 'Component');
    }
    expect(missing).toEqual([]);
  });

  it('has enough varied components for the cards to show something', () => {
    const components = byKind('Component');
    expect(components.length).toBeGreaterThanOrEqual(12);
    expect(byKind('System').length).toBeGreaterThanOrEqual(3);
    for (const component of components) {
      expect(
        component.metadata.annotations?.['github.com/project-slug'],
      ).toMatch(/^northwind\//);
      expect(
        component.metadata.annotations?.['backstage.io/source-location'],
      ).toMatch(/^url:https:/);
    }
    // Some components have on-call, some do not: ownership health needs both.
    const onCall = components.filter(
      c => c.metadata.annotations?.['pagerduty.com/service-id'],
    );
    expect(onCall.length).toBeGreaterThan(0);
    expect(onCall.length).toBeLessThan(components.length);
  });
});
