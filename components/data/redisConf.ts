/**
 * The in-cluster Redis server's redis.conf (mounted from its Secret): the password required of
 * every client, the append-only file on with the given fsync policy, data under `/data`.
 */
export function redisConf(password: string, appendFsync: "always" | "everysec" | "no"): string {
  return `requirepass ${password}\nappendonly yes\nappendfsync ${appendFsync}\ndir /data\nprotected-mode yes\n`;
}
