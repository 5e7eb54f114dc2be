# A read-only root filesystem stops a compromised process from dropping tools
# or rewriting binaries; writable paths are explicit emptyDir volumes.
package tsreadonlyrootfilesystem

import rego.v1

violation contains {"msg": msg} if {
	spec := pod_spec(input.review.object)
	some field in ["containers", "initContainers"]
	some container in spec[field]
	not container.securityContext.readOnlyRootFilesystem == true
	not exempt(field, container)
	msg := sprintf("container %q of %s %q has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true and mount emptyDir where it must write", [container.name, input.review.object.kind, object_name])
}

# Deliberate exemption (docs/runtime-security.md): Istio's injected istio-init
# runs iptables as root with a writable root filesystem, and the istio-cni
# chart that would remove it is not installed. Only an init container with the
# exempt name AND an image of the exempt repository (the mirrored proxyv2) is
# let through; a look-alike under another image stays denied.
exempt(field, container) if {
	field == "initContainers"
	some entry in object.get(input, ["parameters", "exemptInitContainers"], [])
	container.name == entry.name
	in_repository(container.image, entry.repository)
}

in_repository(image, repository) if startswith(image, concat("", [repository, ":"]))

in_repository(image, repository) if startswith(image, concat("", [repository, "@"]))

# The pod spec of a Pod, or of a workload's pod template: a bad Deployment is
# refused when it is applied, not later when its ReplicaSet creates pods.
# Ephemeral (debug) containers cannot declare a security context here, so only
# containers and init containers are checked.
pod_spec(obj) := obj.spec if {
	obj.kind == "Pod"
}

pod_spec(obj) := obj.spec.template.spec if {
	obj.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
}

pod_spec(obj) := obj.spec.jobTemplate.spec.template.spec if {
	obj.kind == "CronJob"
}

object_name := object.get(input.review.object.metadata, "name", "")
