# Images are pinned to a version tag or a digest: ":latest" or no tag at all
# makes a rollback or a re-schedule pull something nobody reviewed.
package tsnolatesttag

import rego.v1

violation contains {"msg": msg} if {
	some container in containers
	not pinned(container.image)
	msg := sprintf("container %q of %s %q uses image %q: pin a version tag or a digest, never :latest or no tag", [container.name, input.review.object.kind, object_name, container.image])
}

# A digest pins the image only when it is well formed (the TypeScript twin parses
# the whole reference; a truncated digest is refused by the runtime anyway).
pinned(image) if {
	regex.match(`@(sha256:[0-9a-fA-F]{64}|sha384:[0-9a-fA-F]{96}|sha512:[0-9a-fA-F]{128})$`, image)
}

pinned(image) if {
	not contains(image, "@")
	image_tag(image) != "latest"
}

# The tag follows the last ":" of the last path segment; a registry port
# ("registry:5000/app") is not a tag.
image_tag(image) := tag if {
	segments := split(image, "/")
	last := segments[count(segments) - 1]
	contains(last, ":")
	parts := split(last, ":")
	tag := parts[count(parts) - 1]
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
