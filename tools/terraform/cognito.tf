# AWS mode's users (issue 15): a Cognito user pool with one group per role, and the SPA's app client, which signs
# in through the hosted UI with the authorization code flow and PKCE. API Gateway's JWT authorizer (api.tf) and
# the Lambda itself (apps/api/src/adapters/aws/cognito-jwt-authenticator.ts) accept only this client's tokens;
# the Lambda maps cognito:groups to the role. Users are added by `npm run user -- add` (AdminCreateUser).

locals {
  # Group name = role name (libs/inventory/src/accounts/roles.ts). Lowest precedence wins where Cognito picks one
  # group (the role claim of an identity pool), so the most powerful role comes first. From 1, not 0: the provider
  # sends no precedence for 0, and a group without one ranks last.
  cognito_group_precedence = {
    admin    = 1
    approver = 2
    clerk    = 3
    viewer   = 4
  }

  cognito_domain_prefix = coalesce(var.cognito_domain_prefix, "${var.name}-${substr(sha256(local.account_id), 0, 8)}")
  cognito_issuer        = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.users.id}"
  cognito_hosted_ui_url = "https://${aws_cognito_user_pool_domain.users.domain}.auth.${local.region}.amazoncognito.com"

  # The SPA finishes the sign-in on its own root (it reads ?code= there), and returns there after logout.
  cognito_callback_urls = ["${local.spa_origin}/"]
}

resource "aws_cognito_user_pool" "users" {
  name = "${var.name}-users"
  # Like the tables: a pool holds every user, and deleting it cannot be undone.
  deletion_protection = var.allow_destroying_data ? "INACTIVE" : "ACTIVE"

  # Threat protection (advanced security) needs the Plus tier, billed per active user: off unless asked. Lite, the
  # cheapest tier, has everything else used here (password sign-in, TOTP MFA, groups, the classic hosted UI).
  user_pool_tier = var.cognito_threat_protection ? "PLUS" : "LITE"

  username_configuration {
    case_sensitive = false
  }

  # Only administrators create users (npm run user -- add); nobody signs themselves up.
  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  # The same rule as local mode (libs/inventory/src/accounts/password-policy.ts): length, not character classes.
  password_policy {
    minimum_length                   = 12
    require_lowercase                = false
    require_uppercase                = false
    require_numbers                  = false
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  mfa_configuration = "OPTIONAL"
  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "admin_only"
      priority = 1
    }
  }

  dynamic "user_pool_add_ons" {
    for_each = var.cognito_threat_protection ? [1] : []
    content {
      advanced_security_mode = "ENFORCED"
    }
  }

  tags = local.tags
}

resource "aws_cognito_user_group" "role" {
  for_each = local.cognito_group_precedence

  user_pool_id = aws_cognito_user_pool.users.id
  name         = each.key
  description  = "Members act as ${each.key} in the invoice pipeline (the highest role group of a user wins)."
  precedence   = each.value
}

resource "aws_cognito_user_pool_domain" "users" {
  domain       = local.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.users.id
}

resource "aws_cognito_user_pool_client" "spa" {
  name         = "${var.name}-spa"
  user_pool_id = aws_cognito_user_pool.users.id

  # A browser cannot keep a secret: a public client, protected by PKCE instead (Cognito checks the code_verifier
  # whenever the authorize request carried a code_challenge; the SPA always sends one, S256).
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = local.cognito_callback_urls
  logout_urls                          = local.cognito_callback_urls

  # The hosted UI needs no explicit flow. USER_PASSWORD_AUTH is only for scripts and smoke tests that must get a
  # token without a browser (cognito_password_auth_for_scripts); it sends the password to Cognito, so it is off
  # unless asked for.
  explicit_auth_flows = concat(["ALLOW_REFRESH_TOKEN_AUTH"], var.cognito_password_auth_for_scripts ? ["ALLOW_USER_PASSWORD_AUTH"] : [])

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  # An hour per token, renewed by the refresh token for a working day (local mode's session is 12 hours too).
  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 12
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }
}
