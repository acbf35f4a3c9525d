import { apiV2Domain, restDomain } from "./apigateway";
import { distribution, vpcOrigin } from "./cloudfront";
import { classicElb, elbv2Listener } from "./elb";
import { ListenerView } from "./view";

/** Reads the listener views of one resource's inputs. */
type ListenerSource = (props: Record<string, any>) => ListenerView[];

/** Which policy judges a type's listeners. */
export type ListenerArea = "elbv2" | "classic-elb" | "cloudfront" | "apigateway";

/** Every type whose connections the listener model reads, in both providers, and the policy area it falls in. */
export const LISTENER_SOURCES: Record<string, { area: ListenerArea; read: ListenerSource }> = {
  "aws:lb/listener:Listener": { area: "elbv2", read: elbv2Listener },
  "aws:alb/listener:Listener": { area: "elbv2", read: elbv2Listener },
  "aws-native:elasticloadbalancingv2:Listener": { area: "elbv2", read: elbv2Listener },
  "aws:elb/loadBalancer:LoadBalancer": { area: "classic-elb", read: classicElb },
  "aws:cloudfront/distribution:Distribution": { area: "cloudfront", read: distribution },
  "aws:cloudfront/multitenantDistribution:MultitenantDistribution": { area: "cloudfront", read: distribution },
  "aws-native:cloudfront:Distribution": {
    area: "cloudfront",
    read: (props) => distribution(props.distributionConfig ?? {}),
  },
  "aws:cloudfront/vpcOrigin:VpcOrigin": { area: "cloudfront", read: vpcOrigin },
  "aws-native:cloudfront:VpcOrigin": { area: "cloudfront", read: vpcOrigin },
  "aws:apigateway/domainName:DomainName": { area: "apigateway", read: restDomain },
  "aws-native:apigateway:DomainName": { area: "apigateway", read: restDomain },
  "aws:apigatewayv2/domainName:DomainName": { area: "apigateway", read: apiV2Domain },
  "aws-native:apigatewayv2:DomainName": { area: "apigateway", read: apiV2Domain },
};

/** The types of one area. */
export function listenerTypes(area: ListenerArea): string[] {
  return Object.entries(LISTENER_SOURCES)
    .filter(([, s]) => s.area === area)
    .map(([type]) => type);
}

/** The listener views of a resource, or none when the model does not read its type. */
export function listenersOf(type: string, props: Record<string, any>): ListenerView[] {
  return LISTENER_SOURCES[type]?.read(props) ?? [];
}

/** Listener-rule types of both providers, and where each keeps its actions. */
export const LISTENER_RULE_TYPES = [
  "aws:lb/listenerRule:ListenerRule",
  "aws:alb/listenerRule:ListenerRule",
  "aws-native:elasticloadbalancingv2:ListenerRule",
];
