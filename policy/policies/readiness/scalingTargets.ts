import { KubeObject, StackModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

function judgeTargetRef(o: KubeObject, ref: any, model: StackModel, report: ReadinessReport): void {
  if (!ref?.kind || !ref?.name) return;
  const target = model.find(ref.kind, o.namespace, ref.name);
  if (!target) {
    report(
      o,
      `${o.kind} "${o.name}" targets ${ref.kind} "${ref.name}", which the stack does not create: it scales nothing.`,
    );
    return;
  }
  if (o.kind === "HorizontalPodAutoscaler" && target.props.spec?.replicas !== undefined)
    report(
      o,
      `${ref.kind} "${ref.name}" sets spec.replicas ${target.props.spec.replicas} while ${o.kind} "${o.name}" scales it: every update resets the autoscaler's count.`,
    );
}

/** Autoscalers and disruption budgets find the workloads they govern. */
export const scalingTargets = readinessPolicy(
  {
    name: "readiness-scaling-targets",
    description:
      "HorizontalPodAutoscalers and VerticalPodAutoscalers must target a workload of the stack that sets no static replica count; PodDisruptionBudgets must select its pods.",
    severity: "medium",
    remediationSteps:
      "Name the workload's kind and name in scaleTargetRef/targetRef and leave its replicas unset; make the budget's selector its pod labels.",
    url: "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling",
  },
  {
    subjects: (model) => [
      ...model.ofKind("HorizontalPodAutoscaler", "autoscaling"),
      ...model.ofKind("VerticalPodAutoscaler", "autoscaling.k8s.io"),
      ...model.ofKind("PodDisruptionBudget", "policy"),
    ],
    judge: (o, model, report) => {
      if (o.kind === "HorizontalPodAutoscaler") judgeTargetRef(o, o.props.spec?.scaleTargetRef, model, report);
      else if (o.kind === "VerticalPodAutoscaler") judgeTargetRef(o, o.props.spec?.targetRef, model, report);
      else if (o.props.spec?.selector && !model.selectedBy(o.namespace, o.props.spec.selector).length)
        report(o, `PodDisruptionBudget "${o.name}" selects no pod of the stack: it protects nothing during drains.`);
    },
  },
);
