import { IngressController } from "./ingressControllers";

/** What a controller's configuration decides about an Ingress's listeners. */
export interface IngressSettings {
  /** Redirect HTTP to HTTPS for the hosts TLS covers (ingress-nginx's `ssl-redirect`). */
  sslRedirect: boolean;
  /** Redirect HTTP to HTTPS whatever TLS covers (ingress-nginx's `force-ssl-redirect`). */
  forceSslRedirect: boolean;
  /** The listeners, when configured (the AWS Load Balancer Controller's `listen-ports`). @default the controller's */
  listenPorts?: { protocol: "http" | "https"; port: number }[];
  /** HTTPS port every HTTP listener redirects to (the AWS Load Balancer Controller's `ssl-redirect`). @default none */
  sslRedirectPort?: number;
  /** Whether the controller holds a certificate for every host (the AWS Load Balancer Controller's `certificate-arn`). */
  certificate: boolean;
  /** Whether the load balancer is internal. */
  internal: boolean;
}

/** How a row reads its value. */
export type SettingReader = "boolean" | "port" | "listenPorts" | "present" | "internalScheme";

/** One controller setting: the annotation (or IngressClassParams field) that sets it, how to read it, what undoes it. */
export interface SettingRow {
  /** Controller that honours it. */
  controller: IngressController;
  /** Annotation key on the Ingress. */
  annotation: string;
  /** Field of the controller's IngressClassParams that sets it for the whole class. @default none */
  classParam?: string;
  /** Setting it sets. */
  setting: keyof IngressSettings;
  /** How its value reads. */
  read: SettingReader;
  /** What to do when it leaves HTTP in the clear. */
  fix: string;
}

const NGINX = "nginx.ingress.kubernetes.io";
const ALB = "alb.ingress.kubernetes.io";

/** Every annotation the model reads, per controller. */
export const INGRESS_SETTING_ROWS: SettingRow[] = [
  {
    controller: "ingress-nginx",
    annotation: `${NGINX}/ssl-redirect`,
    setting: "sslRedirect",
    read: "boolean",
    fix: `remove ${NGINX}/ssl-redirect or set it to "true"`,
  },
  {
    controller: "ingress-nginx",
    annotation: `${NGINX}/force-ssl-redirect`,
    setting: "forceSslRedirect",
    read: "boolean",
    fix: `set ${NGINX}/force-ssl-redirect: "true"`,
  },
  {
    controller: "aws-load-balancer-controller",
    annotation: `${ALB}/listen-ports`,
    setting: "listenPorts",
    read: "listenPorts",
    fix: `add ${ALB}/ssl-redirect: "443", or list only HTTPS ports in ${ALB}/listen-ports`,
  },
  {
    controller: "aws-load-balancer-controller",
    annotation: `${ALB}/ssl-redirect`,
    classParam: "sslRedirectPort",
    setting: "sslRedirectPort",
    read: "port",
    fix: `set ${ALB}/ssl-redirect to the HTTPS port of ${ALB}/listen-ports`,
  },
  {
    controller: "aws-load-balancer-controller",
    annotation: `${ALB}/certificate-arn`,
    classParam: "certificateArn",
    setting: "certificate",
    read: "present",
    fix: `set ${ALB}/certificate-arn to the ACM certificate of the hosts, or list them in spec.tls for discovery`,
  },
  {
    controller: "aws-load-balancer-controller",
    annotation: `${ALB}/scheme`,
    classParam: "scheme",
    setting: "internal",
    read: "internalScheme",
    fix: `set ${ALB}/scheme: internal`,
  },
  {
    controller: "nginx-inc",
    annotation: "ingress.kubernetes.io/ssl-redirect",
    setting: "sslRedirect",
    read: "boolean",
    fix: 'remove ingress.kubernetes.io/ssl-redirect or set it to "true"',
  },
  {
    controller: "nginx-inc",
    annotation: "nginx.org/redirect-to-https",
    setting: "forceSslRedirect",
    read: "boolean",
    fix: 'set nginx.org/redirect-to-https: "true"',
  },
  {
    controller: "haproxy",
    annotation: "haproxy.org/ssl-redirect",
    setting: "sslRedirect",
    read: "boolean",
    fix: 'remove haproxy.org/ssl-redirect or set it to "true"',
  },
];

/** Each controller's settings when nothing is annotated (the AWS Load Balancer Controller's listeners follow the certificate). */
export const INGRESS_SETTING_DEFAULTS: Record<IngressController, IngressSettings> = {
  "ingress-nginx": { sslRedirect: true, forceSslRedirect: false, certificate: false, internal: false },
  "aws-load-balancer-controller": { sslRedirect: false, forceSslRedirect: false, certificate: false, internal: true },
  "nginx-inc": { sslRedirect: true, forceSslRedirect: false, certificate: false, internal: false },
  haproxy: { sslRedirect: true, forceSslRedirect: false, certificate: false, internal: false },
  unknown: { sslRedirect: true, forceSslRedirect: false, certificate: false, internal: false },
};
