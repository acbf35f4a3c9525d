import * as pulumi from "@pulumi/pulumi";

/**
 * The in-cluster Redis server's redis.conf (mounted from its Secret): the password required of
 * every client, the append-only file on with the given fsync policy, data under `/data`. Built
 * with `interpolate`, so it is a secret when the password is one.
 */
export function redisConf(
  password: pulumi.Input<string>,
  appendFsync: "always" | "everysec" | "no",
): pulumi.Output<string> {
  return pulumi.interpolate`requirepass ${password}\nappendonly yes\nappendfsync ${appendFsync}\ndir /data\nprotected-mode yes\n`;
}
