import * as ecr from "@pulumi/aws/ecr";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { statefulOptions } from "../protection";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";

/** Every default of an {@link EcrRepository}. */
export const ECR_REPOSITORY_DEFAULTS = {
  /** Days an untagged image is kept. */
  untaggedExpiryDays: 14,
  /** Images kept in all; older ones expire. */
  keepImages: 200,
} as const;

const D = ECR_REPOSITORY_DEFAULTS;

/** Arguments of {@link EcrRepository}. */
export interface EcrRepositoryArgs {
  /** Repository name. @default the component name */
  readonly repositoryName?: string;
  /** Customer-managed key the images are encrypted with. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** Days an untagged image is kept. @default 14 */
  readonly untaggedExpiryDays?: number;
  /** Images kept in all; the oldest beyond this expire. @default 200 */
  readonly keepImages?: number;
  /** Other AWS accounts (ids) whose principals may pull. @default none */
  readonly pullAccounts?: readonly pulumi.Input<string>[];
  /** Protect and retain the repository (prod). @default false */
  readonly protect?: boolean;
}

/**
 * An ECR repository a team pushes its images to: immutable tags (a tag always names the image it
 * was pushed as), a vulnerability scan on every push, encryption with a customer key, and a
 * lifecycle that expires untagged images and the oldest beyond a count.
 */
export class EcrRepository extends pulumi.ComponentResource {
  /** The repository. */
  public readonly repository: ecr.Repository;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, to tag and pull images by. */
  public readonly repositoryUrl: pulumi.Output<string>;
  /** Its ARN, for pull permissions. */
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: EcrRepositoryArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:EcrRepository", name, {}, opts);
    const child = { parent: this };
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: container images`,
      protect: args.protect,
    });
    this.repository = new ecr.Repository(
      childName(name, "repository"),
      {
        name: args.repositoryName ?? name,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: keyArn }],
      },
      statefulOptions(this, args.protect),
    );
    new ecr.LifecyclePolicy(
      childName(name, "lifecyclePolicy"),
      {
        repository: this.repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: "expire untagged images",
              selection: {
                tagStatus: "untagged",
                countType: "sinceImagePushed",
                countUnit: "days",
                countNumber: args.untaggedExpiryDays ?? D.untaggedExpiryDays,
              },
              action: { type: "expire" },
            },
            {
              rulePriority: 2,
              description: "keep the newest images",
              selection: {
                tagStatus: "any",
                countType: "imageCountMoreThan",
                countNumber: args.keepImages ?? D.keepImages,
              },
              action: { type: "expire" },
            },
          ],
        }),
      },
      child,
    );
    if (args.pullAccounts?.length) {
      new ecr.RepositoryPolicy(
        childName(name, "repositoryPolicy"),
        {
          repository: this.repository.name,
          policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "PullFromAccounts",
                Effect: "Allow",
                Principal: { AWS: args.pullAccounts.map((a) => pulumi.interpolate`arn:aws:iam::${a}:root`) },
                Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
              },
            ],
          }),
        },
        child,
      );
    }
    this.repositoryUrl = this.repository.repositoryUrl;
    this.arn = this.repository.arn;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl });
  }
}
