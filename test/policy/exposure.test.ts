import { strict as assert } from "node:assert";
import * as path from "node:path";
import { entryPoints } from "../../policy/lib/exposure";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, TestResource } from "./harness";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "exposure.json");
const NGINX = "nginx.ingress.kubernetes.io";
const ALB = "alb.ingress.kubernetes.io";
const GW = "kubernetes:gateway.networking.k8s.io/v1:Gateway";

const rule = (host?: string) => ({
  ...(host ? { host } : {}),
  http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] },
});

function ingress(
  annotations: Record<string, string>,
  spec: any,
  type = "kubernetes:networking.k8s.io/v1:Ingress",
): TestResource {
  return { type, name: "web", props: { metadata: { name: "web", namespace: "team", annotations }, spec } };
}
const nginxTls = (annotations: Record<string, string> = {}) =>
  ingress(annotations, {
    ingressClassName: "nginx",
    tls: [{ hosts: ["*.example.com"], secretName: "web-tls" }],
    rules: [rule("api.example.com")],
  });
const alb = (
  annotations: Record<string, string>,
  spec: any = { ingressClassName: "alb", rules: [rule("api.example.com")] },
) => ingress(annotations, spec);

function service(
  spec: any,
  annotations: Record<string, string> = {},
  type = "kubernetes:core/v1:Service",
): TestResource {
  return { type, name: "svc", props: { metadata: { name: "svc", namespace: "team", annotations }, spec } };
}
function gateway(listeners: any[], type = GW): TestResource {
  return {
    type,
    name: "edge",
    props: { metadata: { name: "edge", namespace: "team" }, spec: { gatewayClassName: "gc", listeners } },
  };
}
function route(
  name: string,
  rules: any[],
  parentRef: any = { name: "edge", sectionName: "http" },
  kind = "HTTPRoute",
): TestResource {
  return {
    type: `kubernetes:gateway.networking.k8s.io/v1:${kind}`,
    name,
    props: { metadata: { name, namespace: "team" }, spec: { parentRefs: [parentRef], rules } },
  };
}
const HTTP_LISTENER = { name: "http", protocol: "HTTP", port: 80 };
const HTTPS_LISTENER = {
  name: "https",
  protocol: "HTTPS",
  port: 443,
  tls: { certificateRefs: [{ name: "edge-tls" }] },
};
const REDIRECT = [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }];
const FORWARD = [{ backendRefs: [{ name: "web", port: 80 }] }];

describe("exposure model", () => {
  it("gives each kind of object its entry points, with the property that opens each", () => {
    assert.deepEqual(
      entryPoints(
        "kubernetes:core/v1:Service",
        service({ type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }).props,
      ).map((e) => [e.kind, e.where, e.port, e.protocol, e.tls]),
      [["nodePort", "spec.ports[0]", 30080, "tcp", false]],
    );
    assert.deepEqual(
      entryPoints(GW, gateway([HTTP_LISTENER, HTTPS_LISTENER]).props).map((e) => [
        e.kind,
        e.listener,
        e.protocol,
        e.tls,
      ]),
      [
        ["gatewayListener", "http", "http", false],
        ["gatewayListener", "https", "https", true],
      ],
    );
    assert.deepEqual(
      entryPoints("kubernetes:networking.k8s.io/v1:Ingress", nginxTls().props).map((e) => [
        e.port,
        e.protocol,
        e.tls,
        e.redirect,
      ]),
      [
        [80, "http", false, "spec.tls (the controller redirects TLS hosts by default)"],
        [443, "https", true, undefined],
      ],
    );
    assert.deepEqual(entryPoints("kubernetes:core/v1:ConfigMap", { data: {} }), []);
  });

  it("reads any API version of a group, and a Patch kind as the same kind", () => {
    for (const type of [
      "kubernetes:gateway.networking.k8s.io/v1beta1:Gateway",
      "kubernetes:gateway.networking.k8s.io/v1alpha2:GatewayPatch",
    ])
      assert.equal(entryPoints(type, gateway([HTTP_LISTENER]).props)[0]?.protocol, "http", type);
    assert.equal(
      entryPoints("kubernetes:networking.istio.io/v1beta1:Gateway", {
        spec: { servers: [{ port: { number: 80, protocol: "HTTP" } }] },
      })[0]?.kind,
      "meshGateway",
    );
  });
});

describe("ingress-tls through the exposure model", () => {
  it("passes a wildcard TLS host covering the rule, with ingress-nginx's redirect on", async () => {
    assert.deepEqual(await messages("ingress-tls", nginxTls()), []);
    assert.deepEqual(await messages("ingress-tls", nginxTls({ [`${NGINX}/ssl-redirect`]: "true" })), []);
  });

  /** Annotation rows: what each does to a TLS Ingress, and the annotation a finding must name (none: compliant). */
  const ROWS: { title: string; ing: TestResource; names?: RegExp }[] = [
    {
      title: "ingress-nginx ssl-redirect false",
      ing: nginxTls({ [`${NGINX}/ssl-redirect`]: "false" }),
      names: /nginx\.ingress\.kubernetes\.io\/ssl-redirect"\] is "false".*port 80.*Fix: remove/,
    },
    {
      title: "ingress-nginx ssl-redirect false, force-ssl-redirect false",
      ing: nginxTls({ [`${NGINX}/ssl-redirect`]: "false", [`${NGINX}/force-ssl-redirect`]: "false" }),
      names: /ssl-redirect"\] is "false"/,
    },
    {
      title: "ingress-nginx ssl-redirect false but force-ssl-redirect true",
      ing: nginxTls({ [`${NGINX}/ssl-redirect`]: "false", [`${NGINX}/force-ssl-redirect`]: "true" }),
    },
    {
      title: "ingress-nginx force-ssl-redirect false alone (the default)",
      ing: nginxTls({ [`${NGINX}/force-ssl-redirect`]: "false" }),
    },
    {
      title: "an ALB annotation on an nginx-class Ingress is inert",
      ing: nginxTls({ [`${ALB}/listen-ports`]: '[{"HTTP": 80}]' }),
    },
    {
      title: "ALB listen-ports HTTP+HTTPS without ssl-redirect",
      ing: alb({
        [`${ALB}/listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]',
        [`${ALB}/certificate-arn`]: "arn:aws:acm:eu-west-1:1:certificate/x",
      }),
      names:
        /listen-ports"\] opens HTTP on port 80 and no alb\.ingress\.kubernetes\.io\/ssl-redirect.*Fix: add alb\.ingress\.kubernetes\.io\/ssl-redirect/,
    },
    {
      title: "ALB listen-ports HTTP+HTTPS with ssl-redirect 443",
      ing: alb({
        [`${ALB}/listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]',
        [`${ALB}/ssl-redirect`]: "443",
        [`${ALB}/certificate-arn`]: "arn:aws:acm:eu-west-1:1:certificate/x",
      }),
    },
    {
      title: "ALB with a certificate-arn and the default listener (HTTPS 443 only)",
      ing: alb({ [`${ALB}/certificate-arn`]: "arn:aws:acm:eu-west-1:1:certificate/x" }),
    },
    {
      title: "ALB with spec.tls hosts to discover a certificate",
      ing: alb(
        { [`${ALB}/listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]', [`${ALB}/ssl-redirect`]: "443" },
        { ingressClassName: "alb", tls: [{ hosts: ["api.example.com"] }], rules: [rule("api.example.com")] },
      ),
    },
    {
      title: "ALB with no certificate-arn nor spec.tls",
      ing: alb({ [`${ALB}/listen-ports`]: '[{"HTTPS": 443}]' }),
      names: /no alb\.ingress\.kubernetes\.io\/certificate-arn.*plain HTTP/,
    },
    {
      title: "ALB listen-ports HTTP only",
      ing: alb({
        [`${ALB}/listen-ports`]: '[{"HTTP": 8080}]',
        [`${ALB}/certificate-arn`]: "arn:aws:acm:eu-west-1:1:certificate/x",
      }),
      names: /opens HTTP on port 8080/,
    },
    {
      title: "an IngressPatch turning the redirect off",
      ing: ingress({ [`${NGINX}/ssl-redirect`]: "false" }, undefined, "kubernetes:networking.k8s.io/v1:IngressPatch"),
      names: /ssl-redirect"\] is "false": ingress-nginx serves every host it serves/,
    },
    {
      title: "an IngressPatch setting an unrelated annotation",
      ing: ingress({ [`${NGINX}/proxy-body-size`]: "8m" }, undefined, "kubernetes:networking.k8s.io/v1:IngressPatch"),
    },
    {
      title: "an extensions/v1beta1 Ingress turning the redirect off",
      ing: ingress(
        { [`${NGINX}/ssl-redirect`]: "false" },
        nginxTls().props.spec,
        "kubernetes:extensions/v1beta1:Ingress",
      ),
      names: /ssl-redirect/,
    },
  ];
  for (const row of ROWS)
    it(`${row.names ? "reports" : "passes"} ${row.title}`, async () => {
      const found = await messages("ingress-tls", row.ing);
      if (!row.names) assert.deepEqual(found, []);
      else {
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0], row.names);
      }
    });
});

describe("no-plaintext-exposure", () => {
  it("passes ClusterIP Services, internal and TLS LoadBalancers (left to service-load-balancer-tls)", async () => {
    assert.deepEqual(
      await messages("no-plaintext-exposure", [
        service({ type: "ClusterIP", ports: [{ port: 80 }] }),
        service(
          { type: "LoadBalancer", ports: [{ port: 443 }] },
          { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
        ),
        service(
          { type: "LoadBalancer", ports: [{ port: 443 }] },
          { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
        ),
      ]),
      [],
    );
  });

  it("reports a NodePort Service port by port, a ServicePatch to NodePort, and external IPs", async () => {
    assert.deepEqual(
      (
        await messages(
          "no-plaintext-exposure",
          service({
            type: "NodePort",
            ports: [
              { name: "http", port: 80 },
              { port: 53, protocol: "UDP", nodePort: 30053 },
            ],
          }),
        )
      ).map((m) => m.replace(/\. Fix:.*/, "")),
      [
        "spec.ports[0]: type NodePort opens port http on every node's address, where nothing terminates TLS",
        "spec.ports[1]: type NodePort opens port 53 on every node's address (node port 30053), where nothing terminates TLS",
      ],
    );
    const patch = await messages(
      "no-plaintext-exposure",
      service({ type: "NodePort" }, {}, "kubernetes:core/v1:ServicePatch"),
    );
    assert.match(patch[0], /^spec\.type: type NodePort .*Fix: use type ClusterIP/);
    const ips = await messages(
      "no-plaintext-exposure",
      service({ type: "ClusterIP", externalIPs: ["203.0.113.7"], ports: [{ port: 80 }] }),
    );
    assert.match(ips[0], /spec\.externalIPs\[0\]: spec\.externalIPs routes 203\.0\.113\.7:80/);
  });

  it("passes a Gateway whose HTTP listener only carries an HTTPRoute redirecting to https", async () => {
    assert.deepEqual(
      await messages("no-plaintext-exposure", [
        gateway([HTTP_LISTENER, HTTPS_LISTENER]),
        route("redirect", REDIRECT),
        route("app", FORWARD, { name: "edge", sectionName: "https" }),
      ]),
      [],
    );
  });

  it("reports an HTTP listener with no route, and both listener and route when a route serves on it", async () => {
    const alone = await messages("no-plaintext-exposure", gateway([HTTP_LISTENER]));
    assert.match(
      alone[0],
      /^spec\.listeners\[0\]: listener "http" is protocol HTTP on port 80, in the clear\. Fix: make it protocol HTTPS/,
    );
    const served = await messages("no-plaintext-exposure", [
      gateway([HTTP_LISTENER, HTTPS_LISTENER], "kubernetes:gateway.networking.k8s.io/v1beta1:Gateway"),
      route("redirect", REDIRECT),
      route("app", FORWARD, { name: "edge" }),
      route("passthrough", [{ backendRefs: [{ name: "db", port: 5432 }] }], { name: "edge", port: 80 }, "TLSRoute"),
    ]);
    assert.equal(served.length, 3, served.join("\n"));
    assert.match(served[0], /in the clear and serving HTTPRoute app, TLSRoute passthrough/);
    assert.match(
      served[1],
      /^HTTPRoute app attaches to listener "http" of Gateway edge, which is protocol HTTP in the clear/,
    );
    assert.match(served[2], /^TLSRoute passthrough attaches to listener "http"/);
  });

  it("does not count a redirect without the https scheme, nor a route of another Gateway", async () => {
    const found = await messages("no-plaintext-exposure", [
      gateway([HTTP_LISTENER]),
      route("to-path", [
        {
          filters: [
            { type: "RequestRedirect", requestRedirect: { path: { type: "ReplaceFullPath", replaceFullPath: "/" } } },
          ],
        },
      ]),
      route("other", REDIRECT, { name: "other-gw" }),
    ]);
    assert.equal(found.length, 2, found.join("\n"));
    assert.match(found[0], /serving HTTPRoute to-path\./);
  });

  it("reports TCP listeners, and Istio servers in the clear unless they redirect", async () => {
    assert.match(
      (await messages("no-plaintext-exposure", gateway([{ name: "db", protocol: "TCP", port: 5432 }])))[0],
      /protocol TCP on port 5432/,
    );
    const istio = (servers: any[]): TestResource => ({
      type: "kubernetes:networking.istio.io/v1:Gateway",
      name: "mesh",
      props: { metadata: { name: "mesh" }, spec: { servers } },
    });
    assert.deepEqual(
      await messages(
        "no-plaintext-exposure",
        istio([
          { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"], tls: { httpsRedirect: true } },
          {
            port: { number: 443, name: "https", protocol: "HTTPS" },
            hosts: ["*"],
            tls: { mode: "SIMPLE", credentialName: "c" },
          },
        ]),
      ),
      [],
    );
    const found = await messages(
      "no-plaintext-exposure",
      istio([{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }]),
    );
    assert.match(
      found[0],
      /^spec\.servers\[0\]: server "http" is protocol HTTP on port 80 without tls\.httpsRedirect\. Fix: .*httpsRedirect: true/,
    );
  });
});

describe("no-ingress-snippets", () => {
  const SNIPPETS: [string, boolean][] = [
    [`${NGINX}/configuration-snippet`, true],
    [`${NGINX}/server-snippet`, true],
    [`${NGINX}/auth-snippet`, true],
    [`${NGINX}/stream-snippet`, true],
    [`${NGINX}/modsecurity-snippet`, true],
    ["nginx.org/server-snippets", true],
    ["nginx.org/location-snippets", true],
    ["haproxy.org/backend-config-snippet", true],
    ["haproxy-ingress.github.io/config-backend", true],
    [`${NGINX}/proxy-body-size`, false],
    [`${NGINX}/custom-headers`, false],
    ["nginx.org/redirect-to-https", false],
  ];
  for (const [key, refused] of SNIPPETS)
    it(`${refused ? "refuses" : "allows"} ${key}`, async () => {
      const found = await messages("no-ingress-snippets", nginxTls({ [key]: "more_set_headers 'X: y';" }));
      if (!refused) assert.deepEqual(found, []);
      else
        assert.match(
          found[0],
          new RegExp(`^metadata\\.annotations\\["${key.replace(/[./]/g, "\\$&")}"\\] injects raw .* Fix: remove it`),
        );
    });

  it("refuses a snippet on a Service and on an IngressPatch, not on other kinds", async () => {
    const key = "haproxy.org/backend-config-snippet";
    assert.equal((await messages("no-ingress-snippets", service({ type: "ClusterIP" }, { [key]: "x" }))).length, 1);
    assert.equal(
      (
        await messages(
          "no-ingress-snippets",
          ingress({ [`${NGINX}/server-snippet`]: "x" }, undefined, "kubernetes:networking.k8s.io/v1:IngressPatch"),
        )
      ).length,
      1,
    );
    assert.deepEqual(
      await messages("no-ingress-snippets", {
        type: "kubernetes:core/v1:ConfigMap",
        props: { metadata: { name: "c", annotations: { [key]: "x" } } },
      }),
      [],
    );
  });
});

const VIOLATES: Record<string, string[]> = {
  nodeport: ["no-plaintext-exposure"],
  "nginx-redirect-off": ["ingress-tls"],
  "alb-http-no-redirect": ["ingress-tls"],
  snippet: ["no-ingress-snippets"],
  "gw-http": ["no-plaintext-exposure"],
  "route-plain": ["no-plaintext-exposure"],
  "istio-http": ["no-plaintext-exposure"],
};
const UNDER_TEST = new Set(["ingress-tls", "no-plaintext-exposure", "no-ingress-snippets"]);

describe("exposure cases in all three --input forms", () => {
  itInEachInputForm(FIXTURE, (report) => {
    const names = assertBrokenPolicies(
      report,
      (name) => (name.startsWith("compliant-") ? [] : VIOLATES[name]),
      UNDER_TEST,
    );
    for (const name of Object.keys(VIOLATES)) assert.ok(names.includes(name), `${name} is in the run`);
    assert.ok(names.filter((n) => n.startsWith("compliant-")).length >= 6, "the compliant twins are in the run");
  });
});
