import { alertLabels } from "./alertLabels";
import { alertRoutes } from "./alertRoutes";
import { connectionBudget } from "./connectionBudget";
import { declaredPaths } from "./declaredPaths";
import { alarmSubscriptions } from "./alarmSubscriptions";
import { cspConnectSrc } from "./cspConnectSrc";
import { deployerPermissions } from "./deployerPermissions";
import { ingressReachability } from "./ingressReachability";
import { limitRangeAdmission } from "./limitRangeAdmission";
import { monitorTargets } from "./monitorTargets";
import { objectReferences } from "./objectReferences";
import { probePorts } from "./probePorts";
import { quotaCapacity } from "./quotaCapacity";
import { routeBackends } from "./routeBackends";
import { scalingTargets } from "./scalingTargets";
import { serviceEndpoints } from "./serviceEndpoints";
import { statefulSetService } from "./statefulSetService";

/** The deploy-readiness policies: whether the stack will work once deployed. */
export const readinessPolicies = [
  serviceEndpoints,
  probePorts,
  routeBackends,
  objectReferences,
  scalingTargets,
  statefulSetService,
  quotaCapacity,
  ingressReachability,
  deployerPermissions,
  limitRangeAdmission,
  monitorTargets,
  alertLabels,
  alertRoutes,
  declaredPaths,
  connectionBudget,
  alarmSubscriptions,
  cspConnectSrc,
];
