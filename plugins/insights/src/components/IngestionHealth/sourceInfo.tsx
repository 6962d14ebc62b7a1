import { ReactNode } from 'react';

export type SourceInfo = {
  /** What the source is, in a few words. */
  label: string;
  /** How events reach it. */
  how: ReactNode;
};

/**
 * The sources the insights backend has built in or ships a module for, described for people. Other
 * modules register their own ids; they are shown by id.
 */
const KNOWN: Record<string, SourceInfo> = {
  api: {
    label: 'REST batch',
    how: (
      <>
        <code>POST /api/insights/v1/events</code> with a batch of deployment,
        change and incident events and a Backstage external-access token allowed{' '}
        <code>insights.events.create</code>
      </>
    ),
  },
  cdevents: {
    label: 'CDEvents',
    how: (
      <>
        <code>POST /api/insights/v1/cdevents</code> with CDEvents over
        CloudEvents HTTP (binary, structured or batched), with the same token
      </>
    ),
  },
  github: {
    label: 'GitHub module',
    how: (
      <>
        a repository or organisation webhook to{' '}
        <code>/api/insights/github/webhook</code>, signed with{' '}
        <code>insights.github.webhook.secret</code> (pull requests, reviews,
        pushes, deployments, deployment statuses, issues)
      </>
    ),
  },
  demo: {
    label: 'Demo history',
    how: (
      <>
        generated example history, seeded at start when{' '}
        <code>insights.demoData.enabled</code> is set
      </>
    ),
  },
};

/** How a source is described on the page: its built-in description, or its id as a module's. */
export function sourceInfo(source: string): SourceInfo {
  return (
    KNOWN[source] ?? {
      label: 'Backend module',
      how: (
        <>
          the backend module that registered the source <code>{source}</code>
        </>
      ),
    }
  );
}
