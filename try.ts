import { parseStackConfig } from "./components/config/load";
import { readProgramConfig } from "./automation/check/stackFiles";
const { config } = readProgramConfig(".", "staging");
const apps = JSON.parse(config["platform:apps"]);
delete apps[0].resources;
for (const [k, v] of [["platform:apps", JSON.stringify(apps)], ["platform:data", undefined], ["platform:limitRange", undefined]] as const) {
  const c: Record<string, string> = { ...config };
  if (v === undefined) delete c[k]; else c[k] = v;
  try { parseStackConfig(c, "x.yaml"); console.log("ok?"); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message); }
}
