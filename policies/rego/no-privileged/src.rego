# A privileged container is root on the node: no workload needs it.
package tsnoprivileged

import rego.v1

violation contains {"msg": msg} if {
	some container in containers
	container.securityContext.privileged == true
	msg := sprintf("container %q of %s %q is privileged: remove securityContext.privileged", [container.name, input.review.object.kind, object_name])
}

containers contains container if {
	spec := pod_spec(input.review.object)
	some field in ["containers", "initContainers", "ephemeralContainers"]
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
