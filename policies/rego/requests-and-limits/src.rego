# Every container declares CPU and memory requests (scheduling, quota) and
# limits (a runaway process cannot starve its neighbours).
package tsrequestsandlimits

import rego.v1

violation contains {"msg": msg} if {
	some container in containers
	some section in ["requests", "limits"]
	some resource in ["cpu", "memory"]
	not has_quantity(container, section, resource)
	msg := sprintf("container %q of %s %q sets no resources.%s.%s: declare CPU and memory requests and limits", [container.name, input.review.object.kind, object_name, section, resource])
}

has_quantity(container, section, resource) if {
	container.resources[section][resource] != ""
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
