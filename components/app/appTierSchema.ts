import { z } from "zod";
import { dnsLabel } from "../config/primitives";
import { oneScalingIssue, webServiceOptionsFields } from "./webServiceSchema";
import { hasOneScaling } from "./webService/rules";

/** One app of an {@link AppTier} in config: the WebService options, its name and the apps and data services it calls. */
export const appSchema = webServiceOptionsFields
  .extend({
    name: dnsLabel.describe("App name: the Kubernetes object names and app.kubernetes.io/name; unique in the stack."),
    dependsOn: z
      .array(dnsLabel)
      .optional()
      .describe("Apps and data services this one calls; NetworkPolicies allow exactly these paths."),
  })
  .refine(hasOneScaling, oneScalingIssue);
