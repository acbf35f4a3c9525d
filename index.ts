import { platformProgram } from "./components";

/** The stack outputs, as `PlatformOutputs` documents them: environment, namespace, publicUrls, apps, and postgresHost, redisHost and backupBucket when the stack has them. */
export = platformProgram();
