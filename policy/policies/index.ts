import { Policies } from "@pulumi/policy";
import { removedApis } from "./api/removedApis";
import { argvCredentials } from "./hardening/argvCredentials";
import { configMapCredentials } from "./hardening/configMapCredentials";
import { disruptionBudgets } from "./hardening/disruptionBudgets";
import { highAvailability } from "./hardening/highAvailability";
import { nakedPods } from "./hardening/nakedPods";
import { noIngressSnippets } from "./tls/noIngressSnippets";
import { serviceAccountTokens } from "./hardening/serviceAccountTokens";
import {
  rbacNoClusterAdmin,
  rbacNoExecAttach,
  rbacNoNodeProxy,
  rbacNoPrivilegeEscalation,
  rbacNoSecretsRead,
  rbacNoTokenCreation,
  rbacNoWildcards,
  rbacUnresolvableBinding,
} from "./rbac/rbacPolicies";
import { classicElbTls } from "./tls/classicElbTls";
import { ecrImmutableTags } from "./containers/ecrImmutableTags";
import { ecrScanOnPush } from "./containers/ecrScanOnPush";
import { ecsServiceNoPublicIp } from "./containers/ecsServiceNoPublicIp";
import { ecsTaskNoAddedCapabilities } from "./containers/ecsTaskNoAddedCapabilities";
import { ecsTaskNoHostNamespaces } from "./containers/ecsTaskNoHostNamespaces";
import { ecsTaskNonRoot } from "./containers/ecsTaskNonRoot";
import { ecsTaskNotPrivileged } from "./containers/ecsTaskNotPrivileged";
import { ecsTaskNoSensitiveHostVolumes } from "./containers/ecsTaskNoSensitiveHostVolumes";
import { ecsTaskImagePinned } from "./hardening/ecsTaskImagePinned";
import { ecsTaskPlaintextSecrets } from "./hardening/ecsTaskPlaintextSecrets";
import { ecsTaskReadOnlyRoot } from "./hardening/ecsTaskReadOnlyRoot";
import { lambdaPlaintextSecrets } from "./hardening/lambdaPlaintextSecrets";
import { ssmSecureString } from "./hardening/ssmSecureString";
import { datastoreEncryptionAtRest } from "./data/datastoreEncryptionAtRest";
import { elasticacheAuthentication } from "./data/elasticacheAuthentication";
import { elasticacheEncryptionAtRest } from "./data/elasticacheEncryptionAtRest";
import { memorydbAcl } from "./data/memorydbAcl";
import { mskAuthentication } from "./data/mskAuthentication";
import { mskEncryptionAtRest } from "./data/mskEncryptionAtRest";
import { rdsBackupRetention } from "./data/rdsBackupRetention";
import { rdsNotPublic } from "./data/rdsNotPublic";
import { rdsParameterGroupFamily } from "./data/rdsParameterGroupFamily";
import { s3EncryptionAtRest } from "./data/s3EncryptionAtRest";
import { albDropInvalidHeaders } from "./hardening/albDropInvalidHeaders";
import { imagePinned } from "./hardening/imagePinned";
import { networkPolicyCoverage } from "./hardening/networkPolicyCoverage";
import { pdbCoverage } from "./hardening/pdbCoverage";
import { plaintextSecrets } from "./hardening/plaintextSecrets";
import { readOnlyRootFilesystem } from "./hardening/readOnlyRootFilesystem";
import { workloadProbes } from "./hardening/workloadProbes";
import { allowPrivilegeEscalation } from "./pss/allowPrivilegeEscalation";
import { appArmor } from "./pss/appArmor";
import { capabilitiesBaseline } from "./pss/capabilitiesBaseline";
import { capabilitiesRestricted } from "./pss/capabilitiesRestricted";
import { hostNamespaces } from "./pss/hostNamespaces";
import { hostPathVolumes } from "./pss/hostPathVolumes";
import { hostPorts } from "./pss/hostPorts";
import { hostProbes } from "./pss/hostProbes";
import { privileged } from "./pss/privileged";
import { procMount } from "./pss/procMount";
import { restrictedVolumes } from "./pss/restrictedVolumes";
import { runAsNonRoot } from "./pss/runAsNonRoot";
import { runAsUser } from "./pss/runAsUser";
import { seccomp } from "./pss/seccomp";
import { seLinux } from "./pss/seLinux";
import { sysctls } from "./pss/sysctls";
import { windowsHostProcess } from "./pss/windowsHostProcess";
import { containerResources } from "./resources/containerResources";
import { namespaceGuardrails } from "./resources/namespaceGuardrails";
import { awsListenerTls } from "./tls/awsListenerTls";
import { cloudfrontTls } from "./tls/cloudfrontTls";
import { datastoreTlsInTransit } from "./tls/datastoreTlsInTransit";
import { elasticacheTransitEncryption } from "./tls/elasticacheTransitEncryption";
import { ingressTls } from "./tls/ingressTls";
import { loadBalancerTls } from "./tls/loadBalancerTls";
import { noPlaintextExposure } from "./tls/noPlaintextExposure";
import { memorydbTls } from "./tls/memorydbTls";
import { mskClientTls } from "./tls/mskClientTls";
import { mskInClusterTls } from "./tls/mskInClusterTls";
import { rdsForceSsl } from "./tls/rdsForceSsl";
import { rdsProxyTls } from "./tls/rdsProxyTls";
import { rdsStorageEncrypted } from "./tls/rdsStorageEncrypted";
import { s3SecureTransport } from "./tls/s3SecureTransport";
import { readinessPolicies } from "./readiness";
import { awsListenerRuleTls } from "./tls/awsListenerRuleTls";
import { apiGatewayTls } from "./tls/apiGatewayTls";
import { s3NoPublicAccess } from "./data/s3NoPublicAccess";
import { s3SingleBucketPolicy } from "./data/s3SingleBucketPolicy";
import { securityGroupWorldIngress } from "./access/securityGroupWorldIngress";
import { ec2Imdsv2 } from "./access/ec2Imdsv2";
import { publicResourcePolicy } from "./access/publicResourcePolicy";
import { iamWildcardPolicy } from "./access/iamWildcardPolicy";

/** Name of the policy pack. */
export const PACK_NAME = "platform-guardrails";

/** Every policy of the pack, in report order. */
export const policies: Policies = [
  removedApis,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmor,
  seLinux,
  procMount,
  seccomp,
  sysctls,
  windowsHostProcess,
  hostProbes,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  capabilitiesRestricted,
  ecsTaskNonRoot,
  ecsTaskNotPrivileged,
  ecsTaskNoAddedCapabilities,
  ecsTaskNoHostNamespaces,
  ecsTaskNoSensitiveHostVolumes,
  ecsTaskReadOnlyRoot,
  ecsTaskImagePinned,
  ecsTaskPlaintextSecrets,
  lambdaPlaintextSecrets,
  ssmSecureString,
  ecsServiceNoPublicIp,
  ecrImmutableTags,
  ecrScanOnPush,
  containerResources,
  namespaceGuardrails,
  ingressTls,
  loadBalancerTls,
  noPlaintextExposure,
  noIngressSnippets,
  awsListenerTls,
  awsListenerRuleTls,
  classicElbTls,
  cloudfrontTls,
  apiGatewayTls,
  elasticacheTransitEncryption,
  rdsStorageEncrypted,
  rdsForceSsl,
  rdsProxyTls,
  memorydbTls,
  datastoreTlsInTransit,
  s3SecureTransport,
  s3SingleBucketPolicy,
  mskClientTls,
  mskInClusterTls,
  rdsNotPublic,
  rdsBackupRetention,
  rdsParameterGroupFamily,
  elasticacheEncryptionAtRest,
  elasticacheAuthentication,
  memorydbAcl,
  datastoreEncryptionAtRest,
  s3EncryptionAtRest,
  s3NoPublicAccess,
  mskAuthentication,
  mskEncryptionAtRest,
  securityGroupWorldIngress,
  ec2Imdsv2,
  publicResourcePolicy,
  iamWildcardPolicy,
  readOnlyRootFilesystem,
  imagePinned,
  workloadProbes,
  plaintextSecrets,
  pdbCoverage,
  networkPolicyCoverage,
  albDropInvalidHeaders,
  argvCredentials,
  configMapCredentials,
  nakedPods,
  serviceAccountTokens,
  disruptionBudgets,
  highAvailability,
  rbacNoClusterAdmin,
  rbacNoExecAttach,
  rbacNoWildcards,
  rbacNoSecretsRead,
  rbacNoPrivilegeEscalation,
  rbacNoNodeProxy,
  rbacNoTokenCreation,
  rbacUnresolvableBinding,
  ...readinessPolicies,
];
