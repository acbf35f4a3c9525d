/** Where each launch type keeps its instance metadata options, in both providers. */
export const METADATA_OPTIONS: Record<string, (props: Record<string, any>) => unknown> = {
  "aws:ec2/instance:Instance": (p) => p.metadataOptions,
  "aws:ec2/launchTemplate:LaunchTemplate": (p) => p.metadataOptions,
  "aws:ec2/launchConfiguration:LaunchConfiguration": (p) => p.metadataOptions,
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": (p) => p.metadataOptions,
  "aws-native:ec2:Instance": (p) => p.metadataOptions,
  "aws-native:ec2:LaunchTemplate": (p) => p.launchTemplateData?.metadataOptions,
  "aws-native:autoscaling:LaunchConfiguration": (p) => p.metadataOptions,
};

/**
 * Why instances launched from these inputs answer IMDSv1 (credentials to any SSRF), or
 * undefined when they require session tokens or have no metadata endpoint at all.
 */
export function imdsV1Reason(type: string, props: Record<string, any>): string | undefined {
  const options: any = METADATA_OPTIONS[type]?.(props);
  if (options?.httpEndpoint === "disabled") return undefined;
  if (options?.httpTokens === "required") return undefined;
  return options?.httpTokens === undefined
    ? "metadataOptions.httpTokens is unset, so instances answer IMDSv1 (the EC2 default is optional)"
    : `metadataOptions.httpTokens is ${options.httpTokens}, so instances answer IMDSv1`;
}
