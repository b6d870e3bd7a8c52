/** "1 item", "50+ items match “bin”": a further page means there are more than shown. */
export function countText(count: number, more: boolean, search: string): string {
  const counted = `${count}${more ? '+' : ''} item${count === 1 && !more ? '' : 's'}`;
  if (!search) return counted;
  return `${counted} match${count === 1 && !more ? 'es' : ''} “${search}”`;
}
