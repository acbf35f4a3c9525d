import { z } from "zod";
import { dnsLabel } from "../config/primitives";
import { webServiceOptionsSchema } from "./webServiceSchema";

/** One app of an {@link AppTier} in config: the WebService options, its name and the apps and data services it calls. */
export const appSchema = webServiceOptionsSchema.extend({
  name: dnsLabel.describe("App name: the Kubernetes object names and app.kubernetes.io/name; unique in the stack."),
  dependsOn: z.array(dnsLabel).optional().describe("Apps and data services this one calls; NetworkPolicies allow exactly these paths."),
});
