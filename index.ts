import { platformProgram } from "./components";

const outputs = platformProgram();

/** `staging` or `prod`. */
export const environment = outputs.environment;
/** Namespace the apps run in. */
export const namespace = outputs.namespace;
/** Public HTTPS URLs by app name. */
export const publicUrls = outputs.publicUrls;
/** Names of the deployed apps. */
export const apps = outputs.apps;
/** PostgreSQL host (credentials are only in the `postgres-credentials` Secret). */
export const postgresHost = outputs.postgresHost;
/** Redis host (credentials are only in the `redis-credentials` Secret). */
export const redisHost = outputs.redisHost;
/** Bucket holding the nightly PostgreSQL dumps. */
export const backupBucket = outputs.backupBucket;
