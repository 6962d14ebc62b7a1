terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-central-1"
}

resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "postgres"
  engine_version    = "16"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  multi_az          = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "billing-sessions"
  description          = "billing sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
}

resource "aws_sqs_queue" "invoices" {
  name = "billing-invoices"
}

resource "aws_ecs_service" "billing" {
  name          = "billing"
  desired_count = 2
}
