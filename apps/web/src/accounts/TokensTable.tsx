import type { ApiToken } from '@invoice/contracts';
import { formatTimestamp } from '../shared/format';

/** The API tokens by name: never the token itself, which was shown once when it was made. */
export function TokensTable({ tokens, busy, onRevoke }: { tokens: readonly ApiToken[]; busy: boolean; onRevoke: (token: ApiToken) => void }) {
  return (
    <table className="accounts-table">
      <caption className="visually-hidden">API tokens</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Acts as</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.name}>
            <th scope="row">{token.name}</th>
            <td>{token.role}</td>
            <td>{token.username}</td>
            <td>{formatTimestamp(token.createdAt)}</td>
            <td>{token.lastUsedAt ? formatTimestamp(token.lastUsedAt) : 'never'}</td>
            <td>
              <button type="button" className="secondary" disabled={busy} onClick={() => onRevoke(token)}>
                Revoke {token.name}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
