import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { peerSelector, trafficPolicySpec } from "../../kube/network";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ExternalEndpoint } from "./args";
import { ResolvedWebService } from "./resolve";

/** The NetworkPolicy admitting the app's callers on its port and letting it reach its destinations only. */
export function renderNetworkPolicy(
  r: ResolvedWebService,
  child: pulumi.CustomResourceOptions,
): k8s.networking.v1.NetworkPolicy {
  const external = r.args.egress;
  return new k8s.networking.v1.NetworkPolicy(
    childName(r.name, "networkPolicy"),
    deepMerge<k8s.networking.v1.NetworkPolicyArgs>(
      {
        metadata: {
          ...r.metadata,
          ...(external?.length ? { annotations: { "platform.acme-bank.example/egress": egressNote(external) } } : {}),
        },
        spec: trafficPolicySpec(r.selectorLabels, { ingress: r.ingressRules, egress: r.egress }),
      },
      r.args.overrides?.networkPolicy,
    ),
    child,
  );
}

/** Labels cert-manager gives the pods that answer HTTP-01 challenges, and the port they listen on. */
const HTTP01_SOLVER = { labels: { "acme.cert-manager.io/http01-solver": "true" }, port: 8089 } as const;

/**
 * The NetworkPolicy letting the ingress controller reach cert-manager's HTTP-01 solver pods in a
 * public app's namespace: under the default deny the certificate would never issue.
 */
export function renderAcmeSolverPolicy(
  r: ResolvedWebService,
  ingress: NonNullable<ResolvedWebService["ingress"]>,
  child: pulumi.CustomResourceOptions,
): k8s.networking.v1.NetworkPolicy {
  return new k8s.networking.v1.NetworkPolicy(
    childName(r.name, "acmeSolverPolicy"),
    deepMerge<k8s.networking.v1.NetworkPolicyArgs>(
      {
        metadata: { ...r.metadata, name: `${r.objectName}-acme-solver` },
        spec: {
          podSelector: { matchLabels: { ...HTTP01_SOLVER.labels } },
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [
                peerSelector({ namespace: ingress.controllerNamespace, podLabels: { ...ingress.controllerPodLabels } }),
              ],
              ports: [{ protocol: "TCP", port: HTTP01_SOLVER.port }],
            },
          ],
        },
      },
      r.args.overrides?.acmeSolverPolicy,
    ),
    child,
  );
}

/** `kafka=10.20.0.0/24:9094, stripe=api.stripe.com:443`: what an app's egress to the outside is for. */
function egressNote(endpoints: readonly ExternalEndpoint[]): string {
  return endpoints.map((e) => `${e.name}=${e.cidr ?? e.host}:${e.port}`).join(", ");
}
