import type { SourcePosition } from "../../core/resourceModel";
import { APP_TYPES } from "../../plan/schedule";
import type { CheckReport, ReportedResource } from "../report";

/** Where a report's findings are, resolved from its resources. */
export interface ReportSubjects {
  /** The resource of a URN. */
  resource(urn: string): ReportedResource | undefined;
  /** Where the project's code created the resource, or its nearest ancestor that has a position. */
  sourceOf(urn: string): SourcePosition | undefined;
  /** The app component (WebService, FargateService, StaticSite) the resource belongs to, by name. */
  appOf(urn: string): string | undefined;
  /** The Kubernetes namespace of the resource or of its nearest ancestor that has one. */
  namespaceOf(urn: string): string | undefined;
}

function namespaceProp(r: ReportedResource): string | undefined {
  const metadata = r.props.metadata as { namespace?: unknown; name?: unknown } | undefined;
  if (typeof metadata?.namespace === "string") return metadata.namespace;
  return r.type === "kubernetes:core/v1:Namespace" && typeof metadata?.name === "string" ? metadata.name : undefined;
}

/** Indexes a report's resources for the formats: locations, apps and namespaces, through the parent chain. */
export function reportSubjects(report: CheckReport): ReportSubjects {
  const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
  const up = <T>(urn: string, pick: (r: ReportedResource) => T | undefined): T | undefined => {
    const seen = new Set<string>();
    for (let r = byUrn.get(urn); r && !seen.has(r.urn); r = r.parent ? byUrn.get(r.parent) : undefined) {
      seen.add(r.urn);
      const value = pick(r);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return {
    resource: (urn) => byUrn.get(urn),
    sourceOf: (urn) => up(urn, (r) => r.sourcePosition),
    appOf: (urn) => up(urn, (r) => (APP_TYPES.includes(r.type) ? r.name : undefined)),
    namespaceOf: (urn) => up(urn, namespaceProp),
  };
}
