import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
  FARGATE_SERVICE_DEFAULTS,
  FargateService,
  FargateServiceArgs,
  FargateServiceCommonArgs,
} from "../../components/aws/fargateService";
import { LoadBalancer } from "../../components/aws/loadBalancer";
import { PostgresDatabase } from "../../components/data/postgresDatabase";
import { isSecretEnvelope, UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { CERTIFICATE_ARN, NETWORK, PRIVATE } from "../fixtures/awsNetwork";
import { computedOutputs } from "../fixtures/data";
import { render, Rendered } from "../mocks";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const JWT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:nexum/prod/jwt-Q1w2E3";

/** A render in which created resources have their ARNs, so policies built from them can be read. */
const known = {
  preview: false,
  computedOutputs: (type: string, name: string, inputs: Record<string, any>) =>
    type === "aws:cloudwatch/logGroup:LogGroup"
      ? { arn: `arn:aws:logs:us-east-1:000000000000:log-group:${inputs.name}` }
      : computedOutputs(type, name, inputs),
};

const base: FargateServiceCommonArgs = { network: PRIVATE, image: "registry.example/nexum/api:1.0.0", port: 8090 };

function containers(r: Rendered, name = "api-task"): any[] {
  const defs = r.props(TASK, name).containerDefinitions;
  assert.equal(typeof defs, "string", "container definitions are known in a preview");
  return JSON.parse(defs);
}

function statements(r: Rendered, name: string): any[] {
  return r.props("aws:iam/rolePolicy:RolePolicy", name).policy.Statement;
}

describe("FargateService", () => {
  describe("the task definition", () => {
    it("runs the app as its non-root user on a read-only root, unprivileged, every capability dropped, with an init process", async () => {
      const r = await render(() => new FargateService("api", base));
      const [app] = containers(r);
      assert.equal(app.user, FARGATE_SERVICE_DEFAULTS.user);
      assert.equal(app.readonlyRootFilesystem, true);
      assert.equal(app.privileged, false);
      assert.deepEqual(app.linuxParameters, { capabilities: { add: [], drop: ["ALL"] }, initProcessEnabled: true });
      assert.deepEqual(app.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
      const task = r.props(TASK, "api-task");
      assert.deepEqual(
        [task.networkMode, task.requiresCompatibilities, task.cpu, task.memory],
        ["awsvpc", ["FARGATE"], "512", "1024"],
      );
      assert.deepEqual(task.volumes, [{ name: "tmp" }]);
    });

    it("checks health with curl on the health path and logs to its KMS-encrypted log group", async () => {
      const r = await render(
        () => new FargateService("api", { ...base, healthCheck: { path: "/health/live" }, logRetentionDays: 365 }),
      );
      const [app] = containers(r);
      assert.deepEqual(app.healthCheck, {
        command: ["CMD-SHELL", "curl -fsS http://localhost:8090/health/live > /dev/null || exit 1"],
        interval: 30,
        timeout: 10,
        retries: 3,
        startPeriod: 60,
      });
      assert.deepEqual(app.logConfiguration, {
        logDriver: "awslogs",
        options: { "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" },
      });
      const group = r.props("aws:cloudwatch/logGroup:LogGroup", "api-logs");
      assert.deepEqual([group.name, group.retentionInDays], ["/ecs/api", 365]);
      assert.ok(
        r
          .get("aws:cloudwatch/logGroup:LogGroup", "api-logs")
          .propertyDependencies.kmsKeyId.includes(r.get("aws:kms/key:Key", "api-kms").urn),
      );
      const keyPolicy = JSON.parse(r.props("aws:kms/key:Key", "api-kms").policy);
      const logs = keyPolicy.Statement.find((s: any) => s.Principal.Service === "logs.us-east-1.amazonaws.com");
      assert.equal(
        logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"],
        "arn:aws:logs:us-east-1:000000000000:log-group:*",
      );
      assert.ok(
        r.get(TASK, "api-task").dependencies.includes(r.get("aws:cloudwatch/logGroup:LogGroup", "api-logs").urn),
        "tasks start only once the group exists",
      );
    });

    it("tags the service with the database connections one task opens, for the connection budget", async () => {
      const r = await render(
        () => new FargateService("api", { ...base, database: { connections: 200, server: "nexum" } }),
      );
      assert.deepEqual(r.props(SERVICE, "api-ecs-service").tags, {
        "acme:database-connections": "200",
        "acme:database-server": "nexum",
      });
      const plain = await render(() => new FargateService("api", base));
      assert.equal(plain.props(SERVICE, "api-ecs-service").tags, undefined);
    });

    it("passes secrets only through `secrets`: values into SecureString parameters under its key, references as they are", async () => {
      const r = await render(
        () =>
          new FargateService("api", {
            ...base,
            env: { NEXUM_LOG_LEVEL: "INFO" },
            secretEnv: { NEXUM_DATABASE_URL: pulumi.secret("postgresql://u:p@db:5432/x") },
            linkedEnv: { NEXUM_KAFKA_BOOTSTRAP_SERVERS: pulumi.output("b-1:9098") },
            secretRefs: {
              NEXUM_JWT_SECRET: { secretsManager: JWT_ARN },
              NEXUM_ENCRYPTION_MASTER_KEY: { secretsManager: JWT_ARN, key: "master" },
              LEGACY: { ssmParameter: "/nexum/legacy" },
            },
          }),
      );
      const [app] = containers(r);
      assert.deepEqual(app.environment, [{ name: "NEXUM_LOG_LEVEL", value: "INFO" }]);
      assert.deepEqual(app.secrets, [
        { name: "LEGACY", valueFrom: "/nexum/legacy" },
        { name: "NEXUM_DATABASE_URL", valueFrom: "/api/NEXUM_DATABASE_URL" },
        { name: "NEXUM_ENCRYPTION_MASTER_KEY", valueFrom: `${JWT_ARN}:master::` },
        { name: "NEXUM_JWT_SECRET", valueFrom: JWT_ARN },
        { name: "NEXUM_KAFKA_BOOTSTRAP_SERVERS", valueFrom: "/api/NEXUM_KAFKA_BOOTSTRAP_SERVERS" },
      ]);
      const secretParam = r.get("aws:ssm/parameter:Parameter", "api-param-NEXUM_DATABASE_URL").inputs as any;
      assert.deepEqual([secretParam.name, secretParam.type], ["/api/NEXUM_DATABASE_URL", "SecureString"]);
      assert.ok(isSecretEnvelope(secretParam.value), "the value is a Pulumi secret in state");
      assert.ok(
        r
          .get("aws:ssm/parameter:Parameter", "api-param-NEXUM_DATABASE_URL")
          .propertyDependencies.keyId.includes(r.get("aws:kms/key:Key", "api-kms").urn),
      );
      assert.equal(r.props("aws:ssm/parameter:Parameter", "api-param-NEXUM_KAFKA_BOOTSTRAP_SERVERS").type, "String");
      assert.equal(
        JSON.stringify(r.props(TASK, "api-task")).includes("u:p@db"),
        false,
        "no secret value in the task definition",
      );
    });

    it("is known in a first preview even when the values it links come from resources not yet created", async () => {
      const r = await render(() => {
        const db = new PostgresDatabase("db", {
          mode: "managed",
          network: { vpcId: NETWORK.vpcId, subnetIds: NETWORK.privateSubnetIds },
        });
        new FargateService("api", {
          ...base,
          secretEnv: { DATABASE_URL: db.connectionUrl },
          linkedEnv: { DB_HOST: db.host },
        });
      });
      const defs = r.props(TASK, "api-task").containerDefinitions;
      assert.notEqual(defs, UNKNOWN_VALUE);
      assert.doesNotThrow(() => JSON.parse(defs));
    });
  });

  describe("the roles", () => {
    it("let only ECS tasks of this account assume them", async () => {
      const r = await render(() => new FargateService("api", base));
      for (const role of ["api-execution-role", "api-task-role"]) {
        const [s] = JSON.parse(r.props("aws:iam/role:Role", role).assumeRolePolicy).Statement;
        assert.deepEqual(s.Principal, { Service: "ecs-tasks.amazonaws.com" });
        assert.deepEqual(s.Condition, {
          ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:000000000000:*" },
          StringEquals: { "aws:SourceAccount": "000000000000" },
        });
      }
    });

    it("give the execution role only its image repositories, its log group, its parameters and the referenced secrets", async () => {
      const repo = "arn:aws:ecr:eu-west-1:123456789012:repository/nexum-api";
      const r = await render(
        () =>
          new FargateService("api", {
            ...base,
            imageRepositoryArns: [repo],
            secretEnv: { A: "x" },
            secretRefs: { JWT: { secretsManager: JWT_ARN } },
          }),
        known,
      );
      const bySid = Object.fromEntries(statements(r, "api-execution-policy").map((s) => [s.Sid, s]));
      assert.deepEqual(Object.keys(bySid).sort(), [
        "DecryptSecrets",
        "EcrToken",
        "PullImages",
        "ReadParameters",
        "ReadSecrets",
        "WriteLogs",
      ]);
      assert.deepEqual(bySid.PullImages.Resource, [repo]);
      assert.deepEqual(bySid.ReadParameters.Resource, ["arn:aws:ssm:us-east-1:000000000000:parameter/api/*"]);
      assert.deepEqual(bySid.ReadSecrets.Resource, [JWT_ARN]);
      assert.equal(bySid.WriteLogs.Resource, "arn:aws:logs:us-east-1:000000000000:log-group:/ecs/api:*");
      assert.deepEqual(bySid.DecryptSecrets.Resource, ["arn:aws:kms:eu-west-1:1:key/api-kms"]);
    });

    it("give the app nothing unless asked, and ECS Exec only when turned on", async () => {
      const quiet = await render(() => new FargateService("api", base));
      assert.equal(quiet.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.name === "api-task-policy").length, 0);
      assert.equal(quiet.props(SERVICE, "api-ecs-service").enableExecuteCommand, false);
      const exec = await render(() => new FargateService("api", { ...base, executeCommand: true }));
      assert.deepEqual(
        statements(exec, "api-task-policy").map((s) => s.Sid),
        ["EcsExec"],
      );
    });
  });

  describe("the service", () => {
    it("runs in private subnets without a public IP, rolls back a failed deployment and waits for steady state", async () => {
      const r = await render(() => new FargateService("api", base));
      const s = r.props(SERVICE, "api-ecs-service");
      assert.deepEqual(s.networkConfiguration.assignPublicIp, false);
      assert.deepEqual(s.networkConfiguration.subnets, PRIVATE.subnetIds);
      assert.deepEqual(s.deploymentCircuitBreaker, { enable: true, rollback: true });
      assert.deepEqual(
        [s.deploymentMinimumHealthyPercent, s.deploymentMaximumPercent, s.waitForSteadyState, s.desiredCount],
        [100, 200, true, 2],
      );
      assert.equal(r.props("aws:ecs/cluster:Cluster", "api-cluster").settings[0].value, "enhanced");
    });

    it("is reached only from its load balancer, which may send only to its port", async () => {
      const r = await render(() => {
        const alb = new LoadBalancer("alb", {
          network: { vpcId: NETWORK.vpcId, subnetIds: NETWORK.publicSubnetIds },
          certificateArn: CERTIFICATE_ARN,
        });
        new FargateService("api", {
          ...base,
          loadBalancer: { attachment: alb.attachment, hosts: ["api.example.com"], healthPath: "/health/ready" },
        });
      });
      const tasks = r.get(SG, "api-sg");
      const ingress = (tasks.inputs as any).ingress;
      assert.equal(ingress.length, 1);
      assert.deepEqual([ingress[0].fromPort, ingress[0].toPort], [8090, 8090]);
      assert.ok(tasks.propertyDependencies.ingress.includes(r.get(SG, "alb-sg").urn), "from the load balancer's group");
      assert.deepEqual(
        (tasks.inputs as any).egress.map((e: any) => [e.fromPort, e.cidrBlocks]),
        [[443, ["0.0.0.0/0"]]],
      );
      const egress = r.get("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "api-alb-egress");
      assert.deepEqual([(egress.inputs as any).fromPort, (egress.inputs as any).toPort], [8090, 8090]);
      assert.ok(egress.propertyDependencies.securityGroupId.includes(r.get(SG, "alb-sg").urn));
      assert.ok(egress.propertyDependencies.referencedSecurityGroupId.includes(tasks.urn));
      const tg = r.props("aws:lb/targetGroup:TargetGroup", "api-tg");
      assert.deepEqual(
        [tg.targetType, tg.port, tg.healthCheck.path, tg.healthCheck.matcher],
        ["ip", 8090, "/health/ready", "200"],
      );
      const rule = r.props("aws:lb/listenerRule:ListenerRule", "api-route");
      assert.deepEqual(rule.conditions, [
        { pathPattern: { values: ["/*"] } },
        { hostHeader: { values: ["api.example.com"] } },
      ]);
      const service = r.get(SERVICE, "api-ecs-service");
      assert.ok(
        service.dependencies.includes(r.get("aws:lb/listenerRule:ListenerRule", "api-route").urn),
        "the target group is routed before tasks register",
      );
    });

    it("joins the client groups of the services it connects to", async () => {
      const r = await render(() => {
        const db = new PostgresDatabase("db", {
          mode: "managed",
          network: { vpcId: NETWORK.vpcId, subnetIds: NETWORK.privateSubnetIds },
        });
        new FargateService("api", { ...base, access: [db.access!] });
      });
      const service = r.get(SERVICE, "api-ecs-service");
      assert.ok(service.propertyDependencies.networkConfiguration.includes(r.get(SG, "db-clients-sg").urn));
    });

    it("scales on CPU and on requests per task, and leaves the task count to the scaler", async () => {
      const r = await render(() => {
        const alb = new LoadBalancer("alb", {
          network: { vpcId: NETWORK.vpcId, subnetIds: NETWORK.publicSubnetIds },
          certificateArn: CERTIFICATE_ARN,
        });
        new FargateService("api", {
          ...base,
          loadBalancer: { attachment: alb.attachment },
          autoscaling: { minTasks: 3, maxTasks: 20, requestsPerTarget: 1000 },
        });
      });
      const target = r.props("aws:appautoscaling/target:Target", "api-scaling");
      assert.deepEqual(
        [target.minCapacity, target.maxCapacity, target.scalableDimension],
        [3, 20, "ecs:service:DesiredCount"],
      );
      const policy = (name: string) =>
        r.props("aws:appautoscaling/policy:Policy", name).targetTrackingScalingPolicyConfiguration;
      assert.deepEqual(
        [
          policy("api-scale-cpu").predefinedMetricSpecification.predefinedMetricType,
          policy("api-scale-cpu").targetValue,
        ],
        ["ECSServiceAverageCPUUtilization", 70],
      );
      assert.deepEqual(
        [
          policy("api-scale-requests").predefinedMetricSpecification.predefinedMetricType,
          policy("api-scale-requests").targetValue,
        ],
        ["ALBRequestCountPerTarget", 1000],
      );
      const service = r.get(SERVICE, "api-ecs-service");
      assert.deepEqual(service.options.ignoreChanges, ["desiredCount"]);
      assert.equal((service.inputs as any).desiredCount, 3);
    });
  });

  describe("metrics", () => {
    it("adds a hardened collector that scrapes the app and writes to the workspace with the task role", async () => {
      const workspace = {
        arn: "arn:aws:aps:us-east-1:000000000000:workspace/ws-1",
        remoteWriteUrl: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write",
      };
      const r = await render(
        () => new FargateService("api", { ...base, metrics: { workspace, labels: { environment: "prod" } } }),
        { preview: false },
      );
      const [, collector] = containers(r);
      assert.equal(collector.name, "otel-collector");
      assert.deepEqual(
        [collector.essential, collector.readonlyRootFilesystem, collector.privileged, collector.user],
        [false, true, false, FARGATE_SERVICE_DEFAULTS.collector.user],
      );
      assert.deepEqual(collector.secrets, [{ name: "AOT_CONFIG_CONTENT", valueFrom: "/api/OTEL_COLLECTOR_CONFIG" }]);
      const config = r.props("aws:ssm/parameter:Parameter", "api-param-OTEL_COLLECTOR_CONFIG").value as string;
      assert.match(config, /targets:\n\s+- localhost:8090/);
      assert.match(config, /metrics_path: \/metrics/);
      assert.ok(config.includes(workspace.remoteWriteUrl));
      assert.deepEqual(statements(r, "api-task-policy"), [
        { Sid: "RemoteWriteMetrics", Effect: "Allow", Action: "aps:RemoteWrite", Resource: workspace.arn },
      ]);
    });
  });

  describe("refuses what would not run or not be safe", () => {
    const fails = async (args: Partial<FargateServiceArgs>, message: RegExp) => {
      await assert.rejects(
        render(() => new FargateService("api", { ...base, ...args })),
        message,
      );
    };
    it("a root user", () =>
      fails({ user: "0:0" }, /user: expected a non-root uid\[:gid\] such as "10001:10001", got "0:0"/));
    it("a task size Fargate does not offer", () =>
      fails({ cpu: 1024, memory: 1024 }, /memory between 2048 and 8192 MiB/));
    it("a variable set twice", () => fails({ env: { A: "1" }, secretEnv: { A: "x" } }, /A is set more than once/));
  });
});
