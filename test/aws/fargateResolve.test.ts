import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
  FARGATE_SERVICE_DEFAULTS,
  FargateService,
  FargateServiceArgs,
  FargateServiceCommonArgs,
  resolveFargateService,
} from "../../components/aws/fargateService";
import { fargateServiceSchema } from "../../components/aws/fargateServiceSchema";
import { LoadBalancerAttachment } from "../../components/aws/loadBalancer";
import { PRIVATE } from "../fixtures/awsNetwork";
import { render } from "../mocks";

const D = FARGATE_SERVICE_DEFAULTS;
const base: FargateServiceCommonArgs = { network: PRIVATE, image: "registry.example/nexum/api:1.0.0", port: 8090 };
const attachment: LoadBalancerAttachment = {
  listenerArn: pulumi.output("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/alb/1/2"),
  securityGroupId: pulumi.output("sg-alb"),
  arnSuffix: pulumi.output("app/alb/1"),
  vpcId: "vpc-1",
};

describe("FargateService resolves its args once", () => {
  describe("refuses what its config schema refuses, naming the args", () => {
    it("desiredCount together with autoscaling, in the type, in resolve and in the schema, with one message", async () => {
      // @ts-expect-error: the type admits one way of scaling
      const both: FargateServiceArgs = { ...base, desiredCount: 4, autoscaling: { minTasks: 2, maxTasks: 6 } };
      await assert.rejects(
        render(() => new FargateService("api", both)),
        /FargateService "api": desiredCount: expected either "desiredCount" or "autoscaling", not both/,
      );
      const parsed = fargateServiceSchema.safeParse({
        image: "registry.example/nexum/api:1.0.0",
        desiredCount: 4,
        autoscaling: { minTasks: 2, maxTasks: 6 },
      });
      assert.equal(parsed.success, false);
      const issue = parsed.error!.issues.find((i) => i.path.join(".") === "desiredCount");
      assert.ok(issue, "the schema names desiredCount");
      assert.throws(
        () => resolveFargateService("api", both),
        (e: Error) => e.message.includes(issue.message),
      );
    });

    it("a load balancer without a port, requests per task without a load balancer, metrics without a port, all at once", () => {
      assert.throws(
        () =>
          resolveFargateService("worker", {
            network: PRIVATE,
            image: base.image,
            loadBalancer: { attachment },
            metrics: { workspace: { arn: "a", remoteWriteUrl: "u" } },
          }),
        (e: Error) =>
          e.message.includes("port: expected a port on a service behind a load balancer") &&
          e.message.includes("metrics.port: expected a port to scrape"),
      );
      assert.throws(
        () =>
          resolveFargateService("api", { ...base, autoscaling: { minTasks: 1, maxTasks: 2, requestsPerTarget: 100 } }),
        /autoscaling\.requestsPerTarget: expected a load balancer/,
      );
    });

    it("a task size Fargate does not run, naming cpu or memory, as the schema does", () => {
      assert.throws(() => resolveFargateService("api", { ...base, cpu: 1000 }), /cpu: expected cpu to be one of/);
      assert.throws(
        () => resolveFargateService("api", { ...base, cpu: 1024, memory: 1024 }),
        /memory: expected memory between 2048 and 8192 MiB/,
      );
      const parsed = fargateServiceSchema.safeParse({ image: base.image, cpu: 1024, memory: 1024 });
      assert.deepEqual(
        parsed.error?.issues.map((i) => i.path.join(".")),
        ["memory"],
      );
    });

    it("target tracking whose ceiling is below its floor", () => {
      assert.throws(
        () => resolveFargateService("api", { ...base, autoscaling: { minTasks: 4, maxTasks: 2 } }),
        /autoscaling\.maxTasks: expected maxTasks >= minTasks/,
      );
    });
  });

  describe("defaults come from FARGATE_SERVICE_DEFAULTS", () => {
    it("fills the task, its count, its logs and its health check", () => {
      const r = resolveFargateService("api", base);
      assert.deepEqual([r.cpu, r.memory, r.user, r.architecture], [D.cpu, D.memory, D.user, D.architecture]);
      assert.deepEqual(r.taskCount, { mode: "fixed", desiredCount: D.desiredCount });
      assert.deepEqual(r.writablePaths, D.writablePaths);
      assert.deepEqual(
        [r.logGroupName, r.logRetentionDays, r.parameterPrefix],
        ["/ecs/api", D.logRetentionDays, "/api/"],
      );
      assert.deepEqual(
        [r.healthCheck?.intervalSeconds, r.healthCheck?.startPeriodSeconds],
        [D.healthCheck.intervalSeconds, D.healthCheck.startPeriodSeconds],
      );
      assert.equal(r.executeCommand, D.executeCommand);
    });

    it("fills routing, target tracking and metrics", () => {
      const r = resolveFargateService("api", {
        ...base,
        loadBalancer: { attachment },
        autoscaling: { minTasks: 2, maxTasks: 6 },
        metrics: { workspace: { arn: "a", remoteWriteUrl: "u" } },
      });
      assert.deepEqual(
        [r.routing?.priority, r.routing?.paths, r.routing?.healthPath, r.routing?.matcher, r.routing?.port],
        [D.routing.priority, D.routing.paths, D.healthCheck.path, D.routing.matcher, 8090],
      );
      assert.equal(r.taskCount.mode, "autoscaled");
      if (r.taskCount.mode !== "autoscaled") return;
      assert.deepEqual(
        [
          r.taskCount.autoscaling.cpuUtilization,
          r.taskCount.autoscaling.scaleInCooldownSeconds,
          r.taskCount.autoscaling.scaleOutCooldownSeconds,
        ],
        [D.autoscaling.cpuUtilization, D.autoscaling.scaleInCooldownSeconds, D.autoscaling.scaleOutCooldownSeconds],
      );
      assert.deepEqual(
        [r.metrics?.port, r.metrics?.path, r.metrics?.scrapeIntervalSeconds],
        [8090, D.collector.path, D.collector.scrapeIntervalSeconds],
      );
    });
  });
});
