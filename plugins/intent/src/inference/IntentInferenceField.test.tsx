import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { inferIntent } from '@cairn/plugin-intent-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { intentApiRef } from '../api';
import {
  errorReply,
  mockIntentBackend,
} from '../__testUtils__/mockIntentBackend';
import { loadTemplate } from '../__testUtils__/webServiceTemplate';
import { IntentInferenceField } from './IntentInferenceField';
import { INTENT_INFERENCE_FIELD } from './fieldSchema';
import { validateIntentInference } from './validateIntentInference';

// The real template's step, and a repository's files inferred by the real engine.
const step = loadTemplate('existing-repository-environment.yaml').parameters[1];
const REPO = 'https://git.example/shop/cart';
const inference = inferIntent([
  { path: 'Dockerfile', text: 'FROM node:20\nEXPOSE 3000\n' },
  {
    path: 'package.json',
    text: '{\n  "dependencies": {\n    "express": "4",\n    "ioredis": "5"\n  }\n}\n',
  },
]);

async function renderStep(
  reply: (url: URL, init?: RequestInit) => any = () => ({ body: inference }),
) {
  const asked: unknown[] = [];
  const { client } = mockIntentBackend({
    'POST /v1/inference': (url, init) => {
      asked.push(JSON.parse(String(init?.body)));
      return reply(url, init);
    },
  });
  const onCreate = jest.fn(async (_values: Record<string, any>) => {});
  await renderInTestApp(
    <Stepper
      manifest={{
        title: 'Environment for an existing repository',
        steps: [{ title: step.title, schema: step }],
      }}
      extensions={[
        {
          name: INTENT_INFERENCE_FIELD,
          component: IntentInferenceField as any,
          validation: validateIntentInference as any,
        },
      ]}
      initialState={{ repoUrl: REPO }}
      onCreate={onCreate}
    />,
    { apis: [[intentApiRef, client]] },
  );
  return { asked, onCreate };
}

describe('CairnIntentInference', () => {
  it('shows what the repository says with its sources, asks for what it does not, and keeps corrections', async () => {
    const { asked, onCreate } = await renderStep();
    expect(await screen.findByText(/^Read 2 files of/)).toBeInTheDocument();
    expect(asked).toEqual([{ url: REPO }]);
    expect(
      screen.getByRole('button', { name: /^Workload type/ }),
    ).toHaveTextContent('web-service');
    expect(screen.getByRole('spinbutton', { name: 'Port' })).toHaveValue(3000);
    expect(
      screen.getByText(/the image exposes port 3000 —/).textContent,
    ).toMatch(/Dockerfile:2$/);
    expect(screen.getByRole('checkbox', { name: 'Redis' })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'PostgreSQL' }),
    ).not.toBeChecked();
    // No cloud or region in the files: empty, and said so.
    expect(
      screen.getAllByText('Not found in the repository: choose it.'),
    ).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // At the top of the form and under the field.
    expect(await screen.findAllByText(/Choose the cloud/)).toHaveLength(2);
    expect(screen.getAllByText(/Give the region/)).toHaveLength(2);
    expect(onCreate).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: /^Cloud/ }));
    await userEvent.click(screen.getByRole('option', { name: 'AWS' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: /^Region/ }),
      'eu-west-1',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'PostgreSQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate.mock.calls[0][0].inferred).toEqual({
      url: REPO,
      type: 'web-service',
      port: 3000,
      services: ['postgres', 'redis'],
      provider: 'aws',
      region: 'eu-west-1',
    });
  });

  it('says why a repository cannot be read and offers to try again', async () => {
    let calls = 0;
    await renderStep(() => {
      calls += 1;
      return errorReply(
        400,
        'InputError',
        `url: the portal cannot read ${REPO} (no integration)`,
      );
    });
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('The repository could not be read'),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(/url: the portal cannot read/);
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Try again' }),
    );
    await screen.findByRole('alert');
    expect(calls).toBe(2);
  });
});
