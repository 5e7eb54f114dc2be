package tsreadonlyrootfilesystem

import rego.v1

pod(security_context) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0", "securityContext": security_context}]}}

test_read_only_root_is_allowed if {
	inp := {"review": {"object": pod({"readOnlyRootFilesystem": true})}}
	count(violation) == 0 with input as inp
}

test_writable_root_is_denied if {
	inp := {"review": {"object": pod({"readOnlyRootFilesystem": false})}}
	count(violation) == 1 with input as inp
}

test_unset_is_denied if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0"}]}}}}
	count(violation) == 1 with input as inp
}

test_job_init_container_is_checked if {
	job := {"kind": "Job", "metadata": {"name": "migrate"}, "spec": {"template": {"spec": {
		"initContainers": [{"name": "wait", "image": "wait:1.0.0"}],
		"containers": [{"name": "migrate", "image": "migrate:1.0.0", "securityContext": {"readOnlyRootFilesystem": true}}],
	}}}}
	inp := {"review": {"object": job}}
	count(violation) == 1 with input as inp
}
