# One distribution, one origin for the browser: the SPA from S3 (default behaviour) and the API at /api/*,
# so the API needs no CORS and the SPA talks to its own origin.

locals {
  # AWS-managed policies: the same IDs in every account (see "Use managed cache policies" in the CloudFront guide).
  managed_cache_policy_caching_optimized        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  managed_cache_policy_caching_disabled         = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  managed_origin_request_all_viewer_except_host = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  managed_response_headers_security_headers     = "67f7725c-6f97-4210-82d7-5512b31e9d03"

  spa_origin_id = "spa-s3"
  api_origin_id = "api-gateway"
  api_domain    = replace(aws_apigatewayv2_api.http.api_endpoint, "https://", "")

  spa_host   = var.custom_domain == null ? aws_cloudfront_distribution.app.domain_name : var.custom_domain.name
  spa_origin = "https://${local.spa_host}"

  response_headers_policy_id = var.rehearsal_mode ? local.managed_response_headers_security_headers : aws_cloudfront_response_headers_policy.security[0].id
}

resource "aws_cloudfront_origin_access_control" "spa" {
  name                              = "${var.name}-spa"
  description                       = "CloudFront reads the SPA bucket with SigV4"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_function" "spa_routing" {
  name    = "${var.name}-spa-routing"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for client-side routes"
  code    = file("${path.module}/functions/spa-routing.js")
  # moto implements no PublishFunction; a real deploy always publishes (rehearsal_mode is false there).
  publish = !var.rehearsal_mode
}

resource "aws_cloudfront_response_headers_policy" "security" {
  count = var.rehearsal_mode ? 0 : 1

  name    = "${var.name}-security-headers"
  comment = "HSTS, CSP, no sniffing, no framing, strict referrer"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

resource "aws_cloudfront_distribution" "app" {
  #checkov:skip=CKV_AWS_68:No WAF: a web ACL costs about $6 a month before requests, more than the whole stack at low volume; the HTTP API's throttling and the Lambda's reserved concurrency bound abuse. Attach one via web_acl_id when traffic warrants it.
  #checkov:skip=CKV2_AWS_47:Same as CKV_AWS_68: no WAF, so no Log4j managed rule group (the API is Node.js and the parser Python, neither runs Log4j).
  #checkov:skip=CKV_AWS_86:No CloudFront standard logging: it needs a further ACL-enabled log bucket; the API's own access log (API Gateway) records every /api call.
  #checkov:skip=CKV_AWS_310:No origin failover: one region by design; a failover origin group would need a replica bucket and API in a second region.
  #checkov:skip=CKV_AWS_174:TLS 1.2 minimum is set whenever custom_domain is given; on the default *.cloudfront.net certificate CloudFront fixes the policy at TLSv1 and it cannot be raised.
  #checkov:skip=CKV_AWS_374:Geo restriction is available through allowed_viewer_countries; its default is open because where the operators work is the deployer's knowledge, not this module's.
  #checkov:skip=CKV2_AWS_42:A custom certificate is used when custom_domain is set; without one the distribution serves on its cloudfront.net name with AWS's certificate.
  enabled             = true
  comment             = "${var.name}: SPA and /api"
  default_root_object = "index.html"
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  # Europe and North America edges only: the cheapest class; an operator tool needs no global edge.
  price_class = "PriceClass_100"
  aliases     = var.custom_domain == null ? [] : [var.custom_domain.name]

  origin {
    origin_id                = local.spa_origin_id
    domain_name              = aws_s3_bucket.spa.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.spa.id
  }

  origin {
    origin_id   = local.api_origin_id
    domain_name = local.api_domain

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = local.spa_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.managed_cache_policy_caching_optimized
    response_headers_policy_id = local.response_headers_policy_id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_routing.arn
    }
  }

  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = local.api_origin_id
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.managed_cache_policy_caching_disabled
    origin_request_policy_id   = local.managed_origin_request_all_viewer_except_host
    response_headers_policy_id = local.response_headers_policy_id
  }

  restrictions {
    geo_restriction {
      restriction_type = length(var.allowed_viewer_countries) == 0 ? "none" : "whitelist"
      locations        = var.allowed_viewer_countries
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.custom_domain == null
    acm_certificate_arn            = var.custom_domain == null ? null : var.custom_domain.acm_certificate_arn
    ssl_support_method             = var.custom_domain == null ? null : "sni-only"
    minimum_protocol_version       = var.custom_domain == null ? "TLSv1" : "TLSv1.2_2021"
  }
}
