# Where parser tasks run. Choice: public subnets, a public IP per task, no inbound rule at all.
#
#   option                                   fixed monthly cost (eu-central-1, 2 AZs)       chosen
#   public subnets + public IP per task      ~$0: IGW free, $0.005/h per IPv4 while a task   yes
#                                            runs (a ~1 min parse costs < $0.0001)
#   private subnets + NAT gateway            ~$35/month per NAT + $0.045/GB                 no
#   private subnets + interface endpoints    ~$45/month: ECR api, ECR dkr, Logs at ~$7.50     no
#   (ecr.api, ecr.dkr, logs) + S3 gateway    per AZ each
#
# A task needs only outbound HTTPS to ECR (image pull), CloudWatch Logs and S3; its security group allows no
# inbound traffic, so a public IP exposes nothing. S3 traffic takes the free S3 gateway endpoint and never
# leaves the AWS network. Move to private subnets + endpoints if policy forbids public IPs.

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first availability_zone_count names are used; AWS appends new zones under later letters, so a new zone never changes the chosen subnets.
  state = "available"
}

resource "aws_vpc" "main" {
  #checkov:skip=CKV2_AWS_11:No VPC flow logs: the VPC holds only short-lived parser tasks with no inbound rule; flow logs would cost more than the traffic they record. Enable them if an audit requires.
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${var.name}-parser" }
}

# Nothing may use the default security group: it allows all traffic between its members.
resource "aws_default_security_group" "locked" {
  vpc_id = aws_vpc.main.id
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  count = var.availability_zone_count

  vpc_id            = aws_vpc.main.id
  availability_zone = data.aws_availability_zones.available.names[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)
  # The public IP is requested per task (assignPublicIp in RunTask), not given to everything in the subnet.
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-parser-${data.aws_availability_zones.available.names[count.index]}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count = var.availability_zone_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.public.id]
}

resource "aws_security_group" "parser" {
  #checkov:skip=CKV2_AWS_5:Attached at run time: the API passes this group in each ECS RunTask call (PARSER_SECURITY_GROUPS), which Terraform cannot see.
  name        = "${var.name}-parser"
  description = "Parser tasks: no inbound, outbound HTTPS only (ECR, CloudWatch Logs, S3)"
  vpc_id      = aws_vpc.main.id

  egress {
    description = "HTTPS to AWS APIs (ECR, CloudWatch Logs, S3)"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
