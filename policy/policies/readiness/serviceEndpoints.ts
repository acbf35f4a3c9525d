import { isPortName, portReaches } from "../../lib/readiness/ports";
import { WorkloadModel } from "../../lib/readiness/stackModel";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

const NO_ENDPOINTS = "it has no endpoints, so every connection to it fails";

/** A Service selects pods of the stack, on ports they declare, and those pods say when they are ready. */
export const serviceEndpoints = readinessPolicy(
  {
    name: "readiness-service-endpoints",
    description:
      "A Service must select pods the stack runs, target ports their containers declare, and send traffic only to pods with a readiness probe.",
    severity: "high",
    remediationSteps:
      "Make the Service's selector the pod template's labels and its targetPort a port the container declares (by name or number); give the serving container a readinessProbe. A Service for pods created outside the stack goes in `external`.",
    url: "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
    configSchema: {
      properties: {
        external: {
          type: "array",
          items: { type: "string" },
          default: [],
          description: "Services (by name) whose pods something outside the stack creates, such as an operator.",
        },
      },
    },
  },
  {
    subjects: (model) =>
      model
        .ofKind("Service", "core")
        .filter((s) => s.props.spec?.type !== "ExternalName" && Object.keys(s.props.spec?.selector ?? {}).length),
    judge: (svc, model, report, args) => {
      const { external = [] } = args.getConfig<{ external?: string[] }>();
      if (external.includes(svc.name)) return;
      const selector: Record<string, string> = svc.props.spec.selector;
      const pods = model.labelled(svc.namespace, selector);
      const shown = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      if (!pods.length) {
        report(svc, `Service "${svc.name}" selects no pod of the stack (${shown}): ${NO_ENDPOINTS}.`);
        return;
      }
      const serving = (w: WorkloadModel) => w.containers.filter((c) => c.list === "containers").map((c) => c.container);
      const receiving = new Set<WorkloadModel>();
      for (const p of Array.isArray(svc.props.spec.ports) ? svc.props.spec.ports : []) {
        const target = p?.targetPort ?? p?.port;
        if (target === undefined) continue;
        const port = `Service "${svc.name}" port ${p.name ?? p.port} targets ${JSON.stringify(target)}`;
        if (isPortName(target)) {
          // The endpoints controller leaves out pods that do not declare the name.
          const declaring = pods.filter((w) => portReaches(target, serving(w)));
          if (!declaring.length)
            report(svc, `${port}, which no container of the pods it selects declares: ${NO_ENDPOINTS}.`);
          declaring.forEach((w) => receiving.add(w));
          continue;
        }
        for (const w of pods) {
          receiving.add(w);
          if (!portReaches(target, serving(w)))
            report(
              svc,
              `${port}, which no container of ${w.kind} "${w.name}" declares: connections to its pods are refused.`,
            );
        }
      }
      for (const w of receiving)
        if (!serving(w).some((c) => c.readinessProbe))
          report(
            svc,
            `Service "${svc.name}" sends traffic to ${w.kind} "${w.name}", whose containers have no readinessProbe: pods get requests before they can serve them.`,
          );
    },
  },
);
