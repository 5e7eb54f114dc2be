package tsrequiredlabels

import rego.v1

labels := {"tradesense.io/team": "trading", "tradesense.io/service": "order-gateway"}

params := {"labels": ["tradesense.io/service", "tradesense.io/team"]}

test_pod_with_all_labels_is_allowed if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "order-gateway", "labels": labels}}}, "parameters": params}
	count(violation) == 0 with input as inp
}

test_pod_missing_one_label_is_denied if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "order-gateway", "labels": {"tradesense.io/team": "trading"}}}}, "parameters": params}
	count(violation) == 1 with input as inp
}

test_pod_without_labels_is_denied_once_per_label if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "order-gateway"}}}, "parameters": params}
	count(violation) == 2 with input as inp
}

test_empty_label_value_is_denied if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "order-gateway", "labels": {"tradesense.io/team": "", "tradesense.io/service": "order-gateway"}}}}, "parameters": params}
	count(violation) == 1 with input as inp
}

test_deployment_checks_its_pod_template_too if {
	deployment := {
		"kind": "Deployment",
		"metadata": {"name": "order-gateway", "labels": labels},
		"spec": {"template": {"metadata": {"labels": {"tradesense.io/team": "trading"}}, "spec": {}}},
	}
	inp := {"review": {"object": deployment}, "parameters": params}
	count(violation) == 1 with input as inp
}

test_deployment_labelled_everywhere_is_allowed if {
	deployment := {
		"kind": "Deployment",
		"metadata": {"name": "order-gateway", "labels": labels},
		"spec": {"template": {"metadata": {"labels": labels}, "spec": {}}},
	}
	inp := {"review": {"object": deployment}, "parameters": params}
	count(violation) == 0 with input as inp
}
