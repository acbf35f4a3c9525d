import { DeclaredPath, pathsOf } from "../../lib/readiness/declarations";
import { admitsTraffic, AddressPeer, Direction, governing, Peer, Port } from "../../lib/readiness/networkAdmission";
import { declaredPorts, isPortName } from "../../lib/readiness/ports";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";
import { StackModel, WorkloadModel } from "../../lib/readiness/stackModel";

interface End {
  namespace: string;
  labels: Record<string, string>;
}

function refusal(
  model: StackModel,
  end: End,
  other: Peer | AddressPeer,
  port: Port,
  direction: Direction,
): string | undefined {
  if (admitsTraffic(model, end.namespace, end.labels, other, port, direction)) return undefined;
  const names = governing(model, end.namespace, end.labels, direction).map((np) => `"${np.name}"`);
  const which = names.length > 1 ? `none of NetworkPolicies ${names.join(", ")}` : `NetworkPolicy ${names[0]}`;
  return `${which} of namespace "${end.namespace}" admits it (${direction.toLowerCase()})`;
}

function judgeService(w: WorkloadModel, path: DeclaredPath, model: StackModel, report: ReadinessReport): void {
  const svc = model.find("Service", path.namespace!, path.service!, "core");
  const label = `${w.kind} "${w.name}" declares a path to ${path.name} (Service "${path.service}" of namespace "${path.namespace}", port ${path.port})`;
  if (!svc) return report(w, `${label}, but the stack has no such Service.`);
  const ports: any[] = Array.isArray(svc.props.spec?.ports) ? svc.props.spec.ports : [];
  const svcPort = ports.find((p) => Number(p?.port) === path.port);
  if (!svcPort) return report(w, `${label}, but Service "${svc.name}" has no port ${path.port}.`);
  const target = svcPort.targetPort ?? svcPort.port;
  const source: Peer = { namespace: w.namespace, podLabels: w.labels };
  for (const dest of model.labelled(svc.namespace, svc.props.spec?.selector ?? {})) {
    const declared = dest.containers.flatMap((c) => declaredPorts(c.container));
    const port: Port = isPortName(target)
      ? { name: target, number: declared.find((d) => d.name === target)?.number }
      : { number: Number(target), name: declared.find((d) => d.number === Number(target))?.name };
    const shown = `${dest.kind} "${dest.name}" port ${port.number ?? JSON.stringify(target)}`;
    const refused = [
      refusal(
        model,
        { namespace: w.namespace, labels: w.labels },
        { namespace: dest.namespace, podLabels: dest.labels },
        port,
        "Egress",
      ),
      refusal(model, { namespace: dest.namespace, labels: dest.labels }, source, port, "Ingress"),
    ].filter(Boolean);
    for (const r of refused)
      report(
        w,
        `${w.kind} "${w.name}" declares a path to ${path.name} (${shown}, through Service "${svc.name}"), but ${r}: every connection times out.`,
      );
  }
}

function judgeAddress(w: WorkloadModel, path: DeclaredPath, model: StackModel, report: ReadinessReport): void {
  const r = refusal(
    model,
    { namespace: w.namespace, labels: w.labels },
    { cidr: path.cidr! },
    { number: path.port },
    "Egress",
  );
  if (r)
    report(
      w,
      `${w.kind} "${w.name}" declares a path to ${path.name} (${path.cidr} port ${path.port}), but ${r}: every connection times out.`,
    );
}

/** Every path an app declares is admitted by the NetworkPolicies at both of its ends. */
export const declaredPaths = readinessPolicy(
  {
    name: "readiness-declared-paths",
    description:
      "For every path a workload declares (the platform.acme-bank.example/paths annotation the platform's apps carry for their dependsOn), the NetworkPolicies must admit it at both ends: the source's egress and the destination's ingress, on the destination Service's target port.",
    severity: "high",
    remediationSteps:
      "Declare the destination in the app's dependsOn (the platform's WebService then admits the path on both ends), or add an egress rule to the source's NetworkPolicy and an ingress rule to the destination's for the source's pod labels on the Service's target port.",
    url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
  },
  {
    subjects: (model) => model.workloads.filter((w) => pathsOf(w).length),
    judge: (w, model, report) => {
      for (const path of pathsOf(w))
        if (path.cidr !== undefined) judgeAddress(w, path, model, report);
        else judgeService(w, path, model, report);
    },
  },
);
