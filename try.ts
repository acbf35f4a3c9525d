import { renderProgram } from "./automation/check/renderProgram";
import { evaluatePolicies } from "./automation/policy/evaluate";
import { UNKNOWN_VALUE } from "./automation/check/resourceModel";
(async () => {
  const r = await renderProgram({ projectDir: ".", stack: "prod" });
  const res = r.resources.filter((x) => x.type !== "kubernetes:policy/v1:PodDisruptionBudget");
  const d: any = res.find((x) => x.name === "lending-apps-api-deploy")!;
  const c = d.inputs.spec.template.spec.containers[0];
  c.securityContext.runAsNonRoot = false;
  delete c.securityContext.allowPrivilegeEscalation;
  c.image = "nginx:latest";
  c.env.push({ name: "DB_PASSWORD", value: "hunter2hunter2" });
  d.inputs.spec.template.spec.hostNetwork = UNKNOWN_VALUE;
  const out = await evaluatePolicies(res, { stack: "prod", project: "platform" });
  for (const v of out.violations) console.log(v.level, v.severity, v.policy, v.name, "|", v.message);
})().catch((e) => { console.error("ERR", e); });
