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

proxy := "410987654321.dkr.ecr.us-east-1.amazonaws.com/docker-hub/istio/proxyv2"

exemption := {"exemptInitContainers": [{"name": "istio-init", "repository": proxy}]}

injected(init) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {
	"initContainers": [init],
	"containers": [{"name": "app", "image": "app:1.0.0", "securityContext": {"readOnlyRootFilesystem": true}}],
}}

test_istio_init_of_the_mirrored_proxy_is_exempt if {
	init := {"name": "istio-init", "image": concat("", [proxy, ":1.28.0"]), "securityContext": {"readOnlyRootFilesystem": false}}
	count(violation) == 0 with input as {"review": {"object": injected(init)}, "parameters": exemption}
}

test_istio_init_by_digest_is_exempt if {
	init := {"name": "istio-init", "image": concat("", [proxy, "@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"])}
	count(violation) == 0 with input as {"review": {"object": injected(init)}, "parameters": exemption}
}

test_istio_init_name_under_another_image_is_denied if {
	init := {"name": "istio-init", "image": "410987654321.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/busybox:1.37"}
	count(violation) == 1 with input as {"review": {"object": injected(init)}, "parameters": exemption}
}

test_proxy_image_under_another_name_is_denied if {
	init := {"name": "setup", "image": concat("", [proxy, ":1.28.0"])}
	count(violation) == 1 with input as {"review": {"object": injected(init)}, "parameters": exemption}
}

test_repository_prefix_is_not_the_repository if {
	init := {"name": "istio-init", "image": concat("", [proxy, "-evil:1.28.0"])}
	count(violation) == 1 with input as {"review": {"object": injected(init)}, "parameters": exemption}
}

test_exemption_holds_for_init_containers_only if {
	pod := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "istio-init", "image": concat("", [proxy, ":1.28.0"])}]}}
	count(violation) == 1 with input as {"review": {"object": pod}, "parameters": exemption}
}

test_no_exemption_without_parameters if {
	init := {"name": "istio-init", "image": concat("", [proxy, ":1.28.0"])}
	count(violation) == 1 with input as {"review": {"object": injected(init)}}
}
