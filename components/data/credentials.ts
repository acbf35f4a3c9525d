import * as random from "@pulumi/random";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";

/**
 * A generated password: 32 URL-safe characters (no escaping in connection URLs), a Pulumi secret
 * from the moment it exists (`RandomPassword.result` is a secret output).
 */
export function generatedPassword(parent: pulumi.ComponentResource, parentName: string): random.RandomPassword {
  return new random.RandomPassword(childName(parentName, "password"), { length: 32, special: false }, { parent, additionalSecretOutputs: ["result"] });
}
