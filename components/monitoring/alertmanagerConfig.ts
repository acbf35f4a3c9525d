/** One Alertmanager receiver: where alerts of some severities go. */
export interface AlertReceiver {
  /** Receiver name. */
  name: string;
  /** Integration. */
  type: "slack" | "pagerduty" | "webhook";
  /** Severities routed to it. */
  severities: ("critical" | "warning" | "info")[];
  /** Slack channel. @default the webhook's channel */
  channel?: string;
}

/** Where Alertmanager finds a receiver's secret (mounted from the receivers Secret). */
export function receiverSecretFile(secretName: string, receiver: string): string {
  return `/etc/alertmanager/secrets/${secretName}/${receiver}`;
}

/**
 * Alertmanager configuration routing by severity. Webhook URLs and routing keys are never written
 * here: each receiver reads its secret from a file mounted from the receivers Secret
 * (`api_url_file`, `routing_key_file`, `url_file`).
 */
export function alertmanagerConfig(receivers: AlertReceiver[], secretName: string): Record<string, unknown> {
  const file = (r: AlertReceiver) => receiverSecretFile(secretName, r.name);
  const integration = (r: AlertReceiver): Record<string, unknown> => {
    switch (r.type) {
      case "slack":
        return {
          slack_configs: [
            {
              api_url_file: file(r),
              send_resolved: true,
              ...(r.channel ? { channel: r.channel } : {}),
              title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}",
              text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}",
            },
          ],
        };
      case "pagerduty":
        return {
          pagerduty_configs: [
            { routing_key_file: file(r), send_resolved: true, description: "{{ .CommonAnnotations.summary }}" },
          ],
        };
      case "webhook":
        return { webhook_configs: [{ url_file: file(r), send_resolved: true }] };
    }
  };
  return {
    route: {
      receiver: "null",
      group_by: ["alertname", "namespace", "app"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        { receiver: "null", matchers: ['alertname = "Watchdog"'] },
        ...receivers.map((r) => ({
          receiver: r.name,
          matchers: [`severity =~ "${r.severities.join("|")}"`],
          continue: true,
        })),
      ],
    },
    inhibit_rules: [
      {
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity = "warning"'],
        equal: ["alertname", "namespace"],
      },
    ],
    receivers: [{ name: "null" }, ...receivers.map((r) => ({ name: r.name, ...integration(r) }))],
  };
}

/** A Secret key, as AlertmanagerConfig references one. */
interface SecretKeySelector {
  name: string;
  key: string;
}

/**
 * The spec of a team's `AlertmanagerConfig` (`monitoring.coreos.com/v1alpha1`): its alerts routed
 * by severity to its receivers, whose URLs and keys are keys of the team's receivers Secret
 * (`secretName`, one key per receiver name), never in the object. The top route ends at the
 * receiver of critical alerts (else the first), so an alert no severity route takes still reaches
 * someone. With the shared Alertmanager's `OnNamespace` strategy, these routes see only alerts
 * labelled with the team's namespace.
 */
export function teamAlertmanagerConfigSpec(
  receivers: readonly AlertReceiver[],
  secretName: string,
): Record<string, unknown> {
  const ref = (r: AlertReceiver): SecretKeySelector => ({ name: secretName, key: r.name });
  const integration = (r: AlertReceiver): Record<string, unknown> => {
    switch (r.type) {
      case "slack":
        return {
          slackConfigs: [
            {
              apiURL: ref(r),
              sendResolved: true,
              ...(r.channel ? { channel: r.channel } : {}),
              title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}",
              text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}",
            },
          ],
        };
      case "pagerduty":
        return {
          pagerdutyConfigs: [
            { routingKey: ref(r), sendResolved: true, description: "{{ .CommonAnnotations.summary }}" },
          ],
        };
      case "webhook":
        return { webhookConfigs: [{ urlSecret: ref(r), sendResolved: true }] };
    }
  };
  const root = receivers.find((r) => r.severities.includes("critical")) ?? receivers[0];
  return {
    route: {
      receiver: root?.name ?? "null",
      groupBy: ["alertname", "app"],
      groupWait: "30s",
      groupInterval: "5m",
      repeatInterval: "4h",
      routes: receivers.map((r) => ({
        receiver: r.name,
        matchers: [{ name: "severity", matchType: "=~", value: r.severities.join("|") }],
        continue: true,
      })),
    },
    inhibitRules: [
      {
        sourceMatch: [{ name: "severity", value: "critical", matchType: "=" }],
        targetMatch: [{ name: "severity", value: "warning", matchType: "=" }],
        equal: ["alertname"],
      },
    ],
    receivers: root ? receivers.map((r) => ({ name: r.name, ...integration(r) })) : [{ name: "null" }],
  };
}
