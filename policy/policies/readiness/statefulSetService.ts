import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

/** A StatefulSet's governing Service exists and is headless. */
export const statefulSetService = readinessPolicy(
  {
    name: "readiness-statefulset-service",
    description:
      "A StatefulSet's serviceName must name a headless Service (clusterIP: None) of the stack in its namespace.",
    severity: "medium",
    remediationSteps:
      "Create a Service with clusterIP: None selecting the StatefulSet's pods, and name it in serviceName.",
    url: "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id",
  },
  {
    subjects: (model) => model.workloads.filter((w) => w.kind === "StatefulSet" && w.group === "apps"),
    judge: (w, model, report) => {
      const name = w.props.spec?.serviceName;
      if (!name) return;
      const svc = model.find("Service", w.namespace, name, "core");
      if (!svc)
        report(
          w,
          `StatefulSet "${w.name}" names Service "${name}", which the stack does not create: its pods get no stable DNS names.`,
        );
      else if (svc.props.spec?.clusterIP !== "None")
        report(
          w,
          `StatefulSet "${w.name}" names Service "${name}", which is not headless (clusterIP: None): its pods get no per-pod DNS names.`,
        );
    },
  },
);
