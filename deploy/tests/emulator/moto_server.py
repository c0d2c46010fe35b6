"""Starts moto's server for the emulated deploy tests: moto_server.py <port>.

moto 5.2's RunTask of an awsvpc task definition reads NetworkInterface.private_dns_name, which its
network interfaces do not define, and answers 500. Fargate tasks are always awsvpc, so the
interface gets the name EC2 would give it (ip-10-0-0-1.<region>.compute.internal) before the
server starts; nothing else of moto is changed.
"""
import sys

from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.server import main


def private_dns_name(interface):
    address = (interface.private_ip_address or "0.0.0.0").replace(".", "-")
    return f"ip-{address}.{interface.subnet.availability_zone[:-1]}.compute.internal"


if not hasattr(NetworkInterface, "private_dns_name"):
    NetworkInterface.private_dns_name = property(private_dns_name)

main(["-H", "127.0.0.1", "-p", sys.argv[1]])
