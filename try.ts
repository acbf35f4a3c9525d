import { PolicyAnalyzer } from "./automation/policy/analyzer";
import { servePack } from "./automation/policy/packLoader";
import { reconcilePolicyConfig } from "./automation/policy/policyConfig";
import { syntheticResources } from "./bench/syntheticResources";
(async () => {
  const a = new PolicyAnalyzer(servePack());
  const { policies } = await a.info();
  await a.configure(reconcilePolicyConfig(policies, { all: { enforcementLevel: "mandatory" } }, "x"));
  const rs = syntheticResources(2000);
  a.register(rs);
  let t = Date.now();
  for (const r of rs) await a.remediate(r);
  console.log("remediate", Date.now() - t); t = Date.now();
  for (const r of rs) await a.analyze(r);
  console.log("analyze", Date.now() - t); t = Date.now();
  await a.analyzeStack(rs);
  console.log("stack", Date.now() - t);
})();
