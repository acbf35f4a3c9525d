import { createPolicyPack } from "./packDefinition";

createPolicyPack();
