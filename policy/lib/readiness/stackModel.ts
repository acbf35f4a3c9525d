import { PolicyResource } from "@pulumi/policy";
import { parseKubernetesType } from "../kubernetesType";
import { SelectorIndex } from "../selectorIndex";
import { namespaceOf, selects } from "../selectors";
import { knownOrUndefined } from "../unknowns";
import { ContainerView, containersOf, PodView, podsOf } from "../workloads";
import { currentStackAnalysis } from "./stackAnalysis";

/** A resource of the stack with its known props copied once. */
export interface StackResource {
  /** The resource as the analyzer hands it. */
  resource: PolicyResource;
  /** Its props, as a plain copy (values unknown in a preview left out). */
  props: any;
}

/** A Kubernetes object of the stack, with its kind and place read once. */
export interface KubeObject extends StackResource {
  /** API group (`core` for the core group). */
  group: string;
  /** Kind, whatever the API version. */
  kind: string;
  /** Namespace it lands in (the provider's default when unset). */
  namespace: string;
  /** `metadata.name`, else the logical name. */
  name: string;
}

/** A workload of the stack: an object that runs pods from a full pod spec. */
export interface WorkloadModel extends KubeObject {
  /** Its pods' specs and template metadata. */
  pods: PodView[];
  /** Its pods' labels (the first pod's template labels). */
  labels: Record<string, string>;
  /** Every container of its pods. */
  containers: ContainerView[];
}

/** What the readiness checks read of one stack, indexed once. */
export interface StackModel {
  /** The stack's resources, as the analyzer hands them. */
  resources: PolicyResource[];
  /** Every Kubernetes object. */
  objects: KubeObject[];
  /** Every resource of a Pulumi type token (any provider: `aws:sns/topic:Topic`), props copied once. */
  ofType(type: string): StackResource[];
  /** Every workload with a full pod spec (patches and operator pod fields aside). */
  workloads: WorkloadModel[];
  /** The object of a kind (any API version and group when `group` is undefined) named `name` in `namespace`. */
  find(kind: string, namespace: string, name: string, group?: string): KubeObject | undefined;
  /** Every object of a kind, any API version. */
  ofKind(kind: string, group?: string): KubeObject[];
  /** Every object of a kind in `namespace`, any API version. */
  inNamespace(kind: string, namespace: string, group?: string): KubeObject[];
  /** The workloads in `namespace` whose pods a label selector (`matchLabels`/`matchExpressions`) selects. */
  selectedBy(namespace: string, selector: any): WorkloadModel[];
  /** The workloads in `namespace` whose pods carry every label of a plain map (a Service's selector). */
  labelled(namespace: string, labels: Record<string, string>): WorkloadModel[];
  /** The objects of a kind (of `group`, any API version) whose own labels a label selector selects, in the namespaces `inScope` admits, in stack order. */
  labelledObjects(kind: string, group: string, selector: any, inScope: (namespace: string) => boolean): KubeObject[];
  /** The workloads whose pods a label selector selects, in the namespaces `inScope` admits, in stack order. */
  selectedIn(selector: any, inScope: (namespace: string) => boolean): WorkloadModel[];
  /**
   * The objects of a kind in `namespace` whose pod selector selects pods labelled `labels`, in
   * stack order (a kind {@link POD_SELECTORS} knows; any API version of `group`).
   */
  selecting(kind: PodSelectingKind, namespace: string, labels: Record<string, string>, group: string): KubeObject[];
}

/** Where each kind that selects pods in its own namespace keeps its selector (an absent one selects every pod). */
const POD_SELECTORS = {
  NetworkPolicy: (props: any) => props.spec?.podSelector ?? {},
};

/** A kind whose objects select pods ({@link StackModel.selecting}). */
export type PodSelectingKind = keyof typeof POD_SELECTORS;

/** Values that are unknown in a preview read as absent: a readiness check judges what is known. */
const known = <T>(read: () => T): T | undefined => knownOrUndefined(read);

/** A plain copy of analyzer props with every value unknown in a preview left out, the rest kept. */
function knownCopy(value: unknown): any {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(knownCopy(known(() => value[i])));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = known(() => (value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = knownCopy(v);
  }
  return out;
}

function objectOf(resource: PolicyResource): KubeObject | undefined {
  const t = parseKubernetesType(resource.type);
  if (!t || t.patch) return undefined;
  const props = knownCopy(resource.props) ?? {};
  return {
    resource,
    group: t.group,
    kind: t.kind,
    namespace: namespaceOf(props),
    name: props.metadata?.name ?? resource.name,
    props,
  };
}

const models = new WeakMap<PolicyResource[], StackModel>();
/** The model of the stack analysis running now, shared by the copies of its resources each policy gets. */
let shared: { analysis: object; model: StackModel } | undefined;

/** The stack's model, built once per resource list (once per stack analysis in the checker) and shared by every readiness policy. */
export function stackModel(resources: PolicyResource[]): StackModel {
  const cached = models.get(resources);
  if (cached) return cached;
  const analysis = currentStackAnalysis();
  if (
    analysis &&
    shared?.analysis === analysis &&
    shared.model.resources.length === resources.length &&
    shared.model.resources.every((r, i) => r.urn === resources[i].urn)
  ) {
    models.set(resources, shared.model);
    return shared.model;
  }
  const model = buildModel(resources);
  models.set(resources, model);
  shared = analysis ? { analysis, model } : undefined;
  return model;
}

/** Key of the items in a namespace that carry one label. */
const labelKey = (namespace: string, key: string, value: unknown) => `${namespace}\0${key}\0${String(value)}`;

/**
 * Namespaced items indexed by namespace and by each of their own labels, so a selector's candidates
 * are those carrying its first required label (or the whole namespace) and never every item.
 */
class LabelIndex<T> {
  private readonly byNamespace = new Map<string, T[]>();
  private readonly byLabel = new Map<string, T[]>();
  private readonly position = new Map<T, number>();

  constructor(
    items: T[],
    namespaceOf: (item: T) => string,
    private readonly labelsOf: (item: T) => Record<string, unknown>,
  ) {
    for (const [i, item] of items.entries()) {
      this.position.set(item, i);
      const ns = namespaceOf(item);
      this.add(this.byNamespace, ns, item);
      for (const [k, v] of Object.entries(labelsOf(item))) this.add(this.byLabel, labelKey(ns, k, v), item);
    }
  }

  /** The items in `namespace` that may carry every label of `pairs`: those with the first, or all of the namespace, in order. */
  candidates(namespace: string, pairs: [string, unknown][]): T[] {
    const [first] = pairs;
    return (first ? this.byLabel.get(labelKey(namespace, first[0], first[1])) : this.byNamespace.get(namespace)) ?? [];
  }

  /** The items a label selector selects in the namespaces `inScope` admits, in the order given. */
  selectedIn(selector: any, inScope: (namespace: string) => boolean): T[] {
    if (!selector) return [];
    const pairs = Object.entries(selector.matchLabels ?? {});
    return [...this.byNamespace.keys()]
      .filter(inScope)
      .flatMap((ns) => this.candidates(ns, pairs))
      .filter((item) => selects(selector, this.labelsOf(item) as Record<string, string>))
      .sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  private add(index: Map<string, T[]>, key: string, item: T): void {
    const list = index.get(key);
    if (list) list.push(item);
    else index.set(key, [item]);
  }
}

function buildModel(resources: PolicyResource[]): StackModel {
  const objects = resources.map(objectOf).filter((o): o is KubeObject => !!o);
  const byName = new Map<string, KubeObject>();
  const byKind = new Map<string, KubeObject[]>();
  const byKindIn = new Map<string, KubeObject[]>();
  const workloads: WorkloadModel[] = [];
  for (const o of objects) {
    byName.set(`${o.kind}/${o.namespace}/${o.name}`, o);
    byName.set(`${o.group}:${o.kind}/${o.namespace}/${o.name}`, o);
    const sameKind = byKind.get(o.kind);
    if (sameKind) sameKind.push(o);
    else byKind.set(o.kind, [o]);
    const kindIn = `${o.kind}/${o.namespace}`;
    const sameKindIn = byKindIn.get(kindIn);
    if (sameKindIn) sameKindIn.push(o);
    else byKindIn.set(kindIn, [o]);
    const pods = (known(() => podsOf(o.resource.type, o.props)) ?? []).filter((p) => !p.partial);
    if (pods.length)
      workloads.push({
        ...o,
        pods,
        labels: pods[0].metadata?.labels ?? {},
        containers: pods.flatMap((p) => containersOf(p)),
      });
  }
  const workloadLabels = new LabelIndex(
    workloads,
    (w) => w.namespace,
    (w) => w.labels,
  );
  const objectLabels = new Map<string, LabelIndex<KubeObject>>();
  const objectLabelIndex = (kind: string, group: string) => {
    let index = objectLabels.get(`${group}:${kind}`);
    if (!index) {
      const ofKind = (byKind.get(kind) ?? []).filter((o) => o.group === group);
      index = new LabelIndex(
        ofKind,
        (o) => o.namespace,
        (o) => o.props.metadata?.labels ?? {},
      );
      objectLabels.set(`${group}:${kind}`, index);
    }
    return index;
  };
  const selectorIndexes = new Map<string, SelectorIndex<KubeObject>>();
  const selectorIndex = (kind: PodSelectingKind, group: string) => {
    let index = selectorIndexes.get(`${group}:${kind}`);
    if (!index) {
      index = new SelectorIndex();
      for (const o of byKind.get(kind) ?? [])
        if (o.group === group) index.add(o.namespace, POD_SELECTORS[kind](o.props), o);
      selectorIndexes.set(`${group}:${kind}`, index);
    }
    return index;
  };
  const stackOrder = new Map(objects.map((o, i) => [o, i]));
  const byType = new Map<string, StackResource[]>();
  const ofType = (type: string): StackResource[] => {
    let typed = byType.get(type);
    if (!typed) {
      typed = resources.filter((r) => r.type === type).map((r) => ({ resource: r, props: knownCopy(r.props) ?? {} }));
      byType.set(type, typed);
    }
    return typed;
  };
  const model: StackModel = {
    resources,
    objects,
    ofType,
    workloads,
    find: (kind, namespace, name, group) =>
      byName.get(group ? `${group}:${kind}/${namespace}/${name}` : `${kind}/${namespace}/${name}`),
    ofKind: (kind, group) => (byKind.get(kind) ?? []).filter((o) => !group || o.group === group),
    inNamespace: (kind, namespace, group) =>
      (byKindIn.get(`${kind}/${namespace}`) ?? []).filter((o) => !group || o.group === group),
    selectedBy: (namespace, selector) => workloadLabels.selectedIn(selector, (ns) => ns === namespace),
    labelled: (namespace, labels) => {
      const pairs = Object.entries(labels);
      return pairs.length
        ? workloadLabels.candidates(namespace, pairs).filter((w) => pairs.every(([k, v]) => w.labels[k] === v))
        : [];
    },
    labelledObjects: (kind, group, selector, inScope) => objectLabelIndex(kind, group).selectedIn(selector, inScope),
    selectedIn: (selector, inScope) => workloadLabels.selectedIn(selector, inScope),
    selecting: (kind, namespace, labels, group) =>
      selectorIndex(kind, group)
        .matching(namespace, labels)
        .sort((a, b) => stackOrder.get(a)! - stackOrder.get(b)!),
  };
  return model;
}
