/** One family of controller annotations that inject raw configuration into the proxy. */
export interface SnippetRow {
  /** Controller that reads it. */
  controller: string;
  /** Whether an annotation key is of the family. */
  matches: (key: string) => boolean;
  /** The family, as a finding names it. */
  family: string;
}

/** Every snippet annotation family the pack refuses, per controller. */
export const SNIPPET_ROWS: SnippetRow[] = [
  {
    controller: "ingress-nginx",
    matches: (k) => /^nginx\.ingress\.kubernetes\.io\/[a-z0-9-]*-snippet$/.test(k),
    family: "nginx.ingress.kubernetes.io/*-snippet",
  },
  {
    controller: "NGINX Ingress Controller (nginx.org)",
    matches: (k) => /^nginx\.org\/[a-z0-9-]*-snippets?$/.test(k),
    family: "nginx.org/*-snippets",
  },
  {
    controller: "HAProxy Kubernetes Ingress Controller",
    matches: (k) => /^(?:ingress\.kubernetes\.io|haproxy\.org)\/[a-z0-9-]*-config-snippet$/.test(k),
    family: "haproxy.org/*-config-snippet",
  },
  {
    controller: "HAProxy Ingress",
    matches: (k) =>
      /^(?:ingress\.kubernetes\.io|haproxy-ingress\.github\.io)\/config-(?:backend|frontend|defaults|global|proxy|sections|tcp|tcp-service)$/.test(
        k,
      ),
    family: "haproxy-ingress.github.io/config-*",
  },
];

/** A snippet annotation found on an object. */
export interface SnippetAnnotation {
  /** Annotation key. */
  key: string;
  /** Property path. */
  where: string;
  /** The row that matched it. */
  row: SnippetRow;
}

/** The snippet annotations among an object's annotations. */
export function snippetAnnotations(annotations: Record<string, unknown> | undefined): SnippetAnnotation[] {
  return Object.keys(annotations ?? {}).flatMap((key) => {
    const row = SNIPPET_ROWS.find((r) => r.matches(key));
    return row ? [{ key, where: `metadata.annotations["${key}"]`, row }] : [];
  });
}
