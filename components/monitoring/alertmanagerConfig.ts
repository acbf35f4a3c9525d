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
      case "slack": return { slack_configs: [{ api_url_file: file(r), send_resolved: true, ...(r.channel ? { channel: r.channel } : {}), title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}", text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}" }] };
      case "pagerduty": return { pagerduty_configs: [{ routing_key_file: file(r), send_resolved: true, description: "{{ .CommonAnnotations.summary }}" }] };
      case "webhook": return { webhook_configs: [{ url_file: file(r), send_resolved: true }] };
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
        ...receivers.map((r) => ({ receiver: r.name, matchers: [`severity =~ "${r.severities.join("|")}"`], continue: true })),
      ],
    },
    inhibit_rules: [{ source_matchers: ['severity = "critical"'], target_matchers: ['severity = "warning"'], equal: ["alertname", "namespace"] }],
    receivers: [{ name: "null" }, ...receivers.map((r) => ({ name: r.name, ...integration(r) }))],
  };
}
