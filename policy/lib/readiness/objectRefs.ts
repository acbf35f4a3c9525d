import { WorkloadModel } from "./stackModel";

/** An object a pod needs before its containers can start. */
export interface ObjectRef {
  /** `Secret`, `ConfigMap` or `ServiceAccount`. */
  kind: "Secret" | "ConfigMap" | "ServiceAccount";
  /** Its name, in the pod's namespace. */
  name: string;
  /** What reads it, for messages. */
  usedBy: string;
}

/** Every Secret, ConfigMap and ServiceAccount a workload's pods need (optional references aside). */
export function objectRefsOf(w: WorkloadModel): ObjectRef[] {
  const refs: ObjectRef[] = [];
  const add = (kind: ObjectRef["kind"], ref: any, name: unknown, usedBy: string) => {
    if (typeof name === "string" && name && ref?.optional !== true) refs.push({ kind, name, usedBy });
  };
  for (const pod of w.pods) {
    for (const c of w.containers) {
      const who = `container "${c.name}"`;
      for (const e of Array.isArray(c.container.env) ? c.container.env : []) {
        const from = e?.valueFrom ?? {};
        add("Secret", from.secretKeyRef, from.secretKeyRef?.name, `env ${e.name} of ${who}`);
        add("ConfigMap", from.configMapKeyRef, from.configMapKeyRef?.name, `env ${e.name} of ${who}`);
      }
      for (const e of Array.isArray(c.container.envFrom) ? c.container.envFrom : []) {
        add("Secret", e?.secretRef, e?.secretRef?.name, `envFrom of ${who}`);
        add("ConfigMap", e?.configMapRef, e?.configMapRef?.name, `envFrom of ${who}`);
      }
    }
    for (const v of Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) {
      const at = `volume "${v?.name}"`;
      add("Secret", v?.secret, v?.secret?.secretName, at);
      add("ConfigMap", v?.configMap, v?.configMap?.name, at);
      for (const s of v?.projected?.sources ?? []) {
        add("Secret", s?.secret, s?.secret?.name, at);
        add("ConfigMap", s?.configMap, s?.configMap?.name, at);
      }
    }
    for (const s of Array.isArray(pod.spec.imagePullSecrets) ? pod.spec.imagePullSecrets : [])
      add("Secret", s, s?.name, "imagePullSecrets");
    const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
    if (account && account !== "default") add("ServiceAccount", {}, account, "serviceAccountName");
  }
  return refs;
}
