import { ListenerView } from "./view";

function domain(where: string, policyName: unknown, defaultPolicy: string): ListenerView {
  return {
    where,
    setting: "endpoint",
    shown: "HTTPS",
    protocol: "HTTPS",
    tls: "apigateway",
    policyField: "securityPolicy",
    policyName: policyName === undefined || policyName === null ? undefined : String(policyName),
    defaultPolicy,
  };
}

/** A REST API custom domain (`securityPolicy`, either provider). */
export function restDomain(props: Record<string, any>): ListenerView[] {
  return [
    domain("domainName", props.securityPolicy, "whatever the endpoint type defaults to (TLS_1_0 for older domains)"),
  ];
}

/** An HTTP/WebSocket API custom domain: `domainNameConfiguration` (`@pulumi/aws`) or `domainNameConfigurations` (aws-native). */
export function apiV2Domain(props: Record<string, any>): ListenerView[] {
  const configs =
    props.domainNameConfigurations ?? (props.domainNameConfiguration ? [props.domainNameConfiguration] : []);
  return (Array.isArray(configs) ? configs : []).map((c: any, i: number) =>
    domain(`domainNameConfigurations[${i}]`, c?.securityPolicy, "nothing: the provider requires one"),
  );
}
