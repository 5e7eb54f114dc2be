#!/usr/bin/env bash
# Opens the SSM tunnel of one private EKS cluster (stacks/ci-tunnel.ts) and points the
# kubeconfig context named after the cluster at it. The Session document pins the far end
# to the cluster endpoint on 443; kubectl verifies the API server's certificate against
# the endpoint's name (tls-server-name), so nothing else can answer.
# usage: eks-tunnel.sh <cluster-name> <region> <local-port>
set -euo pipefail

cluster="$1"
region="$2"
port="$3"
# Contract with config/derive/facts.ts: CI_TUNNEL_TAG and ciTunnel.documentName.
tunnel_tag="tradesense:ci-tunnel"
document="${cluster}-ci-tunnel"

read -r endpoint arn < <(aws eks describe-cluster --name "$cluster" --region "$region" \
  --query '[cluster.endpoint, cluster.arn]' --output text)
instance="$(aws ec2 describe-instances --region "$region" \
  --filters "Name=tag:${tunnel_tag},Values=${cluster}" Name=instance-state-name,Values=running \
  --query 'Reservations[].Instances[].InstanceId | [0]' --output text)"
if [ -z "$instance" ] || [ "$instance" = "None" ]; then
  echo "::error::no running CI tunnel instance tagged ${tunnel_tag}=${cluster} in ${region}"
  exit 1
fi

# Detached from stdin so it cannot swallow the caller's input; the runner ends it with the job.
aws ssm start-session --region "$region" --target "$instance" --document-name "$document" \
  --parameters "localPortNumber=${port}" < /dev/null > "${RUNNER_TEMP:-/tmp}/tunnel-${cluster}.log" 2>&1 &

for _ in $(seq 1 30); do
  if (exec 3<> "/dev/tcp/127.0.0.1/${port}") 2> /dev/null; then
    aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$cluster" > /dev/null
    kubectl config set-cluster "$arn" --server "https://127.0.0.1:${port}" --tls-server-name "${endpoint#https://}" > /dev/null
    echo "tunnel to ${cluster} open on 127.0.0.1:${port} through ${instance}"
    exit 0
  fi
  sleep 2
done
cat "${RUNNER_TEMP:-/tmp}/tunnel-${cluster}.log"
echo "::error::the SSM tunnel to ${cluster} did not open within 60 s"
exit 1
