/** Ingress controllers whose annotations the model reads. */
export type IngressController = "ingress-nginx" | "aws-load-balancer-controller" | "nginx-inc" | "haproxy" | "unknown";

/** How to recognise a controller: its IngressClass `spec.controller`, conventional class names, its annotation prefix. */
interface ControllerRow {
  controller: Exclude<IngressController, "unknown">;
  classControllers: string[];
  classNames: string[];
  annotationPrefix: string;
}

const CONTROLLERS: ControllerRow[] = [
  {
    controller: "ingress-nginx",
    classControllers: ["k8s.io/ingress-nginx"],
    classNames: ["nginx"],
    annotationPrefix: "nginx.ingress.kubernetes.io/",
  },
  {
    controller: "aws-load-balancer-controller",
    classControllers: ["ingress.k8s.aws/alb", "eks.amazonaws.com/alb"],
    classNames: ["alb"],
    annotationPrefix: "alb.ingress.kubernetes.io/",
  },
  {
    controller: "nginx-inc",
    classControllers: ["nginx.org/ingress-controller"],
    classNames: [],
    annotationPrefix: "nginx.org/",
  },
  {
    controller: "haproxy",
    classControllers: ["haproxy.org/ingress-controller/haproxy", "haproxy-ingress.github.io/controller"],
    classNames: ["haproxy"],
    annotationPrefix: "haproxy.org/",
  },
];

/**
 * The controller serving an Ingress: the one its IngressClass names (`classControllers`, from the
 * stack's IngressClasses by name), else the one a conventional class name means, else the one
 * whose annotations it carries, else `unknown`.
 */
export function ingressControllerOf(
  className: string | undefined,
  annotations: Record<string, unknown>,
  classControllers: ReadonlyMap<string, string> = new Map(),
): IngressController {
  const declared = className !== undefined ? classControllers.get(className) : undefined;
  const byClass =
    declared !== undefined
      ? CONTROLLERS.find((c) => c.classControllers.includes(declared))
      : CONTROLLERS.find((c) => className !== undefined && c.classNames.includes(className));
  if (byClass) return byClass.controller;
  if (declared !== undefined) return "unknown";
  const keys = Object.keys(annotations);
  return CONTROLLERS.find((c) => keys.some((k) => k.startsWith(c.annotationPrefix)))?.controller ?? "unknown";
}
