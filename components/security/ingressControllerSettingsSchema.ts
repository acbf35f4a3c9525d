import { z } from "zod";
import { defaultedBy, dnsLabel } from "../config/primitives";
import { INGRESS_CONTROLLER_DEFAULTS as D } from "./ingressControllerSettings";

/** The config fragment of {@link IngressControllerSettings}. */
export const ingressControllerSettingsSchema = z.strictObject({
  namespace: defaultedBy(dnsLabel, D.namespace).describe("Namespace of the ingress-nginx controller."),
  configMap: defaultedBy(dnsLabel, D.configMap).describe("The controller's ConfigMap."),
  allowedResponseHeaders: defaultedBy(z.array(z.string().regex(/^[A-Za-z0-9-]+$/)).min(1), [
    ...D.allowedResponseHeaders,
  ]).describe("Response headers apps may set through the custom-headers annotation."),
  extra: z
    .record(z.string().regex(/^[a-z0-9-]+$/), z.string())
    .optional()
    .describe("Further controller ConfigMap keys."),
});

/** The controller settings as a stack file gives them. */
export type IngressControllerSettingsConfig = z.output<typeof ingressControllerSettingsSchema>;
