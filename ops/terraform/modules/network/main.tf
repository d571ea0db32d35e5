# Private networking for Buzz: no NAT gateway and no public IPs. HBees reach S3 through a gateway
# endpoint (free, no data processing charge); the HComb pulls its image and writes logs, and the Fuse
# calls Lambda and ECS, through interface endpoints. HBee and Fuse security groups live here so the
# HComb module can admit exactly them.

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  count                = var.network.create_vpc ? 1 : 0
  cidr_block           = var.network.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "private" {
  count             = var.network.create_vpc ? var.network.az_count : 0
  vpc_id            = aws_vpc.this[0].id
  cidr_block        = cidrsubnet(var.network.cidr, 4, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
  tags              = { Name = "${var.name}-private-${count.index}" }
}

resource "aws_route_table" "private" {
  count  = var.network.create_vpc ? 1 : 0
  vpc_id = aws_vpc.this[0].id
  tags   = { Name = "${var.name}-private" }
}

resource "aws_route_table_association" "private" {
  count          = var.network.create_vpc ? var.network.az_count : 0
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[0].id
}

locals {
  vpc_id          = var.network.create_vpc ? aws_vpc.this[0].id : var.network.vpc_id
  subnet_ids      = var.network.create_vpc ? aws_subnet.private[*].id : var.network.private_subnet_ids
  route_table_ids = var.network.create_vpc ? aws_route_table.private[*].id : var.network.private_route_table_ids
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = local.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = local.route_table_ids
  tags              = { Name = "${var.name}-s3" }
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "Interface endpoints of the AWS APIs Buzz calls (HTTPS from the HComb and the Fuse)"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(var.network.interface_endpoints)
  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
  tags                = { Name = "${var.name}-${each.value}" }
}

resource "aws_security_group" "hbee" {
  name        = "${var.name}-hbee"
  description = "HBee functions: S3 through the gateway endpoint, gRPC to the HComb"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "hbee_s3" {
  security_group_id = aws_security_group.hbee.id
  description       = "S3 ranged GETs through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_security_group" "fuse" {
  name        = "${var.name}-fuse"
  description = "The Fuse: AWS APIs through interface endpoints, S3, gRPC to the HComb"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "fuse_s3" {
  security_group_id = aws_security_group.fuse.id
  description       = "S3 (catalog listings, footers, results) through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "fuse_endpoints" {
  security_group_id            = aws_security_group.fuse.id
  description                  = "Lambda and ECS APIs through their interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id
}

# Without interface endpoints (an existing VPC with a NAT), the Fuse reaches Lambda and ECS
# through the NAT over HTTPS.
resource "aws_vpc_security_group_egress_rule" "fuse_https_via_nat" {
  count             = length(var.network.interface_endpoints) == 0 ? 1 : 0
  security_group_id = aws_security_group.fuse.id
  description       = "Lambda and ECS APIs through the VPC's NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_fuse" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the Fuse"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.fuse.id
}
