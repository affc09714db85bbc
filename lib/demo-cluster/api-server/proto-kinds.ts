// Where a kind's protobuf message lives: k8s.io/api's generated.proto packages are named after the
// group's Go package (core for the legacy group, events for events.k8s.io).

/** Kinds written to a subresource rather than served as a resource: [apiVersion, kind, message]. */
export const EXTRA_KINDS: [string, string, string][] = [
  ["autoscaling/v1", "Scale", "k8s.io.api.autoscaling.v1.Scale"],
];

export function protoPackageOf(group: string, version: string): string {
  const pkg = group === "" ? "core" : group.split(".")[0];
  return `k8s.io.api.${pkg}.${version}`;
}
