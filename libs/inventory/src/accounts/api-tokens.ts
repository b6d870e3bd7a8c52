import type { ApiToken, CreateTokenRequest, CreateTokenResponse, Principal } from '@invoice/contracts';
import { DomainError } from '../errors';
import { recordAudit, type AuditContext } from '../use-cases/record-audit';
import { API_TOKEN_PREFIX, type AccountPorts } from './account-ports';
import { toApiToken } from './account-views';
import { roleAllows } from './roles';

/**
 * A token for scripts, acting as its creator in a role no higher than the creator's own (ROLE_ABOVE_OWN);
 * TOKEN_EXISTS when the name is taken. The token is returned this once: the store keeps its digest, and the
 * trail its name and role only.
 */
export async function createToken(deps: AccountPorts, context: AuditContext, creator: Principal, request: CreateTokenRequest): Promise<CreateTokenResponse> {
  if (!roleAllows(creator.role, request.role)) {
    throw new DomainError('ROLE_ABOVE_OWN', `A ${creator.role} cannot create a token with the role ${request.role}.`, {
      ownRole: creator.role,
      requestedRole: request.role,
    });
  }
  const token = API_TOKEN_PREFIX + deps.secrets.newSecret();
  const stored = {
    name: request.name,
    tokenDigest: deps.secrets.digest(token),
    role: request.role,
    username: creator.username,
    createdAt: deps.clock.now().toISOString(),
    lastUsedAt: null,
  };
  await deps.accounts.createToken(stored);
  await recordAudit(deps, context, { action: 'token.create', jobId: null, change: { name: stored.name, role: stored.role, username: stored.username } });
  return { token, apiToken: toApiToken(stored) };
}

/** Every token, by name; never the tokens themselves. */
export async function listTokens(deps: Pick<AccountPorts, 'accounts'>): Promise<ApiToken[]> {
  return (await deps.accounts.listTokens()).map(toApiToken);
}

/** Revokes a token by name: it stops working at once. TOKEN_NOT_FOUND when there is none of that name. */
export async function revokeToken(deps: AccountPorts, context: AuditContext, name: string): Promise<void> {
  if (!(await deps.accounts.deleteToken(name))) {
    throw new DomainError('TOKEN_NOT_FOUND', `There is no API token named ${name}.`, { name });
  }
  await recordAudit(deps, context, { action: 'token.revoke', jobId: null, change: { name } });
}
