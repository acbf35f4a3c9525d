import { portReaches } from "../../lib/readiness/ports";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

/** Probes reach a port their container declares. */
export const probePorts = readinessPolicy(
  {
    name: "readiness-probe-ports",
    description:
      "A probe's port must be one its container declares: a named port by name, a number among the declared ports when it declares any.",
    severity: "high",
    remediationSteps:
      "Point the probe at the port the process listens on, as the container declares it (`ports[].name` or `containerPort`).",
    url: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
  },
  {
    subjects: (model) => model.workloads,
    judge: (w, _model, report) => {
      for (const c of w.containers) {
        for (const probe of PROBES) {
          const spec = c.container[probe];
          const port = spec?.httpGet?.port ?? spec?.tcpSocket?.port ?? spec?.grpc?.port;
          if (port !== undefined && !portReaches(port, [c.container]))
            report(
              w,
              `${w.kind} "${w.name}" ${c.path}.${probe} probes port ${JSON.stringify(port)}, which the container does not declare: the probe ${probe === "readinessProbe" ? "never passes, so the pod never gets traffic" : "fails, so the kubelet restarts the container"}.`,
            );
        }
      }
    },
  },
);
