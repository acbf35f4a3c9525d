/**
 * Host paths a container must not mount: the root, kernel interfaces, host configuration and the
 * container runtime's sockets (whoever reaches the Docker socket is root on the host). A path is
 * sensitive when it is one of these, lies under one, or contains one (`/var/run` holds the socket).
 */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  "/proc",
  "/sys",
  "/dev",
  "/etc",
  "/boot",
  "/root",
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd",
  "/run/containerd",
  "/var/lib/docker",
  "/var/lib/ecs",
];

function normalized(path: string): string {
  const trimmed = path.trim().replace(/\/+/g, "/").replace(/\/$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/** The sensitive path a host path exposes, or `undefined` when it exposes none. */
export function sensitiveHostPath(path: string): string | undefined {
  const p = normalized(path);
  if (p === "/") return "/";
  return SENSITIVE_HOST_PATHS.find((s) => p === s || p.startsWith(`${s}/`) || s.startsWith(`${p}/`));
}
