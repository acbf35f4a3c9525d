/** A port as a container declares it. */
export interface DeclaredPort {
  /** `containerPort`. */
  number: number;
  /** Its name, when it has one. @default none */
  name?: string;
}

/** The ports a container declares. */
export function declaredPorts(container: any): DeclaredPort[] {
  return (Array.isArray(container?.ports) ? container.ports : [])
    .filter((p: any) => typeof p?.containerPort === "number")
    .map((p: any) => ({ number: p.containerPort, ...(typeof p.name === "string" ? { name: p.name } : {}) }));
}

/** Whether a port reference names a port (`http`) rather than numbering it (`8080`, `"8080"`). */
export function isPortName(port: unknown): port is string {
  return typeof port === "string" && !/^\d+$/.test(port);
}

/**
 * Whether a port reference (a probe's or a Service's `targetPort`) reaches one of `containers`, by
 * Kubernetes' rules: a name must be a declared port's name; a number must be a declared port when
 * the container declares any (one that declares none may listen on any number).
 */
export function portReaches(port: unknown, containers: readonly any[]): boolean {
  if (isPortName(port)) return containers.some((c) => declaredPorts(c).some((p) => p.name === port));
  const number = Number(port);
  return containers.some((c) => {
    const ports = declaredPorts(c);
    return ports.length === 0 || ports.some((p) => p.number === number);
  });
}
