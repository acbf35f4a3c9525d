import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { policyDocument, PolicyStatement } from "./taskRoles";

/** Who assumes an IRSA role: one Kubernetes ServiceAccount of the cluster whose OIDC provider is given. */
export interface ServiceAccountIdentity {
  /** IAM OIDC provider of the cluster. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
  /** Its name. */
  readonly serviceAccount: string;
  /** Role description. */
  readonly description: string;
  /** What the role may do. */
  readonly statements: PolicyStatement[];
}

/**
 * An IAM role for a Kubernetes ServiceAccount (IRSA): only that ServiceAccount of that cluster may
 * assume it, for STS, and it may do only what `statements` say (an inline policy).
 */
export function serviceAccountRole(parent: pulumi.Resource, parentName: string, who: ServiceAccountIdentity): iam.Role {
  const issuer = pulumi
    .output(who.oidcProviderArn)
    .apply((arn) => arn.slice(arn.indexOf("oidc-provider/") + "oidc-provider/".length));
  const role = new iam.Role(
    childName(parentName, "role"),
    {
      description: who.description,
      assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: who.oidcProviderArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: issuer.apply((iss) => ({
                [`${iss}:sub`]: `system:serviceaccount:${who.namespace}:${who.serviceAccount}`,
                [`${iss}:aud`]: "sts.amazonaws.com",
              })),
            },
          },
        ],
      }),
    },
    { parent },
  );
  new iam.RolePolicy(
    childName(parentName, "rolePolicy"),
    {
      role: role.id,
      policy: policyDocument(who.statements),
    },
    { parent },
  );
  return role;
}
