import { objectRefsOf } from "../../lib/readiness/objectRefs";
import { KubeObject, StackModel, WorkloadModel } from "../../lib/readiness/stackModel";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

/** Objects every namespace has without the stack creating them. */
const ALWAYS_THERE = new Set(["ConfigMap/kube-root-ca.crt", "ServiceAccount/default"]);

/**
 * The Secrets other objects of the stack make a controller create, by the name they give it: an
 * ExternalSecret's target, a SealedSecret, a cert-manager Certificate's `secretName`.
 */
const SECRET_MAKERS: { group: string; kind: string; name: (o: KubeObject) => unknown }[] = [
  { group: "external-secrets.io", kind: "ExternalSecret", name: (o) => o.props.spec?.target?.name ?? o.name },
  { group: "bitnami.com", kind: "SealedSecret", name: (o) => o.props.spec?.template?.metadata?.name ?? o.name },
  { group: "cert-manager.io", kind: "Certificate", name: (o) => o.props.spec?.secretName },
];

const created = new WeakMap<StackModel, Set<string>>();

/** `<namespace>/<Kind>/<name>` of every Secret, ConfigMap and ServiceAccount the stack creates or has created. */
function createdObjects(model: StackModel): Set<string> {
  let set = created.get(model);
  if (!set) {
    set = new Set();
    for (const kind of ["Secret", "ConfigMap", "ServiceAccount"])
      for (const o of model.ofKind(kind, "core")) set.add(`${o.namespace}/${kind}/${o.name}`);
    for (const maker of SECRET_MAKERS)
      for (const o of model.ofKind(maker.kind, maker.group)) set.add(`${o.namespace}/Secret/${maker.name(o)}`);
    created.set(model, set);
  }
  return set;
}

/** Pods find every Secret, ConfigMap and ServiceAccount they name. */
export const objectReferences = readinessPolicy(
  {
    name: "readiness-object-references",
    description:
      "Every Secret, ConfigMap and ServiceAccount a pod names must be created by the stack (or by a controller from an object of the stack), or declared as provided by the cluster.",
    severity: "high",
    remediationSteps:
      "Create the object in the pod's namespace (an ExternalSecret for a secret from Secrets Manager), mark the reference `optional: true`, or list it in `provided` as Kind/name when the cluster provides it.",
    url: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets",
    configSchema: {
      properties: {
        provided: {
          type: "array",
          items: { type: "string" },
          default: [],
          description: "Objects the cluster provides in every namespace, as Kind/name (Secret/registry-credentials).",
        },
      },
    },
  },
  {
    subjects: (model) => model.workloads,
    judge: (w: WorkloadModel, model, report, args) => {
      const { provided = [] } = args.getConfig<{ provided?: string[] }>();
      const exists = createdObjects(model);
      const seen = new Set<string>();
      for (const ref of objectRefsOf(w)) {
        const key = `${ref.kind}/${ref.name}`;
        if (seen.has(key) || ALWAYS_THERE.has(key) || provided.includes(key)) continue;
        seen.add(key);
        if (!exists.has(`${w.namespace}/${key}`))
          report(
            w,
            `${w.kind} "${w.name}" needs ${ref.kind} "${ref.name}" (${ref.usedBy}), which the stack does not create in namespace "${w.namespace}": its pods never start.`,
          );
      }
    },
  },
);
