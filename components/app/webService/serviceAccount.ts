import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ResolvedWebService } from "./resolve";

/** The ServiceAccount the app's pods run as: its own without a token, or the existing one named in args. */
export function renderServiceAccount(
  r: ResolvedWebService,
  child: pulumi.CustomResourceOptions,
): { serviceAccount?: k8s.core.v1.ServiceAccount; serviceAccountName: pulumi.Input<string> } {
  const existing = r.args.serviceAccount?.existing;
  if (existing !== undefined) return { serviceAccountName: existing };
  const serviceAccount = new k8s.core.v1.ServiceAccount(
    childName(r.name, "serviceAccount"),
    deepMerge<k8s.core.v1.ServiceAccountArgs>(
      {
        metadata: r.metadata,
        automountServiceAccountToken: false,
      },
      r.args.serviceAccount?.args,
    ),
    child,
  );
  return { serviceAccount, serviceAccountName: serviceAccount.metadata.name };
}
