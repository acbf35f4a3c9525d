import { parseQuantity } from "../../lib/quantity";
import { KubeObject, WorkloadModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

const RESOURCES = ["cpu", "memory"] as const;

function judgeContainer(
  w: WorkloadModel,
  c: any,
  where: string,
  lr: KubeObject,
  limit: any,
  report: ReadinessReport,
): void {
  for (const res of RESOURCES) {
    const request =
      c?.resources?.requests?.[res] ??
      c?.resources?.limits?.[res] ??
      limit.defaultRequest?.[res] ??
      limit.default?.[res];
    const cap = c?.resources?.limits?.[res] ?? limit.default?.[res];
    const refuse = (what: string) =>
      report(w, `${w.kind} "${w.name}" ${where} ${what} in LimitRange "${lr.name}": admission refuses its pods.`);
    const n = (v: unknown) => (v === undefined ? undefined : parseQuantity(v as string));
    if (limit.max?.[res] !== undefined && n(cap) !== undefined && n(cap)! > n(limit.max[res])!)
      refuse(`limits.${res} ${cap} is above the max ${limit.max[res]}`);
    if (limit.min?.[res] !== undefined && n(request) !== undefined && n(request)! < n(limit.min[res])!)
      refuse(`requests.${res} ${request} is below the min ${limit.min[res]}`);
    const ratio = limit.maxLimitRequestRatio?.[res];
    if (ratio !== undefined && n(cap) && n(request) && n(cap)! / n(request)! > Number(ratio))
      refuse(`limits.${res}/requests.${res} (${cap}/${request}) is above the maxLimitRequestRatio ${ratio}`);
  }
}

/** Every container fits its namespace's LimitRange, as admission fills in and checks it. */
export const limitRangeAdmission = readinessPolicy(
  {
    name: "readiness-limit-range-admission",
    description:
      "Every container's requests and limits, with the LimitRange's defaults filled in, must lie within the namespace LimitRange's min, max and maxLimitRequestRatio.",
    severity: "high",
    remediationSteps:
      "Size the container within the LimitRange, or raise the LimitRange's max (and the quota with it).",
    url: "https://kubernetes.io/docs/concepts/policy/limit-range/",
  },
  {
    subjects: (model) => model.workloads,
    judge: (w, model, report) => {
      for (const lr of model.ofKind("LimitRange", "core").filter((o) => o.namespace === w.namespace))
        for (const limit of Array.isArray(lr.props.spec?.limits) ? lr.props.spec.limits : [])
          if (limit?.type === "Container")
            for (const c of w.containers.filter((x) => x.list !== "ephemeralContainers"))
              judgeContainer(w, c.container, `container "${c.name}"`, lr, limit, report);
    },
  },
);
