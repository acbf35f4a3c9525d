import { PolicyComplianceFramework } from "@pulumi/policy";

/** Pod Security Standards, the profile the API server's admission enforces. */
export function podSecurityStandards(profile: "Baseline" | "Restricted"): PolicyComplianceFramework {
  return {
    name: "Kubernetes Pod Security Standards",
    version: "v1.34",
    reference: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    specification: profile,
  };
}

/** PCI DSS requirement 4.2.1: strong cryptography for data in transit over open networks. */
export const PCI_DSS_TRANSIT: PolicyComplianceFramework = {
  name: "PCI DSS",
  version: "4.0.1",
  reference: "https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0_1.pdf",
  specification: "Requirement 4.2.1: strong cryptography protects account data during transmission",
};

/** PCI DSS requirement 3.5.1: stored account data is rendered unreadable (encryption at rest). */
export const PCI_DSS_AT_REST: PolicyComplianceFramework = {
  name: "PCI DSS",
  version: "4.0.1",
  reference: "https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0_1.pdf",
  specification: "Requirement 3.5.1: stored account data is unreadable anywhere it is stored",
};

/** An AWS Security Hub control of the Foundational Security Best Practices standard. */
export function awsFoundationalControl(control: string, title: string): PolicyComplianceFramework {
  const service = control.split(".")[0].toLowerCase();
  return {
    name: "AWS Foundational Security Best Practices",
    version: "1.0.0",
    reference: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html`,
    specification: `${control}: ${title}`,
  };
}

/** A recommendation of the CIS Docker Benchmark (container runtime configuration). */
export function cisDocker(section: string, title: string): PolicyComplianceFramework {
  return {
    name: "CIS Docker Benchmark",
    version: "1.7.0",
    reference: "https://www.cisecurity.org/benchmark/docker",
    specification: `${section}: ${title}`,
  };
}

/** Groups the policies fall into; enforcement per stack is set per group. */
export type PolicyGroup =
  | "pod-security"
  | "containers"
  | "resources"
  | "tls"
  | "data"
  | "aws-access"
  | "hardening"
  | "api-versions"
  | "rbac"
  | "readiness";

/** Tag naming a policy's group (`group:tls`). */
export function groupTag(group: PolicyGroup): string {
  return `group:${group}`;
}
