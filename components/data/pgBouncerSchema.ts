import { z } from "zod";
import { containerResources, defaultedBy, imageRef, nonRootId } from "../config/primitives";
import { PGBOUNCER_DEFAULTS as D } from "./pgBouncer";

/** The config fragment of {@link PgBouncer}: `data.postgres.pooler`. */
export const pgBouncerSchema = z.strictObject({
  image: defaultedBy(imageRef, D.image).describe("PgBouncer image (Bitnami layout)."),
  runAsUser: defaultedBy(nonRootId, D.runAsUser).describe("UID the image runs as."),
  replicas: defaultedBy(z.int().min(1).max(10), D.replicas).describe("Pooler pods."),
  poolMode: defaultedBy(z.enum(["session", "transaction"]), D.poolMode).describe(
    "transaction (most sharing) or session (for clients relying on session state).",
  ),
  defaultPoolSize: defaultedBy(z.int().min(1).max(1000), D.defaultPoolSize).describe(
    "Server connections per database and user.",
  ),
  maxClientConnections: defaultedBy(z.int().min(1).max(100000), D.maxClientConnections).describe(
    "Client connections accepted.",
  ),
  resources: containerResources.optional().describe("Requests and limits of the pooler container."),
});
