import {
  DatabaseClient,
  databaseClients,
  DatabaseServer,
  databaseServers,
  Pooler,
  poolers,
  serverFor,
} from "../../lib/readiness/databaseServers";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";
import { StackModel, StackResource } from "../../lib/readiness/stackModel";

/** Connections kept free for the platform's own clients (backups, exporters, migrations, an operator's session). */
const PLATFORM_RESERVE = 10;

interface Subject extends StackResource {
  server: DatabaseServer;
}

const serverName = (s: DatabaseServer) => s.names[0];
const describe = (c: DatabaseClient) => `${c.label} ${c.replicas}×${c.perReplica}`;
const total = (cs: readonly DatabaseClient[]) => cs.reduce((n, c) => n + c.replicas * c.perReplica, 0);

function wiring(model: StackModel) {
  const servers = databaseServers(model);
  const pooled = poolers(model);
  const clients = databaseClients(model, pooled);
  const poolerServer = (p: Pooler) => serverFor(servers, p.host?.split(".")[0]) ?? serverFor(servers, undefined);
  return { servers, pooled, clients, poolerServer };
}

/** The database connections the apps may open fit the server's `max_connections`, or a pooler or RDS Proxy sits in between. */
export const connectionBudget = readinessPolicy<Subject>(
  {
    name: "readiness-connection-budget",
    description:
      "The connections the apps of a PostgreSQL server may open at their scaling maxima (replicas or tasks × the connections one opens, declared by the platform.acme-bank.example/database-connections annotation or the acme:database-connections tag) must stay within the server's max_connections minus superuser_reserved_connections and a platform reserve; through a PgBouncer or an RDS Proxy, the pooler's server pool and the proxy's share count instead, and a pooler must accept its clients.",
    severity: "high",
    remediationSteps:
      "Put a pooler in between (data.postgres.pooler, PgBouncer) or an RDS Proxy whose maxConnectionsPercent leaves the reserve, raise max_connections (or the instance class), or lower the apps' pools (workers × (pool + overflow)) and their scaling maxima.",
    url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS",
    configSchema: {
      properties: { platformReserve: { type: "integer", minimum: 0, default: PLATFORM_RESERVE } },
    },
  },
  {
    subjects: (model) => databaseServers(model).map((server) => ({ ...server.subject, server })),
    judge: (subject, model, report, args) => {
      const { servers, pooled, clients, poolerServer } = wiring(model);
      const server = servers.find((s) => s.subject.resource === subject.resource);
      if (!server || server.maxConnections === undefined) return;
      const reserve =
        server.superuserReserved + (args.getConfig<{ platformReserve?: number }>().platformReserve ?? PLATFORM_RESERVE);
      const limit = server.maxConnections - reserve;
      const mine = pooled.filter((p) => poolerServer(p) === server);
      const direct = clients.filter((c) => !c.pooler && serverFor(servers, c.server) === server);
      for (const p of mine) {
        const through = clients.filter((c) => c.pooler === p.workload);
        const accepted = p.replicas * p.maxClients;
        if (total(through) > accepted)
          report(
            p.workload,
            `Pooler ${p.workload.kind} "${p.workload.name}" accepts ${accepted} client connections (${p.replicas}×max_client_conn ${p.maxClients}), but its clients may open ${total(through)} (${through.map(describe).join(", ")}): the rest are refused.`,
          );
      }
      const parts = [
        ...(server.proxyPercent !== undefined
          ? [
              `the RDS Proxy's ${server.proxyPercent}% = ${Math.floor((server.maxConnections * server.proxyPercent) / 100)}`,
            ]
          : direct.map(describe)),
        ...mine.map((p) => `pooler "${p.workload.name}" ${p.replicas}×${p.poolSize}`),
      ];
      const load =
        (server.proxyPercent !== undefined
          ? Math.floor((server.maxConnections * server.proxyPercent) / 100)
          : total(direct)) + mine.reduce((n, p) => n + p.replicas * p.poolSize, 0);
      if (load > limit)
        report(
          subject,
          `PostgreSQL server "${serverName(server)}" allows the apps ${limit} connections (max_connections ${server.maxConnections} from ${server.maxSource}, minus ${server.superuserReserved} superuser-reserved and ${reserve - server.superuserReserved} for the platform), but ${load} may be opened at the scaling maxima (${parts.join(", ")}): connections past the limit are refused.`,
        );
    },
  },
);
