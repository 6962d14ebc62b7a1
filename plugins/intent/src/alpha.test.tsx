import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import intentPlugin, { intentApi, intentPreviewFormField } from './alpha';
import { intentApiRef } from './api';
import { intentPlugin as legacyPlugin } from './plugin';

describe('the intent plugin', () => {
  it('provides the intent API in both frontend systems', () => {
    expect(intentPlugin.id).toBe('intent');
    expect(legacyPlugin.getId()).toBe('intent');
    const factory = createExtensionTester(intentApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(intentApiRef.id);
    expect([...legacyPlugin.getApis()].map(a => a.api.id)).toEqual([
      intentApiRef.id,
    ]);
  });

  it('registers the preview field under the name templates use', async () => {
    const loader = createExtensionTester(intentPreviewFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await loader()) as unknown as { name?: string };
    // The loaded field carries the name templates put in ui:field.
    expect(JSON.stringify(field)).toContain('CairnIntentPreview');
  });
});
