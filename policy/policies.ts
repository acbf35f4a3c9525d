import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Every policy of the pack. Empty until the policy-pack issue lands its guardrails. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
