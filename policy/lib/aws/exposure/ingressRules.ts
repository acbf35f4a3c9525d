import { PolicyResource } from "@pulumi/policy";

/** One ingress rule of a security group, reduced to who may reach which ports. */
export interface IngressRule {
  /** Where it is written, e.g. `ingress[0]` or the rule resource's name. */
  where: string;
  /** IP protocol: `tcp`, `udp`, `icmp`, or `-1` for all. */
  protocol: string;
  /** First port. @default 0 (all, with protocol -1) */
  fromPort: number;
  /** Last port. @default 65535 (all, with protocol -1) */
  toPort: number;
  /** Source CIDRs (IPv4 and IPv6). */
  cidrs: string[];
  /** The group it opens: the group resource itself, or the URNs/ids a standalone rule names. */
  group: { urns: string[]; ids: string[] };
}

/** Sources that mean anyone on the internet. */
export const WORLD = new Set(["0.0.0.0/0", "::/0"]);

const list = (...values: unknown[]): string[] =>
  values.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])).map(String);

function rule(where: string, r: any, group: IngressRule["group"]): IngressRule {
  const protocol = String(r?.ipProtocol ?? r?.protocol ?? "-1").toLowerCase();
  const all = protocol === "-1" || protocol === "all";
  return {
    where,
    protocol: all ? "-1" : protocol,
    fromPort: all ? 0 : Number(r?.fromPort ?? 0),
    toPort: all ? 65535 : Number(r?.toPort ?? 65535),
    cidrs: list(r?.cidrBlocks, r?.ipv6CidrBlocks, r?.cidrIpv4, r?.cidrIpv6, r?.cidrIp),
    group,
  };
}

function ownGroup(r: PolicyResource): IngressRule["group"] {
  return { urns: [r.urn], ids: list(r.props.id) };
}

function namedGroup(r: PolicyResource, field: string): IngressRule["group"] {
  return { urns: r.propertyDependencies[field]?.map((d) => d.urn) ?? [], ids: list(r.props[field]) };
}

/** Where each type keeps its ingress rules, in both providers. */
const SOURCES: Record<string, (r: PolicyResource) => IngressRule[]> = {
  "aws:ec2/securityGroup:SecurityGroup": (r) =>
    (r.props.ingress ?? []).map((x: any, i: number) => rule(`ingress[${i}]`, x, ownGroup(r))),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (r) =>
    (r.props.ingress ?? []).map((x: any, i: number) => rule(`ingress[${i}]`, x, ownGroup(r))),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (r) => [
    rule("rule", r.props, namedGroup(r, "securityGroupId")),
  ],
  "aws:ec2/securityGroupRule:SecurityGroupRule": (r) =>
    r.props.type === "ingress" ? [rule("rule", r.props, namedGroup(r, "securityGroupId"))] : [],
  "aws-native:ec2:SecurityGroup": (r) =>
    (r.props.securityGroupIngress ?? []).map((x: any, i: number) => rule(`securityGroupIngress[${i}]`, x, ownGroup(r))),
  "aws-native:ec2:SecurityGroupIngress": (r) => [rule("rule", r.props, namedGroup(r, "groupId"))],
};

/** Whether the model reads ingress rules from a type. */
export function hasIngressRules(type: string): boolean {
  return type in SOURCES;
}

/** The ingress rules a resource declares. */
export function ingressRulesOf(r: PolicyResource): IngressRule[] {
  return SOURCES[r.type]?.(r) ?? [];
}

/** The world-open sources of a rule (`0.0.0.0/0`, `::/0`). */
export function worldSources(rule: IngressRule): string[] {
  return rule.cidrs.filter((c) => WORLD.has(c));
}
