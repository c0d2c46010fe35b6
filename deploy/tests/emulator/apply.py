"""The apply of the terraform stub, against the moto server at AWS_ENDPOINT_URL.

python3 apply.py <env> <image tag> <services> <migrating services> <release script>

Creates what the configuration creates before its release tasks (network, security groups,
cluster, log group, the bootstrap and migration task definitions), runs the release script as
terraform_data.release_tasks does, and only when it succeeds creates the ECS services, which
depend on the release tasks in terraform/modules/stack/main.tf. Exits non-zero when the release
script fails, as the apply would.
"""
import os
import subprocess
import sys

import boto3

env, tag, services, migrating, release_script = sys.argv[1:6]
services = services.split()
migrating = migrating.split()
name = f"peerprep-{env}"
region = os.environ["AWS_REGION"]
ec2 = boto3.client("ec2", region_name=region)
ecs = boto3.client("ecs", region_name=region)
account = boto3.client("sts", region_name=region).get_caller_identity()["Account"]
registry = f"{account}.dkr.ecr.{region}.amazonaws.com"

vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=cidr)["Subnet"]["SubnetId"] for cidr in ("10.20.10.0/24", "10.20.11.0/24")]
groups = {
    group: ec2.create_security_group(VpcId=vpc, GroupName=f"{name}-{group}", Description=f"PeerPrep {group}")["GroupId"]
    for group in ["database-bootstrap", *services]
}
ecs.create_cluster(clusterName=name)
boto3.client("logs", region_name=region).create_log_group(logGroupName=f"/ecs/{name}")


def register(family, container, image, command=None):
    definition = {"name": container, "image": image, "essential": True, "cpu": 256, "memory": 512}
    if command:
        definition["command"] = command
    return ecs.register_task_definition(
        family=family, requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="512",
        containerDefinitions=[definition])["taskDefinition"]["taskDefinitionArn"]


tasks = [f"{register(f'{name}-create-databases', 'create-databases', 'public.ecr.aws/docker/library/postgres:16-alpine', ['sh', '-c', 'true'])},create-databases,{groups['database-bootstrap']}"]
for service in migrating:
    arn = register(f"{name}-{service}-migrate", service, f"{registry}/peerprep/{service}:{tag}", ["migrate"])
    tasks.append(f"{arn},{service},{groups[service]}")

command = ["bash", release_script, "--env", env, "--region", region, "--subnets", ",".join(subnets)]
for task in tasks:
    command += ["--task", task]
if subprocess.run(command, env={**os.environ, "PATH": os.environ["EMULATOR_PATH"]}).returncode != 0:
    print("Error: local-exec provisioner error in terraform_data.release_tasks", file=sys.stderr)
    sys.exit(1)

for service in services:
    definition = register(f"{name}-{service}", service, f"{registry}/peerprep/{service}:{tag}")
    ecs.create_service(
        cluster=name, serviceName=service, taskDefinition=definition, desiredCount=2, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [groups[service]], "assignPublicIp": "DISABLED"}})
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(f"terraform created ECS service {service}\n")
print("Apply complete!")
