import { strict as assert } from "node:assert";
import { describeFinding, findCredentials, looksSecret } from "../../policy/lib/credentials/detector";
import { isCredentialName } from "../../policy/lib/credentials/names";
import { CREDENTIAL_SHAPES, shapesIn } from "../../policy/lib/credentials/shapes";
import { isReference, TEMPLATE_SYNTAXES } from "../../policy/lib/credentials/templates";

/** Each shape of the table with values it must match and near misses it must not. */
const SHAPE_EXAMPLES: Record<string, { match: string[]; miss: string[] }> = {
  "pem-private-key": {
    match: [
      "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
      "-----BEGIN OPENSSH PRIVATE KEY-----",
      "-----BEGIN PRIVATE KEY-----",
    ],
    miss: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----"],
  },
  "url-password": {
    match: ["postgres://u:p4ss@h:5432/db", "redis://:hunter2@redis:6379/0", "see amqp://app:s3cret@mq/vhost"],
    miss: [
      "postgres://db:5432/app",
      "postgres://u:${PW}@h/db",
      "postgres://u:$(DB_PASSWORD)@h/db",
      "https://api.example.com",
    ],
  },
  "connection-string-password": {
    match: [
      "Server=db;Database=app;User Id=app;Password=hunter2;",
      "Driver={ODBC};Server=db;Uid=app;Pwd=hunter2",
      "jdbc:sqlserver://db:1433;databaseName=app;user=app;password=hunter2",
    ],
    miss: ["Server=db;Database=app;Integrated Security=true", "Server=db;Password=${DB_PASSWORD}", "Password=;"],
  },
  "url-query-credential": {
    match: ["https://api.example.com/v1?client_secret=abc123", "jdbc:mysql://db/app?user=app&password=hunter2"],
    miss: ["https://api.example.com/v1?user=app&page=2", "https://x/?password=$(PW)"],
  },
  "authorization-header": {
    match: ["curl -H 'Authorization: Bearer abcdef123456' https://x", "Authorization: Basic dXNlcjpwYXNzd29yZA=="],
    miss: ['curl -H "Authorization: Bearer $TOKEN" https://x', "Authorization: Bearer {{ .Data.token }}"],
  },
  "aws-access-key-id": {
    match: ["AKIAIOSFODNN7EXAMPLE", "id=ASIAABCDEFGHIJKLMNOP"],
    miss: ["AKIA123", "akiaiosfodnn7example"],
  },
  "github-token": {
    match: ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"],
    miss: ["ghp_short", "ghx_abcdefghijklmnopqrstuvwxyz0123456789"],
  },
  "gitlab-token": { match: ["glpat-abcdefghij0123456789"], miss: ["glpat-short"] },
  "slack-token": {
    match: ["xoxb-1234567890-abcdefghij", "xoxp-1234567890-1234-abcd"],
    miss: ["xoxq-1234567890-abcdefghij", "xoxb-"],
  },
  "slack-webhook": {
    match: ["https://hooks.slack.com/services/T000/B000/XXXX"],
    miss: ["https://hooks.slack.com/", "https://slack.com/services/T000"],
  },
  "stripe-secret-key": {
    match: ["sk_live_abcdefghijklmnop1234", "rk_test_abcdefghijklmnop1234"],
    miss: ["pk_live_abcdefghijklmnop1234", "sk_live_short"],
  },
  "google-api-key": { match: ["AIzaSyA1234567890abcdefghijklmnopqrstuv"], miss: ["AIzaShort"] },
  "npm-token": { match: ["npm_abcdefghijklmnopqrstuvwxyz0123456789"], miss: ["npm_install", "npm_config_cache"] },
  "sendgrid-api-key": {
    match: ["SG.abcdefghijklmnop1234.abcdefghijklmnopqrstuvwxyz0123"],
    miss: ["SG.short.value", "sg.abcdefghijklmnop1234.abcdefghijklmnop"],
  },
  jwt: {
    match: ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
    miss: ["eyJhbGciOiJIUzI1NiJ9", "eyJ.eyJ.x"],
  },
};

const CREDENTIAL_NAMES = [
  "DB_PASS",
  "SMTP_PASS",
  "GITHUB_BEARER",
  "TLS_KEY_CONTENT",
  "SIGNING_PRIVATE_KEY",
  "TWILIO_AUTH_TOKEN",
  "OIDC_CLIENT_SECRET",
  "dbPassword",
  "apiKey",
  "APIKey",
  "stripe-secret-key",
  "spring.datasource.password",
  "PGPASSWORD",
  "REDISCLI_AUTH",
  "MYSQL_PWD",
  "/nexum/prod/db_password",
  "Authorization",
];

const SETTING_NAMES = [
  "EVENTS_PARTITION_KEY",
  "PASSWORD_RESET_TEMPLATE",
  "SORT_KEY",
  "CACHE_KEY_PREFIX",
  "TOKEN_EXPIRE_MINUTES",
  "NEXUM_PASSWORD_MIN_LENGTH",
  "JWT_ALGORITHM",
  "routingKey",
  "idempotencyKey",
  "passwordFile",
  "checksum/secret",
  "PASSWORD_HASH",
  "secret.reloader.stakater.com/reload",
  "vault.hashicorp.com/agent-inject-secret-db",
  "DB_SECRET_REF",
  "PUBLIC_KEY",
];

/** Templates that stand for a credential without holding it, one per syntax of the table. */
const TEMPLATE_EXAMPLES: Record<string, string> = {
  "shell-variable": "${DB_PASSWORD}",
  "command-substitution": "$(cat /run/secrets/db)",
  "kubernetes-variable": "$(DB_PASSWORD)",
  "grafana-expansion": "$__file{/etc/secrets/pw}",
  "go-template": '{{ with secret "database/creds/app" }}{{ .Data.password }}{{ end }}',
  "erb-jinja": "<%= ENV['DB_PASSWORD'] %>",
  "symfony-env": "%env(DB_PASSWORD)%",
};

const rules = (value: unknown, where = "v") => findCredentials(value, where).map((f) => `${f.path}: ${f.rule}`);

describe("the credential detector", () => {
  describe("value shapes: one row of the table each", () => {
    it("has examples for every row, and no examples for a row it lacks", () =>
      assert.deepEqual(Object.keys(SHAPE_EXAMPLES).sort(), CREDENTIAL_SHAPES.map((s) => s.id).sort()));
    for (const shape of CREDENTIAL_SHAPES) {
      it(`${shape.id}: ${shape.description}`, () => {
        const { match, miss } = SHAPE_EXAMPLES[shape.id] ?? { match: [], miss: [] };
        assert.ok(match.length && miss.length, "has examples");
        for (const v of match) assert.ok(shapesIn(v).includes(shape), `matches ${v}`);
        for (const v of miss) assert.ok(!shapesIn(v).includes(shape), `misses ${v}`);
      });
    }
  });

  describe("names", () => {
    for (const name of CREDENTIAL_NAMES)
      it(`${name} names a credential`, () => assert.equal(isCredentialName(name), true));
    for (const name of SETTING_NAMES) it(`${name} does not`, () => assert.equal(isCredentialName(name), false));
  });

  describe("template references are not credentials", () => {
    it("has an example for every syntax", () =>
      assert.deepEqual(Object.keys(TEMPLATE_EXAMPLES).sort(), TEMPLATE_SYNTAXES.map((t) => t.id).sort()));
    for (const [id, value] of Object.entries(TEMPLATE_EXAMPLES)) {
      it(`${id}: ${value}`, () => {
        assert.ok(TEMPLATE_SYNTAXES.find((t) => t.id === id)!.pattern.test(value), `the ${id} row matches it`);
        assert.equal(isReference(value), true);
        assert.deepEqual(rules({ DB_PASSWORD: value, "app.env": `DB_PASSWORD=${value}\n` }), []);
      });
    }
    it("passes pointers and empty values, and flags a weak literal such as changeme", () => {
      assert.deepEqual(rules({ DB_PASSWORD: "", API_TOKEN: "/run/secrets/token", KEY: "<your key>" }), []);
      assert.deepEqual(rules({ DB_PASSWORD: "changeme" }), ["v.DB_PASSWORD: credential-name"]);
    });
    it("reads a single-quoted shell value as literal: $ in it is no variable", () => {
      assert.deepEqual(rules("PGPASSWORD='pa$word' psql -h db"), ["v: shell-assignment"]);
      assert.deepEqual(rules('PGPASSWORD="$DB_PASSWORD" psql -h db'), []);
    });
  });

  describe("assignments in free text", () => {
    it("shell: inline, exported and chained assignments", () => {
      const script = [
        "set -e",
        "PGPASSWORD='s3cr3t-pw' psql -h db -U app",
        "export API_TOKEN=abc123abc123",
        'cd /tmp && SMTP_PASS="pw-123" ./send',
        'PGPASSWORD="$DB_PASSWORD" pg_dump -f /tmp/x',
        'pg_dump --format=custom --file="$dump"',
      ].join("\n");
      assert.deepEqual(rules(script), [
        "v line 2: shell-assignment",
        "v line 3: shell-assignment",
        "v line 4: shell-assignment",
      ]);
      assert.deepEqual(
        findCredentials(script, "command[2]").map(describeFinding)[0],
        "command[2] line 2: PGPASSWORD assignment in a shell command (value not shown)",
      );
    });
    it("flags: --password=…, --token …, -D properties", () => {
      assert.deepEqual(rules("app --password=hunter2 --port 80"), ["v: flag"]);
      assert.deepEqual(rules("app --auth-token abcdef --verbose"), ["v: flag"]);
      assert.deepEqual(rules("java -Dspring.datasource.password=hunter2 -jar app.jar"), ["v: flag"]);
      assert.deepEqual(rules("app --password-file /run/secrets/db --token $(TOKEN)"), []);
    });
    it("JSON compact and pretty, camelCase keys, nested", () => {
      const doc = { db: { host: "db", dbPassword: "hunter2" }, apiKey: "k-123", partitionKey: "accountId" };
      assert.deepEqual(rules(JSON.stringify(doc)), ["v.db.dbPassword: credential-name", "v.apiKey: credential-name"]);
      assert.deepEqual(rules(JSON.stringify(doc, null, 2)), [
        "v.db.dbPassword: credential-name",
        "v.apiKey: credential-name",
      ]);
      assert.deepEqual(rules(`curl -d '{"user":"app","password":"hunter2"}' https://x`), ["v: setting"]);
    });
    it("YAML, with templates and Grafana expansions passing", () => {
      const yaml = [
        "datasources:",
        "  - name: pg",
        "    secureJsonData:",
        "      password: $__file{/etc/secrets/pw}",
        "    jsonData:",
        "      sslmode: require",
        "  - name: loki",
        "    basicAuthPassword: hunter2",
      ].join("\n");
      assert.deepEqual(rules(yaml), ["v.datasources[1].basicAuthPassword: credential-name"]);
    });
    it("INI, env file and Java properties, comments aside", () => {
      assert.deepEqual(rules("[db]\nuser = app\npassword = hunter2\n; password = old\n"), ["v line 3: setting"]);
      assert.deepEqual(rules("LOG_LEVEL=info\nDB_PASS=hunter2\nTOKEN_EXPIRE_MINUTES=30\n# API_KEY=unset\n"), [
        "v line 2: setting",
      ]);
      assert.deepEqual(rules("log.level=info\nspring.datasource.password=hunter2\n"), ["v line 2: setting"]);
      assert.deepEqual(rules("<config><password>hunter2</password></config>"), ["v: setting"]);
    });
    it("connection strings and URLs anywhere in a text", () => {
      assert.deepEqual(rules("conn: Server=db;User Id=app;Password=hunter2;\nurl: postgres://u:pw@h/db\n"), [
        "v.conn: connection-string-password",
        "v.url: url-password",
      ]);
    });
    it("walks { name, value } entries by name, and reports paths, never values", () => {
      const env = [
        { name: "DB_PASSWORD", value: "hunter2" },
        { name: "DB_PASSWORD_REF", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        { name: "EVENTS_PARTITION_KEY", value: "accountId" },
      ];
      const found = findCredentials(env, "env");
      assert.deepEqual(found.map(describeFinding), [
        `env[0] "DB_PASSWORD": literal value under a credential's name (value not shown)`,
      ]);
      assert.ok(!JSON.stringify(found).includes("hunter2"));
    });
    it("looksSecret: a value check for stack config", () => {
      assert.equal(looksSecret("postgres://app:hunter2@db/app"), true);
      assert.equal(looksSecret("export API_TOKEN=abc123abc123"), true);
      assert.equal(looksSecret("api.example.com"), false);
    });
  });
});
