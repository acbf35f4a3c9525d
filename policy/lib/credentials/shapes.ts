import { isReference } from "./templates";

/** A shape of value that is a credential whatever its name. */
export interface CredentialShape {
  /** Stable id, for tests. */
  id: string;
  /** What matched, as a finding says it. */
  description: string;
  /** Where the shape occurs in a text (global, so every occurrence is tried). */
  pattern: RegExp;
  /** Whether the first capture group that matched holds the secret part, which must then be a literal rather than a reference. @default false (the whole match is the secret) */
  captured?: boolean;
}

/** Every credential shape the pack knows. */
export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  {
    id: "pem-private-key",
    description: "PEM private key",
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    id: "url-password",
    description: "URL with a password",
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]*:([^/\s@'"]+)@/gi,
    captured: true,
  },
  {
    id: "connection-string-password",
    description: "connection string with a password",
    pattern:
      /(?<=(?:^|;)\s*[A-Za-z][\w ]*=[^;]*;\s*)(?:password|pwd)\s*=\s*([^;'"\s][^;'"]*)|(?:^|["'\s])(?:password|pwd)\s*=\s*([^;'"\s][^;'"]*);\s*[A-Za-z][\w ]*=/gi,
    captured: true,
  },
  {
    id: "url-query-credential",
    description: "URL query parameter holding a credential",
    pattern: /[?&](?:password|passwd|pwd|client_secret|access_token|api_key|apikey)=([^&\s#'"]+)/gi,
    captured: true,
  },
  {
    id: "authorization-header",
    description: "Authorization header with a literal credential",
    pattern: /\bAuthorization\s*[:=]\s*["']?(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/gi,
    captured: true,
  },
  { id: "aws-access-key-id", description: "AWS access key id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    id: "github-token",
    description: "GitHub token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\b/g,
  },
  { id: "gitlab-token", description: "GitLab token", pattern: /\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}/g },
  { id: "slack-token", description: "Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  {
    id: "slack-webhook",
    description: "Slack webhook URL",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
  },
  {
    id: "stripe-secret-key",
    description: "Stripe secret key",
    pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g,
  },
  { id: "google-api-key", description: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { id: "npm-token", description: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    id: "sendgrid-api-key",
    description: "SendGrid API key",
    pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g,
  },
  {
    id: "jwt",
    description: "JSON Web Token",
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
];

/** Whether one occurrence of the shape holds a literal secret (its secret part is no reference). */
function literalIn(shape: CredentialShape, text: string): boolean {
  for (const m of text.matchAll(shape.pattern)) {
    if (!shape.captured || !isReference(m.slice(1).find((g) => g !== undefined) ?? "")) return true;
  }
  return false;
}

/** The credential shapes a text holds, in table order. */
export function shapesIn(text: string): CredentialShape[] {
  return CREDENTIAL_SHAPES.filter((shape) => literalIn(shape, text));
}
