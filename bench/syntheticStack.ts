import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";

/**
 * A project directory with the real `Pulumi.yaml` and one stack, `bench-<apps>`: staging's config
 * with `apps` copies of its API (each its own name, host and metrics), the same components.
 */
export function syntheticProject(repoRoot: string, apps: number): { dir: string; stack: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `platform-bench-${apps}-`));
  fs.copyFileSync(path.join(repoRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const config = parse(fs.readFileSync(path.join(repoRoot, "Pulumi.staging.yaml"), "utf8")).config;
  const [api] = config["platform:apps"];
  config["platform:apps"] = Array.from({ length: apps }, (_, i) => ({
    ...structuredClone(api),
    name: `app-${i + 1}`,
    ingress: { host: `app-${i + 1}.${config["platform:domain"]}` },
  }));
  config["platform:quota"] = { ...config["platform:quota"], pods: apps * 8, requestsCpu: String(apps), limitsCpu: String(apps * 4), requestsMemory: `${apps * 2}Gi`, limitsMemory: `${apps * 4}Gi`, services: apps * 2 + 10 };
  const stack = `bench-${apps}`;
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
  return { dir, stack };
}
