import {
  INGRESS_SETTING_DEFAULTS,
  INGRESS_SETTING_ROWS,
  IngressSettings,
  SettingReader,
  SettingRow,
} from "./ingressAnnotations";
import { IngressController } from "./ingressControllers";

/** Where a setting came from: its row, the property path that set it and the raw value. */
export interface SettingSource {
  /** The table row. */
  row: SettingRow;
  /** Property path, e.g. `metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]`. */
  where: string;
  /** The value as written. */
  value: unknown;
}

/** A controller's settings for one Ingress, with the source of each one configured. */
export interface InterpretedSettings {
  /** The settings, defaults filled in. */
  settings: IngressSettings;
  /** Source of each setting the annotations or the class parameters configured. */
  sources: Partial<Record<keyof IngressSettings, SettingSource>>;
}

/** `[{"HTTP": 80}, {"HTTPS": 443}]` → the listeners; `undefined` when it does not read. */
function listenPortsOf(value: unknown): IngressSettings["listenPorts"] {
  try {
    const parsed = typeof value === "string" ? JSON.parse(value) : value;
    if (!Array.isArray(parsed)) return undefined;
    return parsed.flatMap((entry: Record<string, unknown>) =>
      Object.entries(entry ?? {}).map(([protocol, port]) => ({
        protocol: protocol.toLowerCase() === "https" ? ("https" as const) : ("http" as const),
        port: Number(port),
      })),
    );
  } catch {
    return undefined;
  }
}

const READERS: Record<SettingReader, (value: unknown) => unknown> = {
  boolean: (v) => String(v).trim().toLowerCase() === "true",
  port: (v) => (Number.isFinite(Number(v)) && String(v).trim() !== "" ? Number(v) : undefined),
  listenPorts: listenPortsOf,
  present: (v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && String(v).trim() !== ""),
  internalScheme: (v) => String(v).trim() === "internal",
};

/**
 * The one reading of controller configuration: starts from the controller's defaults, applies
 * its IngressClassParams fields, then its annotations on the Ingress (the annotation wins), each
 * through {@link INGRESS_SETTING_ROWS}.
 */
export function interpretIngressSettings(
  controller: IngressController,
  annotations: Record<string, unknown>,
  classParams: Record<string, unknown> = {},
  classParamsWhere = "IngressClassParams spec",
): InterpretedSettings {
  const settings: IngressSettings = { ...INGRESS_SETTING_DEFAULTS[controller] };
  const sources: InterpretedSettings["sources"] = {};
  const apply = (row: SettingRow, value: unknown, where: string) => {
    const read = READERS[row.read](value);
    if (read === undefined) return;
    (settings as unknown as Record<string, unknown>)[row.setting] = read;
    sources[row.setting] = { row, where, value };
  };
  for (const row of INGRESS_SETTING_ROWS.filter((r) => r.controller === controller)) {
    if (row.classParam && classParams[row.classParam] !== undefined)
      apply(row, classParams[row.classParam], `${classParamsWhere}.${row.classParam}`);
    if (annotations[row.annotation] !== undefined)
      apply(row, annotations[row.annotation], `metadata.annotations["${row.annotation}"]`);
  }
  return { settings, sources };
}
