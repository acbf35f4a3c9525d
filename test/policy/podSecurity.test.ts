import { strict as assert } from "node:assert";
import { policies } from "../../policy/policies";
import { messages, violations } from "./harness";
import { compliantPodSpec, deploymentWith, SPEC_PATH, WORKLOAD_KINDS, workload } from "./workloads";

const c0 = 'container "app" (spec.template.spec.containers[0])';

/** One violating variant: a single field changed on an otherwise compliant pod. */
interface Variant {
  what: string;
  mutate: (spec: any) => void;
  expect: RegExp;
}

const VARIANTS: Record<string, Variant[]> = {
  "pss-host-namespaces": [
    {
      what: "hostNetwork",
      mutate: (s) => {
        s.hostNetwork = true;
      },
      expect: /spec\.template\.spec\.hostNetwork is true/,
    },
    {
      what: "hostPID",
      mutate: (s) => {
        s.hostPID = true;
      },
      expect: /hostPID is true/,
    },
    {
      what: "hostIPC",
      mutate: (s) => {
        s.hostIPC = true;
      },
      expect: /hostIPC is true/,
    },
  ],
  "pss-privileged": [
    {
      what: "privileged container",
      mutate: (s) => {
        s.containers[0].securityContext.privileged = true;
      },
      expect: /container "app" .*securityContext\.privileged: true/,
    },
  ],
  "pss-capabilities-baseline": [
    {
      what: "SYS_ADMIN added",
      mutate: (s) => {
        s.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
      },
      expect: /outside the baseline set: SYS_ADMIN/,
    },
  ],
  "pss-host-path-volumes": [
    {
      what: "hostPath volume",
      mutate: (s) => {
        s.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
      },
      expect: /volumes\[1\] \("docker"\) is a hostPath volume/,
    },
  ],
  "pss-host-ports": [
    {
      what: "hostPort",
      mutate: (s) => {
        s.containers[0].ports[0].hostPort = 8080;
      },
      expect: /ports\[0\] binds hostPort 8080/,
    },
  ],
  "pss-apparmor": [
    {
      what: "unconfined container profile",
      mutate: (s) => {
        s.containers[0].securityContext.appArmorProfile = { type: "Unconfined" };
      },
      expect: /appArmorProfile.type Unconfined/,
    },
    {
      what: "unconfined pod profile",
      mutate: (s) => {
        s.securityContext.appArmorProfile = { type: "Unconfined" };
      },
      expect: /securityContext\.appArmorProfile\.type is Unconfined/,
    },
  ],
  "pss-selinux": [
    {
      what: "custom type",
      mutate: (s) => {
        s.securityContext.seLinuxOptions = { type: "spc_t" };
      },
      expect: /seLinuxOptions sets type "spc_t"/,
    },
    {
      what: "custom user",
      mutate: (s) => {
        s.containers[0].securityContext.seLinuxOptions = { user: "system_u" };
      },
      expect: /seLinuxOptions sets user "system_u"/,
    },
    {
      what: "custom role",
      mutate: (s) => {
        s.containers[0].securityContext.seLinuxOptions = { role: "sysadm_r" };
      },
      expect: /seLinuxOptions sets role "sysadm_r"/,
    },
  ],
  "pss-proc-mount": [
    {
      what: "unmasked /proc",
      mutate: (s) => {
        s.containers[0].securityContext.procMount = "Unmasked";
      },
      expect: /sets procMount Unmasked/,
    },
  ],
  "pss-seccomp": [
    {
      what: "no profile anywhere",
      mutate: (s) => {
        delete s.securityContext.seccompProfile;
      },
      expect: /has no seccomp profile/,
    },
    {
      what: "unconfined container",
      mutate: (s) => {
        s.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
      },
      expect: /runs with seccomp Unconfined/,
    },
    {
      what: "unconfined pod",
      mutate: (s) => {
        s.securityContext.seccompProfile = { type: "Unconfined" };
      },
      expect: /securityContext\.seccompProfile\.type is Unconfined/,
    },
  ],
  "pss-sysctls": [
    {
      what: "unsafe sysctl",
      mutate: (s) => {
        s.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }];
      },
      expect: /unsafe sysctl "kernel\.msgmax"/,
    },
  ],
  "pss-windows-host-process": [
    {
      what: "pod hostProcess",
      mutate: (s) => {
        s.securityContext.windowsOptions = { hostProcess: true };
      },
      expect: /windowsOptions\.hostProcess is true/,
    },
    {
      what: "container hostProcess",
      mutate: (s) => {
        s.containers[0].securityContext.windowsOptions = { hostProcess: true };
      },
      expect: /sets windowsOptions\.hostProcess: true/,
    },
  ],
  "pss-host-probes": [
    {
      what: "probe host",
      mutate: (s) => {
        s.containers[0].livenessProbe.httpGet.host = "10.0.0.1";
      },
      expect: /livenessProbe targets host "10\.0\.0\.1"/,
    },
    {
      what: "lifecycle host",
      mutate: (s) => {
        s.containers[0].lifecycle = { preStop: { tcpSocket: { port: 80, host: "metadata" } } };
      },
      expect: /lifecycle\.preStop targets host "metadata"/,
    },
  ],
  "pss-restricted-volumes": [
    {
      what: "nfs volume",
      mutate: (s) => {
        s.volumes.push({ name: "share", nfs: { server: "nfs", path: "/" } });
      },
      expect: /volumes\[1\] \("share"\) uses volume type nfs/,
    },
  ],
  "pss-allow-privilege-escalation": [
    {
      what: "unset",
      mutate: (s) => {
        delete s.containers[0].securityContext.allowPrivilegeEscalation;
      },
      expect: /leaves allowPrivilegeEscalation unset/,
    },
    {
      what: "true",
      mutate: (s) => {
        s.containers[0].securityContext.allowPrivilegeEscalation = true;
      },
      expect: /sets allowPrivilegeEscalation: true/,
    },
  ],
  "pss-run-as-non-root": [
    {
      what: "unset on pod and container",
      mutate: (s) => {
        delete s.securityContext.runAsNonRoot;
      },
      expect: new RegExp(`${c0.replace(/[()[\].]/g, "\\$&")} may run as root`),
    },
    {
      what: "container overrides to false",
      mutate: (s) => {
        s.containers[0].securityContext.runAsNonRoot = false;
      },
      expect: /sets runAsNonRoot: false/,
    },
  ],
  "pss-run-as-user": [
    {
      what: "pod runAsUser 0",
      mutate: (s) => {
        s.securityContext.runAsUser = 0;
      },
      expect: /securityContext\.runAsUser is 0/,
    },
    {
      what: "container runAsUser 0",
      mutate: (s) => {
        s.containers[0].securityContext.runAsUser = 0;
      },
      expect: /sets runAsUser: 0/,
    },
  ],
  "pss-capabilities-restricted": [
    {
      what: "drop missing",
      mutate: (s) => {
        delete s.containers[0].securityContext.capabilities;
      },
      expect: /does not drop ALL capabilities/,
    },
    {
      what: "adds more than NET_BIND_SERVICE",
      mutate: (s) => {
        s.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE", "CHOWN"];
      },
      expect: /adds CHOWN; only NET_BIND_SERVICE/,
    },
  ],
};

describe("policy pack: Pod Security Standards", () => {
  it("has a variant table for every pod security policy", () => {
    const pss = policies.map((p) => p.name).filter((n) => n.startsWith("pss-"));
    assert.deepEqual(Object.keys(VARIANTS).sort(), pss.sort());
  });

  for (const [policy, variants] of Object.entries(VARIANTS)) {
    describe(policy, () => {
      it("passes the compliant pod", async () => {
        assert.deepEqual(await messages(policy, workload("Deployment")), []);
      });
      for (const v of variants) {
        it(`reports: ${v.what}`, async () => {
          const found = await violations(policy, deploymentWith(v.mutate));
          assert.equal(found.length, 1, JSON.stringify(found));
          assert.match(found[0].message, v.expect);
          assert.equal(found[0].level, "mandatory");
          assert.equal(found[0].policy, policy);
          assert.equal(found[0].type, "kubernetes:apps/v1:Deployment");
          assert.equal(found[0].name, "subject");
        });
      }
    });
  }

  describe("every workload kind and container list", () => {
    for (const kind of WORKLOAD_KINDS) {
      it(`reads the pod of a ${kind}`, async () => {
        const spec = compliantPodSpec();
        spec.containers[0].securityContext.privileged = true;
        assert.deepEqual(await messages("pss-privileged", workload(kind)), []);
        const [msg] = await messages("pss-privileged", workload(kind, spec));
        assert.equal(msg, `container "app" (${SPEC_PATH[kind]}.containers[0]) sets securityContext.privileged: true.`);
      });
    }

    it("checks init and ephemeral containers too", async () => {
      const spec = compliantPodSpec();
      spec.initContainers = [
        {
          ...spec.containers[0],
          name: "migrate",
          securityContext: { ...spec.containers[0].securityContext, runAsUser: 0 },
        },
      ];
      spec.ephemeralContainers = [{ name: "debug", image: "busybox:1.36", securityContext: { privileged: true } }];
      assert.deepEqual(await messages("pss-run-as-user", workload("Pod", spec)), [
        'init container "migrate" (spec.initContainers[0]) sets runAsUser: 0.',
      ]);
      assert.deepEqual(await messages("pss-privileged", workload("Pod", spec)), [
        'ephemeral container "debug" (spec.ephemeralContainers[0]) sets securityContext.privileged: true.',
      ]);
    });

    it("ignores resources that carry no pod", async () => {
      assert.deepEqual(
        await messages("pss-run-as-non-root", { type: "kubernetes:core/v1:ConfigMap", props: { data: { a: "b" } } }),
        [],
      );
    });
  });

  describe("pod and container settings combine as Kubernetes resolves them", () => {
    it("accepts runAsNonRoot set only on the pod", async () => {
      assert.deepEqual(
        await messages(
          "pss-run-as-non-root",
          deploymentWith(() => {}),
        ),
        [],
      );
    });

    it("accepts runAsNonRoot set only on the container", async () => {
      const d = deploymentWith((s) => {
        delete s.securityContext.runAsNonRoot;
        s.containers[0].securityContext.runAsNonRoot = true;
      });
      assert.deepEqual(await messages("pss-run-as-non-root", d), []);
    });

    it("lets a container's false override the pod's true", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].securityContext.runAsNonRoot = false;
      });
      assert.equal((await messages("pss-run-as-non-root", d)).length, 1);
    });

    it("accepts a seccomp profile inherited from the pod, and one set only on the container", async () => {
      assert.deepEqual(
        await messages(
          "pss-seccomp",
          deploymentWith(() => {}),
        ),
        [],
      );
      const onContainer = deploymentWith((s) => {
        delete s.securityContext.seccompProfile;
        s.containers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "app.json" };
      });
      assert.deepEqual(await messages("pss-seccomp", onContainer), []);
    });

    it("lets a container's RuntimeDefault stand although the pod says Unconfined, but reports the pod", async () => {
      const d = deploymentWith((s) => {
        s.securityContext.seccompProfile = { type: "Unconfined" };
        s.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
      });
      assert.deepEqual(await messages("pss-seccomp", d), [
        "spec.template.spec.securityContext.seccompProfile.type is Unconfined.",
      ]);
    });

    it("exempts pods in their own user namespace from the non-root checks", async () => {
      const d = deploymentWith((s) => {
        s.hostUsers = false;
        delete s.securityContext.runAsNonRoot;
        s.securityContext.runAsUser = 0;
      });
      assert.deepEqual(await messages("pss-run-as-non-root", d), []);
      assert.deepEqual(await messages("pss-run-as-user", d), []);
    });

    it("exempts Windows pods from the Linux-only restricted controls", async () => {
      const d = deploymentWith((s) => {
        s.os = { name: "windows" };
        delete s.securityContext.seccompProfile;
        delete s.containers[0].securityContext.allowPrivilegeEscalation;
        delete s.containers[0].securityContext.capabilities;
      });
      for (const p of ["pss-seccomp", "pss-allow-privilege-escalation", "pss-capabilities-restricted"]) {
        assert.deepEqual(await messages(p, d), [], p);
      }
    });

    it("accepts AppArmor runtime/default and localhost annotations and reports unconfined", async () => {
      const ok = workload("Deployment", compliantPodSpec(), {
        labels: { app: "app" },
        annotations: { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-app" },
      });
      assert.deepEqual(await messages("pss-apparmor", ok), []);
      const bad = workload("Deployment", compliantPodSpec(), {
        labels: { app: "app" },
        annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" },
      });
      assert.match(
        (await messages("pss-apparmor", bad))[0],
        /annotation container\.apparmor\.security\.beta\.kubernetes\.io\/app is "unconfined"/,
      );
    });
  });
});
