import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { namespaceOf } from "../../lib/selectors";
import { mayHavePods, podsOf } from "../../lib/workloads";
import { judgeEach } from "../../lib/unknowns";

const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";

/** Pods get no API token unless they need one: the pod or its ServiceAccount turns automounting off. */
export const serviceAccountTokens: StackValidationPolicy = {
  name: "no-service-account-token-automount",
  description:
    "Pods must not mount a Kubernetes API token unless they call the API: automountServiceAccountToken false on the pod or its ServiceAccount.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Set automountServiceAccountToken: false on the pod spec or on its ServiceAccount (the platform's components do); accept by name the agents that call the API.",
  url: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
  validateStack: (args, report) => {
    const accounts = new Map(
      args.resources
        .filter((r) => r.type === SERVICE_ACCOUNT)
        .map((r) => [`${namespaceOf(r.props)}/${r.props.metadata?.name}`, r.props.automountServiceAccountToken]),
    );
    judgeEach(
      args.resources.filter((x) => mayHavePods(x.type)),
      (r) => {
        for (const pod of podsOf(r.type, r.props)) {
          if (pod.spec.automountServiceAccountToken === false) continue;
          // `serviceAccount` is the deprecated spelling the API server still honours when the other is unset.
          const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? "default";
          const own = pod.spec.automountServiceAccountToken;
          if (own === true)
            report(`${r.name} mounts a service account token (automountServiceAccountToken: true).`, r.urn);
          else if (accounts.get(`${namespaceOf(r.props)}/${account}`) !== false)
            report(
              `${r.name} mounts the token of ServiceAccount "${account}", which does not turn automounting off.`,
              r.urn,
            );
        }
      },
    );
  },
};
