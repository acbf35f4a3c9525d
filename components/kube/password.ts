import * as random from "@pulumi/random";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";

/**
 * A generated password: 32 URL-safe characters (no escaping in connection URLs), a Pulumi secret
 * from the moment it exists — marked here as well as by the provider, so no engine or mock can
 * hand it out in plain text.
 */
export function generatedPassword(parent: pulumi.Resource, parentName: string): pulumi.Output<string> {
  const password = new random.RandomPassword(
    childName(parentName, "password"),
    { length: 32, special: false },
    { parent, additionalSecretOutputs: ["result"] },
  );
  return pulumi.secret(password.result);
}
