import { PolicyResource } from "@pulumi/policy";
import { knownOrUndefined } from "../../unknowns";

/** Load balancer types of both providers, and how each says it faces the internet. */
const INTERNET_FACING: Record<string, (props: Record<string, any>) => boolean> = {
  "aws:lb/loadBalancer:LoadBalancer": (p) => p.internal !== true && (p.loadBalancerType ?? "application") !== "gateway",
  "aws:alb/loadBalancer:LoadBalancer": (p) =>
    p.internal !== true && (p.loadBalancerType ?? "application") !== "gateway",
  "aws:elb/loadBalancer:LoadBalancer": (p) => p.internal !== true,
  "aws-native:elasticloadbalancingv2:LoadBalancer": (p) => (p.scheme ?? "internet-facing") === "internet-facing",
};

/** The security groups (URNs and ids) attached to the stack's internet-facing load balancers. */
export function publicLoadBalancerGroups(all: PolicyResource[]): { urns: Set<string>; ids: Set<string> } {
  const urns = new Set<string>();
  const ids = new Set<string>();
  for (const lb of all) {
    const facing = INTERNET_FACING[lb.type];
    // Unknown values only narrow the allowance: an unknown scheme or group id allows nothing.
    if (!facing || knownOrUndefined(() => facing(lb.props)) !== true) continue;
    for (const dep of lb.propertyDependencies.securityGroups ?? []) urns.add(dep.urn);
    const given = knownOrUndefined(() => lb.props.securityGroups as unknown);
    if (!Array.isArray(given)) continue;
    for (let i = 0; i < given.length; i++) {
      const id = knownOrUndefined(() => given[i] as unknown);
      if (typeof id === "string") ids.add(id);
    }
  }
  return { urns, ids };
}
