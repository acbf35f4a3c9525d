import type { CapturedResource } from "../core/resourceModel";
import { createSeconds, CreateTimes } from "./createTimes";

/** Components whose readiness the plan reports: what a team calls an app. */
export const APP_TYPES: readonly string[] = [
  "platform:app:WebService",
  "platform:aws:FargateService",
  "platform:aws:StaticSite",
];

/** One resource of the simulated first deploy. */
export interface PlannedStep {
  /** Its URN. */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its logical name. */
  name: string;
  /** Seconds from the start of the deploy until it can be created (its dependencies and parent are done). */
  start: number;
  /** Seconds its create takes. */
  seconds: number;
  /** `start + seconds`. */
  finish: number;
}

/** When one app is ready, and the chain of creates it waited on. */
export interface AppReadiness {
  /** The app component's logical name. */
  name: string;
  /** Its type token. */
  type: string;
  /** Seconds until its last resource is created. */
  ready: number;
  /** The slowest chain ending in that resource, first create first (steps that take time only). */
  waitsOn: PlannedStep[];
}

/** The simulated first deploy. */
export interface DeployPlan {
  /** Seconds until the last resource is created: the length of the critical path. */
  total: number;
  /** The longest chain of creates, first first (steps that take time only). */
  criticalPath: PlannedStep[];
  /** Every app, slowest last. */
  apps: AppReadiness[];
}

/**
 * Simulates a first `pulumi up` from the dependency graph a render recorded: the engine starts a
 * create as soon as every resource it depends on (explicitly, or through an input) and its
 * parent are done, with no limit on parallel creates; each takes its type's time from `times`.
 */
export function planDeploy(resources: readonly CapturedResource[], times: CreateTimes): DeployPlan {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const steps = new Map<string, PlannedStep & { after?: string }>();
  const stepOf = (urn: string): (PlannedStep & { after?: string }) | undefined => {
    const known = steps.get(urn);
    if (known) return known;
    const r = byUrn.get(urn);
    if (!r) return undefined;
    let start = 0;
    let after: string | undefined;
    for (const dep of [...(r.parent ? [r.parent] : []), ...r.dependencies]) {
      const d = dep === urn ? undefined : stepOf(dep);
      if (d && d.finish > start) [start, after] = [d.finish, dep];
    }
    const seconds = createSeconds(r.type, r.custom, times);
    const step = { urn, type: r.type, name: r.name, start, seconds, finish: start + seconds, after };
    steps.set(urn, step);
    return step;
  };
  // Registration order puts every dependency and parent first, so this pass rarely recurses.
  for (const r of resources) stepOf(r.urn);

  const chainTo = (urn: string | undefined): PlannedStep[] => {
    const chain: PlannedStep[] = [];
    for (let s = urn ? steps.get(urn) : undefined; s; s = s.after ? steps.get(s.after) : undefined) {
      if (s.seconds > 0)
        chain.push({ urn: s.urn, type: s.type, name: s.name, start: s.start, seconds: s.seconds, finish: s.finish });
    }
    return chain.reverse();
  };
  const latest = (candidates: Iterable<PlannedStep>): PlannedStep | undefined => {
    let best: PlannedStep | undefined;
    for (const s of candidates) if (!best || s.finish > best.finish) best = s;
    return best;
  };

  const descendants = new Map<string, PlannedStep[]>();
  for (const r of resources) {
    for (let p = r.parent; p; p = byUrn.get(p)?.parent ?? null) {
      if (!APP_TYPES.includes(byUrn.get(p)?.type ?? "")) continue;
      if (!descendants.has(p)) descendants.set(p, []);
      descendants.get(p)!.push(steps.get(r.urn)!);
    }
  }
  const apps = resources
    .filter((r) => APP_TYPES.includes(r.type))
    .map((app): AppReadiness => {
      const last = latest(descendants.get(app.urn) ?? []);
      return {
        name: app.name,
        type: app.type,
        ready: last?.finish ?? steps.get(app.urn)!.finish,
        waitsOn: chainTo(last?.urn),
      };
    })
    .sort((a, b) => a.ready - b.ready || a.name.localeCompare(b.name));

  const end = latest(steps.values());
  return { total: end?.finish ?? 0, criticalPath: chainTo(end?.urn), apps };
}
