import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ResolvedWebService } from "./resolve";

/** The ClusterIP Service in front of the app's ports. */
export function renderService(r: ResolvedWebService, child: pulumi.CustomResourceOptions): k8s.core.v1.Service {
  return new k8s.core.v1.Service(
    childName(r.name, "service"),
    deepMerge<k8s.core.v1.ServiceArgs>(
      {
        metadata: r.metadata,
        spec: {
          type: "ClusterIP",
          selector: r.selectorLabels,
          ports: r.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: "TCP" })),
        },
      },
      r.args.overrides?.service,
    ),
    child,
  );
}
