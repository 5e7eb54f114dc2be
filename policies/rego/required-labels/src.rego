# Workloads carry every label of the tag taxonomy (config.tagTaxonomy), so cost,
# ownership and data class can be read off any running object.
package tsrequiredlabels

import rego.v1

violation contains {"msg": msg} if {
	some label in input.parameters.labels
	not has_label(input.review.object.metadata, label)
	msg := sprintf("%s %q is missing the label %q (tag taxonomy): add it to metadata.labels", [input.review.object.kind, object_name, label])
}

violation contains {"msg": msg} if {
	template := pod_template(input.review.object)
	some label in input.parameters.labels
	not has_label(template.metadata, label)
	msg := sprintf("the pod template of %s %q is missing the label %q (tag taxonomy): add it to spec.template.metadata.labels", [input.review.object.kind, object_name, label])
}

has_label(metadata, label) if {
	metadata.labels[label] != ""
}

pod_template(obj) := obj.spec.template if {
	obj.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
}

pod_template(obj) := obj.spec.jobTemplate.spec.template if {
	obj.kind == "CronJob"
}

object_name := object.get(input.review.object.metadata, "name", "")
