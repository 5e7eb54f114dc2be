# Images come only from the account's ECR registry of the cluster's region;
# upstream images are pulled through its pull-through cache prefixes.
package tsallowedregistries

import rego.v1

violation contains {"msg": msg} if {
	some container in containers
	not from_allowed_registry(container.image)
	msg := sprintf("container %q of %s %q uses image %q: pull it from %v (the account's ECR, upstream images through its pull-through cache)", [container.name, input.review.object.kind, object_name, container.image, input.parameters.registries])
}

# The registry must be followed by "/": "<registry>.evil.com/app" is not the registry.
from_allowed_registry(image) if {
	some registry in input.parameters.registries
	startswith(image, concat("", [registry, "/"]))
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
