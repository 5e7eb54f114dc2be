# The default service account is shared by everything in a namespace: a pod
# that mounts its token gets whatever anyone ever granted it. Pods use a
# dedicated service account, or mount no token at all.
package tsnodefaultsatoken

import rego.v1

violation contains {"msg": msg} if {
	spec := pod_spec(input.review.object)
	uses_default_service_account(spec)
	not spec.automountServiceAccountToken == false
	msg := sprintf("%s %q mounts the token of the default service account: set serviceAccountName to a dedicated account, or automountServiceAccountToken: false", [input.review.object.kind, object_name])
}

uses_default_service_account(spec) if {
	not spec.serviceAccountName
}

uses_default_service_account(spec) if {
	spec.serviceAccountName in {"", "default"}
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
