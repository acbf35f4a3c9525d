import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readUserFile, tooDeep, UsageError } from "../core/errors";
import { isObject } from "../core/resourceModel";
import { programLocation } from "./programLocation";

/** The file in a project directory that answers provider functions offline. */
export const INVOKES_FILE = "platform-invokes.json";

/** The account every offline invoke answers for. */
export const OFFLINE_ACCOUNT_ID = "000000000000";

/** Function results a project gives for the offline check, by function token. */
export type InvokeResults = Record<string, Record<string, unknown>>;

/** An invoke the program made that had no result offline. */
export interface MissingInvoke {
  /** Function token, e.g. `aws:ec2/getAmi:getAmi`. */
  token: string;
  /** Where the program called it (`file:line` in the project), when the call came from the project's files. */
  location?: string;
}

/**
 * Reads the project's {@link INVOKES_FILE}: a JSON object whose keys are function tokens and
 * whose values are the result objects the function returns, e.g.
 * `{ "aws:ec2/getAmi:getAmi": { "id": "ami-0123", "architecture": "x86_64" } }`.
 * @throws UsageError for a file that is not such an object.
 */
export function readInvokeResults(projectDir: string): InvokeResults {
  const file = path.join(projectDir, INVOKES_FILE);
  if (!fs.existsSync(file)) return {};
  const text = readUserFile(file, (reason) => `${INVOKES_FILE}: cannot read ${file} (${reason})`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${INVOKES_FILE}: not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(doc)) throw new UsageError(`${INVOKES_FILE}: expected an object of function token → result object`);
  if (tooDeep(doc)) throw new UsageError(`${INVOKES_FILE}: nests too deep`);
  for (const [token, result] of Object.entries(doc)) {
    if (!/^[^:]+:[^:]*:[^:]+$/.test(token))
      throw new UsageError(
        `${INVOKES_FILE}: "${token}" is not a function token (expected <package>:<module>:<function>, e.g. aws:ec2/getAmi:getAmi)`,
      );
    if (!isObject(result))
      throw new UsageError(`${INVOKES_FILE}: ${token}: expected the result object, got ${JSON.stringify(result)}`);
  }
  return doc as InvokeResults;
}

/** Kubernetes functions that render objects; offline they render none, and what they belong to is reported as not inspected. */
const RENDERERS = ["kubernetes:helm:template", "kubernetes:yaml:decode", "kubernetes:kustomize:directory"];

/**
 * Built-in offline results: the common account-context lookups (caller identity, region,
 * partition, availability zones, ELB service account) and empty renderings for the Kubernetes
 * functions that render objects; `undefined` for any other function.
 */
export function builtinInvokeResult(
  token: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const region = String(inputs.region ?? new pulumi.Config("aws").get("region") ?? "us-east-1");
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: OFFLINE_ACCOUNT_ID,
        arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/offline-check`,
        userId: "offline-check",
        id: OFFLINE_ACCOUNT_ID,
      };
    case "aws:index/getRegion:getRegion":
      return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const letters = ["a", "b", "c"];
      const short = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
      return {
        id: region,
        names: letters.map((l) => `${region}${l}`),
        zoneIds: letters.map((_, i) => `${short}-az${i + 1}`),
        groupNames: [region],
        state: "available",
      };
    }
    case "aws:elb/getServiceAccount:getServiceAccount":
      return { arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:root`, id: OFFLINE_ACCOUNT_ID, region };
    default:
      return RENDERERS.includes(token) ? { result: [] } : undefined;
  }
}

type InvokeFn = (tok: string, ...rest: unknown[]) => unknown;
const PATCHED = ["invoke", "invokeOutput", "invokeSingle", "invokeSingleOutput", "call", "callSingle"] as const;

/**
 * Answers the program's invokes offline — the project's {@link INVOKES_FILE} first, then the
 * built-in results — and records every invoke that has neither, with where the program made it.
 */
export class OfflineInvokes {
  /** Invokes with no result, in the order the program made them. */
  readonly missing: MissingInvoke[] = [];

  constructor(
    private readonly results: InvokeResults,
    private readonly projectDir: string,
  ) {}

  /** The result of `token` for `inputs`, or `undefined` when there is none offline. */
  result(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
    return this.results[token] ?? builtinInvokeResult(token, inputs);
  }

  /**
   * Wraps the SDK's invoke entry points so that a call with no result offline is recorded where
   * the program made it (the engine answers asynchronously, far from the call site).
   * Returns the function that undoes it.
   */
  watch(): () => void {
    const runtime = pulumi.runtime as unknown as Record<string, InvokeFn>;
    const originals = PATCHED.map((name) => [name, runtime[name]] as const);
    for (const [name, original] of originals) {
      runtime[name] = (tok, ...rest) => {
        if (
          typeof tok === "string" &&
          this.result(tok, {}) === undefined &&
          !this.missing.some((m) => m.token === tok)
        ) {
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 50;
          const site = new Error().stack;
          Error.stackTraceLimit = limit;
          this.missing.push({ token: tok, location: programLocation(site, this.projectDir) });
        }
        return original(tok, ...rest);
      };
    }
    return () => {
      for (const [name, original] of originals) runtime[name] = original;
    };
  }
}
