import { strict as assert } from "node:assert";
import { BACKUP_SCRIPT, PostgresBackup } from "../components/data/postgresBackup";
import { parameterGroupFamily, PostgresDatabase } from "../components/data/postgresDatabase";
import { REDIS_DEFAULTS, RedisCache } from "../components/data/redisCache";
import { DataTier } from "../components/data/dataTier";
import * as kms from "@pulumi/aws/kms";
import { isSecretEnvelope } from "../automation/core/resourceModel";
import { computedOutputs, NETWORK } from "./fixtures/data";
import { render, isSecret } from "./mocks";

const STS = "kubernetes:apps/v1:StatefulSet";
const SECRET = "kubernetes:core/v1:Secret";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RDS = "aws:rds/instance:Instance";
const api = { podLabels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/part-of": "team" } };
const known = { preview: false, computedOutputs };

describe("PostgresDatabase", () => {
  describe("in-cluster", () => {
    it("runs a hardened StatefulSet as the image's postgres user with a data volume and writable scratch", async () => {
      const r = await render(
        () =>
          new PostgresDatabase("pg", {
            mode: "in-cluster",
            namespace: "team",
            partOf: "team",
            database: "lending",
            username: "lending_app",
            clients: [api],
          }),
      );
      const sts = r.props(STS, "pg-sts");
      assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
      assert.equal(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, "10Gi");
      const pod = sts.spec.template.spec;
      assert.deepEqual(
        [pod.securityContext.runAsUser, pod.securityContext.fsGroup, pod.securityContext.runAsNonRoot],
        [70, 70, true],
      );
      const [c] = pod.containers;
      assert.equal(c.image, "postgres:16.4-alpine");
      assert.equal(c.securityContext.readOnlyRootFilesystem, true);
      assert.deepEqual(c.securityContext.capabilities, { drop: ["ALL"] });
      assert.deepEqual(
        c.volumeMounts.map((m: any) => m.mountPath),
        ["/var/run/postgresql", "/tmp", "/var/lib/postgresql/data", "/var/lib/postgresql/tls", "/etc/postgresql/hba"],
      );
      assert.deepEqual(c.readinessProbe.exec.command, [
        "pg_isready",
        "--host=127.0.0.1",
        "--port=5432",
        "--username=lending_app",
        "--dbname=lending",
      ]);
      const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
      assert.equal(env.PGDATA, "/var/lib/postgresql/data/pgdata");
      assert.deepEqual(
        env.POSTGRES_PASSWORD,
        { secretKeyRef: { name: "pg-server", key: "POSTGRES_PASSWORD" } },
        "named after the component",
      );
    });

    it("serves TLS only, from a cert-manager certificate, with the parameters it is given", async () => {
      const r = await render(
        () =>
          new PostgresDatabase("pg", {
            mode: "in-cluster",
            namespace: "team",
            partOf: "team",
            parameters: { max_connections: "200" },
          }),
      );
      const cert = r.props("kubernetes:cert-manager.io/v1:Certificate", "pg-cert");
      assert.equal(cert.spec.secretName, "pg-tls");
      assert.deepEqual(cert.spec.issuerRef, {
        kind: "ClusterIssuer",
        name: "platform-internal-ca",
        group: "cert-manager.io",
      });
      assert.ok(cert.spec.dnsNames.includes("pg.team.svc.cluster.local"));
      const pod = r.props(STS, "pg-sts").spec.template.spec;
      assert.deepEqual(
        pod.volumes.find((v: any) => v.name === "tls"),
        { name: "tls", secret: { secretName: "pg-tls", defaultMode: 0o640 } },
      );
      const args: string[] = pod.containers[0].args;
      for (const p of [
        "max_connections=200",
        "ssl=on",
        "ssl_cert_file=/var/lib/postgresql/tls/tls.crt",
        "ssl_key_file=/var/lib/postgresql/tls/tls.key",
        "ssl_min_protocol_version=TLSv1.2",
      ]) {
        assert.equal(args[args.indexOf(p) - 1], "-c", p);
      }
    });

    it("admits only its clients, on 5432", async () => {
      const r = await render(
        () => new PostgresDatabase("pg", { mode: "in-cluster", namespace: "team", partOf: "team", clients: [api] }),
      );
      assert.deepEqual(r.props(NETPOL, "pg-netpol").spec.ingress, [
        { from: [{ podSelector: { matchLabels: api.podLabels } }], ports: [{ protocol: "TCP", port: 5432 }] },
      ]);
      assert.deepEqual(r.props(NETPOL, "pg-netpol").spec.egress, []);
    });

    it("puts a generated password into a secret DATABASE_URL for the in-cluster service", async () => {
      let db!: PostgresDatabase;
      const r = await render(() => {
        db = new PostgresDatabase("pg", { mode: "in-cluster", namespace: "team", partOf: "team" });
      }, known);
      const secret = r.get(SECRET, "pg-credentials").inputs as any;
      assert.ok(isSecretEnvelope(secret.stringData), "the Secret's data is a Pulumi secret");
      assert.equal(
        secret.stringData.value.DATABASE_URL,
        "postgresql://app:pw-pg-password@pg.team.svc.cluster.local:5432/app?sslmode=require",
      );
      assert.equal(secret.stringData.value.PGSSLMODE, "require");
      assert.equal(await isSecret(db.password), true);
      assert.deepEqual(db.endpoint?.secretEnv, { DATABASE_URL: { secretName: "pg-credentials", key: "DATABASE_URL" } });
    });
  });

  describe("managed (RDS)", () => {
    const managed = (extra: object = {}) => ({
      mode: "managed" as const,
      namespace: "team",
      partOf: "team",
      network: NETWORK,
      ...extra,
    });

    it("creates an encrypted, private, Multi-AZ PostgreSQL 16 with IAM auth, deletion protection and a final snapshot", async () => {
      const r = await render(
        () => new PostgresDatabase("pg", managed({ storageGb: 100, backupRetentionDays: 30 })),
        known,
      );
      const db = r.props(RDS, "pg-db");
      assert.equal(db.engine, "postgres");
      assert.equal(db.engineVersion, "16.4");
      assert.equal(db.multiAz, true);
      assert.equal(db.storageType, "gp3");
      assert.equal(db.allocatedStorage, 100);
      assert.equal(db.maxAllocatedStorage, 500);
      assert.equal(db.storageEncrypted, true);
      assert.equal(db.kmsKeyId, "arn:aws:kms:eu-west-1:1:key/pg-kms");
      assert.equal(db.performanceInsightsEnabled, true);
      assert.equal(db.performanceInsightsKmsKeyId, db.kmsKeyId);
      assert.equal(db.iamDatabaseAuthenticationEnabled, true);
      assert.equal(db.publiclyAccessible, false);
      assert.equal(db.deletionProtection, true);
      assert.equal(db.skipFinalSnapshot, false);
      assert.equal(db.finalSnapshotIdentifier, "pg-final");
      assert.equal(db.backupRetentionPeriod, 30);
      assert.equal(db.parameterGroupName, "pg-params-pg");
      assert.ok(
        r.get(RDS, "pg-db").propertyDependencies.parameterGroupName.some((u) => u.endsWith("::pg-params")),
        "linked to its parameter group",
      );
    });

    it("forces TLS in a parameter group of its version's family and admits 5432 only from the cluster's security group", async () => {
      const r = await render(
        () =>
          new PostgresDatabase(
            "pg",
            managed({
              engineVersion: "15.4",
              parameters: { shared_buffers: "{DBInstanceClassMemory/32768}", "rds.force_ssl": "0" },
            }),
          ),
        known,
      );
      const group = r.props("aws:rds/parameterGroup:ParameterGroup", "pg-params");
      assert.equal(group.family, "postgres15");
      assert.equal(r.props(RDS, "pg-db").engineVersion, "15.4");
      const params = Object.fromEntries(group.parameters.map((p: any) => [p.name, p.value]));
      assert.deepEqual(
        params,
        { log_min_duration_statement: "1000", shared_buffers: "{DBInstanceClassMemory/32768}", "rds.force_ssl": "1" },
        "force_ssl cannot be turned off",
      );
      const sg = r.props("aws:ec2/securityGroup:SecurityGroup", "pg-sg");
      assert.deepEqual(sg.ingress, [
        { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-0c1c2c3c"], description: "cluster pods" },
      ]);
      assert.deepEqual(sg.egress, []);
    });

    it("keeps the credentials in Secrets Manager (KMS) and gives apps a TLS DATABASE_URL, all secret", async () => {
      const r = await render(() => new PostgresDatabase("pg", managed()), known);
      assert.equal(
        r.props("aws:secretsmanager/secret:Secret", "pg-secret").kmsKeyId,
        "arn:aws:kms:eu-west-1:1:key/pg-kms",
      );
      const version = r.get("aws:secretsmanager/secretVersion:SecretVersion", "pg-secret-version").inputs as any;
      assert.ok(isSecretEnvelope(version.secretString));
      const data: any = (r.get(SECRET, "pg-credentials").inputs as any).stringData;
      assert.ok(isSecretEnvelope(data));
      assert.equal(
        (data as any).value.DATABASE_URL,
        "postgresql://app:pw-pg-password@pg-db.db.internal:5432/app?sslmode=require",
      );
    });

    it("adds an encrypted private read replica when asked", async () => {
      const r = await render(() => new PostgresDatabase("pg", managed({ readReplica: true })), known);
      const replica = r.props(RDS, "pg-replica");
      assert.equal(replica.replicateSourceDb, "pg-db-ident");
      assert.deepEqual([replica.storageEncrypted, replica.publiclyAccessible], [true, false]);
      assert.equal(r.ofType(RDS).length, 2);
    });

    it("gives the replica's readers their own Secret with DATABASE_READ_URL, optional so that nobody waits for the replica", async () => {
      let db!: PostgresDatabase;
      const r = await render(() => {
        db = new PostgresDatabase("pg", managed({ readReplica: true }));
      }, known);
      const data: any = (r.get(SECRET, "pg-read-credentials").inputs as any).stringData;
      assert.ok(isSecretEnvelope(data));
      assert.deepEqual(data.value, {
        DATABASE_READ_URL: "postgresql://app:pw-pg-password@pg-replica.db.internal:5432/app?sslmode=require",
      });
      assert.deepEqual(db.readEndpoint?.secretEnv, {
        DATABASE_READ_URL: { secretName: "pg-read-credentials", key: "DATABASE_READ_URL", optional: true },
      });
      assert.deepEqual(db.readEndpoint?.readyAfter, []);
      assert.ok(
        db.replica && !db.endpoint?.readyAfter.includes(db.replica),
        "the primary's clients do not wait for it",
      );
      assert.deepEqual(db.readEndpoint?.peer, { cidr: "10.40.0.0/16", port: 5432 });
      const without = await render(() => {
        db = new PostgresDatabase("pg", managed());
      }, known);
      assert.equal(db.readEndpoint, undefined);
      assert.equal(without.ofType(SECRET).length, 1);
    });

    it("opens egress for its apps to the VPC on 5432", async () => {
      let db!: PostgresDatabase;
      await render(() => {
        db = new PostgresDatabase("pg", managed());
      });
      assert.deepEqual(db.endpoint?.peer, { cidr: "10.40.0.0/16", port: 5432 });
    });

    it("protects and retains its stateful resources when told (prod)", async () => {
      const r = await render(() => new PostgresDatabase("pg", { ...managed({ readReplica: true }), protect: true }));
      for (const [type, name] of [
        [RDS, "pg-db"],
        [RDS, "pg-replica"],
        ["aws:kms/key:Key", "pg-kms"],
        ["aws:secretsmanager/secret:Secret", "pg-secret"],
      ]) {
        const { protect, retainOnDelete } = r.get(type, name).options;
        assert.deepEqual({ protect, retainOnDelete }, { protect: true, retainOnDelete: true }, name);
      }
      assert.equal(r.get("aws:ec2/securityGroup:SecurityGroup", "pg-sg").options.protect, false);
    });

    it("takes backup and maintenance windows, Enhanced Monitoring with its own role, and Performance Insights retention", async () => {
      const r = await render(
        () =>
          new PostgresDatabase(
            "pg",
            managed({
              backupWindow: "02:00-03:00",
              maintenanceWindow: "sun:04:00-sun:05:00",
              monitoringIntervalSeconds: 15,
              performanceInsightsRetentionDays: 731,
            }),
          ),
        known,
      );
      const db = r.props(RDS, "pg-db");
      assert.deepEqual(
        [db.backupWindow, db.maintenanceWindow, db.monitoringInterval, db.performanceInsightsRetentionPeriod],
        ["02:00-03:00", "sun:04:00-sun:05:00", 15, 731],
      );
      assert.equal(db.monitoringRoleArn, "arn:aws:iam::1:role/pg-monitoring-role");
      const trust = JSON.parse(r.props("aws:iam/role:Role", "pg-monitoring-role").assumeRolePolicy);
      assert.equal(trust.Statement[0].Principal.Service, "monitoring.rds.amazonaws.com");
    });

    it("derives the parameter group family from the engine version", () => {
      assert.deepEqual(["14.12", "15.4", "16", "17.2"].map(parameterGroupFamily), [
        "postgres14",
        "postgres15",
        "postgres16",
        "postgres17",
      ]);
    });
  });
});

describe("RedisCache", () => {
  it("in-cluster: a password and an append-only file in its configuration file, never on its command line; checked with redis-cli ping", async () => {
    let cache!: RedisCache;
    const r = await render(() => {
      cache = new RedisCache("redis", { mode: "in-cluster", namespace: "team", partOf: "team", clients: [api] });
    }, known);
    const pod = r.props(STS, "redis-sts").spec.template.spec;
    const [c] = pod.containers;
    assert.deepEqual(c.args, ["/etc/redis/redis.conf"]);
    assert.deepEqual(c.livenessProbe.exec.command, ["redis-cli", "ping"]);
    assert.deepEqual(
      c.env.map((e: any) => [e.name, e.valueFrom.secretKeyRef.key]),
      [["REDISCLI_AUTH", "REDISCLI_AUTH"]],
    );
    assert.deepEqual(pod.volumes.find((v: any) => v.name === "config").secret, {
      secretName: "redis-config",
      defaultMode: 0o440,
    });
    const conf = (r.get(SECRET, "redis-settings").inputs as any).stringData as { value: Record<string, string> };
    assert.ok(isSecretEnvelope(conf));
    assert.equal(
      conf.value["redis.conf"],
      "requirepass pw-redis-password\nappendonly yes\nappendfsync everysec\ndir /data\nprotected-mode yes\n",
    );
    assert.equal(r.props(STS, "redis-sts").spec.template.spec.securityContext.runAsUser, 999);
    const data: any = (r.get(SECRET, "redis-credentials").inputs as any).stringData;
    assert.ok(isSecretEnvelope(data));
    assert.equal((data as any).value.REDIS_URL, "redis://:pw-redis-password@redis.team.svc.cluster.local:6379/0");
    assert.deepEqual(cache.endpoint?.peer.podLabels, {
      "app.kubernetes.io/name": "redis",
      "app.kubernetes.io/part-of": "team",
    });
  });

  it("exposes how many nodes serve it: the replication group's clusters (managed, default or set), one in-cluster", async () => {
    const caches: RedisCache[] = [];
    const r = await render(() => {
      caches.push(
        new RedisCache("set", { mode: "managed", namespace: "team", partOf: "team", network: NETWORK, nodes: 3 }),
      );
      caches.push(new RedisCache("dflt", { mode: "managed", namespace: "team", partOf: "team", network: NETWORK }));
      caches.push(new RedisCache("pod", { mode: "in-cluster", namespace: "team", partOf: "team" }));
    }, known);
    const groups = ["set-cache", "dflt-cache"].map(
      (n) => r.props("aws:elasticache/replicationGroup:ReplicationGroup", n).numCacheClusters,
    );
    assert.deepEqual(
      caches.map((c) => c.nodes),
      [...groups, 1],
    );
    assert.deepEqual(groups, [3, REDIS_DEFAULTS.managed.nodes]);
  });

  it("managed: a failover replication group across AZs, encrypted at rest and in transit, with an auth token", async () => {
    const r = await render(
      () =>
        new RedisCache("redis", {
          mode: "managed",
          namespace: "team",
          partOf: "team",
          network: NETWORK,
          nodes: 3,
          snapshotWindow: "03:00-04:00",
        }),
      known,
    );
    const rg = r.props("aws:elasticache/replicationGroup:ReplicationGroup", "redis-cache");
    assert.deepEqual(
      [
        rg.automaticFailoverEnabled,
        rg.multiAzEnabled,
        rg.atRestEncryptionEnabled,
        rg.transitEncryptionEnabled,
        rg.transitEncryptionMode,
        rg.numCacheClusters,
      ],
      [true, true, true, true, "required", 3],
    );
    assert.deepEqual([rg.snapshotRetentionLimit, rg.snapshotWindow], [7, "03:00-04:00"]);
    assert.equal(rg.kmsKeyId, "arn:aws:kms:eu-west-1:1:key/redis-kms");
    assert.ok(
      isSecretEnvelope(
        (r.get("aws:elasticache/replicationGroup:ReplicationGroup", "redis-cache").inputs as any).authToken,
      ),
      "auth token is secret",
    );
    const data: any = (r.get(SECRET, "redis-credentials").inputs as any).stringData;
    assert.ok(isSecretEnvelope(data));
    assert.equal((data as any).value.REDIS_URL, "rediss://:pw-redis-password@redis-cache.cache.internal:6379/0");
    assert.ok(r.ofType("aws:secretsmanager/secret:Secret").length === 1);
  });
});

describe("PostgresBackup", () => {
  const backupArgs = () => ({
    namespace: "team",
    namespaceName: "team",
    partOf: "team",
    credentialsSecret: "postgres-credentials",
    database: { podLabels: { "app.kubernetes.io/name": "postgres" }, port: 5432 },
    oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
    image: "registry.example/platform/pg-backup:16.4-1",
    retentionDays: 14,
    bucket: { args: { bucket: "acme-team-backups" } },
  });
  const build = () => {
    const key = new kms.Key("key", {});
    return new PostgresBackup("backup", { ...backupArgs(), objectName: "postgres-backup", kmsKeyArn: key.arn });
  };

  it("dumps with pg_dump --format=custom, verifies with pg_restore --list, then uploads with SSE-KMS", () => {
    const steps = BACKUP_SCRIPT.split("\n");
    const at = (needle: string) => steps.findIndex((s) => s.includes(needle));
    assert.ok(at("pg_dump --format=custom") >= 0);
    assert.ok(at("pg_restore --list") > at("pg_dump"));
    assert.ok(at("test -s /tmp/toc.txt") > at("pg_restore --list"));
    assert.ok(at("aws s3 cp") > at("test -s"));
    assert.match(steps[at("aws s3 cp")], /--sse aws:kms --sse-kms-key-id "\$KMS_KEY_ARN"/);
    assert.equal(steps[0], "set -eu");
  });

  it("runs the script nightly as a hardened CronJob, the connection (password included) from the Secret's PG* environment", async () => {
    const r = await render(build, known);
    const cron = r.props("kubernetes:batch/v1:CronJob", "backup-cronjob").spec;
    assert.equal(cron.schedule, "0 2 * * *");
    assert.equal(cron.concurrencyPolicy, "Forbid");
    const pod = cron.jobTemplate.spec.template.spec;
    const [c] = pod.containers;
    assert.deepEqual(c.command, ["/bin/sh", "-c", BACKUP_SCRIPT]);
    assert.deepEqual(c.env, []);
    assert.deepEqual(c.envFrom, [
      { configMapRef: { name: "postgres-backup-settings" } },
      { secretRef: { name: "postgres-credentials" } },
    ]);
    assert.doesNotMatch(BACKUP_SCRIPT, /DATABASE_URL|PGPASSWORD/, "no credential on pg_dump's command line");
    assert.equal(c.securityContext.readOnlyRootFilesystem, true);
    assert.equal(pod.serviceAccountName, "postgres-backup");
    const settings = r.props("kubernetes:core/v1:ConfigMap", "backup-settings").data;
    assert.deepEqual(settings, {
      BACKUP_BUCKET: "acme-team-backups",
      BACKUP_PREFIX: "postgres/",
      KMS_KEY_ARN: "arn:aws:kms:eu-west-1:1:key/key",
      HOME: "/tmp",
    });
  });

  it("uses IRSA: the ServiceAccount's role trusts only this ServiceAccount and may only put dumps below the prefix", async () => {
    const r = await render(build, known);
    const sa = r.props("kubernetes:core/v1:ServiceAccount", "backup-sa");
    assert.equal(sa.metadata.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::1:role/backup-role");
    const trust = JSON.parse(r.props("aws:iam/role:Role", "backup-role").assumeRolePolicy);
    assert.deepEqual(trust.Statement[0].Condition.StringEquals, {
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:team:postgres-backup",
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
    });
    const policy = r.props("aws:iam/rolePolicy:RolePolicy", "backup-role-policy").policy;
    assert.deepEqual(policy.Statement[0], {
      Sid: "PutDumps",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: "arn:aws:s3:::acme-team-backups/postgres/*",
    });
    assert.deepEqual(policy.Statement[1].Action, ["kms:GenerateDataKey", "kms:Encrypt"]);
  });

  it("keeps the bucket versioned, SSE-KMS encrypted, private, expiring dumps and refusing plain HTTP", async () => {
    const r = await render(build, known);
    assert.equal(
      r.props("aws:s3/bucketVersioning:BucketVersioning", "backup-versioning").versioningConfiguration.status,
      "Enabled",
    );
    const sse = r.props(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "backup-encryption",
    ).rules[0];
    assert.deepEqual(sse.applyServerSideEncryptionByDefault, {
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:key/key",
    });
    const pab = r.props("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "backup-public-access-block");
    assert.deepEqual(
      [pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
      [true, true, true, true],
    );
    const rule = r.props("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "backup-lifecycle")
      .rules[0];
    assert.deepEqual([rule.filter.prefix, rule.expiration.days], ["postgres/", 14]);
    const policy = JSON.parse(r.props("aws:s3/bucketPolicy:BucketPolicy", "backup-bucket-policy").policy);
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.equal(policy.Statement[0].Effect, "Deny");
  });

  it("lets the job reach only the database and HTTPS", async () => {
    const r = await render(build);
    const egress = r.props(NETPOL, "backup-netpol").spec.egress;
    assert.deepEqual(
      egress.map((e: any) => e.ports[0].port),
      [5432, 443],
    );
  });
});

describe("DataTier", () => {
  const NETWORK_CONFIG = {
    vpcId: "vpc-0a1b2c3d",
    privateSubnetIds: ["subnet-0a1b2c3d", "subnet-1a1b2c3d"],
    clusterSecurityGroupId: "sg-0c1c2c3c",
    vpcCidr: "10.40.0.0/16",
  };

  it("shares one KMS key among managed services and backups, and admits the backup job to an in-cluster database", async () => {
    const r = await render(
      () =>
        new DataTier("data", {
          namespace: "team",
          namespaceName: "team",
          partOf: "team",
          postgres: { mode: "in-cluster" },
          redis: { mode: "managed" },
          backups: { image: "registry.example/platform/pg-backup:16.4-1" },
          network: NETWORK_CONFIG,
          oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.example/id/X",
          clients: { postgres: [api] },
        }),
      known,
    );
    assert.deepEqual(
      r.ofType("aws:kms/key:Key").map((k) => k.name),
      ["data-kms"],
    );
    assert.equal(
      r.props("aws:elasticache/replicationGroup:ReplicationGroup", "data-redis-cache").kmsKeyId,
      "arn:aws:kms:eu-west-1:1:key/data-kms",
    );
    const from = r
      .props(NETPOL, "data-postgres-netpol")
      .spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels["app.kubernetes.io/name"]);
    assert.deepEqual(from, ["api", "data-backup"]);
  });

  it("puts PgBouncer in front of PostgreSQL when asked: apps connect through it, the backup straight to the server", async () => {
    let tier!: DataTier;
    const r = await render(() => {
      tier = new DataTier("data", {
        namespace: "team",
        namespaceName: "team",
        partOf: "team",
        postgres: { mode: "in-cluster", objectName: "pg", pooler: { poolMode: "transaction", defaultPoolSize: 30 } },
        backups: { image: "registry.example/platform/pg-backup:16.4-1" },
        oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.example/id/X",
        clients: { postgres: [api] },
      });
    }, known);
    const secret = (r.get(SECRET, "data-postgres-credentials").inputs as any).stringData.value;
    assert.equal(
      secret.DATABASE_URL,
      "postgresql://app:pw-data-postgres-password@pg-pooler.team.svc.cluster.local:6432/app?sslmode=require",
    );
    assert.equal(secret.PGHOST, "pg.team.svc.cluster.local", "tools such as pg_dump connect to the server itself");
    assert.deepEqual(tier.endpoints.postgres.peer, {
      podLabels: { "app.kubernetes.io/name": "pg-pooler", "app.kubernetes.io/part-of": "team" },
      port: 6432,
      service: "pg-pooler",
    });
    const pooler = r.props("kubernetes:apps/v1:Deployment", "data-postgres-pooler-deploy").spec.template.spec
      .containers[0];
    const env = Object.fromEntries(pooler.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    assert.deepEqual(
      [
        env.PGBOUNCER_POOL_MODE,
        env.PGBOUNCER_DEFAULT_POOL_SIZE,
        env.PGBOUNCER_SERVER_TLS_SSLMODE,
        env.PGBOUNCER_CLIENT_TLS_SSLMODE,
      ],
      ["transaction", "30", "require", "require"],
    );
    assert.deepEqual(env.POSTGRESQL_PASSWORD, {
      secretKeyRef: { name: "pg-pooler-server", key: "POSTGRESQL_PASSWORD" },
    });
    const serverFrom = r
      .props(NETPOL, "data-postgres-netpol")
      .spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels["app.kubernetes.io/name"]);
    assert.deepEqual(serverFrom.sort(), ["api", "data-backup", "pg-pooler"]);
    assert.deepEqual(r.props(NETPOL, "data-postgres-pooler-netpol").spec.egress, [
      {
        to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "pg", "app.kubernetes.io/part-of": "team" } } }],
        ports: [{ protocol: "TCP", port: 5432 }],
      },
    ]);
  });

  it("sends the replica's readers to the replica itself, past the pooler, as postgres-read", async () => {
    let tier!: DataTier;
    const r = await render(() => {
      tier = new DataTier("data", {
        namespace: "team",
        namespaceName: "team",
        partOf: "team",
        postgres: { mode: "managed", objectName: "pg", readReplica: true, pooler: {} },
        network: NETWORK_CONFIG,
        clients: { postgres: [api] },
      });
    }, known);
    const read = (r.get(SECRET, "data-postgres-read-credentials").inputs as any).stringData.value;
    assert.equal(
      read.DATABASE_READ_URL,
      "postgresql://app:pw-data-postgres-password@data-postgres-replica.db.internal:5432/app?sslmode=require",
    );
    assert.deepEqual(Object.keys(tier.endpoints).sort(), ["postgres", "postgres-read"]);
    assert.equal(tier.endpoints.postgres.peer.service, "pg-pooler");
    assert.deepEqual(tier.endpoints["postgres-read"].peer, { cidr: "10.40.0.0/16", port: 5432 });
  });

  it("reads the network from a stack reference", async () => {
    const r = await render(
      () =>
        new DataTier("data", {
          namespace: "team",
          namespaceName: "team",
          partOf: "team",
          redis: { mode: "managed" },
          network: { stackReference: "acme/network/prod" },
        }),
      {
        ...known,
        stackReferenceOutputs: () => ({
          vpcId: "vpc-0f0f0f0f",
          privateSubnetIds: ["subnet-0f0f0f0f", "subnet-1f0f0f0f"],
          clusterSecurityGroupId: "sg-0f0f0f0f",
          vpcCidr: "10.9.0.0/16",
        }),
      },
    );
    assert.equal(r.props("aws:ec2/securityGroup:SecurityGroup", "data-redis-sg").vpcId, "vpc-0f0f0f0f");
    assert.deepEqual(r.props("aws:elasticache/subnetGroup:SubnetGroup", "data-redis-subnets").subnetIds, [
      "subnet-0f0f0f0f",
      "subnet-1f0f0f0f",
    ]);
  });
});
