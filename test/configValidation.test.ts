import { strict as assert } from "node:assert";
import { runCli } from "./fixtures/cli";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

/**
 * Every kind of bad stack input stops the checker (and so the program) before any resource is
 * rendered: exit code 2, nothing on stdout, and one stderr line naming the stack file, the key
 * path and what was expected.
 */
async function expectConfigError(
  content: Record<string, unknown> | string,
  expected: RegExp | RegExp[],
  stack = "bad",
): Promise<void> {
  const expectedLines = Array.isArray(expected) ? expected : [expected];
  const project = tempProject(stack, content);
  try {
    const run = await runCli(["check", "--stack", stack], { projectDir: project.dir });
    assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
    assert.equal(run.stdout, "", "nothing on stdout");
    const lines = run.stderr.trimEnd().split("\n");
    assert.equal(lines.length, expectedLines.length, `${expectedLines.length} line(s), got: ${run.stderr}`);
    expectedLines.forEach((re, i) => assert.match(lines[i], re));
    assert.doesNotMatch(run.stderr, /\s+at\s+\S+\s+\(/, "no stack trace");
  } finally {
    project.cleanup();
  }
}

function staging(mutate: (config: Record<string, any>) => void): Record<string, any> {
  const config = stackConfigOf("staging");
  mutate(config);
  return config;
}

function prod(mutate: (config: Record<string, any>) => void): Record<string, any> {
  const config = stackConfigOf("prod");
  mutate(config);
  return config;
}

describe("bad stack input stops with exit 2 and one line", () => {
  it("a stack file that is not YAML", () =>
    expectConfigError(
      "config:\n  platform:apps: [unclosed\n",
      /^error: Pulumi\.bad\.yaml: not valid YAML at line \d+, column \d+: /,
    ));

  it("a stack file whose top level is not a mapping", () =>
    expectConfigError("- just\n- a list\n", /^error: Pulumi\.bad\.yaml: expected a mapping with a "config" key/));

  it("a missing required key", () =>
    expectConfigError(
      staging((c) => delete c["platform:domain"]),
      /^error: Pulumi\.bad\.yaml: platform:domain: required key is missing \(expected a string\)/,
    ));

  it("replicas below 1", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][1].replicas = 0;
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[1\]\.replicas: expected a number >= 1, got 0$/,
    ));

  it('a quantity like "2 GB"', () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].resources.limits.memory = "2 GB";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.resources\.limits\.memory: expected a memory quantity such as "512Mi" or "2Gi", got "2 GB"$/,
    ));

  it("an unknown app field", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][2].replica = 3;
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[2\]\.replica: unknown key \(did you mean "replicas"\?\)$/,
    ));

  it("an unknown top-level platform key", () =>
    expectConfigError(
      staging((c) => {
        c["platform:replicas"] = 3;
      }),
      /^error: Pulumi\.bad\.yaml: platform:replicas: unknown key/,
    ));

  it("two apps with one name", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][1].name = "api";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[1\]\.name: expected a unique app name, but "api" is also apps\[0\]$/,
    ));

  it("an image without a tag", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].image = "registry.acme-bank.example/lending/api";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.image: expected an image pinned to a version tag or digest.*, got "registry\.acme-bank\.example\/lending\/api"$/,
    ));

  it("an image with :latest in prod", () =>
    expectConfigError(
      prod((c) => {
        c["platform:apps"][1].image = "registry.acme-bank.example/lending/web:latest";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[1\]\.image: expected a version tag in prod, got ":latest"$/,
    ));

  it("an unknown --stack", async () => {
    const run = await runCli(["check", "--stack", "qa"]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr.trimEnd(),
      /^error: --stack: unknown stack "qa": no Pulumi\.qa\.yaml in \S+ \(expected one of: prod, staging\)$/,
    );
  });

  it("a dependency on an app that does not exist", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][2].dependsOn = ["ledger"];
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[2\]\.dependsOn\[0\]: expected the name of an app or data service in this stack \(api, web, worker, postgres, redis\), got "ledger"$/,
    ));

  it("a memory limit below the request", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].resources.limits.memory = "128Mi";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.resources\.limits\.memory: expected a memory limit >= the request \(1Gi\)$/,
    ));

  it("a limit above the namespace LimitRange ceiling", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].resources.limits.cpu = "3";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.resources\.limits\.cpu: expected at most limitRange\.max\.cpu \(2\)/,
    ));

  it("a PDB that would block every drain", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].disruptionBudget = { minAvailable: 2 };
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.disruptionBudget\.minAvailable: expected fewer than the minimum replica count \(2\)/,
    ));

  it("an ingress host outside the stack's domain", () =>
    expectConfigError(
      staging((c) => {
        c["platform:apps"][0].ingress.host = "api.other.example";
      }),
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.ingress\.host: expected a host under the stack domain "lending\.staging\.acme-bank\.example"$/,
    ));

  it("an unknown environment", () =>
    expectConfigError(
      staging((c) => {
        c["platform:environment"] = "qa";
      }),
      /^error: Pulumi\.bad\.yaml: platform:environment: expected one of "staging", "prod", got "qa"$/,
    ));

  it("a kubeconfig given in plain text", () =>
    expectConfigError(
      staging((c) => {
        c["platform:cluster"] = { kubeconfigFromConfig: true };
        c["platform:kubeconfig"] = "apiVersion: v1";
      }),
      /^error: Pulumi\.bad\.yaml: platform:kubeconfig: expected a secret value \(set it with "pulumi config set --secret"\), got plain text$/,
    ));

  it("accepts :latest in staging (the policy pack flags it there)", async () => {
    const project = tempProject(
      "ok",
      staging((c) => {
        c["platform:apps"][0].image = "registry.acme-bank.example/lending/api:latest";
      }),
    );
    try {
      const run = await runCli(["check", "--stack", "ok", "--json"], { projectDir: project.dir });
      assert.equal(run.code, 0, run.stderr);
    } finally {
      project.cleanup();
    }
  });

  it("accepts a kubeconfig from secret config", async () => {
    const project = tempProject(
      "ok",
      staging((c) => {
        c["platform:cluster"] = { kubeconfigFromConfig: true };
        c["platform:kubeconfig"] = { secure: "v1:AAAAencryptedAAAA" };
      }),
    );
    try {
      const run = await runCli(["check", "--stack", "ok", "--json"], { projectDir: project.dir });
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      const provider = report.resources.find((r: { type: string }) => r.type === "pulumi:providers:kubernetes");
      assert.equal(provider.props.kubeconfig, "[secret]");
      assert.ok(!run.stdout.includes("encryptedAAAA"));
    } finally {
      project.cleanup();
    }
  });

  describe("data tier", () => {
    const cases: [string, (c: Record<string, any>) => void, RegExp, "staging" | "prod"][] = [
      [
        "an unknown mode",
        (c) => {
          c["platform:data"].postgres.mode = "rds";
        },
        /platform:data\.postgres\.mode: expected one of "managed", "in-cluster", got "rds"$/,
        "staging",
      ],
      [
        'RDS storage given as "100GB"',
        (c) => {
          c["platform:data"].postgres.storageGb = "100GB";
        },
        /platform:data\.postgres\.storageGb: expected a size in GiB as a whole number, such as 100, got "100GB"$/,
        "prod",
      ],
      [
        "RDS storage below 20 GiB",
        (c) => {
          c["platform:data"].postgres.storageGb = 10;
        },
        /platform:data\.postgres\.storageGb: expected at least 20 GiB \(the RDS gp3 minimum\), got 10$/,
        "prod",
      ],
      [
        "backup retention above 35 days",
        (c) => {
          c["platform:data"].postgres.backupRetentionDays = 36;
        },
        /platform:data\.postgres\.backupRetentionDays: expected 1 to 35 days, got 36$/,
        "prod",
      ],
      [
        "backup retention of 0 days",
        (c) => {
          c["platform:data"].postgres.backupRetentionDays = 0;
        },
        /platform:data\.postgres\.backupRetentionDays: expected 1 to 35 days, got 0$/,
        "prod",
      ],
      [
        "an instance class that is not db.*",
        (c) => {
          c["platform:data"].postgres.instanceClass = "r6g.large";
        },
        /platform:data\.postgres\.instanceClass: expected an RDS instance class such as "db\.r6g\.large", got "r6g\.large"$/,
        "prod",
      ],
      [
        "a node type that is not cache.*",
        (c) => {
          c["platform:data"].redis.nodeType = "r6g.large";
        },
        /platform:data\.redis\.nodeType: expected an ElastiCache node type such as "cache\.r6g\.large", got "r6g\.large"$/,
        "prod",
      ],
      [
        "managed services without a network",
        (c) => {
          delete c["platform:aws"].network;
        },
        /platform:aws\.network: required key is missing \(expected the network of managed data services, because data\.postgres\.mode is managed\)$/,
        "prod",
      ],
      [
        "a network missing a key",
        (c) => {
          delete c["platform:aws"].network.vpcCidr;
        },
        /platform:aws\.network\.vpcCidr: required key is missing \(expected it, or network\.stackReference, because data\.postgres\.mode is managed\)$/,
        "prod",
      ],
      [
        "a malformed VPC id",
        (c) => {
          c["platform:aws"].network.vpcId = "vpc-xyz";
        },
        /platform:aws\.network\.vpcId: expected a VPC id such as "vpc-0a1b2c3d", got "vpc-xyz"$/,
        "prod",
      ],
      [
        "a single private subnet",
        (c) => {
          c["platform:aws"].network.privateSubnetIds = ["subnet-0a1b2c3d4e5f60001"];
        },
        /platform:aws\.network\.privateSubnetIds: expected at least 2 private subnets in different AZs/,
        "prod",
      ],
      [
        "backups without PostgreSQL",
        (c) => {
          delete c["platform:data"].postgres;
          c["platform:apps"].forEach((a: any) => {
            a.dependsOn = (a.dependsOn ?? []).filter((d: string) => d !== "postgres");
          });
        },
        /platform:data\.backups: expected data\.postgres to be set/,
        "staging",
      ],
      [
        "a malformed OIDC provider ARN",
        (c) => {
          c["platform:aws"].oidcProviderArn = "oidc.eks.amazonaws.com/id/X";
        },
        /platform:aws\.oidcProviderArn: expected the cluster's IAM OIDC provider ARN/,
        "staging",
      ],
    ];
    for (const [what, mutate, expected, stack] of cases) {
      it(what, () =>
        expectConfigError(
          stack === "staging" ? staging(mutate) : prod(mutate),
          new RegExp(`^error: Pulumi\\.bad\\.yaml: ${expected.source}`),
        ),
      );
    }

    it("a dependency on a data service that does not exist, named for every app that has it", () =>
      expectConfigError(
        staging((c) => {
          delete c["platform:data"].redis;
        }),
        [
          /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.dependsOn\[1\]: expected the name of an app or data service in this stack \(api, web, worker, postgres\), got "redis"$/,
          /^error: Pulumi\.bad\.yaml: platform:apps\[2\]\.dependsOn\[2\]: expected the name of an app or data service in this stack \(api, web, worker, postgres\), got "redis"$/,
        ],
      ));

    it("a dependency on the read replica of a stack without one", () =>
      expectConfigError(
        prod((c) => {
          c["platform:data"].postgres.readReplica = false;
        }),
        /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.dependsOn\[1\]: expected the name of an app or data service in this stack \(api, web, worker, postgres, redis\), got "postgres-read"$/,
      ));
  });

  describe("monitoring", () => {
    it("an unknown receiver type", () =>
      expectConfigError(
        prod((c) => {
          c["platform:monitoring"].receivers[0].type = "email";
        }),
        /^error: Pulumi\.bad\.yaml: platform:monitoring\.receivers\[0\]\.type: expected one of "slack", "pagerduty", "webhook", got "email"$/,
      ));

    it("a threshold out of range", () =>
      expectConfigError(
        prod((c) => {
          c["platform:monitoring"].alerts.apiErrorRatePercent = 150;
        }),
        /^error: Pulumi\.bad\.yaml: platform:monitoring\.alerts\.apiErrorRatePercent: expected a percentage up to 100, got 150$/,
      ));

    it("a CloudWatch threshold out of range", () =>
      expectConfigError(
        prod((c) => {
          c["platform:monitoring"].cloudwatch.rdsCpuPercent = 0;
        }),
        /^error: Pulumi\.bad\.yaml: platform:monitoring\.cloudwatch\.rdsCpuPercent: expected a percentage above 0, got 0$/,
      ));

    it("a receiver whose secret is not set", () =>
      expectConfigError(
        prod((c) => {
          delete c["platform:alertPagerdutyKey"];
        }),
        /^error: Pulumi\.bad\.yaml: platform:alertPagerdutyKey: required key is missing \(expected the secret named by platform:monitoring\.receivers\[0\]\.secret; run "pulumi config set --secret platform:alertPagerdutyKey <routing key>"\)$/,
      ));

    it("a receiver secret given in plain text", () =>
      expectConfigError(
        prod((c) => {
          c["platform:alertSlackWebhook"] = "https://hooks.slack.com/services/T0/B0/X";
        }),
        /^error: Pulumi\.bad\.yaml: platform:alertSlackWebhook: expected a secret value \(run "pulumi config set --secret platform:alertSlackWebhook <URL>"\), got plain text \(value not shown\)$/,
      ));
  });
});

describe("secrets in stack config", () => {
  it("refuses a secure value nested in app config, which would reach state as plain text, without showing it", async () => {
    const project = tempProject(
      "bad",
      staging((c) => {
        c["platform:apps"][0].env.API_TOKEN = { secure: "v1:nested-ciphertext-AAAA" };
      }),
    );
    try {
      const run = await runCli(["check", "--stack", "bad", "--json"], { projectDir: project.dir });
      assert.equal(run.code, 2);
      assert.match(
        JSON.parse(run.stdout).error,
        /^Pulumi\.bad\.yaml: platform:apps: holds a secret value, which would reach resources as plain text \(expected each secret in its own key/,
      );
      assert.ok(
        !run.stdout.includes("nested-ciphertext") &&
          !run.stderr.includes("nested-ciphertext") &&
          !run.stdout.includes("offline-check-placeholder"),
      );
    } finally {
      project.cleanup();
    }
  });

  for (const [what, mutate, expected, secret] of [
    [
      "a number where an env value should be, under a credential's name",
      (c: Record<string, any>) => {
        c["platform:apps"][0].env.DB_PASSWORD = 12345678901;
      },
      /^error: Pulumi\.bad\.yaml: platform:apps\[0\]\.env\.DB_PASSWORD: expected a string, got a value \(not shown\)$/,
      "12345678901",
    ],
    [
      "a secretEnv naming a key that is not set",
      (c: Record<string, any>) => {
        delete c["platform:apiSecretKey"];
      },
      /^error: Pulumi\.bad\.yaml: platform:apiSecretKey: required key is missing \(expected the secret named by platform:apps\[0\]\.secretEnv\.SECRET_KEY; run "pulumi config set --secret platform:apiSecretKey <value of SECRET_KEY>"\)$/,
      "placeholder",
    ],
    [
      "a secretEnv key set in plain text",
      (c: Record<string, any>) => {
        c["platform:apiSecretKey"] = "do-not-commit-me";
      },
      /^error: Pulumi\.bad\.yaml: platform:apiSecretKey: expected a secret value \(run "pulumi config set --secret platform:apiSecretKey <value of SECRET_KEY>"\), got plain text \(value not shown\)$/,
      "do-not-commit-me",
    ],
    [
      "a credential-shaped value anywhere",
      (c: Record<string, any>) => {
        c["platform:domain"] = "postgres://app:hunter2@db/app";
      },
      /^error: Pulumi\.bad\.yaml: platform:domain: expected a lower-case DNS host name such as "api\.example\.com", got a value that looks like a credential \(not shown\)/,
      "hunter2",
    ],
  ] as const) {
    it(`${what}: exit 2, and the value is never echoed`, async () => {
      await expectConfigError(staging(mutate), expected);
      const project = tempProject("bad", staging(mutate));
      try {
        const run = await runCli(["check", "--stack", "bad"], { projectDir: project.dir });
        assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret));
      } finally {
        project.cleanup();
      }
    });
  }
});

describe("app and data tier rules", () => {
  const cases: [string, (c: Record<string, any>) => void, RegExp, "staging" | "prod"][] = [
    [
      "a VPA resizing what the HPA scales on",
      (c) => {
        c["platform:apps"][0].verticalAutoscaling = { updateMode: "Auto" };
      },
      /platform:apps\[0\]\.verticalAutoscaling\.updateMode: expected "Off" while autoscaling scales on CPU and memory: a VPA resizing cpu and memory under an HPA scaling on them makes both fight$/,
      "prod",
    ],
    [
      "a variable both plain and secret",
      (c) => {
        c["platform:apps"][0].env.SECRET_KEY = "x";
      },
      /platform:apps\[0\]\.secretEnv\.SECRET_KEY: expected each variable in env or secretEnv, not both$/,
      "staging",
    ],
    [
      "a PostgreSQL major the platform does not run (RDS)",
      (c) => {
        c["platform:data"].postgres.engineVersion = "13.11";
      },
      /platform:data\.postgres\.engineVersion: expected a PostgreSQL major the platform runs \(14, 15, 16, 17\), got "13\.11"$/,
      "prod",
    ],
    [
      "a PostgreSQL image of a major the platform does not run",
      (c) => {
        c["platform:data"].postgres.image = "postgres:12.19-alpine";
      },
      /platform:data\.postgres\.image: expected a PostgreSQL image tagged with a major the platform runs \(14, 15, 16, 17\)/,
      "staging",
    ],
    [
      "a backup image older than the server",
      (c) => {
        c["platform:data"].postgres.engineVersion = "17.2";
      },
      /platform:data\.backups\.image: expected pg_dump of PostgreSQL 17 or newer \(the image is tagged 16\); an older pg_dump refuses a newer server$/,
      "prod",
    ],
    [
      "a setting of the other mode",
      (c) => {
        c["platform:data"].postgres.instanceClass = "db.r6g.large";
      },
      /platform:data\.postgres\.instanceClass: unknown key/,
      "staging",
    ],
    [
      "TLS turned off by a parameter",
      (c) => {
        c["platform:data"].postgres.parameters = { "rds.force_ssl": 0 };
      },
      /platform:data\.postgres\.parameters: expected no TLS parameter: TLS is always on and cannot be turned off/,
      "prod",
    ],
    [
      "a maintenance window that is not one",
      (c) => {
        c["platform:data"].postgres.maintenanceWindow = "sunday 4am";
      },
      /platform:data\.postgres\.maintenanceWindow: expected a weekly window such as "sun:04:00-sun:05:00" \(UTC\), got "sunday 4am"$/,
      "prod",
    ],
    [
      "an egress endpoint with both a CIDR and a host",
      (c) => {
        c["platform:apps"][0].egress = [{ name: "kafka", cidr: "10.0.0.0/24", host: "kafka.example", port: 9094 }];
      },
      /platform:apps\[0\]\.egress\[0\]: expected exactly one of "cidr" or "host"/,
      "staging",
    ],
  ];
  for (const [what, mutate, expected, stack] of cases) {
    it(what, () =>
      expectConfigError(
        stack === "staging" ? staging(mutate) : prod(mutate),
        new RegExp(`^error: Pulumi\\.bad\\.yaml: ${expected.source}`),
      ),
    );
  }
});
