# Sharing the node's network, PID or IPC namespace escapes pod isolation.
package tsnohostnamespaces

import rego.v1

violation contains {"msg": msg} if {
	spec := pod_spec(input.review.object)
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	spec[field] == true
	msg := sprintf("%s %q sets %s: pods must not share the node's network, PID or IPC namespace", [input.review.object.kind, object_name, field])
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
