import { stackConfigOf, tempProject } from "../test/fixtures/stackFiles";

/**
 * A project directory running the root program with one stack, `bench-<apps>`: staging's config
 * with `apps` copies of its API (each its own name, host and metrics), the same components.
 */
export function syntheticProject(apps: number): { dir: string; stack: string } {
  const config = stackConfigOf("staging");
  const [api] = config["platform:apps"];
  config["platform:apps"] = Array.from({ length: apps }, (_, i) => ({
    ...structuredClone(api),
    name: `app-${i + 1}`,
    ingress: { host: `app-${i + 1}.${config["platform:domain"]}` },
  }));
  config["platform:quota"] = {
    ...config["platform:quota"],
    pods: apps * 8,
    requestsCpu: String(apps),
    limitsCpu: String(apps * 4),
    requestsMemory: `${apps * 2}Gi`,
    limitsMemory: `${apps * 4}Gi`,
    services: apps * 2 + 10,
  };
  const stack = `bench-${apps}`;
  return { dir: tempProject(stack, config).dir, stack };
}
