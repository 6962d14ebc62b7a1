import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { checkHealth, databaseHealthCheck } from '@cairn/backend-common';
import {
  ANNOTATION_OPENSLO,
  insightsPermissions,
} from '@cairn/plugin-insights-common';
import {
  InsightsEventSource,
  insightsFactsExtensionPoint,
  insightsIngestionExtensionPoint,
  insightsHistoryExtensionPoint,
  insightsSliExtensionPoint,
  RepositoryHistorySource,
  SliSource,
} from '@cairn/plugin-insights-node';
import { deliveryFactProvider } from './delivery/deliveryFacts';
import { FactsRegistry } from './facts/FactsRegistry';
import { entityFactProvider } from './shared/entityFacts';
import {
  CdeventsService,
  CDEVENTS_HEALTH_SOURCE,
} from './ingest/cdevents/CdeventsService';
import { CatalogGateway } from './shared/CatalogGateway';
import { DeliveryMaintenance } from './delivery/DeliveryMaintenance';
import { DeliveryMetricsService } from './delivery/DeliveryMetricsService';
import { CiHealthService } from './delivery/CiHealthService';
import { addDeliveryActions } from './delivery/deliveryActions';
import { addReliabilityActions } from './reliability/reliabilityActions';
import { addScorecardActions } from './scorecards/scorecardActions';
import { actionContext } from './shared/actions';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DatabaseDeliveryStore } from './delivery/store/DatabaseDeliveryStore';
import { DatabaseCdeventsStore } from './ingest/cdevents/CdeventsStore';
import { insightsDatabase, transactionRunner } from './shared/database';
import { QueryResolver } from './shared/QueryResolver';
import { scheduleInsightsTasks } from './scheduledTasks';
import { DEMO_SOURCE, seedDemoHistory } from './demo/seedDemoHistory';
import { seedDemoSlos } from './demo/demoSlos';
import { seedDemoRepositories } from './demo/demoRepositories';
import { seedDemoScorecards } from './demo/demoScorecards';
import { IngestionHealthService } from './ingestionHealth/IngestionHealthService';
import { DatabaseIngestionHealthStore } from './ingestionHealth/IngestionHealthStore';
import { API_SOURCE, IngestionService } from './ingest/IngestionService';
import { readInsightsConfig } from './config';
import { ReliabilityService } from './reliability/ReliabilityService';
import { DatabaseReliabilityStore } from './reliability/store/ReliabilityStore';
import { OwnershipService } from './ownership/OwnershipService';
import { DatabaseOwnershipStore } from './ownership/store/OwnershipStore';
import { GitRepositories } from './ownership/GitRepositories';
import { ownershipFactProvider } from './ownership';
import { environmentFactProvider } from './environments';
import { IntentClient } from '@cairn/plugin-intent-common';
import { reliabilityFactProvider } from './reliability';
import { ScorecardService } from './scorecards/ScorecardService';
import { DatabaseScorecardStore } from './scorecards/store/ScorecardStore';
import {
  catalogRuleSources,
  RULES_ANNOTATION,
} from './scorecards/catalogRuleSources';
import {
  scorecardEntity,
  scorecardSystemRef,
} from './scorecards/scorecardEntities';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { createRouter } from './router';

/**
 * Cairn delivery insights: ingestion of deployments, changes, incidents and pipeline runs, the
 * delivery store, and DORA metrics and CI health per component, group and system.
 */
export const insightsPlugin = createBackendPlugin({
  pluginId: 'insights',
  register(env) {
    const sources: InsightsEventSource[] = [];
    env.registerExtensionPoint(insightsIngestionExtensionPoint, {
      addEventSource(source) {
        sources.push(source);
      },
    });
    // Facts for scorecard checks: each domain's, and modules' (security scanners, coverage, ...).
    const facts = new FactsRegistry();
    env.registerExtensionPoint(insightsFactsExtensionPoint, {
      addFactProvider(provider) {
        facts.register(provider);
      },
    });
    // SLI data sources (the Prometheus module).
    const sliSources: SliSource[] = [];
    env.registerExtensionPoint(insightsSliExtensionPoint, {
      addSliSource(source) {
        if (
          sliSources.some(
            s => s.type.toLowerCase() === source.type.toLowerCase(),
          )
        )
          throw new Error(
            `Two SLI sources for the data source type ${source.type}`,
          );
        sliSources.push(source);
      },
    });

    // Repository histories without a clone (the GitHub module's pushed commits).
    const historySources: RepositoryHistorySource[] = [];
    env.registerExtensionPoint(insightsHistoryExtensionPoint, {
      addHistorySource(source) {
        historySources.push(source);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const config = readInsightsConfig(deps.config);
        const db = await insightsDatabase(deps.database);
        const transact = transactionRunner(db);
        const catalog = new CatalogGateway(deps.catalog, deps.auth);

        // Each domain's store owns its tables; the services read other domains through their stores'
        // interfaces. The ingestion path writes the delivery and health stores in one transaction.
        const delivery = new DatabaseDeliveryStore(db);
        const healthStore = new DatabaseIngestionHealthStore(db);
        const cdeventsStore = new DatabaseCdeventsStore(
          db,
          config.environments,
        );

        const ingestion = new IngestionService({
          delivery,
          health: healthStore,
          transact,
          catalog,
          environments: config.environments,
          linkWindowMs: config.linkWindowMs,
          maxEventsPerBatch: config.maxEventsPerBatch,
          logger: deps.logger,
        });
        const cdevents = new CdeventsService({
          store: cdeventsStore,
          transact,
          ingestion,
          maxEventsPerBatch: config.maxEventsPerBatch,
        });
        const health = new IngestionHealthService({
          delivery,
          health: healthStore,
          catalog,
          registeredSources: () => [
            API_SOURCE,
            CDEVENTS_HEALTH_SOURCE,
            ...(config.demoData ? [DEMO_SOURCE] : []),
            ...sources.map(source => source.id),
          ],
        });
        const query = new QueryResolver({
          catalog,
          environments: config.environments,
          benchmarks: config.benchmarks,
          defaultBenchmark: config.defaultBenchmark,
          defaultTimezone: config.defaultTimezone,
        });
        const metrics = new DeliveryMetricsService({
          store: delivery,
          catalog,
          query,
          retentionDays: config.retentionDays,
        });
        const ci = new CiHealthService({ store: delivery, catalog, query });
        const maintenance = new DeliveryMaintenance({
          store: delivery,
          catalog,
          environments: config.environments,
          linkWindowMs: config.linkWindowMs,
          retentionDays: config.retentionDays,
          logger: deps.logger,
        });

        const reliability = new ReliabilityService({
          store: new DatabaseReliabilityStore(db),
          // SLOs belong to components the catalog knows (checked before any write).
          component: async entityRef => {
            const { ref, kind } = await query.entity(entityRef);
            if (kind !== 'component')
              throw new InputError(
                `entity: SLOs belong to a Component, not a ${kind}`,
              );
            const [entity] = await catalog.entities([ref]);
            if (!entity)
              throw new InputError(`entity: ${ref} is not in the catalog`);
            return ref;
          },
          minEvents: config.slo.minEvents,
          timeZone: config.defaultTimezone,
          // The delivery domain's production deployments, through its store's interface.
          deployments: async (componentRef, from, to) =>
            (
              await delivery.listDeployments({
                componentRefs: [componentRef],
                envKey: config.environments.keyOf('production'),
                from,
                to,
                limit: 1000,
                offset: 0,
              })
            ).items.map(d => ({
              id: d.id,
              source: d.source,
              finishedAt: d.finishedAt!,
              result: d.result ?? null,
              version: d.version ?? null,
              commit: d.commit ?? null,
              url: d.url ?? null,
            })),
          sources: () => sliSources,
          collection: {
            concurrency: config.slo.concurrency,
            timeoutMs: config.slo.timeoutMs,
            retentionDays: config.slo.retentionDays,
          },
          logger: deps.logger,
          members: async entityRef => {
            const { ref, kind, components } = await query.entity(entityRef);
            if (kind === 'component')
              throw new InputError(
                'entity: a rollup is for a Group or a System; use /v1/slos/status for a component',
              );
            return { ref, components };
          },
          annotated: () => catalog.componentsAnnotated(ANNOTATION_OPENSLO),
          readUrl: async url =>
            (await (await deps.urlReader.readUrl(url)).buffer()).toString(
              'utf8',
            ),
        });

        // Ownership: catalog reads, and repositories cloned into the work folder when one is set.
        const repositories = config.ownership.workDir
          ? new GitRepositories({
              workDir: config.ownership.workDir,
              cloneUrl: config.ownership.cloneUrl,
              maxCommits: config.ownership.maxCommits,
              integrations: ScmIntegrations.fromConfig(deps.config),
            })
          : undefined;
        const ownershipStore = new DatabaseOwnershipStore(db);
        const doraFacts = deliveryFactProvider({
          store: delivery,
          benchmark: () => query.benchmark(),
        });
        const ownership = new OwnershipService({
          store: ownershipStore,
          snapshot: () => catalog.ownershipSnapshot(),
          history:
            repositories || historySources.length
              ? async (repository, pathPrefix) => {
                  // The clone first (renames followed), then the modules' sources.
                  let cloneError: Error | undefined;
                  if (repositories) {
                    try {
                      return await repositories.read(repository, pathPrefix);
                    } catch (error) {
                      cloneError = error as Error;
                    }
                  }
                  for (const source of historySources) {
                    const read = await source.read(repository, pathPrefix);
                    if (read) return read;
                  }
                  throw (
                    cloneError ??
                    new Error(
                      `no history: repositories are not cloned (insights.ownership.history.workDir) and ${historySources
                        .map(s => s.name)
                        .join(', ')} brought no commits of it`,
                    )
                  );
                }
              : undefined,
          staleAfterDays: config.ownership.staleAfterDays,
          reviewWindowDays: config.ownership.reviewWindowDays,
          logger: deps.logger,
          members: async entityRef => {
            const { ref, kind, components, groups } = await query.entity(
              entityRef,
            );
            if (kind === 'component')
              throw new InputError(
                'entity: a rollup is for a Group or a System; use /v1/ownership for a component',
              );
            return { ref, components, groups };
          },
          // The delivery domain through its interfaces: reviewed changes, and the DORA facts'
          // lead-time bottleneck.
          reviews: (componentRefs, range) =>
            delivery.reviews(componentRefs, range),
          bottlenecks: async componentRefs => {
            const dora = await doraFacts.factsFor(componentRefs, {
              now: new Date(),
            });
            return new Map(
              componentRefs.map(ref => [
                ref,
                (dora.get(ref)?.bottleneck as string | undefined) ?? null,
              ]),
            );
          },
        });

        facts.register(entityFactProvider(catalog));
        facts.register(doraFacts);
        facts.register(reliabilityFactProvider(reliability));
        facts.register(ownershipFactProvider(ownershipStore));
        // Live environments and their guardrail results, from the intent registry's API.
        facts.register(
          environmentFactProvider({
            client: new IntentClient({
              discoveryApi: deps.discovery,
              fetchApi: {
                fetch: (input, init) =>
                  fetch(input, {
                    ...init,
                    signal: AbortSignal.timeout(10_000),
                  }),
              },
            }),
            token: async () =>
              (
                await deps.auth.getPluginRequestToken({
                  onBehalfOf: await deps.auth.getOwnServiceCredentials(),
                  targetPluginId: 'intent',
                })
              ).token,
            systemsOf: async refs => {
              const systems = new Map<string, string>();
              for (const e of await catalog.scorecardEntities(refs)) {
                const system = (e.spec as { system?: unknown } | undefined)
                  ?.system;
                if (typeof system !== 'string') continue;
                try {
                  systems.set(
                    stringifyEntityRef(e).toLowerCase(),
                    scorecardSystemRef(system, e),
                  );
                } catch {
                  // A system that is not a reference: no environments.
                }
              }
              return systems;
            },
            logger: deps.logger,
          }),
        );

        // The demo's seeding steps, in this process (the demo runs one).
        const demo = { historySeeded: false, ownershipAfterHistory: false };

        // Scorecards: the platform team's rule files over every domain's facts.
        const integrations = ScmIntegrations.fromConfig(deps.config);
        const readUrl = async (url: string) =>
          (await (await deps.urlReader.readUrl(url)).buffer()).toString('utf8');
        const scorecards = new ScorecardService({
          store: new DatabaseScorecardStore(db),
          definitions: () => facts.definitions(),
          factsFor: (refs, now) => facts.factsFor(refs, { now }),
          entities: async refs => {
            const entities = await catalog.scorecardEntities(refs);
            // A component's stage falls back to its system's.
            const systemRefs = [
              ...new Set(
                entities.flatMap(e => {
                  const system = (e.spec as { system?: string })?.system;
                  return system ? [scorecardSystemRef(system, e)] : [];
                }),
              ),
            ];
            const systems = new Map(
              (refs ? await catalog.scorecardEntities(systemRefs) : entities)
                .filter(e => e.kind.toLowerCase() === 'system')
                .map(e => [stringifyEntityRef(e).toLowerCase(), e]),
            );
            return entities.map(e =>
              scorecardEntity(e, systems, config.scorecards.defaultStage),
            );
          },
          sources: async () => {
            const read = (source: string) =>
              /^https?:\/\//.test(source)
                ? readUrl(source)
                : readFile(resolvePath(source), 'utf8');
            const configured = config.scorecards.rules.map(source => ({
              source,
              read: () => read(source),
            }));
            if (config.scorecards.catalogOwners.length === 0) return configured;
            const fromCatalog = catalogRuleSources(
              await catalog.annotatedEntities(RULES_ANNOTATION),
              {
                owners: config.scorecards.catalogOwners,
                resolveUrl: (target, base) =>
                  integrations.resolveUrl({ url: target, base }),
                readUrl,
                readFile: path => readFile(path, 'utf8'),
              },
            );
            for (const reason of fromCatalog.skipped)
              deps.logger.warn(
                `Scorecard rules from the catalog skipped: ${reason}`,
              );
            return [...configured, ...fromCatalog.sources];
          },
          members: async entityRef => {
            const { ref, kind, components } = await query.entity(entityRef);
            if (kind === 'component')
              throw new InputError(
                'entity: a rollup is for a Group or a System; use /v1/scorecards/results for a component',
              );
            return { ref, components };
          },
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(insightsPermissions);

        await scheduleInsightsTasks(deps.scheduler, config, {
          catchUp: () => maintenance.catchUp(),
          retention: async cutoff => {
            await maintenance.purge();
            await healthStore.purgeBefore(cutoff);
            await cdeventsStore.purgeBefore(cutoff);
            await reliability.purge();
          },
          sloDefinitions: () => reliability.refreshDefinitions(),
          sliCollection: () => reliability.collect(),
          ownership: async () => {
            const afterDemoHistory = demo.historySeeded;
            await ownership.refresh();
            if (afterDemoHistory) demo.ownershipAfterHistory = true;
            // The demo's scorecards read the ownership facts just computed.
            if (config.demoData)
              await deps.scheduler
                .triggerTask('insights-scorecards')
                .catch(error =>
                  deps.logger.info(
                    `Demo: scorecards not triggered (${error.message})`,
                  ),
                );
          },
          scorecards: async () => {
            await scorecards.refreshRules();
            await scorecards.evaluate();
            if (config.demoData)
              await seedDemoScorecards({
                scorecards,
                logger: deps.logger,
                // History is rebuilt once the delivery history and ownership reports exist.
                rebuildHistory: demo.ownershipAfterHistory,
              });
          },
          demoHistory: async () => {
            // The demo's repositories, where its clone URL is a folder (see app-config.yaml).
            const cloneUrl = config.ownership.cloneUrl;
            if (config.ownership.workDir && !cloneUrl.includes('://')) {
              const written = await seedDemoRepositories(
                cloneUrl.split('{repository}')[0],
              );
              if (written)
                deps.logger.info(`Demo repositories: ${written} written`);
            }
            await seedDemoHistory({ ingestion, logger: deps.logger });
            demo.historySeeded = true;
            // Ownership reads the reviews the history carries: its next run now, not in 6 hours.
            // (A run already under way answers a conflict; it reads them anyway.)
            await deps.scheduler
              .triggerTask('insights-ownership')
              .catch(error =>
                deps.logger.info(
                  `Demo history: ownership not triggered (${error.message})`,
                ),
              );
          },
          demoSlos: () =>
            seedDemoSlos({ reliability, ingestion, logger: deps.logger }),
        });

        // For assistants, through the portal's MCP server (@backstage/plugin-mcp-actions-backend).
        const actions = actionContext(deps.actionsRegistry, deps.permissions);
        addDeliveryActions(actions, { metrics });
        addReliabilityActions(actions, { reliability });
        addScorecardActions(actions, { scorecards });

        deps.httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            ingestion,
            cdevents,
            ingestionHealth: health,
            metrics,
            ci,
            facts,
            reliability,
            ownership,
            scorecards,
            userInfo: deps.userInfo,
            query,
            benchmarks: config.benchmarks,
            defaultBenchmark: config.defaultBenchmark,
            maxBodySize: config.maxBodySize,
            health: () =>
              checkHealth([
                databaseHealthCheck(db),
                { name: 'catalog', check: () => catalog.ping() },
              ]),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        deps.lifecycle.addStartupHook(async () => {
          for (const source of sources) {
            await source.connect({
              ingest: (events, options) =>
                ingestion.ingest(events, {
                  actor: `${source.id}: ${options.actor}`,
                  source: source.id,
                }),
              recordOutcome: outcome =>
                ingestion.recordOutcome(source.id, outcome),
              environmentKey: environment =>
                config.environments.keyOf(environment),
            });
            deps.logger.info(`Connected delivery event source ${source.id}`);
          }
        });
      },
    });
  },
});
