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
