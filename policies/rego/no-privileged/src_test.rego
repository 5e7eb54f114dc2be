package tsnoprivileged

import rego.v1

pod(security_context) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0", "securityContext": security_context}]}}

test_unprivileged_container_is_allowed if {
	inp := {"review": {"object": pod({"privileged": false, "allowPrivilegeEscalation": false})}}
	count(violation) == 0 with input as inp
}

test_container_without_security_context_is_allowed if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0"}]}}}}
	count(violation) == 0 with input as inp
}

test_privileged_container_is_denied if {
	inp := {"review": {"object": pod({"privileged": true})}}
	count(violation) == 1 with input as inp
}

test_privileged_init_container_of_a_cronjob_is_denied if {
	cronjob := {
		"kind": "CronJob",
		"metadata": {"name": "report"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {
			"initContainers": [{"name": "setup", "image": "setup:1.0.0", "securityContext": {"privileged": true}}],
			"containers": [{"name": "report", "image": "report:1.0.0"}],
		}}}}},
	}
	inp := {"review": {"object": cronjob}}
	count(violation) == 1 with input as inp
}
