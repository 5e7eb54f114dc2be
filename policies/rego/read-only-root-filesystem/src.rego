# A read-only root filesystem stops a compromised process from dropping tools
# or rewriting binaries; writable paths are explicit emptyDir volumes.
package tsreadonlyrootfilesystem

import rego.v1

violation contains {"msg": msg} if {
	some container in containers
	not container.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("container %q of %s %q has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true and mount emptyDir where it must write", [container.name, input.review.object.kind, object_name])
}

# Ephemeral (debug) containers cannot declare resources, so only these are checked.
containers contains container if {
	spec := pod_spec(input.review.object)
	some field in ["containers", "initContainers"]
	some container in spec[field]
}

# The pod spec of a Pod, or of a workload's pod template: a bad Deployment is
# refused when it is applied, not later when its ReplicaSet creates pods.
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
