/* The engine runs `transforms` (the resource option and `pulumi.runtime.registerResourceTransform`)
   by calling back into the program; Pulumi's mock monitor only records them. The checker makes
   the same callbacks, with the same protobuf messages, through the SDK's own callback server.
   Legacy `transformations` need nothing here: the SDK applies them itself before registering. */
import type * as ResourceProto from "@pulumi/pulumi/proto/resource_pb";

const resproto = require("@pulumi/pulumi/proto/resource_pb");
const gstruct = require("google-protobuf/google/protobuf/struct_pb");
const settings = require("@pulumi/pulumi/runtime/settings") as { getCallbacks(): CallbackServerLike | undefined };

type Registration = ResourceProto.RegisterResourceRequest;
type TransformCallback = (bytes: Uint8Array) => Promise<ResourceProto.TransformResponse>;

interface CallbackServerLike {
  _callbacks: Map<string, TransformCallback>;
}

/** The transforms the engine would run, and which resource registered which. */
export class TransformRunner {
  /** Stack transform tokens, in registration order. */
  private readonly stack: string[] = [];
  /** Each registered resource's own transform tokens and parent, by URN. */
  private readonly byUrn = new Map<string, { own: string[]; parent: string }>();

  /** Records a stack transform (`registerResourceTransform`) the program registered. */
  addStackTransform(token: string): void {
    this.stack.push(token);
  }

  /** Records what a registered resource contributes to its children's transforms. */
  registered(urn: string, req: Registration): void {
    this.byUrn.set(urn, { own: req.getTransformsList().map((cb) => cb.getToken()), parent: req.getParent() });
  }

  /** The engine's order: the resource's own transforms, then each ancestor's, nearest first, then the stack's. */
  private chain(req: Registration): string[] {
    const tokens: string[] = req.getTransformsList().map((cb) => cb.getToken());
    const seen = new Set<string>();
    for (
      let parent: string = req.getParent();
      parent && !seen.has(parent);
      parent = this.byUrn.get(parent)?.parent ?? ""
    ) {
      seen.add(parent);
      tokens.push(...(this.byUrn.get(parent)?.own ?? []));
    }
    return [...tokens, ...this.stack];
  }

  /**
   * Runs every transform that applies to the registration, in the engine's order, and writes the
   * transformed properties and options back into the request.
   * @throws Error naming the resource when a transform throws.
   */
  async apply(req: Registration): Promise<void> {
    const tokens = this.chain(req);
    if (!tokens.length) return;
    const callbacks = settings.getCallbacks()?._callbacks;
    let properties = req.getObject() ?? new gstruct.Struct();
    let options = optionsOf(req);
    for (const token of tokens) {
      const callback = callbacks?.get(token);
      if (!callback) continue;
      const request = new resproto.TransformRequest();
      request.setType(req.getType());
      request.setName(req.getName());
      request.setCustom(req.getCustom());
      request.setParent(req.getParent());
      request.setProperties(properties);
      request.setOptions(options);
      let response: ResourceProto.TransformResponse;
      try {
        response = await callback(request.serializeBinary());
      } catch (err) {
        throw new Error(`${req.getName()} [${req.getType()}]: ${(err as Error).message}`);
      }
      properties = response.getProperties() ?? properties;
      options = response.getOptions() ?? options;
    }
    req.setObject(properties);
    writeOptions(req, options);
  }
}

/** The transform options of a registration, as the engine builds them from the request. */
function optionsOf(req: Registration): ResourceProto.TransformResourceOptions {
  const o = new resproto.TransformResourceOptions();
  o.setDependsOnList(req.getDependenciesList());
  o.setProtect(req.getProtect() ?? false);
  o.setIgnoreChangesList(req.getIgnorechangesList());
  o.setReplaceOnChangesList(req.getReplaceonchangesList());
  o.setVersion(req.getVersion());
  o.setAliasesList(req.getAliasesList());
  o.setProvider(req.getProvider());
  const providers = o.getProvidersMap();
  req.getProvidersMap().forEach((value: string, key: string) => providers.set(key, value));
  if (req.getCustomtimeouts()) o.setCustomTimeouts(req.getCustomtimeouts());
  o.setPluginDownloadUrl(req.getPlugindownloadurl());
  o.setRetainOnDelete(req.getRetainondelete() ?? false);
  o.setDeletedWith(req.getDeletedwith());
  o.setReplaceWithList(req.getReplaceWithList());
  o.setDeleteBeforeReplace(req.getDeletebeforereplace());
  o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
  o.setImport(req.getImportid());
  if (req.getHooks()) o.setHooks(req.getHooks());
  if (req.getReplacementTrigger()) o.setReplacementTrigger(req.getReplacementTrigger());
  return o;
}

/** Writes transformed options back into the registration. */
function writeOptions(req: Registration, o: ResourceProto.TransformResourceOptions): void {
  req.setDependenciesList([...new Set([...req.getDependenciesList(), ...o.getDependsOnList()])]);
  const protect = o.getProtect();
  if (protect === undefined) req.clearProtect();
  else req.setProtect(protect);
  req.setIgnorechangesList(o.getIgnoreChangesList());
  req.setReplaceonchangesList(o.getReplaceOnChangesList());
  req.setVersion(o.getVersion());
  req.setAliasesList(o.getAliasesList());
  req.setProvider(o.getProvider());
  const providers = req.getProvidersMap();
  providers.clear();
  o.getProvidersMap().forEach((value: string, key: string) => providers.set(key, value));
  if (o.getCustomTimeouts()) req.setCustomtimeouts(o.getCustomTimeouts());
  req.setPlugindownloadurl(o.getPluginDownloadUrl());
  const retainOnDelete = o.getRetainOnDelete();
  if (retainOnDelete === undefined) req.clearRetainondelete();
  else req.setRetainondelete(retainOnDelete);
  req.setDeletedwith(o.getDeletedWith());
  req.setReplaceWithList(o.getReplaceWithList());
  req.setDeletebeforereplace(o.getDeleteBeforeReplace() ?? false);
  req.setAdditionalsecretoutputsList(o.getAdditionalSecretOutputsList());
  req.setImportid(o.getImport());
}
